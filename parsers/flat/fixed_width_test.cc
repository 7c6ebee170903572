// Fixed-width files both ways: multi-record reading and writing, implied
// decimals, padding, encodings, the errors with their positions, and the real
// bots order file rewritten byte for byte.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "parsers/flat/fixed_width_reader.h"
#include "parsers/flat/fixed_width_writer.h"
#include "parsers/flat/flat_test_support.h"
#include "parsers/flat/implied_decimals.h"

namespace bridge::parsers::flat {
namespace {

using nlohmann::json;

FixedWidthLayout layoutOf(std::string_view yaml) {
  return testing::layoutOf<FixedWidthLayout>(yaml, "fixed_width", loadFixedWidthLayout);
}

constexpr char kInvoiceLayout[] =
    "fixed_width:\n"
    "  record_type: { offset: 1, length: 2 }\n"
    "  records:\n"
    "    HD:\n"
    "      fields:\n"
    "        - { name: invoice_number, offset: 3, length: 10 }\n"
    "        - { name: total, offset: 13, length: 11, decimals: 2, align: right, pad: \"0\" }\n"
    "        - { name: date, offset: 24, length: 8 }\n"
    "    DT:\n"
    "      fields:\n"
    "        - { name: sku, offset: 3, length: 6 }\n"
    "        - { name: qty, offset: 9, length: 5, align: right }\n"
    "        - { name: price, offset: 14, length: 8, decimals: 3 }\n";

core::Result<json> read(std::string_view text, const FixedWidthLayout& layout) {
  std::istringstream in{std::string(text)};
  return readFixedWidth(in, layout, "invoice.fix");
}

json records(std::string_view text, const FixedWidthLayout& layout) {
  core::Result<json> result = read(text, layout);
  EXPECT_TRUE(result.isOk()) << result.status().toString();
  return result ? result.value()["records"] : json();
}

std::string errorOf(std::string_view text, const FixedWidthLayout& layout) {
  core::Result<json> result = read(text, layout);
  EXPECT_FALSE(result.isOk());
  return result.status().message();
}

std::string write(const json& document, const FixedWidthLayout& layout) {
  std::ostringstream out;
  const core::Status status = writeFixedWidth(document, layout, out);
  EXPECT_TRUE(status.isOk()) << status.toString();
  return out.str();
}

std::string writeError(const json& document, const FixedWidthLayout& layout) {
  std::ostringstream out;
  const core::Status status = writeFixedWidth(document, layout, out);
  EXPECT_FALSE(status.isOk());
  return status.message();
}

json recordsOf(const char* text) { return json{{"records", json::parse(text)}}; }

const char kInvoiceFile[] =
    "HDINV1      0000001234520240131\n"
    "DTAB-1     12   12500\n"
    "DTAB-2      3-1234567\n";

TEST(ImpliedDecimals, AppliesDecimalsOnRead) {
  EXPECT_EQ(applyImpliedDecimals("00000012345", 2, '0'), "123.45");
  EXPECT_EQ(applyImpliedDecimals("-0000012345", 2, '0'), "-123.45");
  EXPECT_EQ(applyImpliedDecimals("     -12345", 2, ' '), "-123.45");
  EXPECT_EQ(applyImpliedDecimals("+5", 2, ' '), "0.05");
  EXPECT_EQ(applyImpliedDecimals("00000000000", 2, '0'), "0.00");
  EXPECT_EQ(applyImpliedDecimals("-000", 2, '0'), "0.00");
  EXPECT_EQ(applyImpliedDecimals("0042", 0, '0'), "42");
  EXPECT_EQ(applyImpliedDecimals("***42", 1, '*'), "4.2");
  EXPECT_EQ(applyImpliedDecimals("      ", 2, '0'), "");
  EXPECT_EQ(applyImpliedDecimals("12.34", 2, '0'), std::nullopt);
  EXPECT_EQ(applyImpliedDecimals("1-2", 2, '0'), std::nullopt);
  EXPECT_EQ(applyImpliedDecimals("-", 2, '0'), std::nullopt);
}

TEST(ImpliedDecimals, RemovesDecimalsOnWrite) {
  std::string problem;
  auto digits = [&problem](std::string_view value, unsigned decimals) {
    const auto number = removeImpliedDecimals(value, decimals, problem);
    return number ? (number->negative ? "-" : "") + number->digits : "error: " + problem;
  };
  EXPECT_EQ(digits("123.45", 2), "12345");
  EXPECT_EQ(digits("-1.5", 2), "-150");
  EXPECT_EQ(digits("7", 2), "700");
  EXPECT_EQ(digits(".5", 1), "5");
  EXPECT_EQ(digits("0.00", 2), "0");
  EXPECT_EQ(digits("-0", 2), "0");
  EXPECT_EQ(digits("1.2300", 2), "123") << "trailing zeros are not precision";
  EXPECT_EQ(digits("1.234", 2),
            "error: has 3 decimals; the field holds 2 (round the value in the mapping)");
  EXPECT_EQ(digits("1e5", 2),
            "error: is not a decimal number (digits with an optional leading '-' and '.')");
  EXPECT_EQ(digits("1,50", 2),
            "error: is not a decimal number (digits with an optional leading '-' and '.')");
  EXPECT_EQ(digits(".", 2),
            "error: is not a decimal number (digits with an optional leading '-' and '.')");
}

TEST(FixedWidthReader, ReadsMultiRecordFilesWithImpliedDecimals) {
  EXPECT_EQ(records(kInvoiceFile, layoutOf(kInvoiceLayout)), json::parse(R"([
      {"_type": "HD", "invoice_number": "INV1", "total": "123.45", "date": "20240131"},
      {"_type": "DT", "sku": "AB-1", "qty": "12", "price": "12.500"},
      {"_type": "DT", "sku": "AB-2", "qty": "3", "price": "-1234.567"}])"));
}

TEST(FixedWidthReader, AcceptsCrLfShortLinesAndBlankLines) {
  EXPECT_EQ(records("HDINV1\r\n\r\nDTAB-1\n\n", layoutOf(kInvoiceLayout)), json::parse(R"([
      {"_type": "HD", "invoice_number": "INV1", "total": "", "date": ""},
      {"_type": "DT", "sku": "AB-1", "qty": "", "price": ""}])"))
      << "missing trailing characters read as spaces";
  EXPECT_EQ(records("", layoutOf(kInvoiceLayout)), json::array());
  EXPECT_EQ(records("\xEF\xBB\xBF"
                    "DTAB-1\n",
                    layoutOf(kInvoiceLayout))
                .size(),
            1u);
}

TEST(FixedWidthReader, TrimsPaddingByAlignment) {
  const FixedWidthLayout layout = layoutOf(
      "fixed_width:\n"
      "  records:\n"
      "    line:\n"
      "      fields:\n"
      "        - { name: left, offset: 1, length: 6 }\n"
      "        - { name: right, offset: 7, length: 6, align: right }\n"
      "        - { name: zeros, offset: 13, length: 6, align: right, pad: \"0\" }\n"
      "        - { name: under, offset: 19, length: 6, pad: \"_\" }\n"
      "        - { name: rate, offset: 25, length: 8, align: right, pad: \"0\" }\n");
  EXPECT_EQ(records(std::string(" ab   ") + "  ab c" + "000120" + "a b___" + "00000.50\n", layout),
            json::parse(R"([
      {"_type": "line", "left": " ab", "right": "ab c", "zeros": "120", "under": "a b",
       "rate": "0.50"}])"));
  EXPECT_EQ(records("                  ______00000000\n", layout)[0],
            json::parse(R"({"_type": "line", "left": "", "right": "", "zeros": "", "under": "",
                            "rate": "0"})"));
}

TEST(FixedWidthReader, NamesTheLineAndCodeOfAnUnknownRecordType) {
  EXPECT_EQ(errorOf("HDINV1\nXXAB-1\n", layoutOf(kInvoiceLayout)),
            "invoice.fix:2:1: record type 'XX' is not declared in the layout; declared types: "
            "'HD', 'DT' (fixed_width.records)");
}

TEST(FixedWidthReader, RefusesTextOutsideTheFields) {
  const FixedWidthLayout layout = layoutOf(
      "fixed_width:\n"
      "  records:\n"
      "    line:\n"
      "      fields:\n"
      "        - { name: a, offset: 1, length: 2 }\n"
      "        - { name: b, offset: 5, length: 2 }\n");
  EXPECT_EQ(records("ab  cd    \n", layout).size(), 1u) << "spaces around fields are filler";
  EXPECT_EQ(errorOf("ab x cd\n", layout),
            "invoice.fix:1:4: unexpected 'x' outside every field of record type 'line'; declare "
            "a field for it in the layout, or check the field offsets");
  EXPECT_EQ(errorOf("ab  cd  y\n", layout),
            "invoice.fix:1:9: unexpected 'y' past the end of record type 'line' (character 6); "
            "declare a field or the record's length for it in the layout, or check the record "
            "type");
}

TEST(FixedWidthReader, ReportsABadImpliedDecimalNumber) {
  EXPECT_EQ(errorOf("HDINV1      00000123.4520240131\n", layoutOf(kInvoiceLayout)),
            "invoice.fix:1:13: field 'total' of record type 'HD' is '00000123.45'; expected "
            "digits with 2 implied decimals and an optional leading '-'");
}

TEST(FixedWidthReader, StopsAtALineThatIsTooLong) {
  FixedWidthLayout layout = layoutOf(kInvoiceLayout);
  layout.maxRecordBytes = 32;
  EXPECT_EQ(records("HDINV1      0000001234520240131 \r\n", layout).size(), 1u)
      << "32 bytes and a CRLF fit";
  const core::Result<json> result = read("DT\nHDINV1      0000001234520240131  \n", layout);
  ASSERT_FALSE(result.isOk());
  EXPECT_EQ(result.status().code(), core::StatusCode::kResourceExhausted);
  EXPECT_EQ(result.status().message(),
            "invoice.fix:2: the line is longer than 32 bytes (fixed_width.max_record_bytes); "
            "check that the file is fixed-width with one record per line, or raise "
            "max_record_bytes in the mapping");
}

TEST(FixedWidthReaderEncoding, DecodesAndCountsCharacters) {
  const FixedWidthLayout utf8 = layoutOf(
      "fixed_width:\n"
      "  records:\n"
      "    line: { fields: [{name: a, offset: 1, length: 4}, {name: b, offset: 5, length: 3}] }\n");
  EXPECT_EQ(records("caf\xC3\xA9\xE2\x82\xAC 1\n", utf8)[0],
            json::parse(R"({"_type": "line", "a": "café", "b": "€ 1"})"))
      << "offsets count characters, not bytes";
  EXPECT_EQ(errorOf("ab\xFF"
                    "d\n",
                    utf8),
            "invoice.fix:1:3: invalid UTF-8: byte 0xFF cannot start a character; if the file is "
            "not UTF-8, set fixed_width.encoding in the mapping to latin-1 or windows-1252");
  const FixedWidthLayout latin1 = layoutOf(
      "fixed_width:\n"
      "  encoding: latin-1\n"
      "  records:\n"
      "    line: { fields: [{name: a, offset: 1, length: 4}, {name: b, offset: 5, length: 3}] }\n");
  EXPECT_EQ(records("caf\xE9"
                    "abc\n",
                    latin1)[0],
            json::parse(R"({"_type": "line", "a": "café", "b": "abc"})"));
  const FixedWidthLayout windows = layoutOf(
      "fixed_width:\n"
      "  encoding: windows-1252\n"
      "  records:\n"
      "    line: { fields: [{name: a, offset: 1, length: 4}] }\n");
  EXPECT_EQ(records("\x80"
                    "12\n",
                    windows)[0],
            json::parse(R"({"_type": "line", "a": "€12"})"));
  EXPECT_EQ(errorOf("ab\x8D\n", windows),
            "invoice.fix:1:3: byte 0x8D is undefined in windows-1252; check "
            "fixed_width.encoding in the mapping (latin-1 accepts every byte)");
}

TEST(FixedWidthWriter, WritesMultiRecordFilesWithImpliedDecimals) {
  EXPECT_EQ(write(recordsOf(R"([
      {"_type": "HD", "invoice_number": "INV1", "total": "123.45", "date": "20240131"},
      {"_type": "DT", "sku": "AB-1", "qty": 12, "price": 12.5},
      {"_type": "DT", "sku": "AB-2", "qty": "3", "price": "-1234.567"}])"),
                  layoutOf(kInvoiceLayout)),
            kInvoiceFile);
}

TEST(FixedWidthWriter, PadsBySignAlignmentAndLength) {
  const FixedWidthLayout layout = layoutOf(
      "fixed_width:\n"
      "  line_ending: crlf\n"
      "  records:\n"
      "    line:\n"
      "      length: 30\n"
      "      fields:\n"
      "        - { name: zeros, offset: 1, length: 6, decimals: 2, pad: \"0\" }\n"
      "        - { name: spaces, offset: 7, length: 6, decimals: 2 }\n"
      "        - { name: left, offset: 13, length: 6, decimals: 1, align: left }\n"
      "        - { name: id, offset: 20, length: 5, align: right, pad: \"0\" }\n");
  EXPECT_EQ(write(recordsOf(R"([{"zeros": "-1.5", "spaces": "-1.5", "left": "-2", "id": "42"},
                                {"_type": "line"}])"),
                  layout),
            "-00150  -150-20    00042      \r\n"
            "                              \r\n");
}

