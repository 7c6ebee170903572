// CsvLayout: how a CSV file of a mapping is shaped (delimiter, quote, header
// row, columns, encoding, limits), and its loader from the `csv:` section of
// an admin-edited mapping file.
//
// Columns name the keys of the JSON record document. With a header row they
// are optional: without them every column is kept under its header text; with
// them only the listed columns are kept, each found by its header text
// (`header:`, or its name when `header:` is absent) or by its 1-based
// `position:`. Without a header row every column needs a position.
//
// Thread-safety: values; the loader uses the caller's YamlValues.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "bridge/config/yaml_reader.h"
#include "parsers/flat/layout_options.h"
#include "parsers/flat/text_encoding.h"

namespace bridge::parsers::flat {

struct CsvColumn {
  std::string name;                   // key in the JSON record
  std::optional<std::string> header;  // header text when it differs from the name
  std::optional<uint64_t> position;   // 1-based column number

  // The header text this column is matched by and written with.
  const std::string& headerText() const { return header ? *header : name; }
};

inline constexpr uint64_t kDefaultCsvMaxRecordBytes = 1 << 20;
inline constexpr uint64_t kDefaultCsvMaxFields = 1000;

struct CsvLayout {
  char delimiter = ',';
  char quote = '"';
  bool header = true;
  TextEncoding encoding = TextEncoding::kUtf8;
  std::vector<CsvColumn> columns;
  bool formulaEscape = true;  // writer only; see csv_writer.h
  LineEnding lineEnding = LineEnding::kCrLf;
  // A record's bytes as read, quotes and embedded line breaks included.
  uint64_t maxRecordBytes = kDefaultCsvMaxRecordBytes;
  uint64_t maxFields = kDefaultCsvMaxFields;
};

// Reads the `csv:` mapping. Every problem is added to `values` with its
// file:line:column; returns nullopt when there was any.
std::optional<CsvLayout> loadCsvLayout(const YAML::Node& node, config::YamlValues& values);

}  // namespace bridge::parsers::flat
