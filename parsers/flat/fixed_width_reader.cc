#include "parsers/flat/fixed_width_reader.h"

#include <algorithm>
#include <string>
#include <vector>

#include "parsers/edi/quote.h"
#include "parsers/flat/byte_input.h"
#include "parsers/flat/implied_decimals.h"
#include "parsers/flat/source_position.h"
#include "parsers/flat/text_encoding.h"

namespace bridge::parsers::flat {
namespace {

constexpr std::string_view kUtf8ByteOrderMark = "\xEF\xBB\xBF";

// One decoded line, addressable by 1-based character position.
class CharacterLine {
 public:
  explicit CharacterLine(std::string text) : text_(std::move(text)) {
    for (size_t i = 0; i < text_.size(); ++i) {
      if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) starts_.push_back(i);
    }
    starts_.push_back(text_.size());
  }

  uint64_t size() const { return starts_.size() - 1; }

  // Characters first..first+length-1; positions past the end read as spaces.
  std::string slice(uint64_t first, uint64_t length) const {
    const uint64_t begin = std::min(first - 1, size());
    const uint64_t end = std::min(first - 1 + length, size());
    std::string out = text_.substr(starts_[begin], starts_[end] - starts_[begin]);
    out.append(static_cast<size_t>(length - (end - begin)), ' ');
    return out;
  }

  // The character at 1-based `position` (REQUIRES: position <= size()).
  std::string_view at(uint64_t position) const {
    return std::string_view(text_).substr(starts_[position - 1],
                                          starts_[position] - starts_[position - 1]);
  }

 private:
  std::string text_;
  std::vector<size_t> starts_;
};

// Which characters of a record type belong to a field or to the type code.
std::vector<bool> coverageOf(const FixedRecord& record,
                             const std::optional<RecordTypeSpan>& recordType) {
  std::vector<bool> covered(static_cast<size_t>(record.end(recordType)), false);
  auto mark = [&covered](uint64_t offset, uint64_t length) {
    for (uint64_t i = offset - 1; i < offset - 1 + length && i < covered.size(); ++i)
      covered[static_cast<size_t>(i)] = true;
  };
  if (recordType) mark(recordType->offset, recordType->length);
  for (const FixedField& field : record.fields) mark(field.offset, field.length);
  return covered;
}

std::string trimField(const std::string& raw, const FixedField& field) {
  size_t begin = 0;
  size_t end = raw.size();
  if (field.align == Align::kLeft) {
    while (end > 0 && (raw[end - 1] == field.pad || raw[end - 1] == ' ')) --end;
    return raw.substr(0, end);
  }
  while (begin < end && (raw[begin] == field.pad || raw[begin] == ' ')) ++begin;
  std::string value = raw.substr(begin);
  const bool blank = raw.find_first_not_of(' ') == std::string::npos;
  // "0000" is zero, and "0000.50" is 0.50, not ".50".
  if (field.pad == '0' && !blank && (value.empty() || value[0] < '0' || value[0] > '9'))
    value.insert(0, "0");
  return value;
}

class FixedWidthReader {
 public:
  FixedWidthReader(std::istream& in, const FixedWidthLayout& layout, std::string_view sourceName)
      : input_(in), layout_(layout), sourceName_(sourceName) {
    for (const FixedRecord& record : layout.records)
      coverage_.push_back(coverageOf(record, layout.recordType));
  }

  core::Result<nlohmann::json> read() {
    nlohmann::json records = nlohmann::json::array();
    if (input_.skipPrefix(kUtf8ByteOrderMark) && layout_.encoding != TextEncoding::kUtf8) {
      return core::Status::invalidArgument(
          sourcePosition(sourceName_, 1, 1) +
          ": the file starts with a UTF-8 byte order mark, but fixed_width.encoding in the "
          "mapping is " +
          std::string(encodingName(layout_.encoding)) + "; set it to utf-8");
    }
    std::string raw;
    for (;;) {
      bool more = false;
      if (core::Status status = readLine(raw, more); !status.isOk()) return status;
      if (!more) break;
      if (raw.empty()) continue;
      auto record = readRecord(raw);
      if (!record) return record.status();
      records.push_back(std::move(record.value()));
    }
    return nlohmann::json{{"records", std::move(records)}};
  }