TEST(FixedWidthWriter, RoundTripsThroughTheReader) {
  const FixedWidthLayout layout = layoutOf(kInvoiceLayout);
  const json first = records(kInvoiceFile, layout);
  const std::string written = write(json{{"records", first}}, layout);
  EXPECT_EQ(written, kInvoiceFile);
  EXPECT_EQ(records(written, layout), first);
}

TEST(FixedWidthWriter, NamesTheRecordAndFieldOfEachProblem) {
  const FixedWidthLayout layout = layoutOf(kInvoiceLayout);
  EXPECT_EQ(
      writeError(recordsOf(R"([{"_type": "HD", "invoice_number": "INV-2024-000001"}])"), layout),
      "record 1 (HD), field 'invoice_number': 'INV-2024-000001' is 15 characters; the "
      "field holds 10");
  EXPECT_EQ(
      writeError(recordsOf(R"([{"_type": "HD"}, {"_type": "DT", "price": "1.2345"}])"), layout),
      "record 2 (DT), field 'price': '1.2345' has 4 decimals; the field holds 3 (round the "
      "value in the mapping)");
  EXPECT_EQ(writeError(recordsOf(R"([{"_type": "DT", "price": "123456"}])"), layout),
            "record 1 (DT), field 'price': '123456' needs 9 characters with 3 implied decimals; "
            "the field holds 8");
  EXPECT_EQ(writeError(recordsOf(R"([{"_type": "DT", "price": "12,5"}])"), layout),
            "record 1 (DT), field 'price': '12,5' is not a decimal number (digits with an "
            "optional leading '-' and '.')");
  EXPECT_EQ(writeError(recordsOf(R"([{"_type": "DT", "sku": "A\nB"}])"), layout),
            "record 1 (DT), field 'sku': 'A\\x0AB' holds a line break; a fixed-width record is "
            "one line");
  EXPECT_EQ(writeError(recordsOf(R"([{"_type": "DT", "sku": ["A"]}])"), layout),
            "record 1 (DT), field 'sku' is a list; a fixed-width field holds a single value");
  EXPECT_EQ(writeError(recordsOf(R"([{"_type": "DT", "colour": "red"}])"), layout),
            "record 1 (DT) has the field 'colour', which record type 'DT' does not declare; add "
            "it to the layout, or leave it out in the mapping");
  EXPECT_EQ(writeError(recordsOf(R"([{"sku": "A"}])"), layout),
            "record 1 has no \"_type\"; each record needs its record type code (declared: 'HD', "
            "'DT')");
  EXPECT_EQ(writeError(recordsOf(R"([{"_type": "XX"}])"), layout),
            "record 1 has the record type 'XX', which the layout does not declare; declared: "
            "'HD', 'DT'");
  EXPECT_EQ(writeError(recordsOf(R"([{"_type": 7}])"), layout),
            "record 1 has \"_type\" a number; it must be the record type code as a string");
  EXPECT_EQ(writeError(recordsOf(R"(["HD"])"), layout),
            "record 1 is a string; each record must be an object of field values");
  EXPECT_EQ(writeError(json::object(), layout),
            "the document to write as fixed-width has no \"records\" list; a fixed-width target "
            "needs {\"records\": [{\"_type\": ..., ...}, ...]} from the mapping");
}

