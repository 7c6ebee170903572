#include "parsers/edi/quote.h"

namespace bridge::parsers::edi {

namespace {

constexpr char kHex[] = "0123456789ABCDEF";

}  // namespace

std::string quoteValue(std::string_view value, size_t maxBytes) {
  std::string out = "'";
  for (size_t i = 0; i < value.size(); ++i) {
    if (i == maxBytes) {
      out += "...";
      break;
    }
    const auto byte = static_cast<unsigned char>(value[i]);
    if (byte < 0x20 || byte >= 0x7F) {
      out += "\\x";
      out += kHex[byte >> 4];
      out += kHex[byte & 0xF];
    } else {
      out += value[i];
    }
  }
  out += "'";
  return out;
}

std::string plural(uint64_t n, const char* singular, const char* pluralForm) {
  return std::to_string(n) + " " + (n == 1 ? singular : pluralForm);
}

std::string describeCharacter(char c) {
  const auto byte = static_cast<unsigned char>(c);
  if (c == '\r') return "CR";
  if (c == '\n') return "LF";
  if (c == ' ') return "space";
  if (byte > 0x20 && byte < 0x7F) return std::string("'") + c + "'";
  return std::string("byte 0x") + kHex[byte >> 4] + kHex[byte & 0xF];
}

}  // namespace bridge::parsers::edi