 private:
  // The next line without its line end; `more` is false at the end of input.
  core::Status readLine(std::string& raw, bool& more) {
    raw.clear();
    int c = input_.get();
    if (c == ByteInput::kEnd) {
      if (input_.readFailed())
        return core::Status::ioError("cannot read " + std::string(sourceName_) + " after line " +
                                     std::to_string(line_));
      more = false;
      return core::Status::ok();
    }
    ++line_;
    more = true;
    for (; c != ByteInput::kEnd && c != '\n'; c = input_.get()) {
      // One byte of slack for the CR of a CRLF.
      if (raw.size() > layout_.maxRecordBytes) {
        return core::Status::resourceExhausted(
            sourcePosition(sourceName_, line_) + ": the line is longer than " +
            std::to_string(layout_.maxRecordBytes) +
            " bytes (fixed_width.max_record_bytes); check that the file is fixed-width with one "
            "record per line, or raise max_record_bytes in the mapping");
      }
      raw += static_cast<char>(c);
    }
    if (c == ByteInput::kEnd && input_.readFailed())
      return core::Status::ioError("cannot read " + std::string(sourceName_) + " at line " +
                                   std::to_string(line_));
    if (!raw.empty() && raw.back() == '\r') raw.pop_back();
    if (raw.size() > layout_.maxRecordBytes) {
      return core::Status::resourceExhausted(
          sourcePosition(sourceName_, line_) + ": the line is longer than " +
          std::to_string(layout_.maxRecordBytes) +
          " bytes (fixed_width.max_record_bytes); check that the file is fixed-width with one "
          "record per line, or raise max_record_bytes in the mapping");
    }
    return core::Status::ok();
  }

  core::Result<nlohmann::json> readRecord(const std::string& raw) {
    std::string text;
    if (auto problem = decodeToUtf8(raw, layout_.encoding, text)) {
      const uint64_t column =
          layout_.encoding == TextEncoding::kUtf8
              ? countCharacters(std::string_view(raw).substr(0, problem->offset))
              : problem->offset;
      return core::Status::invalidArgument(
          sourcePosition(sourceName_, line_, column + 1) + ": " + problem->problem + "; " +
          (layout_.encoding == TextEncoding::kUtf8
               ? "if the file is not UTF-8, set fixed_width.encoding in the mapping to latin-1 or "
                 "windows-1252"
               : "check fixed_width.encoding in the mapping (latin-1 accepts every byte)"));
    }
    const CharacterLine line(std::move(text));
    size_t index = 0;
    if (layout_.recordType) {
      const std::string code = line.slice(layout_.recordType->offset, layout_.recordType->length);
      const FixedRecord* found = nullptr;
      for (size_t i = 0; i < layout_.records.size() && !found; ++i) {
        std::string declared = layout_.records[i].code;
        declared.resize(std::max<size_t>(declared.size(), code.size()), ' ');
        if (declared == code) {
          found = &layout_.records[i];
          index = i;
        }
      }
      if (!found) {
        return core::Status::invalidArgument(
            sourcePosition(sourceName_, line_, layout_.recordType->offset) + ": record type " +
            edi::quoteValue(code.substr(0, code.find_last_not_of(' ') + 1)) +
            " is not declared in the layout; declared types: " + layout_.describeCodes() +
            " (fixed_width.records)");
      }
    }
    const FixedRecord& record = layout_.records[index];
    if (core::Status status = checkUncovered(line, record, coverage_[index]); !status.isOk())
      return status;
    nlohmann::json out = nlohmann::json::object();
    out[kRecordTypeKey] = record.code;
    for (const FixedField& field : record.fields) {
      const std::string fieldText = line.slice(field.offset, field.length);
      if (!field.decimals) {
        out[field.name] = trimField(fieldText, field);
        continue;
      }
      std::optional<std::string> number =
          applyImpliedDecimals(fieldText, *field.decimals, field.pad);
      if (!number) {
        return core::Status::invalidArgument(
            sourcePosition(sourceName_, line_, field.offset) + ": field '" + field.name +
            "' of record type '" + record.code + "' is " + edi::quoteValue(fieldText) +
            "; expected digits with " + std::to_string(*field.decimals) +
            " implied decimals and an optional leading '-'");
      }
      out[field.name] = std::move(*number);
    }
    return out;
  }

  core::Status checkUncovered(const CharacterLine& line, const FixedRecord& record,
                              const std::vector<bool>& covered) const {
    for (uint64_t position = 1; position <= line.size(); ++position) {
      if (position <= covered.size() && covered[static_cast<size_t>(position - 1)]) continue;
      const std::string_view character = line.at(position);
      if (character == " ") continue;
      const std::string at = sourcePosition(sourceName_, line_, position) + ": unexpected " +
                             edi::quoteValue(character) + " ";
      if (position > covered.size()) {
        return core::Status::invalidArgument(
            at + "past the end of record type '" + record.code + "' (character " +
            std::to_string(covered.size()) +
            "); declare a field or the record's length for it in the layout, or check the "
            "record type");
      }
      return core::Status::invalidArgument(
          at + "outside every field of record type '" + record.code +
          "'; declare a field for it in the layout, or check the field offsets");
    }
    return core::Status::ok();
  }

  ByteInput input_;
  const FixedWidthLayout& layout_;
  std::string_view sourceName_;
  std::vector<std::vector<bool>> coverage_;  // per record type
  uint64_t line_ = 0;
};

}  // namespace

core::Result<nlohmann::json> readFixedWidth(std::istream& in, const FixedWidthLayout& layout,
                                            std::string_view sourceName) {
  if (layout.records.empty())
    return core::Status::invalidArgument("the fixed-width layout declares no record type");
  return FixedWidthReader(in, layout, sourceName).read();
}

}  // namespace bridge::parsers::flat
