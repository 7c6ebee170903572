#include "parsers/ack/ack_codes.h"

#include <algorithm>
#include <array>
#include <initializer_list>

#include "parsers/schema/finding_codes.h"

namespace bridge::parsers::ack {
namespace {

namespace sc = schema::codes;
using L = AckLevel;

// Columns: finding, level, TA105, 997 (004010), 999 (005010X231A1), CONTRL 0085.
// Where 004010 lacks the 005010 code the 997 column names the nearest 004010
// code, or nothing when no code is close (see docs/findings.md).
constexpr std::array kTable = {
    // Reader: any standard. Findings about bytes outside interchanges have no
    // envelope to be acknowledged in.
    AckCodeEntry{"EDI_BAD_SEGMENT_TAG", L::kTransaction, "", "5", "5", "12"},
    AckCodeEntry{"EDI_SEGMENT_TOO_LONG", L::kInterchange, "023", "", "", "18"},

    // Reader: X12.
    AckCodeEntry{"X12_ISA_LENGTH", L::kInterchange, "022", "", "", ""},
    AckCodeEntry{"X12_MISSING_SE", L::kTransaction, "", "2", "2", ""},
    AckCodeEntry{"X12_MISSING_GE", L::kGroup, "", "3", "3", ""},
    AckCodeEntry{"X12_MISSING_IEA", L::kInterchange, "023", "", "", ""},
    AckCodeEntry{"X12_UNEXPECTED_TRAILER", L::kInterchange, "024", "", "", ""},
    AckCodeEntry{"X12_SEGMENT_OUTSIDE_GROUP", L::kInterchange, "024", "", "", ""},
    AckCodeEntry{"X12_SEGMENT_OUTSIDE_TRANSACTION", L::kGroup, "", "", "", ""},

    // Envelope validation: X12 interchange (TA1 TA105, code list I18).
    AckCodeEntry{"X12_ISA_ELEMENT_COUNT", L::kInterchange, "022", "", "", ""},
    AckCodeEntry{"X12_ISA01_INVALID", L::kInterchange, "010", "", "", ""},
    AckCodeEntry{"X12_ISA02_INVALID", L::kInterchange, "011", "", "", ""},
    AckCodeEntry{"X12_ISA03_INVALID", L::kInterchange, "012", "", "", ""},
    AckCodeEntry{"X12_ISA04_INVALID", L::kInterchange, "013", "", "", ""},
    AckCodeEntry{"X12_ISA05_INVALID", L::kInterchange, "005", "", "", ""},
    AckCodeEntry{"X12_ISA06_INVALID", L::kInterchange, "006", "", "", ""},
    AckCodeEntry{"X12_ISA07_INVALID", L::kInterchange, "007", "", "", ""},
    AckCodeEntry{"X12_ISA08_INVALID", L::kInterchange, "008", "", "", ""},
    AckCodeEntry{"X12_ISA09_INVALID", L::kInterchange, "014", "", "", ""},
    AckCodeEntry{"X12_ISA10_INVALID", L::kInterchange, "015", "", "", ""},
    AckCodeEntry{"X12_ISA11_INVALID", L::kInterchange, "016", "", "", ""},
    AckCodeEntry{"X12_ISA12_INVALID", L::kInterchange, "017", "", "", ""},
    AckCodeEntry{"X12_ISA13_INVALID", L::kInterchange, "018", "", "", ""},
    AckCodeEntry{"X12_ISA14_INVALID", L::kInterchange, "019", "", "", ""},
    AckCodeEntry{"X12_ISA15_INVALID", L::kInterchange, "020", "", "", ""},
    AckCodeEntry{"X12_ISA16_INVALID", L::kInterchange, "027", "", "", ""},
    AckCodeEntry{"X12_IEA01_COUNT", L::kInterchange, "021", "", "", ""},
    AckCodeEntry{"X12_IEA02_MISMATCH", L::kInterchange, "001", "", "", ""},
    AckCodeEntry{"X12_IEA02_FORMAT", L::kInterchange, "", "", "", ""},

    // Envelope validation: X12 functional group (AK905, code list 716).
    AckCodeEntry{"X12_GS_ELEMENT_COUNT", L::kGroup, "", "", "", ""},
    AckCodeEntry{"X12_GS01_INVALID", L::kGroup, "", "1", "1", ""},
    AckCodeEntry{"X12_GS02_INVALID", L::kGroup, "", "", "", ""},
    AckCodeEntry{"X12_GS03_INVALID", L::kGroup, "", "", "", ""},
    AckCodeEntry{"X12_GS04_INVALID", L::kGroup, "", "", "", ""},
    AckCodeEntry{"X12_GS05_INVALID", L::kGroup, "", "", "", ""},
    AckCodeEntry{"X12_GS06_INVALID", L::kGroup, "", "6", "6", ""},
    AckCodeEntry{"X12_GS07_INVALID", L::kGroup, "", "", "", ""},
    AckCodeEntry{"X12_GS08_INVALID", L::kGroup, "", "2", "2", ""},
    AckCodeEntry{"X12_GS08_VERSION", L::kGroup, "", "", "", ""},
    AckCodeEntry{"X12_DUPLICATE_GS06", L::kGroup, "", "", "19", ""},
    AckCodeEntry{"X12_GE01_COUNT", L::kGroup, "", "5", "5", ""},
    AckCodeEntry{"X12_GE02_MISMATCH", L::kGroup, "", "4", "4", ""},
    AckCodeEntry{"X12_GE02_FORMAT", L::kGroup, "", "", "", ""},

    // Envelope validation: X12 transaction set (AK502 / IK502, code list 718).
    AckCodeEntry{"X12_ST01_INVALID", L::kTransaction, "", "6", "6", ""},
    AckCodeEntry{"X12_ST02_INVALID", L::kTransaction, "", "7", "7", ""},
    AckCodeEntry{"X12_DUPLICATE_ST02", L::kTransaction, "", "23", "23", ""},
    AckCodeEntry{"X12_SE01_COUNT", L::kTransaction, "", "4", "4", ""},
    AckCodeEntry{"X12_SE02_MISMATCH", L::kTransaction, "", "3", "3", ""},

    // Reader and envelope validation: EDIFACT (CONTRL 0085).
    AckCodeEntry{"EDIFACT_MISSING_UNB", L::kInterchange, "", "", "", "13"},
    AckCodeEntry{"EDIFACT_MISSING_UNZ", L::kInterchange, "", "", "", "13"},
    AckCodeEntry{"EDIFACT_MISSING_UNE", L::kGroup, "", "", "", "13"},
    AckCodeEntry{"EDIFACT_MISSING_UNT", L::kTransaction, "", "", "", "13"},
    AckCodeEntry{"EDIFACT_UNEXPECTED_TRAILER", L::kInterchange, "", "", "", "33"},
    AckCodeEntry{"EDIFACT_SEGMENT_OUTSIDE_MESSAGE", L::kInterchange, "", "", "", "33"},
    AckCodeEntry{"EDIFACT_CHARSET", L::kTransaction, "", "", "", "21"},
    AckCodeEntry{"EDIFACT_DANGLING_RELEASE", L::kInterchange, "", "", "", "22"},
    AckCodeEntry{"EDIFACT_UNB_SYNTAX", L::kInterchange, "", "", "", "2"},
    AckCodeEntry{"EDIFACT_UNB_VERSION", L::kInterchange, "", "", "", "2"},
    AckCodeEntry{"EDIFACT_UNB_SENDER", L::kInterchange, "", "", "", "12"},
    AckCodeEntry{"EDIFACT_UNB_RECIPIENT", L::kInterchange, "", "", "", "12"},
    AckCodeEntry{"EDIFACT_UNB_DATE", L::kInterchange, "", "", "", "12"},
    AckCodeEntry{"EDIFACT_UNB_TIME", L::kInterchange, "", "", "", "12"},
    AckCodeEntry{"EDIFACT_UNB_REF", L::kInterchange, "", "", "", "12"},
    AckCodeEntry{"EDIFACT_UNZ01_COUNT", L::kInterchange, "", "", "", "29"},
    AckCodeEntry{"EDIFACT_UNZ02_MISMATCH", L::kInterchange, "", "", "", "28"},
    AckCodeEntry{"EDIFACT_UNG_REF", L::kGroup, "", "", "", "12"},
    AckCodeEntry{"EDIFACT_DUPLICATE_UNG_REF", L::kGroup, "", "", "", "26"},
    AckCodeEntry{"EDIFACT_UNE01_COUNT", L::kGroup, "", "", "", "29"},
    AckCodeEntry{"EDIFACT_UNE02_MISMATCH", L::kGroup, "", "", "", "28"},
    AckCodeEntry{"EDIFACT_UNH_REF", L::kTransaction, "", "", "", "12"},
    AckCodeEntry{"EDIFACT_UNH_MESSAGE_ID", L::kTransaction, "", "", "", "12"},
    AckCodeEntry{"EDIFACT_DUPLICATE_UNH_REF", L::kTransaction, "", "", "", "26"},
    AckCodeEntry{"EDIFACT_UNT01_COUNT", L::kTransaction, "", "", "", "29"},
    AckCodeEntry{"EDIFACT_UNT02_MISMATCH", L::kTransaction, "", "", "", "28"},

    // Schema validation. A set without schema is acknowledged on its
    // envelope alone: no code says "not checked".
    AckCodeEntry{sc::kNoSchema, L::kTransaction, "", "", "", ""},
    // Our own schema files are broken: the set cannot be checked, which the
    // partner hears as "not supported" rather than as an error of theirs.
    AckCodeEntry{sc::kSchemaUnusable, L::kTransaction, "", "1", "1", "18"},
    AckCodeEntry{sc::kFindingLimit, L::kTransaction, "", "", "", ""},
    AckCodeEntry{sc::kUnrecognizedSegment, L::kSegment, "", "1", "1", "15"},
    AckCodeEntry{sc::kUnexpectedSegment, L::kSegment, "", "2", "2", "15"},
    AckCodeEntry{sc::kMandatorySegmentMissing, L::kSegment, "", "3", "3", "13"},
    AckCodeEntry{sc::kLoopOverMax, L::kSegment, "", "4", "4", "36"},
    AckCodeEntry{sc::kSegmentOverMax, L::kSegment, "", "5", "5", "35"},
    AckCodeEntry{sc::kSegmentNotInSet, L::kSegment, "", "6", "6", "15"},
    AckCodeEntry{sc::kSegmentOutOfOrder, L::kSegment, "", "7", "7", "15"},
    AckCodeEntry{sc::kNotUsedSegment, L::kSegment, "", "2", "I4", "15"},
    AckCodeEntry{sc::kHierarchyInvalid, L::kSegment, "", "8", "8", "12"},
    AckCodeEntry{sc::kMandatoryElementMissing, L::kElement, "", "1", "1", "13"},
    AckCodeEntry{sc::kConditionalElementMissing, L::kElement, "", "2", "2", "13"},
    AckCodeEntry{sc::kTooManyElements, L::kElement, "", "3", "3", "16"},
    AckCodeEntry{sc::kElementTooShort, L::kElement, "", "4", "4", "40"},
    AckCodeEntry{sc::kElementTooLong, L::kElement, "", "5", "5", "39"},
    AckCodeEntry{sc::kInvalidCharacter, L::kElement, "", "6", "6", "21"},
    AckCodeEntry{sc::kInvalidCode, L::kElement, "", "7", "7", "12"},
    AckCodeEntry{sc::kInvalidDate, L::kElement, "", "8", "8", "12"},
    AckCodeEntry{sc::kInvalidTime, L::kElement, "", "9", "9", "12"},
    AckCodeEntry{sc::kExclusionViolated, L::kElement, "", "10", "10", "15"},
    AckCodeEntry{sc::kTooManyRepetitions, L::kElement, "", "3", "12", "16"},
    AckCodeEntry{sc::kTooManyComponents, L::kElement, "", "3", "13", "16"},
    AckCodeEntry{sc::kNotUsedElement, L::kElement, "", "3", "I10", "15"},
    AckCodeEntry{sc::kCodeNotUsed, L::kElement, "", "7", "I6", "14"},
};

bool oneOf(std::string_view code, std::initializer_list<std::string_view> list) {
  return std::find(list.begin(), list.end(), code) != list.end();
}

// "1".."n" spelled as decimal numbers without leading zeros.
bool numberIn(std::string_view code, int low, int high) {
  if (code.empty() || code.size() > 2 || code[0] == '0') return false;
  int n = 0;
  for (char c : code) {
    if (c < '0' || c > '9') return false;
    n = n * 10 + (c - '0');
  }
  return n >= low && n <= high;
}

}  // namespace

const AckCodeEntry* findAckCodes(std::string_view findingCode) {
  for (const AckCodeEntry& entry : kTable) {
    if (entry.finding == findingCode) return &entry;
  }
  return nullptr;
}

std::span<const AckCodeEntry> ackCodeTable() { return kTable; }

// Code list I18 (TA105): 000-031.
bool isValidTa105(std::string_view code) {
  return code.size() == 3 && code[0] == '0' && code[1] >= '0' && code[1] <= '3' && code[2] >= '0' &&
         code[2] <= '9' && (code[1] < '3' || code[2] <= '1');
}

// Code list 716 as used by the 997 (004010) and the 999 (005010X231A1): 19
// (group control number not unique) exists only from 005010.
bool isValidAk905(std::string_view code, bool v5010) {
  return numberIn(code, 1, 6) || numberIn(code, 10, 18) || numberIn(code, 23, 26) ||
         (v5010 && code == "19");
}

// Code list 718: 18 and 19 and the implementation codes I5/I6 only in 005010.
bool isValidAk502(std::string_view code, bool v5010) {
  return numberIn(code, 1, 13) || numberIn(code, 15, 17) || numberIn(code, 23, 27) ||
         (v5010 && (numberIn(code, 18, 19) || oneOf(code, {"I5", "I6"})));
}

// Code lists 720 (004010 AK304) and 620 (005010 IK304).
bool isValidAk304(std::string_view code, bool v5010) {
  return numberIn(code, 1, 8) || (v5010 && oneOf(code, {"I4", "I6", "I7", "I8", "I9"}));
}

// Code lists 723 (004010 AK403: 1-10) and 621 (005010 IK403).
bool isValidAk403(std::string_view code, bool v5010) {
  if (!v5010) return numberIn(code, 1, 10);
  return numberIn(code, 1, 13) || oneOf(code, {"I6", "I9", "I10", "I11", "I12", "I13"});
}

// 0085 codes listed both in the syntax 3 service code list (UNSL 99A) and
// for CONTRL under syntax 4, so one code serves either CONTRL version.
bool isValidContrl0085(std::string_view code) {
  return oneOf(code,
               {"2",  "7",  "12", "13", "14", "15", "16", "17", "18", "20", "21", "22", "23",
                "24", "25", "26", "28", "29", "30", "32", "33", "35", "36", "37", "39", "40"});
}

}  // namespace bridge::parsers::ack
