#include "parsers/ack/ack_codes.h"

#include <set>
#include <string>

#include <gtest/gtest.h>

#include "parsers/schema/finding_codes.h"

namespace bridge::parsers::ack {
namespace {

namespace sc = schema::codes;

// Every code in the table belongs to the code list of the element it is
// written in, for the version of the ack that writes it.
TEST(AckCodesTest, EveryCodeIsValidForItsAckVersion) {
  std::set<std::string_view> seen;
  for (const AckCodeEntry& e : ackCodeTable()) {
    EXPECT_TRUE(seen.insert(e.finding).second) << "duplicate row " << e.finding;
    if (!e.ta1.empty()) {
      EXPECT_TRUE(isValidTa105(e.ta1)) << e.finding;
      EXPECT_EQ(e.level, AckLevel::kInterchange) << e.finding;
    }
    if (!e.contrl.empty()) {
      EXPECT_TRUE(isValidContrl0085(e.contrl)) << e.finding;
    }
    for (bool v5010 : {false, true}) {
      const std::string_view code = v5010 ? e.x12v5010 : e.x12v4010;
      if (code.empty()) continue;
      switch (e.level) {
        case AckLevel::kInterchange:
          ADD_FAILURE() << e.finding << ": interchange findings have TA1 codes only";
          break;
        case AckLevel::kGroup:
          EXPECT_TRUE(isValidAk905(code, v5010)) << e.finding << " " << code;
          break;
        case AckLevel::kTransaction:
          EXPECT_TRUE(isValidAk502(code, v5010)) << e.finding << " " << code;
          break;
        case AckLevel::kSegment:
          EXPECT_TRUE(isValidAk304(code, v5010)) << e.finding << " " << code;
          break;
        case AckLevel::kElement:
          EXPECT_TRUE(isValidAk403(code, v5010)) << e.finding << " " << code;
          break;
      }
    }
  }
}

TEST(AckCodesTest, EverySchemaCodeHasARow) {
  for (const char* code : {sc::kNoSchema,
                           sc::kUnrecognizedSegment,
                           sc::kUnexpectedSegment,
                           sc::kMandatorySegmentMissing,
                           sc::kLoopOverMax,
                           sc::kSegmentOverMax,
                           sc::kSegmentNotInSet,
                           sc::kSegmentOutOfOrder,
                           sc::kNotUsedSegment,
                           sc::kHierarchyInvalid,
                           sc::kMandatoryElementMissing,
                           sc::kConditionalElementMissing,
                           sc::kTooManyElements,
                           sc::kElementTooShort,
                           sc::kElementTooLong,
                           sc::kInvalidCharacter,
                           sc::kInvalidCode,
                           sc::kInvalidDate,
                           sc::kInvalidTime,
                           sc::kExclusionViolated,
                           sc::kTooManyRepetitions,
                           sc::kTooManyComponents,
                           sc::kNotUsedElement,
                           sc::kCodeNotUsed}) {
    EXPECT_NE(findAckCodes(code), nullptr) << code;
  }
}

// The lists differ between versions; the table must not leak 005010 codes
// into a 997.
TEST(AckCodesTest, VersionDifferences) {
  EXPECT_FALSE(isValidAk403("12", false));
  EXPECT_TRUE(isValidAk403("12", true));
  EXPECT_FALSE(isValidAk905("19", false));
  EXPECT_TRUE(isValidAk905("19", true));
  EXPECT_FALSE(isValidAk304("I4", false));
  EXPECT_EQ(findAckCodes(sc::kTooManyRepetitions)->x12v4010, "3");
  EXPECT_EQ(findAckCodes(sc::kTooManyRepetitions)->x12v5010, "12");
  EXPECT_EQ(findAckCodes("X12_DUPLICATE_GS06")->x12v4010, "");
  EXPECT_EQ(findAckCodes("X12_DUPLICATE_GS06")->x12v5010, "19");
  EXPECT_EQ(findAckCodes(sc::kNotUsedSegment)->x12v5010, "I4");
}

TEST(AckCodesTest, EnvelopeCodes) {
  EXPECT_EQ(findAckCodes("X12_MISSING_SE")->x12v4010, "2");
  EXPECT_EQ(findAckCodes("X12_SE02_MISMATCH")->x12v4010, "3");
  EXPECT_EQ(findAckCodes("X12_SE01_COUNT")->x12v4010, "4");
  EXPECT_EQ(findAckCodes("X12_ST01_INVALID")->x12v4010, "6");
  EXPECT_EQ(findAckCodes("X12_ST02_INVALID")->x12v4010, "7");
  EXPECT_EQ(findAckCodes("X12_DUPLICATE_ST02")->x12v4010, "23");
  EXPECT_EQ(findAckCodes("X12_MISSING_GE")->x12v4010, "3");
  EXPECT_EQ(findAckCodes("X12_GE02_MISMATCH")->x12v4010, "4");
  EXPECT_EQ(findAckCodes("X12_GE01_COUNT")->x12v4010, "5");
  EXPECT_EQ(findAckCodes("X12_GS06_INVALID")->x12v4010, "6");
  EXPECT_EQ(findAckCodes("X12_IEA02_MISMATCH")->ta1, "001");
  EXPECT_EQ(findAckCodes("X12_MISSING_IEA")->ta1, "023");
  EXPECT_EQ(findAckCodes("X12_ISA16_INVALID")->ta1, "027");
  EXPECT_EQ(findAckCodes("EDIFACT_UNZ01_COUNT")->contrl, "29");
  EXPECT_EQ(findAckCodes("EDIFACT_UNT02_MISMATCH")->contrl, "28");
  EXPECT_EQ(findAckCodes("EDIFACT_DUPLICATE_UNH_REF")->contrl, "26");
  EXPECT_EQ(findAckCodes("EDIFACT_UNB_SYNTAX")->contrl, "2");
  EXPECT_EQ(findAckCodes("NO_SUCH_CODE"), nullptr);
}

}  // namespace
}  // namespace bridge::parsers::ack
