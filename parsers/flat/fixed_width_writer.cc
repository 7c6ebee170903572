#include "parsers/flat/fixed_width_writer.h"

#include <algorithm>
#include <string>
#include <vector>

#include "parsers/edi/quote.h"
#include "parsers/flat/implied_decimals.h"
#include "parsers/flat/json_cell.h"
#include "parsers/flat/text_encoding.h"

namespace bridge::parsers::flat {
namespace {

// A field's text, exactly field.length characters; nullopt with `problem`
// ("is 12 characters; the field holds 10") when the value does not fit.
std::optional<std::string> formatField(const std::string& value, const FixedField& field,
                                       std::string& problem) {
  const auto length = static_cast<size_t>(field.length);
  if (value.empty()) return std::string(length, ' ');
  if (findInvalidUtf8(value)) {
    problem = "is not valid UTF-8";
    return std::nullopt;
  }
  if (value.find_first_of("\r\n") != std::string::npos) {
    problem = "holds a line break; a fixed-width record is one line";
    return std::nullopt;
  }
  if (!field.decimals) {
    const size_t characters = countCharacters(value);
    if (characters > length) {
      problem = "is " + std::to_string(characters) + " characters; the field holds " +
                std::to_string(length);
      return std::nullopt;
    }
    const std::string padding(length - characters, field.pad);
    return field.align == Align::kLeft ? value + padding : padding + value;
  }
  const std::optional<ImpliedDigits> number =
      removeImpliedDecimals(value, *field.decimals, problem);
  if (!number) return std::nullopt;
  const std::string sign = number->negative ? "-" : "";
  const size_t needed = sign.size() + number->digits.size();
  if (needed > length) {
    problem = "needs " + std::to_string(needed) + " characters with " +
              std::to_string(*field.decimals) + " implied decimals; the field holds " +
              std::to_string(length);
    return std::nullopt;
  }
  const std::string padding(length - needed, field.pad);
  if (field.align == Align::kLeft) return sign + number->digits + padding;
  // A sign goes before zeros ("-0012345") but after spaces ("   -12345").
  if (field.pad >= '0' && field.pad <= '9') return sign + padding + number->digits;
  return padding + sign + number->digits;
}

struct Segment {
  uint64_t offset;
  uint64_t length;
  std::string bytes;  // encoded
};

class FixedWidthWriter {
 public:
  FixedWidthWriter(const FixedWidthLayout& layout, std::ostream& out)
      : layout_(layout), out_(out) {}

