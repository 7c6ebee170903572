#include "parsers/edi/quote.h"

#include <gtest/gtest.h>

#include <string>

namespace bridge::parsers::edi {
namespace {

TEST(Quote, EscapesControlAndNonAsciiBytes) {
  EXPECT_EQ(quoteValue("AB"), "'AB'");
  EXPECT_EQ(quoteValue("\xC2\xA0\n"), "'\\xC2\\xA0\\x0A'");
}

TEST(Quote, ShortensLongValues) {
  EXPECT_EQ(quoteValue(std::string(50, 'x')), "'" + std::string(40, 'x') + "...'");
  EXPECT_EQ(quoteValue("<?xml version", 12), "'<?xml versio...'");
  EXPECT_EQ(quoteValue("exactly12chr", 12), "'exactly12chr'");
}

TEST(Quote, CountsWithTheirNoun) {
  EXPECT_EQ(plural(1, "message", "messages"), "1 message");
  EXPECT_EQ(plural(0, "message", "messages"), "0 messages");
  EXPECT_EQ(plural(3, "segment", "segments"), "3 segments");
}

TEST(Quote, NamesSingleCharacters) {
  EXPECT_EQ(describeCharacter('\r'), "CR");
  EXPECT_EQ(describeCharacter('\n'), "LF");
  EXPECT_EQ(describeCharacter(' '), "space");
  EXPECT_EQ(describeCharacter('*'), "'*'");
  EXPECT_EQ(describeCharacter('\x89'), "byte 0x89");
  EXPECT_EQ(describeCharacter('\0'), "byte 0x00");
}

}  // namespace
}  // namespace bridge::parsers::edi
