// Writing CSV: columns and header, quoting, the S10 formula rule, encodings,
// errors that name the record and field, and read -> write -> read round trips.
#include "parsers/flat/csv_writer.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "parsers/flat/csv_reader.h"
#include "parsers/flat/flat_test_support.h"
#include "parsers/flat/spreadsheet_formula.h"

namespace bridge::parsers::flat {
namespace {

using nlohmann::json;

CsvLayout layoutOf(std::string_view yaml) {
  return testing::layoutOf<CsvLayout>(yaml, "csv", loadCsvLayout);
}

std::string write(const json& document, const CsvLayout& layout = {}) {
  std::ostringstream out;
  const core::Status status = writeCsv(document, layout, out);
  EXPECT_TRUE(status.isOk()) << status.toString();
  return out.str();
}

std::string writeError(const json& document, const CsvLayout& layout = {}) {
  std::ostringstream out;
  const core::Status status = writeCsv(document, layout, out);
  EXPECT_FALSE(status.isOk());
  return status.message();
}

json recordsOf(const char* text) { return json{{"records", json::parse(text)}}; }

TEST(CsvWriter, WritesTheHeaderFromTheFirstRecordsKeys) {
  EXPECT_EQ(write(recordsOf(R"([{"sku": "X", "order": "A1"}, {"order": "A2"}])")),
            "order,sku\r\nA1,X\r\nA2,\r\n")
      << "keys in document order (sorted); a missing field is an empty cell";
  EXPECT_EQ(write(recordsOf("[]")), "") << "no records and no columns: nothing to write";
}

TEST(CsvWriter, WritesDeclaredColumnsWithTheirHeaders) {
  const CsvLayout layout = layoutOf(
      "csv:\n"
      "  line_ending: lf\n"
      "  columns:\n"
      "    - { name: order_number, header: \"Order No\" }\n"
      "    - { name: sku }\n");
  EXPECT_EQ(write(recordsOf(R"([{"sku": "X", "order_number": "A1"}])"), layout),
            "Order No,sku\nA1,X\n");
  EXPECT_EQ(write(recordsOf("[]"), layout), "Order No,sku\n");
}

TEST(CsvWriter, PlacesPositionedColumnsAndLeavesGapsEmpty) {
  const CsvLayout layout = layoutOf(
      "csv:\n"
      "  header: false\n"
      "  line_ending: lf\n"
      "  columns:\n"
      "    - { name: sku, position: 4 }\n"
      "    - { name: order, position: 1 }\n");
  EXPECT_EQ(write(recordsOf(R"([{"sku": "X", "order": "A1"}])"), layout), "A1,,,X\n");
}

TEST(CsvWriter, WritesNumbersBooleansAndNull) {
  EXPECT_EQ(write(recordsOf(R"([{"a": 12, "b": -3.5, "c": true, "d": null}])"),
                  layoutOf("csv: {line_ending: lf}\n")),
            "a,b,c,d\n12,-3.5,true,\n");
}

TEST(CsvWriter, QuotesOnlyWhenNeeded) {
  const CsvLayout layout = layoutOf("csv: {line_ending: lf, formula_escape: false}\n");
  EXPECT_EQ(write(recordsOf(R"([{"a": "x,y", "b": "say \"hi\"", "c": "l1\r\nl2", "d": " pad",
                                "e": "tail ", "f": "in side", "g": "", "h": "tab\t"}])"),
                  layout),
            "a,b,c,d,e,f,g,h\n\"x,y\",\"say \"\"hi\"\"\",\"l1\r\nl2\",\" pad\",\"tail \",in side,,"
            "\"tab\t\"\n");
  EXPECT_EQ(write(recordsOf(R"([{"a": "x;y", "b": "x,y"}])"),
                  layoutOf("csv: {delimiter: semicolon, line_ending: lf}\n")),
            "a;b\n\"x;y\";x,y\n");
}

