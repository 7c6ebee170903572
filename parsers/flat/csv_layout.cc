#include "parsers/flat/csv_layout.h"

#include <string>

namespace bridge::parsers::flat {
namespace {

constexpr uint64_t kMaxRecordBytesLimit = 1ull << 30;
constexpr uint64_t kMaxFieldsLimit = 1000000;

struct ColumnEntry {
  CsvColumn column;
  YAML::Node node;
  std::string name;  // "csv.columns[2]"
};

std::optional<ColumnEntry> readColumn(const YAML::Node& node, size_t index,
                                      config::YamlValues& values) {
  ColumnEntry entry{{}, node, "csv.columns[" + std::to_string(index + 1) + "]"};
  config::MapReader map(node, entry.name, values);
  if (!map.valid()) return std::nullopt;
  const auto name = map.string("name", true);
  const auto header = map.string("header");
  const auto position = map.unsignedInt("position", 1, kMaxFieldsLimit);
  map.finish();
  if (!name) return std::nullopt;
  if (name->empty()) {
    values.error(map.get("name"), entry.name + " 'name' is empty; give the column a name");
    return std::nullopt;
  }
  entry.column.name = *name;
  entry.column.header = header;
  entry.column.position = position;
  if (header && position) {
    values.error(
        node, entry.name + " has both 'header' and 'position'; a column is found by one of them");
  }
  return entry;
}

// Names, header texts and positions must each point at one column, or a
// record would have two values for one key or one value under two keys.
void checkRepeats(const std::vector<ColumnEntry>& entries, bool hasHeader,
                  config::YamlValues& values) {
  for (size_t i = 0; i < entries.size(); ++i) {
    const CsvColumn& column = entries[i].column;
    for (size_t j = 0; j < i; ++j) {
      const CsvColumn& earlier = entries[j].column;
      const std::string from = " from line " + std::to_string(entries[j].node.Mark().line + 1);
      if (column.name == earlier.name) {
        values.error(entries[i].node, entries[i].name + " repeats the name '" + column.name + "'" +
                                          from + "; each column needs its own name");
        break;
      }
      if (column.position && column.position == earlier.position) {
        values.error(entries[i].node, entries[i].name + " repeats position " +
                                          std::to_string(*column.position) + from +
                                          "; each position is one column");
        break;
      }
      if (hasHeader && !column.position && !earlier.position &&
          column.headerText() == earlier.headerText()) {
        values.error(entries[i].node, entries[i].name + " repeats the header '" +
                                          column.headerText() + "'" + from +
                                          "; each header text is one column");
        break;
      }
    }
  }
}

std::vector<ColumnEntry> readColumns(config::MapReader& map, config::YamlValues& values) {
  std::vector<ColumnEntry> entries;
  const YAML::Node node = map.get("columns");
  if (!node.IsDefined()) return entries;
  if (!node.IsSequence()) {
    values.error(node, "csv 'columns' must be a list of {name, header, position} entries, not " +
                           config::describeNode(node));
    return entries;
  }
  if (node.size() == 0) {
    values.error(node,
                 "csv 'columns' is an empty list; list at least one {name, header, position} "
                 "entry, or leave 'columns' out to keep every column of the header row");
    return entries;
  }
  for (size_t i = 0; i < node.size(); ++i) {
    if (auto entry = readColumn(node[i], i, values)) entries.push_back(std::move(*entry));
  }
  return entries;
}

void checkColumnsAgainstLayout(const std::vector<ColumnEntry>& entries, const CsvLayout& layout,
                               config::YamlValues& values) {
  for (const ColumnEntry& entry : entries) {
    const CsvColumn& column = entry.column;
    if (!layout.header && column.header) {
      values.error(entry.node, entry.name +
                                   " sets 'header' but csv 'header' is false; there is no header "
                                   "row to match or write, so give a 'position'");
    } else if (!layout.header && !column.position) {
      values.error(entry.node, entry.name +
                                   " needs the key 'position': without a header row, columns are "
                                   "found by their 1-based position");
    }
    if (column.position && *column.position > layout.maxFields) {
      values.error(entry.node, entry.name + " 'position' is " + std::to_string(*column.position) +
                                   ", past csv 'max_fields' (" + std::to_string(layout.maxFields) +
                                   "); raise max_fields or correct the position");
    }
  }
}

}  // namespace

std::optional<CsvLayout> loadCsvLayout(const YAML::Node& node, config::YamlValues& values) {
  const size_t before = values.issues().size();
  config::MapReader map(node, "csv", values);
  if (!map.valid()) return std::nullopt;
  CsvLayout layout;
  const auto delimiter = readAsciiCharacter(
      map, "csv", "delimiter", {{"tab", '\t'}, {"semicolon", ';'}, {"pipe", '|'}, {"comma", ','}});
  const auto quote = readAsciiCharacter(map, "csv", "quote", {});
  if (delimiter) layout.delimiter = *delimiter;
  if (quote) layout.quote = *quote;
  if (layout.delimiter == layout.quote && (delimiter || quote)) {
    values.error(map.get(quote ? "quote" : "delimiter"),
                 "csv 'quote' and 'delimiter' are the same character; they must differ");
  }
  if (auto header = map.boolean("header")) layout.header = *header;
  if (auto encoding = readEncoding(map, "encoding")) layout.encoding = *encoding;
  const std::vector<ColumnEntry> entries = readColumns(map, values);
  if (auto escape = map.boolean("formula_escape")) layout.formulaEscape = *escape;
  if (auto ending = readLineEnding(map, "line_ending")) layout.lineEnding = *ending;
  if (auto bytes = map.unsignedInt("max_record_bytes", 1, kMaxRecordBytesLimit))
    layout.maxRecordBytes = *bytes;
  if (auto fields = map.unsignedInt("max_fields", 1, kMaxFieldsLimit)) layout.maxFields = *fields;
  if (!layout.header && !map.has("columns")) {
    values.error(node,
                 "csv needs the key 'columns' when 'header' is false: list each column with a "
                 "name and a position");
  }
  map.finish();
  checkColumnsAgainstLayout(entries, layout, values);
  checkRepeats(entries, layout.header, values);
  for (const ColumnEntry& entry : entries) layout.columns.push_back(entry.column);
  if (values.issues().size() != before) return std::nullopt;
  return layout;
}

}  // namespace bridge::parsers::flat
