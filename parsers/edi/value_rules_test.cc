#include "parsers/edi/value_rules.h"

#include <gtest/gtest.h>

namespace bridge::parsers::edi {
namespace {

TEST(ValueRulesTest, IsDigits) {
  EXPECT_TRUE(isDigits("0123456789"));
  EXPECT_FALSE(isDigits(""));
  EXPECT_FALSE(isDigits("12 "));
  EXPECT_FALSE(isDigits("-1"));
}

TEST(ValueRulesTest, ParseCount) {
  EXPECT_EQ(parseCount("0042"), 42u);
  EXPECT_EQ(parseCount("999999999999999999"), 999999999999999999u);
  EXPECT_FALSE(parseCount("1234567890123456789"));  // would risk overflow
  EXPECT_FALSE(parseCount(""));
  EXPECT_FALSE(parseCount("4a"));
}

TEST(ValueRulesTest, SameNumberIgnoresLeadingZeros) {
  EXPECT_TRUE(sameNumber("3438", "000003438"));
  EXPECT_TRUE(sameNumber("0", "000"));
  EXPECT_FALSE(sameNumber("3438", "3439"));
  EXPECT_FALSE(sameNumber("A1", "A1"));
}

TEST(ValueRulesTest, CalendarDates) {
  EXPECT_TRUE(isCalendarDate("240229"));
  EXPECT_TRUE(isCalendarDate("20000229"));
  EXPECT_FALSE(isCalendarDate("19000229"));
  EXPECT_FALSE(isCalendarDate("230229"));
  EXPECT_TRUE(isCalendarDate("991231"));
  EXPECT_FALSE(isCalendarDate("240431"));
  EXPECT_FALSE(isCalendarDate("241301"));
  EXPECT_FALSE(isCalendarDate("240100"));
  EXPECT_FALSE(isCalendarDate("2401011"));
  EXPECT_FALSE(isCalendarDate("BAD_DATE"));
}

TEST(ValueRulesTest, WithCenturyUsesThePosixPivot) {
  EXPECT_EQ(withCentury("240131"), "20240131");
  EXPECT_EQ(withCentury("680101"), "20680101");
  EXPECT_EQ(withCentury("690101"), "19690101");
  EXPECT_EQ(withCentury("990420"), "19990420");
}

TEST(ValueRulesTest, ClockTimes) {
  EXPECT_TRUE(isClockTime("0000", false, 0));
  EXPECT_TRUE(isClockTime("2359", false, 0));
  EXPECT_FALSE(isClockTime("2400", false, 0));
  EXPECT_FALSE(isClockTime("1260", false, 0));
  EXPECT_FALSE(isClockTime("120000", false, 0));
  EXPECT_TRUE(isClockTime("120059", true, 0));
  EXPECT_FALSE(isClockTime("120060", true, 0));
  EXPECT_FALSE(isClockTime("12000", true, 2));
  EXPECT_TRUE(isClockTime("12000099", true, 2));
  EXPECT_FALSE(isClockTime("120000999", true, 2));
}

TEST(ValueRulesTest, ComponentOfMissingPositionsIsEmpty) {
  OwnedSegment owned;
  owned.tag = "UNB";
  owned.elements = {{{"UNOC", "3"}}};
  Segment segment;
  owned.view(segment);
  EXPECT_EQ(componentOf(segment, 0, 1), "3");
  EXPECT_EQ(componentOf(segment, 0, 2), "");
  EXPECT_EQ(componentOf(segment, 5, 0), "");
}

TEST(ValueRulesTest, RawElementJoinsRepetitionsAndComponents) {
  OwnedSegment owned;
  owned.tag = "X";
  owned.elements = {{{"a", "b"}, {"c"}}};
  Segment segment;
  owned.view(segment);
  Delimiters delimiters{'*', '>', '^', '~', 0, 0};
  EXPECT_EQ(rawElement(segment, 0, delimiters), "a>b^c");
  EXPECT_EQ(rawElement(segment, 1, delimiters), "");
}

}  // namespace
}  // namespace bridge::parsers::edi
