// How flat-file readers name a place in their input: "orders.csv:12:7" (line
// and column 1-based; the column is left out when it is unknown), so every
// message can be pasted into an editor's go-to-line.
//
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace bridge::parsers::flat {

inline std::string sourcePosition(std::string_view source, uint64_t line, uint64_t column = 0) {
  std::string out(source);
  out += ":" + std::to_string(line);
  if (column > 0) out += ":" + std::to_string(column);
  return out;
}

struct LineColumn {
  uint64_t line = 1;
  uint64_t column = 1;
};

// The line and column of byte `offset` of `text`, for readers that hold the
// whole input. Lines end at LF, CRLF or a lone CR. With `utf8`, columns count
// characters (continuation bytes do not advance them); otherwise bytes.
inline LineColumn lineColumnAt(std::string_view text, size_t offset, bool utf8) {
  LineColumn at;
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n' || (c == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n'))) {
      ++at.line;
      at.column = 1;
    } else if (c != '\r' && (!utf8 || (static_cast<unsigned char>(c) & 0xC0) != 0x80)) {
      ++at.column;
    }
  }
  return at;
}

inline std::string sourcePosition(std::string_view source, LineColumn at) {
  return sourcePosition(source, at.line, at.column);
}

}  // namespace bridge::parsers::flat