  core::Status writeRecord(const nlohmann::json& record, size_t index) {
    const std::string name = recordName(index);
    if (!record.is_object()) {
      return core::Status::invalidArgument(name + " is " + describeJsonType(record) +
                                           "; each record must be an object of field values");
    }
    auto type = recordType(record, name);
    if (!type) return type.status();
    const FixedRecord& recordType = *type.value();
    const std::string where = name + " (" + recordType.code + ")";
    for (const auto& [key, value] : record.items()) {
      if (key == kRecordTypeKey) continue;
      const bool declared = std::any_of(recordType.fields.begin(), recordType.fields.end(),
                                        [&key](const FixedField& f) { return f.name == key; });
      if (!declared) {
        return core::Status::invalidArgument(
            where + " has the field '" + key + "', which record type '" + recordType.code +
            "' does not declare; add it to the layout, or leave it out in the mapping");
      }
    }
    std::vector<Segment> segments;
    if (layout_.recordType) {
      std::string code = recordType.code;
      const size_t characters = countCharacters(code);
      if (characters > layout_.recordType->length) {
        return core::Status::invalidArgument(where +
                                             ": the record type code is longer than "
                                             "fixed_width.record_type 'length'");
      }
      code.append(static_cast<size_t>(layout_.recordType->length - characters), ' ');
      std::string bytes;
      if (auto problem = encodeFromUtf8(code, layout_.encoding, bytes))
        return encodeError(where + ", record type code", *problem);
      segments.push_back({layout_.recordType->offset, layout_.recordType->length, bytes});
    }
    for (const FixedField& field : recordType.fields) {
      std::string value;
      const std::string fieldWhere = where + ", field '" + field.name + "'";
      if (const auto found = record.find(field.name); found != record.end()) {
        const std::optional<std::string> text = cellText(*found);
        if (!text) {
          return core::Status::invalidArgument(fieldWhere + " is " + describeJsonType(*found) +
                                               "; a fixed-width field holds a single value");
        }
        value = *text;
      }
      std::string problem;
      const std::optional<std::string> formatted = formatField(value, field, problem);
      if (!formatted)
        return core::Status::invalidArgument(fieldWhere + ": " + edi::quoteValue(value) + " " +
                                             problem);
      std::string bytes;
      if (auto encodeProblem = encodeFromUtf8(*formatted, layout_.encoding, bytes))
        return encodeError(fieldWhere, *encodeProblem);
      segments.push_back({field.offset, field.length, std::move(bytes)});
    }
    std::sort(segments.begin(), segments.end(),
              [](const Segment& a, const Segment& b) { return a.offset < b.offset; });
    std::string line;
    uint64_t next = 1;
    for (const Segment& segment : segments) {
      line.append(static_cast<size_t>(segment.offset - next), ' ');
      line += segment.bytes;
      next = segment.offset + segment.length;
    }
    const uint64_t end = recordType.end(layout_.recordType);
    if (end >= next) line.append(static_cast<size_t>(end - next + 1), ' ');
    if (line.size() > layout_.maxRecordBytes) {
      return core::Status::invalidArgument(
          where + " is " + std::to_string(line.size()) + " bytes, more than " +
          std::to_string(layout_.maxRecordBytes) + " (fixed_width.max_record_bytes)");
    }
    line += lineEndingBytes(layout_.lineEnding);
    out_.write(line.data(), static_cast<std::streamsize>(line.size()));
    if (!out_) return core::Status::ioError("cannot write the fixed-width output");
    return core::Status::ok();
  }

 private:
  core::Result<const FixedRecord*> recordType(const nlohmann::json& record,
                                              const std::string& name) const {
    const auto type = record.find(kRecordTypeKey);
    if (type == record.end()) {
      if (!layout_.recordType) return &layout_.records.front();
      return core::Status::invalidArgument(
          name + " has no \"_type\"; each record needs its record type code (declared: " +
          layout_.describeCodes() + ")");
    }
    if (!type->is_string()) {
      return core::Status::invalidArgument(name + " has \"_type\" " + describeJsonType(*type) +
                                           "; it must be the record type code as a string");
    }
    const FixedRecord* found = layout_.find(type->get<std::string>());
    if (!found) {
      return core::Status::invalidArgument(
          name + " has the record type " + edi::quoteValue(type->get<std::string>()) +
          ", which the layout does not declare; declared: " + layout_.describeCodes());
    }
    return found;
  }

  core::Status encodeError(const std::string& where, const EncodeError& problem) const {
    return core::Status::invalidArgument(
        where + ": " + problem.describe(layout_.encoding) +
        "; set fixed_width.encoding in the mapping to one that has it (utf-8 has every "
        "character), or change the value");
  }

  const FixedWidthLayout& layout_;
  std::ostream& out_;
};

}  // namespace

core::Status writeFixedWidth(const nlohmann::json& document, const FixedWidthLayout& layout,
                             std::ostream& out) {
  const auto records = document.is_object() ? document.find("records") : document.end();
  if (!document.is_object() || records == document.end() || !records->is_array()) {
    return core::Status::invalidArgument(
        "the document to write as fixed-width has no \"records\" list; a fixed-width target "
        "needs {\"records\": [{\"_type\": ..., ...}, ...]} from the mapping");
  }
  if (layout.records.empty())
    return core::Status::invalidArgument("the fixed-width layout declares no record type");
  FixedWidthWriter writer(layout, out);
  for (size_t i = 0; i < records->size(); ++i) {
    if (core::Status status = writer.writeRecord((*records)[i], i); !status.isOk()) return status;
  }
  out.flush();
  if (!out) return core::Status::ioError("cannot write the fixed-width output");
  return core::Status::ok();
}

}  // namespace bridge::parsers::flat
