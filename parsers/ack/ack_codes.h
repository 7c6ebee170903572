// The one table that turns finding codes into acknowledgement codes.
//
// A finding is acknowledged at one level of the envelope: the interchange
// (X12 TA1 TA105, EDIFACT UCI), the functional group (AK905, UCF), the
// transaction set / message (AK502 / IK502, UCM), a segment in it (AK304 /
// IK304, UCS) or an element of that segment (AK403 / IK403, UCD). The table
// gives, per finding code, that level and exactly one code per acknowledgement
// kind; an empty code means the kind has no fitting code (the finding then
// only decides the status, by its severity). Codes are those of the ack's own
// version: 997 uses the 004010 lists, 999 the 005010X231A1 lists, CONTRL the
// 0085 codes common to syntax versions 3 and 4. docs/findings.md lists the
// table ("Acknowledgement codes").
//
// Thread-safety: immutable data.
#pragma once

#include <span>
#include <string_view>

namespace bridge::parsers::ack {

enum class AckLevel { kInterchange, kGroup, kTransaction, kSegment, kElement };

struct AckCodeEntry {
  std::string_view finding;  // the finding code, e.g. "X12_SE01_COUNT"
  AckLevel level;
  std::string_view ta1;       // TA105 (I18), interchange level only
  std::string_view x12v4010;  // 997: AK905 / AK502 / AK304 / AK403 by level
  std::string_view x12v5010;  // 999: AK905 / IK502 / IK304 / IK403 by level
  std::string_view contrl;    // CONTRL 0085
};

// The entry for a finding code, or nullptr for a code the table does not know
// (a finding of a newer component; it is acknowledged by severity alone).
const AckCodeEntry* findAckCodes(std::string_view findingCode);

// Every entry, for documentation and tests.
std::span<const AckCodeEntry> ackCodeTable();

// Whether a code belongs to the code list of the element it is written in,
// for the given ack kind; used by the tests to check the table against the
// reference lists.
bool isValidTa105(std::string_view code);
bool isValidAk905(std::string_view code, bool v5010);
bool isValidAk502(std::string_view code, bool v5010);
bool isValidAk304(std::string_view code, bool v5010);
bool isValidAk403(std::string_view code, bool v5010);
bool isValidContrl0085(std::string_view code);

}  // namespace bridge::parsers::ack
