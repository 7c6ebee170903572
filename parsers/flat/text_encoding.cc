#include "parsers/flat/text_encoding.h"

#include <array>
#include <cstdio>

namespace bridge::parsers::flat {
namespace {

// windows-1252 0x80-0x9F; 0 marks the five bytes the code page leaves undefined.
constexpr std::array<char32_t, 32> kWindows1252High = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

std::string hexByte(unsigned char byte) {
  char text[8];
  std::snprintf(text, sizeof text, "0x%02X", byte);
  return text;
}

std::optional<unsigned char> windows1252Byte(char32_t codePoint) {
  if (codePoint < 0x80 || (codePoint >= 0xA0 && codePoint <= 0xFF))
    return static_cast<unsigned char>(codePoint);
  for (size_t i = 0; i < kWindows1252High.size(); ++i) {
    if (kWindows1252High[i] != 0 && kWindows1252High[i] == codePoint)
      return static_cast<unsigned char>(0x80 + i);
  }
  return std::nullopt;
}

// Reads one code point of valid UTF-8 at `offset`, advancing it; nullopt when
// the bytes there are not valid UTF-8.
std::optional<char32_t> nextCodePoint(std::string_view text, size_t& offset) {
  ByteDecoder decoder(TextEncoding::kUtf8);
  std::string scratch;
  const size_t start = offset;
  do {
    if (offset >= text.size()) return std::nullopt;
    if (!decoder.feed(static_cast<unsigned char>(text[offset++]), scratch)) return std::nullopt;
  } while (decoder.midCharacter());
  const auto lead = static_cast<unsigned char>(text[start]);
  const size_t length = offset - start;
  char32_t codePoint = length == 1   ? lead
                       : length == 2 ? lead & 0x1F
                       : length == 3 ? lead & 0x0F
                                     : lead & 0x07;
  for (size_t i = start + 1; i < offset; ++i)
    codePoint = (codePoint << 6) | (static_cast<unsigned char>(text[i]) & 0x3F);
  return codePoint;
}

}  // namespace

void appendUtf8(char32_t codePoint, std::string& out) {
  if (codePoint < 0x80) {
    out += static_cast<char>(codePoint);
  } else if (codePoint < 0x800) {
    out += static_cast<char>(0xC0 | (codePoint >> 6));
    out += static_cast<char>(0x80 | (codePoint & 0x3F));
  } else if (codePoint < 0x10000) {
    out += static_cast<char>(0xE0 | (codePoint >> 12));
    out += static_cast<char>(0x80 | ((codePoint >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (codePoint & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (codePoint >> 18));
    out += static_cast<char>(0x80 | ((codePoint >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((codePoint >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (codePoint & 0x3F));
  }
}

std::string_view encodingName(TextEncoding encoding) {
  switch (encoding) {
    case TextEncoding::kUtf8:
      return "utf-8";
    case TextEncoding::kLatin1:
      return "latin-1";
    case TextEncoding::kWindows1252:
      return "windows-1252";
  }
  return "utf-8";
}

std::string codePointName(char32_t codePoint) {
  char text[16];
  std::snprintf(text, sizeof text, "U+%04X", static_cast<unsigned>(codePoint));
  return text;
}

bool ByteDecoder::fail(std::string problem) {
  problem_ = std::move(problem);
  pending_ = 0;
  return false;
}

void ByteDecoder::abandonCharacter(std::optional<unsigned char> byte) {
  fail("invalid UTF-8: the character starting with byte " + hexByte(lead_) + " is cut short by " +
       (byte ? "byte " + hexByte(*byte) : std::string("the end of the input")));
}

bool ByteDecoder::feed(unsigned char byte, std::string& out) {
  switch (encoding_) {
    case TextEncoding::kLatin1:
      appendUtf8(byte, out);
      return true;
    case TextEncoding::kWindows1252:
      if (byte >= 0x80 && byte <= 0x9F) {
        const char32_t mapped = kWindows1252High[byte - 0x80];
        if (mapped == 0) return fail("byte " + hexByte(byte) + " is undefined in windows-1252");
        appendUtf8(mapped, out);
        return true;
      }
      appendUtf8(byte, out);
      return true;
    case TextEncoding::kUtf8:
      break;
  }
  if (pending_ > 0) {
    if (byte < low_ || byte > high_) {
      abandonCharacter(byte);
      return false;
    }
    low_ = 0x80;
    high_ = 0xBF;
    --pending_;
    out += static_cast<char>(byte);
    return true;
  }
  if (byte < 0x80) {
    out += static_cast<char>(byte);
    return true;
  }
  lead_ = byte;
  low_ = 0x80;
  high_ = 0xBF;
  if (byte >= 0xC2 && byte <= 0xDF) {
    pending_ = 1;
  } else if (byte >= 0xE0 && byte <= 0xEF) {
    pending_ = 2;
    if (byte == 0xE0) low_ = 0xA0;   // shorter forms are overlong
    if (byte == 0xED) high_ = 0x9F;  // UTF-16 surrogates are not characters
  } else if (byte >= 0xF0 && byte <= 0xF4) {
    pending_ = 3;
    if (byte == 0xF0) low_ = 0x90;
    if (byte == 0xF4) high_ = 0x8F;  // nothing past U+10FFFF
  } else {
    return fail("invalid UTF-8: byte " + hexByte(byte) + " cannot start a character");
  }
  out += static_cast<char>(byte);
  return true;
}

std::optional<DecodeError> decodeToUtf8(std::string_view bytes, TextEncoding encoding,
                                        std::string& out) {
  ByteDecoder decoder(encoding);
  size_t characterStart = 0;
  for (size_t i = 0; i < bytes.size(); ++i) {
    if (!decoder.midCharacter()) characterStart = i;
    if (!decoder.feed(static_cast<unsigned char>(bytes[i]), out))
      return DecodeError{characterStart, decoder.problem()};
  }
  if (decoder.midCharacter()) {
    decoder.abandonCharacter(std::nullopt);
    return DecodeError{characterStart, decoder.problem()};
  }
  return std::nullopt;
}

std::optional<size_t> findInvalidUtf8(std::string_view text) {
  size_t offset = 0;
  while (offset < text.size()) {
    // ASCII runs dominate; skip them without the decoder.
    if (static_cast<unsigned char>(text[offset]) < 0x80) {
      ++offset;
      continue;
    }
    const size_t start = offset;
    if (!nextCodePoint(text, offset)) return start;
  }
  return std::nullopt;
}

size_t countCharacters(std::string_view utf8) {
  size_t count = 0;
  for (char c : utf8) count += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return count;
}

std::string EncodeError::describe(TextEncoding target) const {
  if (!codePoint) return "the value is not valid UTF-8 (at byte " + std::to_string(offset) + ")";
  std::string out = "the character " + codePointName(*codePoint);
  if (*codePoint >= 0xA0) {
    out += " '";
    appendUtf8(*codePoint, out);
    out += "'";
  }
  return out + " cannot be written in " + std::string(encodingName(target));
}

std::optional<EncodeError> encodeFromUtf8(std::string_view utf8, TextEncoding target,
                                          std::string& out) {
  size_t offset = 0;
  while (offset < utf8.size()) {
    const auto byte = static_cast<unsigned char>(utf8[offset]);
    if (byte < 0x80) {
      out += static_cast<char>(byte);
      ++offset;
      continue;
    }
    const size_t start = offset;
    const std::optional<char32_t> codePoint = nextCodePoint(utf8, offset);
    if (!codePoint) return EncodeError{start, std::nullopt};
    switch (target) {
      case TextEncoding::kUtf8:
        out.append(utf8.substr(start, offset - start));
        break;
      case TextEncoding::kLatin1:
        if (*codePoint > 0xFF) return EncodeError{start, codePoint};
        out += static_cast<char>(*codePoint);
        break;
      case TextEncoding::kWindows1252: {
        const std::optional<unsigned char> mapped = windows1252Byte(*codePoint);
        if (!mapped) return EncodeError{start, codePoint};
        out += static_cast<char>(*mapped);
        break;
      }
    }
  }
  return std::nullopt;
}

}  // namespace bridge::parsers::flat
