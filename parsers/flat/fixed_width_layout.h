// FixedWidthLayout: the record types of a fixed-width file and the fields of
// each, and its loader from the `fixed_width:` section of a mapping file.
//
// Offsets and lengths count characters (after decoding the file's encoding),
// 1-based like an editor's columns. Multi-record files say where the record
// type code sits (`record_type: {offset, length}`); a file with one kind of
// record omits it and declares exactly one record type. A record type may give
// its total `length`, which the writer pads to and the reader allows.
//
// Validation (each problem with file:line:column): zero lengths, fields that
// overlap each other or the record type code, fields past the record's
// `length` or past max_record_bytes, repeated names, decimals that do not fit,
// a code longer than the record type field.
//
// Thread-safety: values; the loader uses the caller's YamlValues.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bridge/config/yaml_reader.h"
#include "parsers/flat/layout_options.h"
#include "parsers/flat/text_encoding.h"

namespace bridge::parsers::flat {

enum class Align { kLeft, kRight };

struct FixedField {
  std::string name;
  uint64_t offset = 1;  // first character, 1-based
  uint64_t length = 1;
  // Implied decimals: the file holds digits only ("00012345"), the record
  // document a decimal number ("123.45").
  std::optional<unsigned> decimals;
  Align align = Align::kLeft;  // right by default when decimals are given
  char pad = ' ';

  uint64_t last() const { return offset + length - 1; }
};

// Where the record type code sits in each line.
struct RecordTypeSpan {
  uint64_t offset = 1;
  uint64_t length = 1;
};

struct FixedRecord {
  std::string code;  // the record type code, "_type" in the record document
  std::vector<FixedField> fields;
  std::optional<uint64_t> length;  // total characters, when the layout gives it

  // The last character the record uses: its length, or its last field.
  uint64_t end(const std::optional<RecordTypeSpan>& recordType) const;
};

inline constexpr uint64_t kDefaultFixedMaxRecordBytes = 65536;

struct FixedWidthLayout {
  std::optional<RecordTypeSpan> recordType;  // absent: one record type only
  std::vector<FixedRecord> records;
  TextEncoding encoding = TextEncoding::kUtf8;
  LineEnding lineEnding = LineEnding::kLf;
  uint64_t maxRecordBytes = kDefaultFixedMaxRecordBytes;  // one line, its line end excluded

  // The record type with `code`, or nullptr.
  const FixedRecord* find(std::string_view code) const;
  // "'HD', 'DT'" for messages.
  std::string describeCodes() const;
};

// The key of the record type in each JSON record; no field may use it.
inline constexpr char kRecordTypeKey[] = "_type";

// Reads the `fixed_width:` mapping. Every problem is added to `values` with
// its file:line:column; returns nullopt when there was any.
std::optional<FixedWidthLayout> loadFixedWidthLayout(const YAML::Node& node,
                                                     config::YamlValues& values);

}  // namespace bridge::parsers::flat
