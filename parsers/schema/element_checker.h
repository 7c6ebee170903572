// ElementChecker: checks the elements of one segment against its definition:
// element count, mandatory positions, repetitions, composites and their
// components, each value's type, length and code list, and the relational
// conditions (X12 syntax notes, EDIFACT dependency notes).
//
// Values are read in place from the segment view; nothing is allocated unless
// something is wrong.
//
// Thread-safety: stateless apart from the sink; one per validator.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "parsers/edi/segment.h"
#include "parsers/schema/schema.h"

namespace bridge::parsers::schema {

// One element-level problem, positioned in the segment.
struct ElementProblem {
  const char* code = nullptr;  // a parsers/schema/finding_codes.h code
  uint32_t element = 0;        // 1-based position in the segment
  uint32_t component = 0;      // 1-based component, 0 for the whole element
  uint32_t repetition = 0;     // 1-based repetition, 0 when not repeated
  std::string_view reference;  // element reference number ("353"), or composite id
  std::string_view value;      // the offending value (a view into the segment)
  std::string message;
};

class ElementProblemSink {
 public:
  virtual ~ElementProblemSink() = default;
  virtual void onElementProblem(const ElementProblem& problem) = 0;
};

class ElementChecker {
 public:
  explicit ElementChecker(edi::Standard standard) : standard_(standard) {}

  // Checks `segment` against `definition`; reports through `sink`.
  void check(const edi::Segment& segment, const SegmentDef& definition, ElementProblemSink& sink);

 private:
  // `present`: the element holds data (worked out once per segment by check()).
  void checkPosition(const edi::Segment& segment, size_t index, bool present, const ElementRef& ref,
                     ElementProblemSink& sink);
  void checkComposite(const edi::Segment& segment, size_t index, size_t repetition,
                      const ElementRef& ref, ElementProblemSink& sink);
  void checkValue(std::string_view value, const ElementRef& ref, const ElementDef& def,
                  ElementProblem where, bool codesApply, ElementProblemSink& sink);
  void checkNotes(const std::vector<Note>& notes, const std::vector<bool>& present,
                  const std::vector<ElementRef>& refs, uint32_t element, std::string_view owner,
                  ElementProblemSink& sink);

  edi::Standard standard_;
  std::string_view tag_;  // the segment being checked, for messages
  // Which positions hold data, for the relational notes; kept between
  // segments so that checking allocates nothing.
  std::vector<bool> presentElements_;
  std::vector<bool> presentComponents_;
};

// The length of a value as the standards count it: characters (UTF-8 code
// points), without the sign and decimal mark of a numeric value.
uint32_t valueLength(std::string_view value, ElementType type);

}  // namespace bridge::parsers::schema
