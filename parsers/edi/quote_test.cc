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
