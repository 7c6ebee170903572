// Location and Finding: how every part of edi-bridge says what is wrong with
// an input and where.
//
// A Finding is data, never an exception: readers and validators report them to
// a FindingSink and carry on, so one bad segment never hides the next one and
// acknowledgements can list every error. Codes are stable strings (documented
// in docs/findings.md); tools, tests and acknowledgement generation key on
// them, so a code is never renamed once shipped.
//
// Thread-safety: values; safe to copy between threads.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace bridge::core {

// Where in an input something is. Every position is 1-based; 0 means "not
// applicable" (a finding about a whole segment has element 0).
struct Location {
  uint64_t byteOffset = 0;          // offset of the segment (or byte) from the start of the input
  uint64_t line = 0;                // 1-based line of byteOffset; 0 when unknown
  uint64_t segmentIndex = 0;        // position of the segment in the input, counting from 1
  uint64_t transactionSegment = 0;  // position inside its transaction set/message (ST/UNH = 1)
  std::string segmentTag;           // "N1", "UNB"; empty when not at a segment
  uint32_t element = 0;             // element position in the segment (ISA01 = 1)
  uint32_t component = 0;           // component position in the element
  uint32_t repetition = 0;          // repetition of the element, counting from 1
  // Set by schema validation, for acknowledgements (X12 AK3/AK4, IK3/IK4/CTX):
  std::string loopId;            // the loop the segment is in ("N1"); empty at top level
  std::string elementReference;  // the element's reference number ("353")

  // "segment 12 (N1), element 3, component 2"; empty when nothing is known.
  std::string describe() const;
};

enum class Severity { kInfo, kWarning, kError };

std::string_view severityName(Severity severity);

struct Finding {
  Severity severity = Severity::kError;
  std::string code;     // stable identifier, e.g. "X12_SE01_COUNT"
  std::string message;  // what is wrong, and what to do about it
  Location location;
  // A copy of the offending value where an acknowledgement may carry it
  // (X12 AK404/IK404); empty otherwise.
  std::string value;

  bool isError() const { return severity == Severity::kError; }
};

// Receives findings as they are discovered.
class FindingSink {
 public:
  virtual ~FindingSink() = default;
  virtual void onFinding(const Finding& finding) = 0;
};

}  // namespace bridge::core
