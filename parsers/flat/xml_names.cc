#include "parsers/flat/xml_names.h"

#include "parsers/edi/json_segment.h"

namespace bridge::parsers::flat {
namespace {

bool isNameStart(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':' || c >= 0x80;
}

}  // namespace

bool isXmlName(std::string_view name) {
  if (name.empty() || !isNameStart(static_cast<unsigned char>(name.front()))) return false;
  for (char c : name) {
    const auto byte = static_cast<unsigned char>(c);
    if (!isNameStart(byte) && !(byte >= '0' && byte <= '9') && byte != '-' && byte != '.')
      return false;
  }
  return true;
}

std::string appendPointer(const std::string& pointer, std::string_view token) {
  return pointer + "/" + edi::jsonPointerToken(token);
}

}  // namespace bridge::parsers::flat
