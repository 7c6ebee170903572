#include "parsers/flat/fixed_width_layout.h"

#include <algorithm>
#include <string>

namespace bridge::parsers::flat {
namespace {

constexpr uint64_t kPositionLimit = 1ull << 24;
constexpr unsigned kMaxDecimals = 18;

std::string span(uint64_t first, uint64_t last) {
  return "characters " + std::to_string(first) + "-" + std::to_string(last);
}

std::string lineOf(const YAML::Node& node) { return std::to_string(node.Mark().line + 1); }

// A field as read, with the node and name its later checks report at.
struct FieldEntry {
  FixedField field;
  YAML::Node node;
  std::string name;  // "fixed_width.records.HD.fields[2]"
};

struct RecordEntry {
  FixedRecord record;
  YAML::Node keyNode;
  YAML::Node node;
  std::string name;  // "fixed_width.records.HD"
  std::vector<FieldEntry> fields;
};

std::optional<FieldEntry> readField(const YAML::Node& node, const std::string& name,
                                    config::YamlValues& values) {
  config::MapReader map(node, name, values);
  if (!map.valid()) return std::nullopt;
  FieldEntry entry{{}, node, name};
  const auto fieldName = map.string("name", true);
  const auto offset = map.unsignedInt("offset", 1, kPositionLimit, true);
  const auto length = map.unsignedInt("length", 1, kPositionLimit, true);
  const auto decimals = map.unsignedInt("decimals", 0, kMaxDecimals);
  const auto align = map.oneOf("align", {"left", "right"});
  const auto pad = readAsciiCharacter(map, name, "pad", {{"space", ' '}, {"zero", '0'}});
  map.finish();
  if (!fieldName || !offset || !length) return std::nullopt;
  if (fieldName->empty() || *fieldName == kRecordTypeKey) {
    values.error(
        map.get("name"),
        name + " 'name' is '" + *fieldName + "'" +
            (fieldName->empty() ? "; give the field a name"
                                : ", which the record document uses for the record type; choose "
                                  "another name"));
    return std::nullopt;
  }
  entry.field.name = *fieldName;
  entry.field.offset = *offset;
  entry.field.length = *length;
  if (decimals) {
    entry.field.decimals = static_cast<unsigned>(*decimals);
    entry.field.align = Align::kRight;
    if (*decimals > *length) {
      values.error(map.get("decimals"), name + " 'decimals' is " + std::to_string(*decimals) +
                                            " but the field is " + std::to_string(*length) +
                                            " characters long");
    }
  }
  if (align) entry.field.align = *align == "right" ? Align::kRight : Align::kLeft;
  if (pad) entry.field.pad = *pad;
  return entry;
}

std::optional<RecordEntry> readRecord(const YAML::Node& keyNode, const YAML::Node& node,
                                      config::YamlValues& values) {
  RecordEntry entry{{}, keyNode, node, "fixed_width.records." + keyNode.Scalar(), {}};
  entry.record.code = keyNode.Scalar();
  config::MapReader map(node, entry.name, values);
  if (!map.valid()) return std::nullopt;
  const YAML::Node fields = map.get("fields", true);
  if (auto length = map.unsignedInt("length", 1, kPositionLimit)) entry.record.length = *length;
  map.finish();
  if (!fields.IsDefined()) return std::nullopt;
  if (!fields.IsSequence() || fields.size() == 0) {
    values.error(fields, entry.name +
                             " 'fields' must be a list of {name, offset, length} "
                             "entries with at least one field, not " +
                             config::describeNode(fields));
    return std::nullopt;
  }
  for (size_t i = 0; i < fields.size(); ++i) {
    const std::string name = entry.name + ".fields[" + std::to_string(i + 1) + "]";
    if (auto field = readField(fields[i], name, values)) entry.fields.push_back(std::move(*field));
  }
  return entry;
}

std::optional<RecordTypeSpan> readRecordType(config::MapReader& parent) {
  const YAML::Node node = parent.get("record_type");
  if (!node.IsDefined()) return std::nullopt;
  config::MapReader map(node, "fixed_width.record_type", parent.values());
  if (!map.valid()) return std::nullopt;
  const auto offset = map.unsignedInt("offset", 1, kPositionLimit, true);
  const auto length = map.unsignedInt("length", 1, kPositionLimit, true);
  map.finish();
  if (!offset || !length) return std::nullopt;
  return RecordTypeSpan{*offset, *length};
}

std::vector<RecordEntry> readRecords(config::MapReader& parent, config::YamlValues& values) {
  std::vector<RecordEntry> entries;
  const YAML::Node node = parent.get("records", true);
  if (!node.IsDefined()) return entries;
  if (!node.IsMap() || node.size() == 0) {
    values.error(node,
                 "fixed_width 'records' must be a mapping of record type codes to {fields: "
                 "[...]} with at least one record type, not " +
                     config::describeNode(node));
    return entries;
  }
  std::vector<YAML::Node> seen;  // every code, also those whose record had problems
  for (auto it = node.begin(); it != node.end(); ++it) {
    const YAML::Node key = it->first;
    if (!key.IsScalar() || key.Scalar().empty()) {
      values.error(key, "fixed_width.records has a record type code that is not a single word");
      continue;
    }
    const auto earlier = std::find_if(seen.begin(), seen.end(), [&key](const YAML::Node& code) {
      return code.Scalar() == key.Scalar();
    });
    if (earlier != seen.end()) {
      values.error(key, "fixed_width.records has the record type '" + key.Scalar() +
                            "' twice (first on line " + lineOf(*earlier) + "); keep one");
      continue;
    }
    seen.push_back(key);
    if (auto entry = readRecord(key, it->second, values)) entries.push_back(std::move(*entry));
  }
  return entries;
}

void checkField(const FieldEntry& entry, const RecordEntry& record,
                const std::optional<RecordTypeSpan>& recordType, uint64_t maxRecordBytes,
                config::YamlValues& values) {
  const FixedField& field = entry.field;
  const std::string what =
      entry.name + " '" + field.name + "' (" + span(field.offset, field.last()) + ")";
  if (recordType && field.offset <= recordType->offset + recordType->length - 1 &&
      recordType->offset <= field.last()) {
    values.error(entry.node,
                 what + " overlaps the record type code (" +
                     span(recordType->offset, recordType->offset + recordType->length - 1) +
                     "); move the field or correct fixed_width.record_type");
  }
  if (field.last() > maxRecordBytes) {
    values.error(entry.node, what + " ends past fixed_width 'max_record_bytes' (" +
                                 std::to_string(maxRecordBytes) + ")");
  } else if (record.record.length && field.last() > *record.record.length) {
    values.error(entry.node, what + " ends past the record's 'length' (" +
                                 std::to_string(*record.record.length) + ")");
  }
  for (const FieldEntry& earlier : record.fields) {
    if (&earlier == &entry) break;
    if (earlier.field.name == field.name) {
      values.error(entry.node, entry.name + " repeats the name '" + field.name + "' from line " +
                                   lineOf(earlier.node) + "; each field needs its own name");
    } else if (field.offset <= earlier.field.last() && earlier.field.offset <= field.last()) {
      values.error(entry.node, what + " overlaps '" + earlier.field.name + "' (" +
                                   span(earlier.field.offset, earlier.field.last()) +
                                   "); fields must not share characters");
    }
  }
}

void checkRecord(const RecordEntry& entry, const std::optional<RecordTypeSpan>& recordType,
                 uint64_t maxRecordBytes, config::YamlValues& values) {
  if (recordType && countCharacters(entry.record.code) > recordType->length) {
    values.error(entry.keyNode, "fixed_width.records code '" + entry.record.code + "' is " +
                                    std::to_string(countCharacters(entry.record.code)) +
                                    " characters, longer than fixed_width.record_type 'length' (" +
                                    std::to_string(recordType->length) + ")");
  }
  const std::optional<uint64_t>& length = entry.record.length;
  if (length && *length > maxRecordBytes) {
    values.error(entry.node, entry.name + " 'length' is " + std::to_string(*length) +
                                 ", past fixed_width 'max_record_bytes' (" +
                                 std::to_string(maxRecordBytes) + ")");
  }
  if (length && recordType && recordType->offset + recordType->length - 1 > *length) {
    values.error(entry.node, entry.name + " 'length' is " + std::to_string(*length) +
                                 ", too short to hold the record type code");
  }
  for (const FieldEntry& field : entry.fields)
    checkField(field, entry, recordType, maxRecordBytes, values);
}

}  // namespace

uint64_t FixedRecord::end(const std::optional<RecordTypeSpan>& recordType) const {
  if (length) return *length;
  uint64_t last = recordType ? recordType->offset + recordType->length - 1 : 0;
  for (const FixedField& field : fields) last = std::max(last, field.last());
  return last;
}

const FixedRecord* FixedWidthLayout::find(std::string_view code) const {
  for (const FixedRecord& record : records) {
    if (record.code == code) return &record;
  }
  return nullptr;
}

std::string FixedWidthLayout::describeCodes() const {
  std::string out;
  for (const FixedRecord& record : records) out += (out.empty() ? "'" : ", '") + record.code + "'";
  return out;
}

std::optional<FixedWidthLayout> loadFixedWidthLayout(const YAML::Node& node,
                                                     config::YamlValues& values) {
  const size_t before = values.issues().size();
  config::MapReader map(node, "fixed_width", values);
  if (!map.valid()) return std::nullopt;
  FixedWidthLayout layout;
  layout.recordType = readRecordType(map);
  const bool recordTypeGiven = map.has("record_type");
  std::vector<RecordEntry> records = readRecords(map, values);
  if (auto encoding = readEncoding(map, "encoding")) layout.encoding = *encoding;
  if (auto ending = readLineEnding(map, "line_ending")) layout.lineEnding = *ending;
  if (auto bytes = map.unsignedInt("max_record_bytes", 1, kPositionLimit))
    layout.maxRecordBytes = *bytes;
  map.finish();
  if (!recordTypeGiven && records.size() > 1) {
    values.error(map.get("records"),
                 "fixed_width declares " + std::to_string(records.size()) +
                     " record types but no 'record_type'; add record_type: {offset, length} to "
                     "say where each line's type code is, or keep one record type");
  }
  if (layout.recordType) {
    const uint64_t last = layout.recordType->offset + layout.recordType->length - 1;
    if (last > layout.maxRecordBytes) {
      values.error(map.get("record_type"), "fixed_width.record_type ends at character " +
                                               std::to_string(last) +
                                               ", past fixed_width 'max_record_bytes' (" +
                                               std::to_string(layout.maxRecordBytes) + ")");
    }
  }
  for (RecordEntry& entry : records) {
    checkRecord(entry, layout.recordType, layout.maxRecordBytes, values);
    for (FieldEntry& field : entry.fields) entry.record.fields.push_back(std::move(field.field));
    layout.records.push_back(std::move(entry.record));
  }
  if (values.issues().size() != before) return std::nullopt;
  return layout;
}

}  // namespace bridge::parsers::flat
