// The csv: section of a mapping: defaults, every setting, and each problem
// with the file:line:column an administrator sees.
#include "parsers/flat/csv_layout.h"

#include <gtest/gtest.h>

#include "parsers/flat/flat_test_support.h"

namespace bridge::parsers::flat {
namespace {

using Lines = std::vector<std::string>;

testing::Loaded<CsvLayout> load(std::string_view yaml) {
  return testing::loadLayout<CsvLayout>(yaml, "csv", loadCsvLayout);
}

TEST(CsvLayoutLoader, AppliesDefaults) {
  const CsvLayout layout = testing::layoutOf<CsvLayout>("csv: {}\n", "csv", loadCsvLayout);
  EXPECT_EQ(layout.delimiter, ',');
  EXPECT_EQ(layout.quote, '"');
  EXPECT_TRUE(layout.header);
  EXPECT_EQ(layout.encoding, TextEncoding::kUtf8);
  EXPECT_TRUE(layout.columns.empty());
  EXPECT_TRUE(layout.formulaEscape);
  EXPECT_EQ(layout.lineEnding, LineEnding::kCrLf);
  EXPECT_EQ(layout.maxRecordBytes, 1u << 20);
  EXPECT_EQ(layout.maxFields, 1000u);
}

TEST(CsvLayoutLoader, ReadsEverySetting) {
  const CsvLayout layout = testing::layoutOf<CsvLayout>(
      "csv:\n"
      "  delimiter: semicolon\n"
      "  quote: \"'\"\n"
      "  header: true\n"
      "  encoding: windows-1252\n"
      "  columns:\n"
      "    - { name: order_number, header: \"Order No\" }\n"
      "    - { name: sku, position: 3 }\n"
      "    - { name: qty }\n"
      "  formula_escape: false\n"
      "  line_ending: lf\n"
      "  max_record_bytes: 4096\n"
      "  max_fields: 20\n",
      "csv", loadCsvLayout);
  EXPECT_EQ(layout.delimiter, ';');
  EXPECT_EQ(layout.quote, '\'');
  EXPECT_EQ(layout.encoding, TextEncoding::kWindows1252);
  ASSERT_EQ(layout.columns.size(), 3u);
  EXPECT_EQ(layout.columns[0].name, "order_number");
  EXPECT_EQ(layout.columns[0].headerText(), "Order No");
  EXPECT_EQ(layout.columns[1].position, 3u);
  EXPECT_EQ(layout.columns[2].headerText(), "qty");
  EXPECT_FALSE(layout.formulaEscape);
  EXPECT_EQ(layout.lineEnding, LineEnding::kLf);
  EXPECT_EQ(layout.maxRecordBytes, 4096u);
  EXPECT_EQ(layout.maxFields, 20u);
}

TEST(CsvLayoutLoader, AcceptsDelimiterWordsAndCharacters) {
  EXPECT_EQ(testing::layoutOf<CsvLayout>("csv: {delimiter: tab}\n", "csv", loadCsvLayout).delimiter,
            '\t');
  EXPECT_EQ(
      testing::layoutOf<CsvLayout>("csv: {delimiter: \"\\t\"}\n", "csv", loadCsvLayout).delimiter,
      '\t');
  EXPECT_EQ(
      testing::layoutOf<CsvLayout>("csv: {delimiter: pipe}\n", "csv", loadCsvLayout).delimiter,
      '|');
  EXPECT_EQ(
      testing::layoutOf<CsvLayout>("csv: {delimiter: \";\"}\n", "csv", loadCsvLayout).delimiter,
      ';');
}

TEST(CsvLayoutLoader, ReportsBadSettingsAllAtOnce) {
  EXPECT_EQ(load("csv:\n"
                 "  delimiter: \"ab\"\n"
                 "  quote: \"\\n\"\n"
                 "  header: yes\n"
                 "  encoding: utf8\n"
                 "  formula_escape: 1\n"
                 "  line_ending: cr\n"
                 "  max_record_bytes: 0\n"
                 "  max_fields: lots\n"
                 "  delimeter: \";\"\n")
                .problems,
            (Lines{
                "map.yaml:2:14: csv 'delimiter' is 'ab'; expected one ASCII character other than "
                "CR and LF, 'tab', 'semicolon', 'pipe' or 'comma'",
                "map.yaml:3:10: csv 'quote' is '\n'; expected one ASCII character other than CR "
                "and LF",
                "map.yaml:4:11: csv 'header' is 'yes'; expected true or false",
                "map.yaml:5:13: csv 'encoding' is 'utf8'; expected 'utf-8', 'latin-1' or "
                "'windows-1252'",
                "map.yaml:6:19: csv 'formula_escape' is '1'; expected true or false",
                "map.yaml:7:16: csv 'line_ending' is 'cr'; expected 'crlf' or 'lf'",
                "map.yaml:8:21: csv 'max_record_bytes' is '0'; expected a whole number from 1 to "
                "1073741824",
                "map.yaml:9:15: csv 'max_fields' is 'lots'; expected a whole number from 1 to "
                "1000000",
                "map.yaml:10:3: unknown key 'delimeter' in csv; expected 'delimiter', 'quote', "
                "'header', 'encoding', 'columns', 'formula_escape', 'line_ending', "
                "'max_record_bytes' or 'max_fields'",
            }));
}

TEST(CsvLayoutLoader, RefusesTheSameDelimiterAndQuote) {
  EXPECT_EQ(load("csv:\n  delimiter: '\"'\n").problems,
            Lines{"map.yaml:2:14: csv 'quote' and 'delimiter' are the same character; they must "
                  "differ"});
  EXPECT_EQ(load("csv:\n  delimiter: ';'\n  quote: ';'\n").problems,
            Lines{"map.yaml:3:10: csv 'quote' and 'delimiter' are the same character; they must "
                  "differ"});
}

TEST(CsvLayoutLoader, ChecksColumns) {
  EXPECT_EQ(load("csv:\n"
                 "  max_fields: 10\n"
                 "  columns:\n"
                 "    - { name: a, header: A, position: 1 }\n"
                 "    - { header: B }\n"
                 "    - { name: a, position: 2 }\n"
                 "    - { name: c, position: 2 }\n"
                 "    - { name: d, header: A }\n"
                 "    - { name: e, header: \"A\" }\n"
                 "    - { name: f, position: 11, width: 3 }\n"
                 "    - g\n"
                 "    - { name: \"\" }\n")
                .problems,
            (Lines{
                "map.yaml:4:7: csv.columns[1] has both 'header' and 'position'; a column is "
                "found by one of them",
                "map.yaml:5:7: csv.columns[2] needs the key 'name'",
                "map.yaml:10:32: unknown key 'width' in csv.columns[7]; expected 'name', "
                "'header' or 'position'",
                "map.yaml:11:7: csv.columns[8] must be a mapping of keys to values, not 'g'",
                "map.yaml:12:15: csv.columns[9] 'name' is empty; give the column a name",
                "map.yaml:10:7: csv.columns[7] 'position' is 11, past csv 'max_fields' (10); "
                "raise max_fields or correct the position",
                "map.yaml:6:7: csv.columns[3] repeats the name 'a' from line 4; each column "
                "needs its own name",
                "map.yaml:7:7: csv.columns[4] repeats position 2 from line 6; each position is "
                "one column",
                "map.yaml:9:7: csv.columns[6] repeats the header 'A' from line 8; each header "
                "text is one column",
            }));
  EXPECT_EQ(load("csv:\n  columns: []\n").problems,
            Lines{"map.yaml:2:12: csv 'columns' is an empty list; list at least one {name, "
                  "header, position} entry, or leave 'columns' out to keep every column of the "
                  "header row"});
  EXPECT_EQ(load("csv:\n  columns: a\n").problems,
            Lines{"map.yaml:2:12: csv 'columns' must be a list of {name, header, position} "
                  "entries, not 'a'"});
}

TEST(CsvLayoutLoader, NeedsPositionsWithoutAHeaderRow) {
  EXPECT_EQ(load("csv:\n  header: false\n").problems,
            Lines{"map.yaml:2:3: csv needs the key 'columns' when 'header' is false: list each "
                  "column with a name and a position"});
  EXPECT_EQ(load("csv:\n"
                 "  header: false\n"
                 "  columns:\n"
                 "    - { name: a }\n"
                 "    - { name: b, header: B }\n"
                 "    - { name: c, position: 1 }\n")
                .problems,
            (Lines{
                "map.yaml:4:7: csv.columns[1] needs the key 'position': without a header row, "
                "columns are found by their 1-based position",
                "map.yaml:5:7: csv.columns[2] sets 'header' but csv 'header' is false; there is "
                "no header row to match or write, so give a 'position'",
            }));
}

TEST(CsvLayoutLoader, RefusesANonMapping) {
  EXPECT_EQ(load("csv: [a]\n").problems,
            Lines{"map.yaml:1:6: csv must be a mapping of keys to values, not a list"});
}

}  // namespace
}  // namespace bridge::parsers::flat
