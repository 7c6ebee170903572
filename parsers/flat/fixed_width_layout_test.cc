// The fixed_width: section of a mapping: record types, fields, and each
// problem with the file:line:column an administrator sees.
#include "parsers/flat/fixed_width_layout.h"

#include <gtest/gtest.h>

#include "parsers/flat/flat_test_support.h"

namespace bridge::parsers::flat {
namespace {

using Lines = std::vector<std::string>;

testing::Loaded<FixedWidthLayout> load(std::string_view yaml) {
  return testing::loadLayout<FixedWidthLayout>(yaml, "fixed_width", loadFixedWidthLayout);
}

TEST(FixedWidthLayoutLoader, ReadsRecordTypesAndFields) {
  const FixedWidthLayout layout = testing::layoutOf<FixedWidthLayout>(
      "fixed_width:\n"
      "  record_type: { offset: 1, length: 2 }\n"
      "  records:\n"
      "    HD:\n"
      "      length: 40\n"
      "      fields:\n"
      "        - { name: invoice_number, offset: 3, length: 10 }\n"
      "        - { name: total, offset: 13, length: 11, decimals: 2, pad: \"0\" }\n"
      "        - { name: date, offset: 24, length: 8, align: right, pad: zero }\n"
      "    DT: { fields: [{ name: sku, offset: 3, length: 5, pad: \"_\" }] }\n"
      "  encoding: latin-1\n"
      "  line_ending: crlf\n"
      "  max_record_bytes: 200\n",
      "fixed_width", loadFixedWidthLayout);
  ASSERT_TRUE(layout.recordType.has_value());
  EXPECT_EQ(layout.recordType->offset, 1u);
  EXPECT_EQ(layout.recordType->length, 2u);
  ASSERT_EQ(layout.records.size(), 2u);
  const FixedRecord* header = layout.find("HD");
  ASSERT_NE(header, nullptr);
  EXPECT_EQ(header->length, 40u);
  ASSERT_EQ(header->fields.size(), 3u);
  EXPECT_EQ(header->fields[0].align, Align::kLeft);
  EXPECT_EQ(header->fields[0].pad, ' ');
  EXPECT_EQ(header->fields[1].decimals, 2u);
  EXPECT_EQ(header->fields[1].align, Align::kRight) << "decimals are right-aligned by default";
  EXPECT_EQ(header->fields[1].pad, '0');
  EXPECT_EQ(header->fields[2].pad, '0');
  EXPECT_EQ(header->end(layout.recordType), 40u);
  const FixedRecord* detail = layout.find("DT");
  ASSERT_NE(detail, nullptr);
  EXPECT_EQ(detail->end(layout.recordType), 7u);
  EXPECT_EQ(detail->fields[0].pad, '_');
  EXPECT_EQ(layout.encoding, TextEncoding::kLatin1);
  EXPECT_EQ(layout.lineEnding, LineEnding::kCrLf);
  EXPECT_EQ(layout.maxRecordBytes, 200u);
  EXPECT_EQ(layout.describeCodes(), "'HD', 'DT'");
  EXPECT_EQ(layout.find("XX"), nullptr);
}

TEST(FixedWidthLayoutLoader, AppliesDefaultsForASingleRecordType) {
  const FixedWidthLayout layout = testing::layoutOf<FixedWidthLayout>(
      "fixed_width:\n  records:\n    line: { fields: [{name: a, offset: 1, length: 3}] }\n",
      "fixed_width", loadFixedWidthLayout);
  EXPECT_FALSE(layout.recordType.has_value());
  EXPECT_EQ(layout.encoding, TextEncoding::kUtf8);
  EXPECT_EQ(layout.lineEnding, LineEnding::kLf);
  EXPECT_EQ(layout.maxRecordBytes, 65536u);
}

TEST(FixedWidthLayoutLoader, ReportsOverlapsZeroLengthsAndRepeats) {
  EXPECT_EQ(
      load("fixed_width:\n"
           "  record_type: { offset: 1, length: 2 }\n"
           "  records:\n"
           "    HD:\n"
           "      fields:\n"
           "        - { name: code, offset: 2, length: 3 }\n"
           "        - { name: invoice_number, offset: 5, length: 10 }\n"
           "        - { name: total, offset: 13, length: 11, decimals: 2 }\n"
           "        - { name: empty, offset: 30, length: 0 }\n"
           "        - { name: total, offset: 40, length: 2 }\n"
           "        - { name: cents, offset: 50, length: 2, decimals: 3 }\n"
           "        - { name: _type, offset: 60, length: 2 }\n"
           "        - { name: x, offset: 70, length: 2, align: centre, pad: \"ab\" }\n")
          .problems,
      (Lines{
          "map.yaml:9:46: fixed_width.records.HD.fields[4] 'length' is '0'; expected a whole "
          "number from 1 to 16777216",
          "map.yaml:11:59: fixed_width.records.HD.fields[6] 'decimals' is 3 but the field is 2 "
          "characters long",
          "map.yaml:12:19: fixed_width.records.HD.fields[7] 'name' is '_type', which the record "
          "document uses for the record type; choose another name",
          "map.yaml:13:52: fixed_width.records.HD.fields[8] 'align' is 'centre'; expected 'left' "
          "or 'right'",
          "map.yaml:13:65: fixed_width.records.HD.fields[8] 'pad' is 'ab'; expected one ASCII "
          "character other than CR and LF, 'space' or 'zero'",
          "map.yaml:6:11: fixed_width.records.HD.fields[1] 'code' (characters 2-4) overlaps the "
          "record type code (characters 1-2); move the field or correct fixed_width.record_type",
          "map.yaml:8:11: fixed_width.records.HD.fields[3] 'total' (characters 13-23) overlaps "
          "'invoice_number' (characters 5-14); fields must not share characters",
          "map.yaml:10:11: fixed_width.records.HD.fields[5] repeats the name 'total' from line 8; "
          "each field needs its own name",
      }));
}

TEST(FixedWidthLayoutLoader, ReportsFieldsPastTheirLimits) {
  EXPECT_EQ(load("fixed_width:\n"
                 "  max_record_bytes: 100\n"
                 "  record_type: { offset: 1, length: 3 }\n"
                 "  records:\n"
                 "    HEAD:\n"
                 "      length: 20\n"
                 "      fields:\n"
                 "        - { name: a, offset: 4, length: 20 }\n"
                 "        - { name: b, offset: 95, length: 10 }\n"
                 "    LIN:\n"
                 "      length: 2\n"
                 "      fields: [{ name: a, offset: 4, length: 1 }]\n"
                 "    BIG: { length: 101, fields: [{ name: a, offset: 4, length: 1 }] }\n")
                .problems,
            (Lines{
                "map.yaml:5:5: fixed_width.records code 'HEAD' is 4 characters, longer than "
                "fixed_width.record_type 'length' (3)",
                "map.yaml:8:11: fixed_width.records.HEAD.fields[1] 'a' (characters 4-23) ends "
                "past the record's 'length' (20)",
                "map.yaml:9:11: fixed_width.records.HEAD.fields[2] 'b' (characters 95-104) ends "
                "past fixed_width 'max_record_bytes' (100)",
                "map.yaml:11:7: fixed_width.records.LIN 'length' is 2, too short to hold the "
                "record type code",
                "map.yaml:12:16: fixed_width.records.LIN.fields[1] 'a' (characters 4-4) ends past "
                "the record's 'length' (2)",
                "map.yaml:13:10: fixed_width.records.BIG 'length' is 101, past fixed_width "
                "'max_record_bytes' (100)",
            }));
}

TEST(FixedWidthLayoutLoader, ReportsRecordTypeProblems) {
  EXPECT_EQ(load("fixed_width:\n"
                 "  records:\n"
                 "    HD: { fields: [{ name: a, offset: 3, length: 1 }] }\n"
                 "    DT: { fields: [{ name: a, offset: 3, length: 1 }] }\n")
                .problems,
            Lines{"map.yaml:3:5: fixed_width declares 2 record types but no 'record_type'; add "
                  "record_type: {offset, length} to say where each line's type code is, or keep "
                  "one record type"});
  EXPECT_EQ(load("fixed_width:\n"
                 "  record_type: { offset: 1 }\n"
                 "  records:\n"
                 "    HD: { fields: [] }\n"
                 "    DT: {}\n"
                 "    HD: { fields: [{ name: a, offset: 3, length: 1 }] }\n"
                 "  recordtype: 1\n")
                .problems,
            (Lines{
                "map.yaml:2:16: fixed_width.record_type needs the key 'length'",
                "map.yaml:4:19: fixed_width.records.HD 'fields' must be a list of {name, offset, "
                "length} entries with at least one field, not a list",
                "map.yaml:5:9: fixed_width.records.DT needs the key 'fields'",
                "map.yaml:6:5: fixed_width.records has the record type 'HD' twice (first on line "
                "4); keep one",
                "map.yaml:7:3: unknown key 'recordtype' in fixed_width; expected 'record_type', "
                "'records', 'encoding', 'line_ending' or 'max_record_bytes'",
            }));
  EXPECT_EQ(load("fixed_width:\n  records: []\n").problems,
            Lines{"map.yaml:2:12: fixed_width 'records' must be a mapping of record type codes to "
                  "{fields: [...]} with at least one record type, not a list"});
  EXPECT_EQ(load("fixed_width: {}\n").problems,
            Lines{"map.yaml:1:14: fixed_width needs the key 'records'"});
}

}  // namespace
}  // namespace bridge::parsers::flat
