// Reading CSV: CsvRecordReader splits a stream into records of UTF-8 fields
// (RFC 4180), and readCsv turns a whole file into the JSON record document
// {"records": [{"column": "value", ...}, ...]} that mappings work on.
//
// What the reader accepts:
// - Fields separated by the layout's delimiter; a field that starts with the
//   quote character runs to the next lone quote, and may hold delimiters, CR,
//   LF and doubled quotes ("" stands for one "). A quote inside an unquoted
//   field is kept as data; anything but a delimiter or a line end after a
//   closing quote is an error.
// - Records end at CRLF, LF or a lone CR. Empty lines are skipped, so a
//   trailing line end does not make an empty record (nor does a blank line in
//   the middle: a one-column file cannot hold an empty value on its own line).
// - A UTF-8 byte order mark at the start is skipped.
// - Bytes are decoded from the layout's encoding while tokenizing; a byte
//   that cannot be decoded stops the read with its line and column.
// Positions in messages are 1-based; columns count characters.
//
// Limits: a record longer than the layout's maxRecordBytes (counted as read,
// quotes and embedded line ends included) or with more than maxFields fields
// stops the read with resourceExhausted, so a missing closing quote cannot make
// the reader swallow the rest of a large file into one field.
//
// Memory: CsvRecordReader holds one input chunk, the current record and a
// copy of its layout; readCsv holds the whole document it returns.
// Thread-safety: a reader belongs to one thread; readCsv is reentrant.
#pragma once

#include <cstdint>
#include <istream>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "bridge/core/status.h"
#include "parsers/flat/byte_input.h"
#include "parsers/flat/csv_layout.h"
#include "parsers/flat/text_encoding.h"

namespace bridge::parsers::flat {

class CsvRecordReader {
 public:
  // `sourceName` names the input in messages ("orders.csv").
  CsvRecordReader(std::istream& in, const CsvLayout& layout, std::string sourceName);

  // Reads the next record into `fields` (UTF-8). Returns false at the end of
  // the input (error ok) or on a problem (error set; the reader is then done).
  bool next(std::vector<std::string>& fields, core::Status& error);

  // The line on which the record last returned by next() starts.
  uint64_t line() const { return recordLine_; }
  const std::string& sourceName() const { return sourceName_; }

 private:
  enum class State { kFieldStart, kUnquoted, kQuoted, kAfterClosingQuote };

  bool startInput(core::Status& error);
  void consume(int byte);
  void consumeLineEnd();
  bool addData(unsigned char byte, std::string& field, core::Status& error);
  bool endField(std::string& field, std::vector<std::string>& fields, core::Status& error);
  core::Status decodeError(const std::string& problem) const;
  core::Status recordTooLong(State state, uint64_t quoteLine, uint64_t quoteColumn) const;

  ByteInput input_;
  const CsvLayout layout_;  // a copy: a reader may outlive the layout it was given
  std::string sourceName_;
  ByteDecoder decoder_;
  bool started_ = false;
  bool finished_ = false;
  uint64_t line_ = 1;  // position of the next byte
  uint64_t column_ = 1;
  uint64_t characterLine_ = 1;  // where the character being decoded starts
  uint64_t characterColumn_ = 1;
  uint64_t recordLine_ = 0;
};

// The whole file as {"records": [...]}: one JSON object per record, keyed by
// column name (the header text when the layout lists no columns), every value
// a string. With a header row every record must have as many fields as the
// header; without one, at least as many as the highest column position.
core::Result<nlohmann::json> readCsv(std::istream& in, const CsvLayout& layout,
                                     std::string_view sourceName);

}  // namespace bridge::parsers::flat
