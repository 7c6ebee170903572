// Mapping tests: the examples kept beside each mapping (<name>.tests.yaml)
// that prove it before it is activated.
//
//   tests:
//     - name: the corpus 850
//       input: tests/x12-850-order/nodex12_850.edi     # relative to the tests file
//       expect: tests/x12-850-order/nodex12_850.json   # the whole rendered output
//     - name: an order without a number is refused
//       input: tests/x12-850-order/no-number.edi
//       expect_problems: ["orderNumber", "required value is missing"]
//     - name: canonical -> 850 -> canonical is the identity
//       input: tests/order-x12-850/order.json
//       round_trip: x12-850-order                      # the mapping that reads the output back
//
// `expect` compares the rendered output (outbound EDI with a fixed test
// envelope: see fixedOutbound()); a failure shows a line diff.
// `expect_problems` requires every listed text to appear in the problems.
// `round_trip` translates the output back and requires the same document.
//
// Thread-safety: functions.
#pragma once

#include <string>
#include <vector>

#include "mappings/engine/mapping_set.h"
#include "mappings/engine/translator.h"

namespace bridge::mappings {

struct MappingTestOutcome {
  std::string mapping;
  std::string test;
  bool passed = false;
  std::string detail;  // why it failed: a diff, the problems, a missing file
};

// Runs the tests of the named mappings (all of them when `names` is empty).
// A mapping without tests fails: every mapping must prove itself. An unknown
// name is reported as a failed outcome.
// With `update`, a test whose `expect` file is missing or differs has the
// actual output written to it and passes (`map test --update`, to record
// reviewed examples); problems and round trips are still checked.
std::vector<MappingTestOutcome> runMappingTests(const MappingSet& set,
                                                const std::vector<std::string>& names,
                                                const TranslationContext& context,
                                                bool update = false);

// A line diff of two texts: "-" lines only in `expected`, "+" lines only in
// `actual`, with a few lines of context around each change.
std::string lineDiff(const std::string& expected, const std::string& actual);

}  // namespace bridge::mappings
