// Reading CSV: RFC 4180 edge cases, header and position columns, limits,
// encodings and the messages of each error, plus the real samples.
#include "parsers/flat/csv_reader.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "parsers/flat/flat_test_support.h"

namespace bridge::parsers::flat {
namespace {

using nlohmann::json;

core::Result<json> read(std::string_view text, const CsvLayout& layout = {}) {
  std::istringstream in{std::string(text)};
  return readCsv(in, layout, "orders.csv");
}

// The records of `text`, failing the test on an error.
json records(std::string_view text, const CsvLayout& layout = {}) {
  core::Result<json> result = read(text, layout);
  EXPECT_TRUE(result.isOk()) << result.status().toString();
  return result ? result.value()["records"] : json();
}

std::string errorOf(std::string_view text, const CsvLayout& layout = {}) {
  core::Result<json> result = read(text, layout);
  EXPECT_FALSE(result.isOk());
  return result.status().message();
}

CsvLayout layoutOf(std::string_view yaml) {
  return testing::layoutOf<CsvLayout>(yaml, "csv", loadCsvLayout);
}

// Every record of `text` as read by CsvRecordReader, fields only.
std::vector<std::vector<std::string>> rows(std::string_view text, const CsvLayout& layout = {}) {
  std::istringstream in{std::string(text)};
  CsvRecordReader reader(in, layout, "orders.csv");
  std::vector<std::vector<std::string>> out;
  std::vector<std::string> fields;
  core::Status error;
  while (reader.next(fields, error)) out.push_back(fields);
  EXPECT_TRUE(error.isOk()) << error.toString();
  return out;
}

using Rows = std::vector<std::vector<std::string>>;

TEST(CsvRecordReader, SplitsPlainAndQuotedFields) {
  EXPECT_EQ(rows("a,b,c\r\n1,\"2\",3\r\n"), (Rows{{"a", "b", "c"}, {"1", "2", "3"}}));
}

TEST(CsvRecordReader, KeepsDelimitersLineBreaksAndDoubledQuotesInsideQuotes) {
  EXPECT_EQ(rows("\"a,b\",\"say \"\"hi\"\"\",\"line1\r\nline2\",\"x\ny\"\n"),
            (Rows{{"a,b", "say \"hi\"", "line1\r\nline2", "x\ny"}}));
  EXPECT_EQ(rows("\"\"\"\",\"\"\n"), (Rows{{"\"", ""}}));
}

TEST(CsvRecordReader, KeepsEmptyFields) {
  EXPECT_EQ(rows(",,\n\"\",x,\n"), (Rows{{"", "", ""}, {"", "x", ""}}));
  EXPECT_EQ(rows("x\n"), (Rows{{"x"}}));
}

TEST(CsvRecordReader, AcceptsEveryLineEndAndALastLineWithoutOne) {
  EXPECT_EQ(rows("a,b\r\nc,d"), (Rows{{"a", "b"}, {"c", "d"}}));
  EXPECT_EQ(rows("a,b\nc,d\n"), (Rows{{"a", "b"}, {"c", "d"}}));
  EXPECT_EQ(rows("a,b\rc,d\r"), (Rows{{"a", "b"}, {"c", "d"}}));
  EXPECT_EQ(rows("a,\"b\""), (Rows{{"a", "b"}}));
}

TEST(CsvRecordReader, SkipsBlankLinesAndTheTrailingLineEnd) {
  EXPECT_EQ(rows("a\r\n\r\n\nb\r\n\r\n"), (Rows{{"a"}, {"b"}}));
  EXPECT_EQ(rows(""), Rows{});
  EXPECT_EQ(rows("\r\n\n"), Rows{});
}

TEST(CsvRecordReader, KeepsQuotesInsideUnquotedFieldsAndSpacesAroundFields) {
  EXPECT_EQ(rows("5\" pipe, a \"b\" \n"), (Rows{{"5\" pipe", " a \"b\" "}}));
}

TEST(CsvRecordReader, CountsLinesAcrossEmbeddedLineBreaks) {
  std::istringstream in("h\n\"a\r\nb\nc\"\n\nlast\n");
  CsvRecordReader reader(in, CsvLayout{}, "orders.csv");
  std::vector<std::string> fields;
  core::Status error;
  ASSERT_TRUE(reader.next(fields, error));
  EXPECT_EQ(reader.line(), 1u);
  ASSERT_TRUE(reader.next(fields, error));
  EXPECT_EQ(reader.line(), 2u);
  ASSERT_TRUE(reader.next(fields, error));
  EXPECT_EQ(reader.line(), 6u);
  EXPECT_EQ(fields, std::vector<std::string>{"last"});
  EXPECT_FALSE(reader.next(fields, error));
  EXPECT_TRUE(error.isOk());
  EXPECT_FALSE(reader.next(fields, error)) << "the end stays the end";
}

TEST(CsvRecordReader, SkipsAUtf8ByteOrderMark) {
  EXPECT_EQ(rows("\xEF\xBB\xBF"
                 "a,b\n"),
            (Rows{{"a", "b"}}));
}

TEST(CsvRecordReader, ReadsFieldsAcrossInputChunks) {
  // Longer than one 64 KiB chunk, with the quote closing in the second.
  const std::string longValue(70000, 'x');
  CsvLayout layout;
  layout.maxRecordBytes = 100000;
  EXPECT_EQ(rows("\"" + longValue + "\",\"e\"\"\"\n2,3\n", layout),
            (Rows{{longValue, "e\""}, {"2", "3"}}));
}

TEST(CsvReader, ReportsAnUnterminatedQuoteWhereItOpens) {
  EXPECT_EQ(errorOf("a,b\n1,\"abc\n2,3\n"),
            "orders.csv:2:3: unterminated quoted field starting here; close the quote, or write "
            "a quote inside the field twice (\"\")");
  EXPECT_EQ(read("a\n\"x").status().code(), core::StatusCode::kInvalidArgument);
}

TEST(CsvReader, ReportsTextAfterAClosingQuote) {
  EXPECT_EQ(errorOf("a,b\n\"1\"2,3\n"),
            "orders.csv:2:4: unexpected '2' after the closing quote of the field opened at "
            "orders.csv:2:1; a quote inside a quoted field is written twice (\"\"), and a field "
            "ends at the delimiter right after its closing quote");
}

TEST(CsvReader, ReadsSemicolonAndTabDelimiters) {
  EXPECT_EQ(records("a;b\n\"x;y\";2\n", layoutOf("csv: {delimiter: semicolon}\n")),
            json::parse(R"([{"a": "x;y", "b": "2"}])"));
  EXPECT_EQ(records("a\tb\n1\t\"2\t3\"\n", layoutOf("csv: {delimiter: tab}\n")),
            json::parse(R"([{"a": "1", "b": "2\t3"}])"));
}

TEST(CsvReader, KeysRecordsByHeaderText) {
  EXPECT_EQ(records("Order No,SKU\r\nA1,X\r\nA2,\r\n"),
            json::parse(R"([{"Order No": "A1", "SKU": "X"}, {"Order No": "A2", "SKU": ""}])"));
  EXPECT_EQ(records("a,b\n"), json::array()) << "a header row and no records";
  EXPECT_EQ(records(""), json::array());
}

TEST(CsvReader, SelectsAndRenamesColumnsByHeaderOrPosition) {
  const CsvLayout layout = layoutOf(
      "csv:\n"
      "  columns:\n"
      "    - { name: order_number, header: \"Order No\" }\n"
      "    - { name: sku, position: 3 }\n"
      "    - { name: qty }\n");
  EXPECT_EQ(records("qty, Order No ,Item,Other\n5,A1,X,z\n", layout),
            json::parse(R"([{"order_number": "A1", "sku": "X", "qty": "5"}])"))
      << "header text matches without surrounding spaces";
}

TEST(CsvReader, ReadsFilesWithoutAHeaderByPosition) {
  const CsvLayout layout = layoutOf(
      "csv:\n"
      "  header: false\n"
      "  columns:\n"
      "    - { name: sku, position: 3 }\n"
      "    - { name: order, position: 1 }\n");
  EXPECT_EQ(records("A1,5,X\nA2,6,Y,extra\n", layout),
            json::parse(R"([{"order": "A1", "sku": "X"}, {"order": "A2", "sku": "Y"}])"));
  EXPECT_EQ(errorOf("A1,5\n", layout),
            "orders.csv:1: the record has 2 fields; csv.columns 'sku' is at position 3");
}

TEST(CsvReader, ReportsHeaderProblems) {
  EXPECT_EQ(errorOf("a,,c\n1,2,3\n"),
            "orders.csv:1: column 2 of the header row is empty; name it in the file, or list "
            "csv.columns in the mapping to choose columns by header text or position");
  EXPECT_EQ(errorOf("a,b,a\n1,2,3\n"),
            "orders.csv:1: columns 1 and 3 of the header row are both 'a'; rename one in the "
            "file, or list csv.columns in the mapping to pick one by position");
  const CsvLayout layout =
      layoutOf("csv:\n  columns:\n    - { name: order_number, header: \"Order No\" }\n");
  EXPECT_EQ(errorOf("Order,SKU\n1,2\n", layout),
            "orders.csv:1: the header row has no column 'Order No' (wanted by csv.columns "
            "'order_number'); it has 'Order', 'SKU'. Correct the 'header' of the column in the "
            "mapping, or check the file");
  EXPECT_EQ(errorOf("Order No,Order No\n1,2\n", layout),
            "orders.csv:1: the header row has 'Order No' in columns 1 and 2; give csv.columns "
            "'order_number' a 'position' to choose one");
  EXPECT_EQ(errorOf("a,b\n1,2\n", layoutOf("csv:\n  columns: [{name: c, position: 3}]\n")),
            "orders.csv:1: csv.columns 'c' is at position 3 but the header row has 2 columns: "
            "'a', 'b'");
}

TEST(CsvReader, RefusesRecordsThatDoNotMatchTheHeader) {
  EXPECT_EQ(errorOf("a,b,c\n1,2,3\n\n1,2\n"),
            "orders.csv:4: the record has 2 fields but the header row (line 1) has 3; check for "
            "a missing or extra delimiter");
  EXPECT_EQ(errorOf("a,b\n1,2,3\n"),
            "orders.csv:2: the record has 3 fields but the header row (line 1) has 2; check for "
            "a missing or extra delimiter");
}

TEST(CsvReader, StopsAtTooManyFields) {
  const core::Result<json> result = read("a,b,c,d\n", layoutOf("csv: {max_fields: 3}\n"));
  ASSERT_FALSE(result.isOk());
  EXPECT_EQ(result.status().code(), core::StatusCode::kResourceExhausted);
  EXPECT_EQ(result.status().message(),
            "orders.csv:1: the record has more than 3 fields (csv.max_fields); check that "
            "csv.delimiter matches the file, or raise max_fields in the mapping");
  EXPECT_EQ(records("a,b,c\n1,2,3\n", layoutOf("csv: {max_fields: 3}\n")).size(), 1u)
      << "exactly max_fields is fine";
}

TEST(CsvReader, StopsAtARecordThatIsTooLong) {
  const CsvLayout layout = layoutOf("csv: {max_record_bytes: 10}\n");
  EXPECT_EQ(records("a,b\n1234,5678\n", layout).size(), 1u) << "9 bytes fit";
  const core::Result<json> tooLong = read("a,b\n12345,678901\n", layout);
  ASSERT_FALSE(tooLong.isOk());
  EXPECT_EQ(tooLong.status().code(), core::StatusCode::kResourceExhausted);
  EXPECT_EQ(tooLong.status().message(),
            "orders.csv:2: the record starting here is longer than 10 bytes "
            "(csv.max_record_bytes); raise max_record_bytes in the mapping if such records are "
            "expected");
  EXPECT_EQ(errorOf("a,b\n1,\"2\n3\n4\n5\n6\n7\n", layout),
            "orders.csv:2: the record starting here is longer than 10 bytes "
            "(csv.max_record_bytes); it is still inside the quoted field opened at "
            "orders.csv:2:3, so a closing quote is probably missing there");
}

TEST(CsvReaderEncoding, DecodesLatin1) {
  EXPECT_EQ(records("name\ncaf\xE9\n", layoutOf("csv: {encoding: latin-1}\n")),
            json::parse(R"([{"name": "café"}])"));
}

TEST(CsvReaderEncoding, DecodesWindows1252) {
  EXPECT_EQ(records("price\n\x80 5 \x93ok\x94\n", layoutOf("csv: {encoding: windows-1252}\n")),
            json::parse(R"([{"price": "€ 5 “ok”"}])"));
  EXPECT_EQ(errorOf("price\n12,\x81\n", layoutOf("csv: {encoding: windows-1252}\n")),
            "orders.csv:2:4: byte 0x81 is undefined in windows-1252; check csv.encoding in the "
            "mapping (latin-1 accepts every byte)");
}

TEST(CsvReaderEncoding, RefusesInvalidUtf8WithItsPosition) {
  EXPECT_EQ(errorOf("a,b\n1,caf\xE9\n"),
            "orders.csv:2:6: invalid UTF-8: the character starting with byte 0xE9 is cut short "
            "by byte 0x0A; if the file is not UTF-8, set csv.encoding in the mapping to latin-1 "
            "or windows-1252");
  EXPECT_EQ(errorOf("a,b\n\xC3\xA9,\xFF\n"),
            "orders.csv:2:3: invalid UTF-8: byte 0xFF cannot start a character; if the file is "
            "not UTF-8, set csv.encoding in the mapping to latin-1 or windows-1252")
      << "columns count characters, not bytes";
  EXPECT_EQ(errorOf("a,b\n\xC3,x\n"),
            "orders.csv:2:1: invalid UTF-8: the character starting with byte 0xC3 is cut short "
            "by byte 0x2C; if the file is not UTF-8, set csv.encoding in the mapping to latin-1 "
            "or windows-1252");
  EXPECT_EQ(errorOf("a\n\xE2\x82"),
            "orders.csv:2:1: invalid UTF-8: the character starting with byte 0xE2 is cut short "
            "by the end of the input; if the file is not UTF-8, set csv.encoding in the mapping "
            "to latin-1 or windows-1252");
  EXPECT_EQ(records("a\n\"\xE2\x82\xAC\"\n"), json::parse(R"([{"a": "€"}])"));
}

TEST(CsvReaderEncoding, RefusesAByteOrderMarkUnderAnotherEncoding) {
  EXPECT_EQ(errorOf("\xEF\xBB\xBF"
                    "a\n1\n",
                    layoutOf("csv: {encoding: latin-1}\n")),
            "orders.csv:1:1: the file starts with a UTF-8 byte order mark, but csv.encoding in "
            "the mapping is latin-1; set it to utf-8");
}

std::string sample(const std::string& name) {
  std::ifstream in(std::string(EDI_SOURCE_DIR) + "/tests/data/corpus/flat/" + name,
                   std::ios::binary);
  EXPECT_TRUE(in.good()) << name;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(CsvReaderSamples, ReadsTheBotsOrderLinesWithoutAHeader) {
  const CsvLayout layout = layoutOf(
      "csv:\n"
      "  header: false\n"
      "  columns:\n"
      "    - { name: message_type, position: 1 }\n"
      "    - { name: order_number, position: 5 }\n"
      "    - { name: line, position: 26 }\n"
      "    - { name: gtin, position: 27 }\n"
      "    - { name: quantity, position: 30 }\n");
  const json lines = records(sample("bots_test.csv"), layout);
  ASSERT_EQ(lines.size(), 8u);
  EXPECT_EQ(lines[0], json::parse(R"({"message_type": "ORDERSD96AUNEAN008",
      "order_number": "BGMREF", "line": "1", "gtin": "8712345004002", "quantity": "1.000"})"));
  EXPECT_EQ(lines[4]["order_number"], "1-4500094289");
}

TEST(CsvReaderSamples, ReadsTheBotsArticleListWithItsHeader) {
  const json articles =
      records(sample("bots_articledata01.csv"), layoutOf("csv: {delimiter: semicolon}\n"));
  ASSERT_EQ(articles.size(), 3u);
  EXPECT_EQ(articles[0]["GTIN/EAN"], "8712345678906");
  EXPECT_EQ(articles[0]["Color"], "   white") << "quoted spaces are data";
  EXPECT_EQ(articles[1]["Color"], "");
  EXPECT_EQ(articles[2]["PromoPrice"], "30,00");
  EXPECT_EQ(articles[0].size(), 10u);
}

}  // namespace
}  // namespace bridge::parsers::flat
