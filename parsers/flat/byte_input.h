// ByteInput: reads a std::istream in fixed-size chunks and hands out one byte
// at a time, so the CSV and fixed-width readers can tokenize input of any size
// with a bounded buffer.
//
// Memory: one chunk (64 KiB by default). Thread-safety: one reader per input.
#pragma once

#include <cstddef>
#include <istream>
#include <string_view>
#include <vector>

namespace bridge::parsers::flat {

class ByteInput {
 public:
  static constexpr int kEnd = -1;

  explicit ByteInput(std::istream& in, size_t chunkBytes = 64 << 10);

  // The next byte (0-255) without consuming it, or kEnd.
  int peek() {
    if (next_ == filled_ && !refill()) return kEnd;
    return static_cast<unsigned char>(buffer_[next_]);
  }
  // The next byte (0-255), consumed, or kEnd.
  int get() {
    if (next_ == filled_ && !refill()) return kEnd;
    return static_cast<unsigned char>(buffer_[next_++]);
  }
  // Consumes `prefix` (a few bytes, such as a byte order mark) when the
  // unread input starts with it; meant for the start of the input, where the
  // first chunk holds the whole prefix.
  bool skipPrefix(std::string_view prefix);
  // True when the stream stopped because of a read error rather than its end.
  bool readFailed() const { return in_.bad(); }

 private:
  bool refill();

  std::istream& in_;
  std::vector<char> buffer_;
  size_t next_ = 0;
  size_t filled_ = 0;
};

}  // namespace bridge::parsers::flat