TEST(CsvFormulaEscape, EscapesFormulasButNotPlainNumbers) {
  EXPECT_EQ(escapeFormula("=SUM(A1)"), "'=SUM(A1)");
  EXPECT_EQ(escapeFormula("+cmd|' /C calc'!A0"), "'+cmd|' /C calc'!A0");
  EXPECT_EQ(escapeFormula("-1+2"), "'-1+2");
  EXPECT_EQ(escapeFormula("@x"), "'@x");
  EXPECT_EQ(escapeFormula("\tleading tab"), "'\tleading tab");
  EXPECT_EQ(escapeFormula("\r=1"), "'\r=1");
  EXPECT_EQ(escapeFormula("-"), "'-");
  EXPECT_EQ(escapeFormula("-2E5"), "'-2E5");
  EXPECT_EQ(escapeFormula("-1,000.00"), "'-1,000.00");
  EXPECT_EQ(escapeFormula("-12.50"), "-12.50");
  EXPECT_EQ(escapeFormula("+3"), "+3");
  EXPECT_EQ(escapeFormula("-,5"), "-,5");
  EXPECT_EQ(escapeFormula("-12,50"), "-12,50");
  EXPECT_EQ(escapeFormula("a=b"), "a=b");
  EXPECT_EQ(escapeFormula(""), "");
  EXPECT_FALSE(isPlainNumber("-."));
  EXPECT_FALSE(isPlainNumber("1.2.3"));
  EXPECT_TRUE(isPlainNumber("007"));
}

TEST(CsvFormulaEscape, WriterEscapesCellsWhenOn) {
  const json document = recordsOf(
      R"J([{"a": "=SUM(A1)", "b": "+cmd", "c": "-1+2", "d": "-12.50", "e": "@x", "f": "\tx",
           "g": "+3"}])J");
  EXPECT_EQ(write(document, layoutOf("csv: {line_ending: lf}\n")),
            "a,b,c,d,e,f,g\n'=SUM(A1),'+cmd,'-1+2,-12.50,'@x,'\tx,+3\n");
  EXPECT_EQ(write(document, layoutOf("csv: {line_ending: lf, formula_escape: false}\n")),
            "a,b,c,d,e,f,g\n=SUM(A1),+cmd,-1+2,-12.50,@x,\"\tx\",+3\n");
  EXPECT_EQ(write(recordsOf(R"([{"a": "=1,2"}])"), layoutOf("csv: {line_ending: lf}\n")),
            "a\n\"'=1,2\"\n")
      << "escaped, then quoted for the delimiter";
}

TEST(CsvWriterEncoding, WritesLatin1AndWindows1252) {
  const json document = recordsOf(R"([{"name": "café"}])");
  EXPECT_EQ(write(document, layoutOf("csv: {encoding: latin-1, line_ending: lf}\n")),
            "name\ncaf\xE9\n");
  EXPECT_EQ(write(recordsOf(R"([{"price": "€5 “ok”"}])"),
                  layoutOf("csv: {encoding: windows-1252, line_ending: lf}\n")),
            "price\n\x80"
            "5 \x93ok\x94\n");
}

TEST(CsvWriterEncoding, NamesTheRecordAndFieldOfAnUnwritableCharacter) {
  EXPECT_EQ(writeError(recordsOf(R"([{"name": "ok"}, {"name": "5 €"}])"),
                       layoutOf("csv: {encoding: latin-1}\n")),
            "record 2, field 'name': the character U+20AC '€' cannot be written in latin-1; set "
            "csv.encoding in the mapping to one that has it (utf-8 has every character), or "
            "change the value");
  EXPECT_EQ(
      writeError(recordsOf(R"([{"name": "Łódź"}])"), layoutOf("csv: {encoding: windows-1252}\n")),
      "record 1, field 'name': the character U+0141 'Ł' cannot be written in "
      "windows-1252; set csv.encoding in the mapping to one that has it (utf-8 has every "
      "character), or change the value");
  EXPECT_EQ(writeError(recordsOf(R"([{"name": "ok"}])"),
                       layoutOf("csv:\n  encoding: latin-1\n  columns: [{name: name, header: "
                                "\"Prix €\"}]\n")),
            "the header of column 'Prix €': the character U+20AC '€' cannot be written in "
            "latin-1; set csv.encoding in the mapping to one that has it (utf-8 has every "
            "character), or change the value");
}

