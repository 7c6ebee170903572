#include "parsers/flat/csv_reader.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "parsers/edi/quote.h"
#include "parsers/flat/source_position.h"

namespace bridge::parsers::flat {
namespace {

constexpr std::string_view kUtf8ByteOrderMark = "\xEF\xBB\xBF";

std::string encodingAdvice(TextEncoding encoding) {
  if (encoding == TextEncoding::kUtf8)
    return "if the file is not UTF-8, set csv.encoding in the mapping to latin-1 or windows-1252";
  return "check csv.encoding in the mapping (latin-1 accepts every byte)";
}

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

}  // namespace

CsvRecordReader::CsvRecordReader(std::istream& in, const CsvLayout& layout, std::string sourceName)
    : input_(in), layout_(layout), sourceName_(std::move(sourceName)), decoder_(layout.encoding) {}

bool CsvRecordReader::startInput(core::Status& error) {
  started_ = true;
  if (!input_.skipPrefix(kUtf8ByteOrderMark)) return true;
  if (layout_.encoding == TextEncoding::kUtf8) return true;
  error = core::Status::invalidArgument(
      sourcePosition(sourceName_, 1, 1) +
      ": the file starts with a UTF-8 byte order mark, but csv.encoding in the mapping is " +
      std::string(encodingName(layout_.encoding)) + "; set it to utf-8");
  return false;
}

void CsvRecordReader::consume(int byte) {
  input_.get();
  if (byte == '\n' || (byte == '\r' && input_.peek() != '\n')) {
    ++line_;
    column_ = 1;
  } else if (byte == '\r') {
    // The LF that follows ends the line.
  } else if (layout_.encoding != TextEncoding::kUtf8 || (byte & 0xC0) != 0x80) {
    ++column_;
  }
}

void CsvRecordReader::consumeLineEnd() {
  if (input_.peek() == '\r') consume('\r');
  if (input_.peek() == '\n') consume('\n');
}

core::Status CsvRecordReader::decodeError(const std::string& problem) const {
  return core::Status::invalidArgument(
      sourcePosition(sourceName_, characterLine_, characterColumn_) + ": " + problem + "; " +
      encodingAdvice(layout_.encoding));
}

bool CsvRecordReader::addData(unsigned char byte, std::string& field, core::Status& error) {
  if (decoder_.feed(byte, field)) return true;
  error = decodeError(decoder_.problem());
  return false;
}

bool CsvRecordReader::endField(std::string& field, std::vector<std::string>& fields,
                               core::Status& error) {
  if (fields.size() == layout_.maxFields) {
    error = core::Status::resourceExhausted(
        sourcePosition(sourceName_, recordLine_) + ": the record has more than " +
        std::to_string(layout_.maxFields) +
        " fields (csv.max_fields); check that csv.delimiter matches the file, or raise "
        "max_fields in the mapping");
    return false;
  }
  fields.push_back(std::move(field));
  field.clear();
  return true;
}

core::Status CsvRecordReader::recordTooLong(State state, uint64_t quoteLine,
                                            uint64_t quoteColumn) const {
  std::string message = sourcePosition(sourceName_, recordLine_) +
                        ": the record starting here is longer than " +
                        std::to_string(layout_.maxRecordBytes) + " bytes (csv.max_record_bytes); ";
  if (state == State::kQuoted) {
    message += "it is still inside the quoted field opened at " +
               sourcePosition(sourceName_, quoteLine, quoteColumn) +
               ", so a closing quote is probably missing there";
  } else {
    message += "raise max_record_bytes in the mapping if such records are expected";
  }
  return core::Status::resourceExhausted(std::move(message));
}

bool CsvRecordReader::next(std::vector<std::string>& fields, core::Status& error) {
  fields.clear();
  error = core::Status::ok();
  if (finished_) return false;
  if (!started_ && !startInput(error)) {
    finished_ = true;
    return false;
  }
  // Blank lines hold no record.
  for (;;) {
    const int c = input_.peek();
    if (c == ByteInput::kEnd) {
      finished_ = true;
      if (input_.readFailed())
        error = core::Status::ioError("cannot read " + sourceName_ + " after line " +
                                      std::to_string(line_));
      return false;
    }
    if (c != '\r' && c != '\n') break;
    consumeLineEnd();
  }
  // Every return below ends this record; any but a successful one ends the input.
  finished_ = true;
  recordLine_ = line_;
  uint64_t bytes = 0;
  uint64_t quoteLine = 0;
  uint64_t quoteColumn = 0;
  std::string field;
  State state = State::kFieldStart;
  for (;;) {
    const int c = input_.peek();
    const bool atLineEnd = c == '\r' || c == '\n';
    if (c == ByteInput::kEnd || (atLineEnd && state != State::kQuoted)) {
      if (input_.readFailed()) {
        error = core::Status::ioError("cannot read " + sourceName_ + " at line " +
                                      std::to_string(line_));
        return false;
      }
      if (state == State::kQuoted) {
        error = core::Status::invalidArgument(
            sourcePosition(sourceName_, quoteLine, quoteColumn) +
            ": unterminated quoted field starting here; close the quote, or write a quote inside "
            "the field twice (\"\")");
        return false;
      }
      if (decoder_.midCharacter()) {
        decoder_.abandonCharacter(atLineEnd ? std::optional<unsigned char>(c) : std::nullopt);
        error = decodeError(decoder_.problem());
        return false;
      }
      if (!endField(field, fields, error)) return false;
      if (atLineEnd) consumeLineEnd();
      finished_ = c == ByteInput::kEnd;
      return true;
    }
    if (++bytes > layout_.maxRecordBytes) {
      error = recordTooLong(state, quoteLine, quoteColumn);
      return false;
    }
    const auto byte = static_cast<unsigned char>(c);
    if (!decoder_.midCharacter()) {
      characterLine_ = line_;
      characterColumn_ = column_;
    }
    const uint64_t byteLine = line_;
    const uint64_t byteColumn = column_;
    consume(c);
    // A delimiter or quote cannot end a field in the middle of a character.
    if (byte < 0x80 && decoder_.midCharacter()) {
      decoder_.abandonCharacter(byte);
      error = decodeError(decoder_.problem());
      return false;
    }
    switch (state) {
      case State::kFieldStart:
        if (byte == static_cast<unsigned char>(layout_.quote)) {
          state = State::kQuoted;
          quoteLine = byteLine;
          quoteColumn = byteColumn;
          break;
        }
        if (byte == static_cast<unsigned char>(layout_.delimiter)) {
          if (!endField(field, fields, error)) return false;
          break;
        }
        state = State::kUnquoted;
        if (!addData(byte, field, error)) return false;
        break;
      case State::kUnquoted:
        if (byte == static_cast<unsigned char>(layout_.delimiter)) {
          if (!endField(field, fields, error)) return false;
          state = State::kFieldStart;
          break;
        }
        if (!addData(byte, field, error)) return false;
        break;
      case State::kQuoted:
        if (byte == static_cast<unsigned char>(layout_.quote)) {
          state = State::kAfterClosingQuote;
          break;
        }
        if (!addData(byte, field, error)) return false;
        break;
      case State::kAfterClosingQuote:
        if (byte == static_cast<unsigned char>(layout_.quote)) {
          field += layout_.quote;
          state = State::kQuoted;
          break;
        }
        if (byte == static_cast<unsigned char>(layout_.delimiter)) {
          if (!endField(field, fields, error)) return false;
          state = State::kFieldStart;
          break;
        }
        error = core::Status::invalidArgument(
            sourcePosition(sourceName_, byteLine, byteColumn) + ": unexpected " +
            edi::describeCharacter(static_cast<char>(byte)) +
            " after the closing quote of the field opened at " +
            sourcePosition(sourceName_, quoteLine, quoteColumn) +
            "; a quote inside a quoted field is written twice (\"\"), and a field ends at the "
            "delimiter right after its closing quote");
        return false;
    }
  }
}

namespace {

struct KeyedColumn {
  size_t index;  // 0-based field index
  std::string key;
};

std::string headerList(const std::vector<std::string>& header) {
  std::string out;
  const size_t shown = std::min<size_t>(header.size(), 20);
  for (size_t i = 0; i < shown; ++i) out += (i ? ", " : "") + edi::quoteValue(header[i]);
  if (shown < header.size()) out += ", ...";
  return out;
}

// Which field of each record goes under which key, worked out from the header row.
core::Result<std::vector<KeyedColumn>> keysFromHeader(const std::vector<std::string>& header,
                                                      const CsvLayout& layout,
                                                      const std::string& at) {
  std::vector<KeyedColumn> keys;
  if (layout.columns.empty()) {
    for (size_t i = 0; i < header.size(); ++i) {
      if (header[i].empty()) {
        return core::Status::invalidArgument(
            at + ": column " + std::to_string(i + 1) +
            " of the header row is empty; name it in the file, or list csv.columns in the mapping "
            "to choose columns by header text or position");
      }
      for (size_t j = 0; j < i; ++j) {
        if (header[j] != header[i]) continue;
        return core::Status::invalidArgument(
            at + ": columns " + std::to_string(j + 1) + " and " + std::to_string(i + 1) +
            " of the header row are both " + edi::quoteValue(header[i]) +
            "; rename one in the file, or list csv.columns in the mapping to pick one by "
            "position");
      }
      keys.push_back({i, header[i]});
    }
    return keys;
  }
  for (const CsvColumn& column : layout.columns) {
    const std::string what = "csv.columns '" + column.name + "'";
    if (column.position) {
      if (*column.position > header.size()) {
        return core::Status::invalidArgument(
            at + ": " + what + " is at position " + std::to_string(*column.position) +
            " but the header row has " + std::to_string(header.size()) +
            " columns: " + headerList(header));
      }
      keys.push_back({static_cast<size_t>(*column.position - 1), column.name});
      continue;
    }
    std::optional<size_t> found;
    for (size_t i = 0; i < header.size(); ++i) {
      if (trimmed(header[i]) != trimmed(column.headerText())) continue;
      if (found) {
        return core::Status::invalidArgument(
            at + ": the header row has " + edi::quoteValue(column.headerText()) + " in columns " +
            std::to_string(*found + 1) + " and " + std::to_string(i + 1) + "; give " + what +
            " a 'position' to choose one");
      }
      found = i;
    }
    if (!found) {
      return core::Status::invalidArgument(
          at + ": the header row has no column " + edi::quoteValue(column.headerText()) +
          " (wanted by " + what + "); it has " + headerList(header) +
          ". Correct the 'header' of the column in the mapping, or check the file");
    }
    keys.push_back({*found, column.name});
  }
  return keys;
}

}  // namespace

core::Result<nlohmann::json> readCsv(std::istream& in, const CsvLayout& layout,
                                     std::string_view sourceName) {
  CsvRecordReader reader(in, layout, std::string(sourceName));
  std::vector<std::string> fields;
  core::Status error;
  nlohmann::json records = nlohmann::json::array();
  std::vector<KeyedColumn> keys;
  size_t headerFields = 0;
  uint64_t headerLine = 0;
  if (layout.header) {
    if (!reader.next(fields, error)) {
      if (!error.isOk()) return error;
      return nlohmann::json{{"records", std::move(records)}};
    }
    headerLine = reader.line();
    auto resolved = keysFromHeader(fields, layout, sourcePosition(sourceName, headerLine));
    if (!resolved) return resolved.status();
    keys = std::move(resolved.value());
    headerFields = fields.size();
  } else {
    for (const CsvColumn& column : layout.columns) {
      if (!column.position) {
        return core::Status::invalidArgument(
            std::string(sourceName) + ": csv.columns '" + column.name +
            "' has no position, and without a header row columns are found by position only; "
            "give it a 'position' in the mapping");
      }
      keys.push_back({static_cast<size_t>(*column.position - 1), column.name});
    }
  }
  size_t neededFields = 0;
  const KeyedColumn* furthest = nullptr;
  for (const KeyedColumn& key : keys) {
    if (key.index + 1 > neededFields) {
      neededFields = key.index + 1;
      furthest = &key;
    }
  }
  while (reader.next(fields, error)) {
    const std::string at = sourcePosition(sourceName, reader.line());
    if (layout.header && fields.size() != headerFields) {
      return core::Status::invalidArgument(
          at + ": the record has " + std::to_string(fields.size()) +
          " fields but the header row (line " + std::to_string(headerLine) + ") has " +
          std::to_string(headerFields) + "; check for a missing or extra delimiter");
    }
    if (fields.size() < neededFields) {
      return core::Status::invalidArgument(
          at + ": the record has " + std::to_string(fields.size()) + " fields; csv.columns '" +
          furthest->key + "' is at position " + std::to_string(neededFields));
    }
    nlohmann::json record = nlohmann::json::object();
    for (const KeyedColumn& key : keys) record[key.key] = fields[key.index];
    records.push_back(std::move(record));
  }
  if (!error.isOk()) return error;
  return nlohmann::json{{"records", std::move(records)}};
}

}  // namespace bridge::parsers::flat
