#include "mappings/engine/transforms.h"

#include <gtest/gtest.h>

namespace bridge::mappings {
namespace {

using nlohmann::json;

json apply(Transform::Kind kind, const json& value, std::string text = "", int64_t number = 0) {
  Transform t;
  t.kind = kind;
  t.text = std::move(text);
  t.number = number;
  auto result = applyTransform(t, value);
  return result ? *result : json("ERROR: " + result.status().message());
}

TEST(TransformsTest, DatesFromEdiToIso) {
  using K = Transform::Kind;
  EXPECT_EQ(apply(K::kParseDate, "20261127", "CCYYMMDD"), "2026-11-27");
  EXPECT_EQ(apply(K::kParseDate, "261127", "YYMMDD"), "2026-11-27");
  EXPECT_EQ(apply(K::kParseDate, "991231", "YYMMDD"), "1999-12-31");
  EXPECT_EQ(apply(K::kParseDate, "20261127", "102"), "2026-11-27");
  EXPECT_EQ(apply(K::kParseDate, "202611271345", "203"), "2026-11-27");
  EXPECT_EQ(apply(K::kParseDate, "112726", "MMDDYY"), "2026-11-27");
  EXPECT_EQ(apply(K::kParseDate, "20240229", "auto"), "2024-02-29");
  EXPECT_EQ(apply(K::kParseDateTime, "202611271345", "203"), "2026-11-27T13:45:00");
  EXPECT_EQ(apply(K::kParseTime, "1345", "HHMM"), "13:45");
  EXPECT_EQ(apply(K::kParseTime, "134502", "HHMMSS"), "13:45:02");
}

TEST(TransformsTest, ImpossibleDatesAreRefusedWithTheValue) {
  using K = Transform::Kind;
  EXPECT_EQ(apply(K::kParseDate, "20230229", "CCYYMMDD"),
            "ERROR: value '20230229' is not a valid date in format CCYYMMDD");
  EXPECT_EQ(apply(K::kParseDate, "2026113", "CCYYMMDD"),
            "ERROR: value '2026113' is not a valid date in format CCYYMMDD");
  EXPECT_EQ(apply(K::kParseTime, "2460", "HHMM"),
            "ERROR: value '2460' is not a valid time in format HHMM");
}

TEST(TransformsTest, DatesFromIsoToEdi) {
  using K = Transform::Kind;
  EXPECT_EQ(apply(K::kFormatDate, "2026-11-27", "CCYYMMDD"), "20261127");
  EXPECT_EQ(apply(K::kFormatDate, "2026-11-27", "YYMMDD"), "261127");
  EXPECT_EQ(apply(K::kFormatDate, "2026-11-27T08:30:00", "102"), "20261127");
  EXPECT_EQ(apply(K::kFormatDateTime, "2026-11-27T08:30:00", "203"), "202611270830");
  EXPECT_EQ(apply(K::kFormatTime, "08:30", "HHMM"), "0830");
  EXPECT_EQ(apply(K::kFormatTime, "2026-11-27T08:30:15", "HHMMSS"), "083015");
  EXPECT_EQ(apply(K::kFormatDate, "27/11/2026", "CCYYMMDD"),
            "ERROR: value '27/11/2026' is not an ISO 8601 date (YYYY-MM-DD)");
}

TEST(TransformsTest, NumbersAndImpliedDecimals) {
  using K = Transform::Kind;
  EXPECT_EQ(apply(K::kNumber, "0012"), json(12));
  EXPECT_EQ(apply(K::kNumber, "12.50"), json(12.5));
  EXPECT_EQ(apply(K::kNumber, "12,5"), json(12.5));
  EXPECT_EQ(apply(K::kNumber, "-3"), json(-3));
  EXPECT_EQ(apply(K::kNumber, "1e5"), "ERROR: value '1e5' is not a number");
  EXPECT_EQ(apply(K::kInteger, "7.5"), "ERROR: value '7.5' is not a whole number");
  EXPECT_EQ(apply(K::kFromImplied, "36002", "", 2), json(360.02));
  EXPECT_EQ(apply(K::kFromImplied, "-500", "", 2), json(-5));
  EXPECT_EQ(apply(K::kToImplied, json(360.02), "", 2), "36002");
  EXPECT_EQ(apply(K::kFixed, json(9.5), "", 2), "9.50");
  EXPECT_EQ(scalarText(json(13.79)), "13.79");
  EXPECT_EQ(scalarText(json(0.1 + 0.2)), "0.30000000000000004");
  EXPECT_EQ(scalarText(json(120)), "120");
}

TEST(TransformsTest, TextShaping) {
  using K = Transform::Kind;
  EXPECT_EQ(apply(K::kTrim, "  ACME  "), "ACME");
  EXPECT_EQ(apply(K::kTrim, "   "), json(nullptr));
  EXPECT_EQ(apply(K::kUpper, "ea"), "EA");
  Transform pad;
  pad.kind = K::kPad;
  pad.number = 6;
  pad.text = "0";
  pad.left = true;
  EXPECT_EQ(*applyTransform(pad, "42"), "000042");
  Transform split;
  split.kind = K::kSplit;
  split.text = "-";
  split.number = 2;
  EXPECT_EQ(*applyTransform(split, "065322-117"), "117");
  split.number = 3;
  EXPECT_EQ(*applyTransform(split, "065322-117"), json(nullptr));
  Transform substring;
  substring.kind = K::kSubstring;
  substring.number = 3;
  substring.number2 = 2;
  EXPECT_EQ(*applyTransform(substring, "ABCDEF"), "CD");
  Transform replace;
  replace.kind = K::kReplace;
  replace.text = ",";
  replace.text2 = "";
  EXPECT_EQ(*applyTransform(replace, "1,200,000"), "1200000");
}

TEST(TransformsTest, GS1CheckDigits) {
  using K = Transform::Kind;
  // The SSCC example of the GS1 General Specifications.
  // extension 1, company prefix 0614141, serial 123456789: check digit 7.
  EXPECT_EQ(apply(K::kCheckDigit, "10614141123456789", "append"), "106141411234567897");
  EXPECT_EQ(apply(K::kCheckDigit, "106141411234567897", "verify"), "106141411234567897");
  EXPECT_EQ(apply(K::kCheckDigit, "106141411234567890", "verify"),
            "ERROR: value '106141411234567890' has check digit 0; GS1 mod 10 gives 7");
  EXPECT_EQ(apply(K::kCheckDigit, "ABC", "verify"),
            "ERROR: value 'ABC' is not a GS1 number (7 to 18 digits)");
}

TEST(TransformsTest, CodeTablesAndTheirOtherwise) {
  CodeTable table;
  table.origin = "table 'uom'";
  table.entries = {{"CA", "case"}};
  Transform t;
  t.kind = Transform::Kind::kTable;
  t.table = &table;
  EXPECT_EQ(*applyTransform(t, "CA"), "case");
  auto refused = applyTransform(t, "PL");
  ASSERT_FALSE(refused.isOk());
  EXPECT_EQ(refused.status().message(),
            "value 'PL' is not in table 'uom'; add it there, or give the table an 'otherwise'");
  table.otherwise = CodeTable::Otherwise::kKeep;
  EXPECT_EQ(*applyTransform(t, "PL"), "PL");
  table.otherwise = CodeTable::Otherwise::kValue;
  table.otherwiseValue = "other";
  EXPECT_EQ(*applyTransform(t, "PL"), "other");
}

}  // namespace
}  // namespace bridge::mappings