TEST(CsvWriter, RefusesWhatACsvCannotHold) {
  EXPECT_EQ(writeError(json{{"rows", json::array()}}),
            "the document to write as CSV has no \"records\" list; a CSV target needs "
            "{\"records\": [{...}, ...]} from the mapping");
  EXPECT_EQ(writeError(recordsOf(R"([{"a": "1"}, {"a": "2", "b": "3"}])")),
            "record 2 has the field 'b', which is not a column (the columns are the fields of "
            "record 1); add the column, or leave the field out in the mapping");
  EXPECT_EQ(writeError(recordsOf(R"([{"a": "1", "b": "2"}])"),
                       layoutOf("csv:\n  columns: [{name: a}]\n")),
            "record 1 has the field 'b', which is not a column (the columns are listed in "
            "csv.columns); add the column, or leave the field out in the mapping");
  EXPECT_EQ(writeError(recordsOf(R"([{"a": {"x": 1}}])")),
            "record 1, field 'a' is an object; a CSV cell holds a single value");
  EXPECT_EQ(writeError(recordsOf(R"([{"a": "1"}, ["a"]])")),
            "record 2 is a list; each record must be an object of column values");
}

TEST(CsvWriter, ReportsAFailedStream) {
  std::ostringstream out;
  out.setstate(std::ios::badbit);
  const core::Status status = writeCsv(recordsOf(R"([{"a": "1"}])"), CsvLayout{}, out);
  EXPECT_EQ(status.code(), core::StatusCode::kIoError);
}

json readBack(const std::string& text, const CsvLayout& layout) {
  std::istringstream in(text);
  core::Result<json> result = readCsv(in, layout, "round-trip.csv");
  EXPECT_TRUE(result.isOk()) << result.status().toString();
  return result ? result.value() : json();
}

TEST(CsvRoundTrip, ReadWriteReadKeepsEveryValue) {
  const std::string original =
      "id,text,note\r\n"
      "1,\"multi\r\nline\",\"a \"\"quoted\"\" word\"\r\n"
      "2,\" lead\",\"x,y\"\r\n"
      "3,,\"\"\r\n"
      "4,caf\xC3\xA9 \xE2\x82\xAC,-12.50\r\n";
  for (const char* yaml :
       {"csv: {formula_escape: false}\n", "csv: {formula_escape: false, line_ending: lf}\n",
        "csv: {formula_escape: false, delimiter: tab}\n"}) {
    const CsvLayout layout = layoutOf(yaml);
    const json first = readBack(original, layoutOf("csv: {}\n"));
    std::ostringstream out;
    ASSERT_TRUE(writeCsv(first, layout, out).isOk());
    EXPECT_EQ(readBack(out.str(), layout), first) << yaml;
  }
}

TEST(CsvRoundTrip, KeepsLatin1BytesExactly) {
  const CsvLayout layout = layoutOf("csv: {encoding: latin-1}\n");
  // Columns in key order, so the rewritten file can equal the original.
  const std::string original = "city,name\r\n\"M\xFCnchen, Bayern\",Jos\xE9\r\n";
  const json document = readBack(original, layout);
  EXPECT_EQ(document["records"][0]["name"], "José");
  std::ostringstream out;
  ASSERT_TRUE(writeCsv(document, layout, out).isOk());
  EXPECT_EQ(out.str(), original);
}

TEST(CsvRoundTrip, RewritesTheBotsArticleListByteForByte) {
  // The sample quotes every text cell; the writer quotes only where needed,
  // so compare what the two files say, and the bytes of the unquoted form.
  std::ifstream in(std::string(EDI_SOURCE_DIR) + "/tests/data/corpus/flat/bots_articledata01.csv",
                   std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  const CsvLayout layout = layoutOf(
      "csv:\n"
      "  delimiter: semicolon\n"
      "  columns:\n"
      "    - { name: gtin, header: GTIN/EAN }\n"
      "    - { name: article, header: ArticleNumber }\n"
      "    - { name: color, header: Color }\n"
      "    - { name: promo, header: PromoPrice }\n");
  const json document = readBack(text.str(), layout);
  std::ostringstream out;
  ASSERT_TRUE(writeCsv(document, layout, out).isOk());
  EXPECT_EQ(out.str(),
            "GTIN/EAN;ArticleNumber;Color;PromoPrice\r\n"
            "8712345678906;123456;\"   white\";\"             \"\r\n"
            "8712345678906;123456;;\"             \"\r\n"
            "8712345678906;123456;\"   white\";30,00\r\n");
  EXPECT_EQ(readBack(out.str(), layout), document);
}

}  // namespace
}  // namespace bridge::parsers::flat