TEST(FixedWidthWriterEncoding, EncodesAndNamesUnwritableCharacters) {
  const FixedWidthLayout latin1 = layoutOf(
      "fixed_width:\n"
      "  encoding: latin-1\n"
      "  records:\n"
      "    line: { fields: [{name: a, offset: 1, length: 5}] }\n");
  EXPECT_EQ(write(recordsOf(R"([{"a": "café"}])"), latin1), "caf\xE9 \n");
  EXPECT_EQ(writeError(recordsOf(R"([{"a": "x"}, {"a": "5€"}])"), latin1),
            "record 2 (line), field 'a': the character U+20AC '€' cannot be written in latin-1; "
            "set fixed_width.encoding in the mapping to one that has it (utf-8 has every "
            "character), or change the value");
  const FixedWidthLayout utf8 = layoutOf(
      "fixed_width:\n  records:\n    line: { fields: [{name: a, offset: 1, length: 3}] }\n");
  EXPECT_EQ(write(recordsOf(R"([{"a": "€1"}])"), utf8),
            "\xE2\x82\xAC"
            "1 \n")
      << "lengths count characters";
}

std::string sample(const std::string& name) {
  std::ifstream in(std::string(EDI_SOURCE_DIR) + "/tests/data/corpus/flat/" + name,
                   std::ios::binary);
  EXPECT_TRUE(in.good()) << name;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

constexpr char kBotsOrderLayout[] =
    "fixed_width:\n"
    "  record_type: { offset: 1, length: 3 }\n"
    "  records:\n"
    "    HEA:\n"
    "      length: 251\n"
    "      fields:\n"
    "        - { name: message_type, offset: 4, length: 18 }\n"
    "        - { name: sender, offset: 24, length: 13 }\n"
    "        - { name: receiver, offset: 37, length: 13 }\n"
    "        - { name: order_number, offset: 50, length: 18 }\n"
    "        - { name: order_date, offset: 68, length: 8 }\n"
    "        - { name: order_type, offset: 83, length: 3 }\n"
    "        - { name: buyer, offset: 86, length: 13 }\n"
    "        - { name: supplier, offset: 99, length: 13 }\n"
    "        - { name: buyer_gln, offset: 112, length: 13 }\n"
    "        - { name: supplier_gln, offset: 138, length: 13 }\n"
    "        - { name: delivery_date, offset: 176, length: 8 }\n"
    "        - { name: pickup_date, offset: 188, length: 8 }\n"
    "    LIN:\n"
    "      length: 171\n"
    "      fields:\n"
    "        - { name: line_number, offset: 4, length: 6, align: right, pad: \"0\" }\n"
    "        - { name: gtin, offset: 10, length: 13 }\n"
    "        - { name: quantity, offset: 76, length: 16, align: right, pad: \"0\" }\n";

TEST(FixedWidthSamples, ReadsAndRewritesTheBotsOrderFileByteForByte) {
  const FixedWidthLayout layout = layoutOf(kBotsOrderLayout);
  const std::string original = sample("bots_060101.fix");
  const json lines = records(original, layout);
  ASSERT_EQ(lines.size(), 16u);
  EXPECT_EQ(lines[0]["_type"], "HEA");
  EXPECT_EQ(lines[0]["order_number"], "01-4500000001");
  EXPECT_EQ(lines[0]["sender"], "PARTNER1");
  EXPECT_EQ(lines[0]["pickup_date"], "20050829");
  EXPECT_EQ(lines[1], json::parse(R"({"_type": "LIN", "line_number": "1",
                                      "gtin": "8712345873151", "quantity": "1.000"})"));
  EXPECT_EQ(write(json{{"records", lines}}, layout), original);
}

}  // namespace
}  // namespace bridge::parsers::flat
