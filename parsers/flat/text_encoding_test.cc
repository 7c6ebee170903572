// Decoding and encoding of latin-1, windows-1252 and UTF-8: the strict UTF-8
// rules, the windows-1252 table, and what cannot be encoded.
#include "parsers/flat/text_encoding.h"

#include <gtest/gtest.h>

namespace bridge::parsers::flat {
namespace {

std::string decoded(std::string_view bytes, TextEncoding encoding) {
  std::string out;
  const auto problem = decodeToUtf8(bytes, encoding, out);
  return problem ? "error at " + std::to_string(problem->offset) + ": " + problem->problem : out;
}

std::string encoded(std::string_view utf8, TextEncoding encoding) {
  std::string out;
  const auto problem = encodeFromUtf8(utf8, encoding, out);
  return problem
             ? "error at " + std::to_string(problem->offset) + ": " + problem->describe(encoding)
             : out;
}

TEST(TextEncoding, DecodesLatin1EveryByte) {
  EXPECT_EQ(decoded("caf\xE9 \xA3 \x85", TextEncoding::kLatin1), "café £ \xC2\x85");
}

TEST(TextEncoding, DecodesWindows1252ByItsTable) {
  EXPECT_EQ(decoded("\x80\x8A\x91\x92\x96\x9F\xE9", TextEncoding::kWindows1252), "€Š‘’–Ÿé");
  const std::pair<const char*, const char*> undefined[] = {
      {"\x81", "0x81"}, {"\x8D", "0x8D"}, {"\x8F", "0x8F"}, {"\x90", "0x90"}, {"\x9D", "0x9D"}};
  for (const auto& [byte, name] : undefined) {
    EXPECT_EQ(decoded(std::string("ab") + byte, TextEncoding::kWindows1252),
              std::string("error at 2: byte ") + name + " is undefined in windows-1252");
  }
}

TEST(TextEncoding, AcceptsOnlyWellFormedUtf8) {
  EXPECT_EQ(decoded("a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80", TextEncoding::kUtf8),
            "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80");
  EXPECT_EQ(decoded("ab\xC0\xAF", TextEncoding::kUtf8),
            "error at 2: invalid UTF-8: byte 0xC0 cannot start a character")
      << "overlong '/'";
  EXPECT_EQ(decoded("\xE0\x80\xAF", TextEncoding::kUtf8),
            "error at 0: invalid UTF-8: the character starting with byte 0xE0 is cut short by "
            "byte 0x80")
      << "overlong three-byte form";
  EXPECT_EQ(decoded("x\xED\xA0\x80", TextEncoding::kUtf8),
            "error at 1: invalid UTF-8: the character starting with byte 0xED is cut short by "
            "byte 0xA0")
      << "a UTF-16 surrogate";
  EXPECT_EQ(decoded("\xF4\x90\x80\x80", TextEncoding::kUtf8),
            "error at 0: invalid UTF-8: the character starting with byte 0xF4 is cut short by "
            "byte 0x90")
      << "past U+10FFFF";
  EXPECT_EQ(decoded("\xF5", TextEncoding::kUtf8),
            "error at 0: invalid UTF-8: byte 0xF5 cannot start a character");
  EXPECT_EQ(decoded("ok\xE2\x82", TextEncoding::kUtf8),
            "error at 2: invalid UTF-8: the character starting with byte 0xE2 is cut short by the "
            "end of the input");
  EXPECT_EQ(findInvalidUtf8("ab\xC3\xA9"), std::nullopt);
  EXPECT_EQ(findInvalidUtf8("ab\xC3\xA9\x80"), 4u);
}

TEST(TextEncoding, EncodesWhatTheTargetHas) {
  EXPECT_EQ(encoded("café £", TextEncoding::kLatin1), "caf\xE9 \xA3");
  EXPECT_EQ(encoded("€ Š – é", TextEncoding::kWindows1252), "\x80 \x8A \x96 \xE9");
  EXPECT_EQ(encoded("a€", TextEncoding::kLatin1),
            "error at 1: the character U+20AC '€' cannot be written in latin-1");
  EXPECT_EQ(encoded("\xC2\x85", TextEncoding::kWindows1252),
            "error at 0: the character U+0085 cannot be written in windows-1252")
      << "C1 controls have no windows-1252 byte";
  EXPECT_EQ(encoded("ok\xFF", TextEncoding::kUtf8),
            "error at 2: the value is not valid UTF-8 (at byte 2)");
  EXPECT_EQ(encoded("日本", TextEncoding::kUtf8), "日本");
}

TEST(TextEncoding, CountsCharactersAndNamesThem) {
  EXPECT_EQ(countCharacters("café€"), 5u);
  EXPECT_EQ(codePointName(0x20AC), "U+20AC");
  EXPECT_EQ(encodingName(TextEncoding::kWindows1252), "windows-1252");
}

TEST(ByteDecoder, ReportsWhetherACharacterIsOpen) {
  ByteDecoder decoder(TextEncoding::kUtf8);
  std::string out;
  EXPECT_TRUE(decoder.feed(0xE2, out));
  EXPECT_TRUE(decoder.midCharacter());
  EXPECT_TRUE(decoder.feed(0x82, out));
  EXPECT_TRUE(decoder.feed(0xAC, out));
  EXPECT_FALSE(decoder.midCharacter());
  EXPECT_EQ(out, "€");
  EXPECT_FALSE(decoder.feed(0x80, out));
  EXPECT_EQ(decoder.problem(), "invalid UTF-8: byte 0x80 cannot start a character");
}

}  // namespace
}  // namespace bridge::parsers::flat
