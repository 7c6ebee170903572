// The character encodings of flat files: files arrive as UTF-8, ISO-8859-1
// (latin-1) or windows-1252 and every value inside edi-bridge is UTF-8, so
// readers decode on the way in and writers encode on the way out.
//
// Decoding is strict: a UTF-8 file with a byte that is not part of a valid
// sequence, or a windows-1252 file with one of the five bytes the code page
// leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D), is refused instead of
// guessed at, because a silently replaced character changes business data.
// Latin-1 defines every byte (0x80-0x9F are the C1 control characters).
//
// Memory: ByteDecoder holds a few bytes of state; the whole-string functions
// allocate only their output. Thread-safety: values and pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace bridge::parsers::flat {

enum class TextEncoding { kUtf8, kLatin1, kWindows1252 };

// The name layouts use: "utf-8", "latin-1", "windows-1252".
std::string_view encodingName(TextEncoding encoding);

// Appends the UTF-8 bytes of one Unicode code point.
void appendUtf8(char32_t codePoint, std::string& out);

// Decodes a byte stream one byte at a time, so readers can report the line and
// column of a bad byte while they tokenize.
class ByteDecoder {
 public:
  explicit ByteDecoder(TextEncoding encoding) : encoding_(encoding) {}

  // Appends the UTF-8 form of `byte` to `out` (the bytes of a UTF-8 sequence
  // are appended as they arrive, so after a failure `out` may end in part of
  // one; readers stop at the first failure). Returns false when the byte
  // cannot be decoded; problem() then says why. A false return leaves the
  // decoder ready for a fresh character.
  bool feed(unsigned char byte, std::string& out);

  // True inside a UTF-8 sequence: the next byte must continue it, so an ASCII
  // delimiter or the end of the input here is an error.
  bool midCharacter() const { return pending_ > 0; }

  // Why the last feed() failed, or why midCharacter() at the end is wrong:
  // "invalid UTF-8 (byte 0xE9)", "byte 0x81 is undefined in windows-1252".
  const std::string& problem() const { return problem_; }
  // Sets problem() for a sequence cut short by `byte` (or by the end of the
  // input when byte is nullopt) and resets the decoder.
  void abandonCharacter(std::optional<unsigned char> byte);

 private:
  bool fail(std::string problem);

  TextEncoding encoding_;
  int pending_ = 0;        // continuation bytes still expected
  unsigned char low_ = 0;  // bounds for the next continuation byte (overlongs, surrogates)
  unsigned char high_ = 0;
  unsigned char lead_ = 0;
  std::string problem_;
};

// A byte that could not be decoded, `offset` bytes into the input.
struct DecodeError {
  size_t offset = 0;
  std::string problem;
};

// Appends the UTF-8 form of `bytes` to `out`; on the first bad byte, returns
// where it is (the start of a broken UTF-8 sequence).
std::optional<DecodeError> decodeToUtf8(std::string_view bytes, TextEncoding encoding,
                                        std::string& out);

// The offset of the first byte of the first invalid UTF-8 sequence, if any.
std::optional<size_t> findInvalidUtf8(std::string_view text);

// A character of `utf8` that the target encoding cannot hold, or a place where
// `utf8` itself is not valid UTF-8 (codePoint is then nullopt).
struct EncodeError {
  size_t offset = 0;
  std::optional<char32_t> codePoint;

  // "the character U+20AC '€' cannot be written in latin-1" or
  // "the value is not valid UTF-8 (byte 12)".
  std::string describe(TextEncoding target) const;
};

// Appends `utf8` converted to `target` to `out`.
std::optional<EncodeError> encodeFromUtf8(std::string_view utf8, TextEncoding target,
                                          std::string& out);

// The number of characters (code points) in valid UTF-8 text.
size_t countCharacters(std::string_view utf8);

// "U+20AC" for messages.
std::string codePointName(char32_t codePoint);

}  // namespace bridge::parsers::flat
