#include "parsers/flat/xml_text.h"

#include <algorithm>
#include <cctype>
#include <optional>

#include "parsers/edi/quote.h"
#include "parsers/flat/source_position.h"
#include "parsers/flat/text_encoding.h"

namespace bridge::parsers::flat {
namespace {

constexpr std::string_view kUtf8ByteOrderMark = "\xEF\xBB\xBF";
constexpr char kSupported[] =
    "edi-bridge reads XML in UTF-8, UTF-16, ISO-8859-1 (latin-1) and windows-1252";

bool startsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

std::string lowercase(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

struct DeclaredEncoding {
  std::string name;
  size_t offset = 0;  // where the name starts
};

// The encoding named by the XML declaration at the start of `text`, if any.
std::optional<DeclaredEncoding> declaredEncoding(std::string_view text) {
  if (!startsWith(text, "<?xml")) return std::nullopt;
  const std::string_view declaration = text.substr(0, text.find("?>"));
  size_t at = declaration.find("encoding");
  if (at == std::string_view::npos) return std::nullopt;
  at += 8;
  while (at < declaration.size() && (declaration[at] == ' ' || declaration[at] == '=')) ++at;
  if (at >= declaration.size() || (declaration[at] != '"' && declaration[at] != '\''))
    return std::nullopt;
  const char quote = declaration[at++];
  const size_t end = declaration.find(quote, at);
  if (end == std::string_view::npos) return std::nullopt;
  return DeclaredEncoding{std::string(declaration.substr(at, end - at)), at};
}

std::optional<TextEncoding> encodingNamed(const std::string& name) {
  const std::string lower = lowercase(name);
  if (lower == "utf-8" || lower == "utf8" || lower == "us-ascii" || lower == "ascii")
    return TextEncoding::kUtf8;
  if (lower == "iso-8859-1" || lower == "iso8859-1" || lower == "iso_8859-1" || lower == "latin1" ||
      lower == "latin-1" || lower == "l1")
    return TextEncoding::kLatin1;
  if (lower == "windows-1252" || lower == "cp1252" || lower == "x-cp1252")
    return TextEncoding::kWindows1252;
  return std::nullopt;
}

core::Result<std::string> fromUtf16(std::string_view bytes, bool bigEndian,
                                    std::string_view sourceName) {
  std::string out;
  out.reserve(bytes.size());
  auto unitAt = [&bytes, bigEndian](size_t i) -> char32_t {
    const auto first = static_cast<unsigned char>(bytes[i]);
    const auto second = static_cast<unsigned char>(bytes[i + 1]);
    return bigEndian ? (first << 8) | second : (second << 8) | first;
  };
  auto failure = [&out, &sourceName](const std::string& problem) {
    return core::Status::invalidArgument(
        sourcePosition(sourceName, lineColumnAt(out, out.size(), true)) + ": " + problem +
        "; the document is not valid UTF-16");
  };
  size_t i = 0;
  for (; i + 1 < bytes.size(); i += 2) {
    char32_t codePoint = unitAt(i);
    if (codePoint >= 0xDC00 && codePoint <= 0xDFFF)
      return failure("a UTF-16 low surrogate without its high surrogate");
    if (codePoint >= 0xD800 && codePoint <= 0xDBFF) {
      if (i + 3 >= bytes.size() || unitAt(i + 2) < 0xDC00 || unitAt(i + 2) > 0xDFFF)
        return failure("a UTF-16 high surrogate without its low surrogate");
      codePoint = 0x10000 + ((codePoint - 0xD800) << 10) + (unitAt(i + 2) - 0xDC00);
      i += 2;
    }
    appendUtf8(codePoint, out);
  }
  if (i < bytes.size()) return failure("an odd number of bytes");
  return out;
}

}  // namespace

core::Result<std::string> xmlTextToUtf8(std::string bytes, std::string_view sourceName) {
  const std::string_view view(bytes);
  if (startsWith(view, std::string_view("\xFF\xFE\x00\x00", 4)) ||
      startsWith(view, std::string_view("\x00\x00\xFE\xFF", 4)) ||
      startsWith(view, std::string_view("\x00\x00\x00<", 4)) ||
      startsWith(view, std::string_view("<\x00\x00\x00", 4))) {
    return core::Status::invalidArgument(std::string(sourceName) + ": the document is UTF-32; " +
                                         kSupported);
  }
  if (startsWith(view, "\xFE\xFF")) return fromUtf16(view.substr(2), true, sourceName);
  if (startsWith(view, "\xFF\xFE")) return fromUtf16(view.substr(2), false, sourceName);
  if (startsWith(view, std::string_view("\x00<\x00?", 4))) return fromUtf16(view, true, sourceName);
  if (startsWith(view, std::string_view("<\x00?\x00", 4)))
    return fromUtf16(view, false, sourceName);
  if (startsWith(view, kUtf8ByteOrderMark)) bytes.erase(0, kUtf8ByteOrderMark.size());

  TextEncoding encoding = TextEncoding::kUtf8;
  if (const std::optional<DeclaredEncoding> declared = declaredEncoding(bytes)) {
    const std::optional<TextEncoding> named = encodingNamed(declared->name);
    if (!named && lowercase(declared->name).rfind("utf-16", 0) == 0) {
      return core::Status::invalidArgument(
          sourcePosition(sourceName, 1, declared->offset + 1) +
          ": the document declares UTF-16 but its bytes are 8-bit text; correct the declaration "
          "(UTF-16 documents start with a byte order mark or with '<' as two bytes)");
    }
    if (!named) {
      return core::Status::invalidArgument(sourcePosition(sourceName, 1, declared->offset + 1) +
                                           ": the document declares the encoding " +
                                           edi::quoteValue(declared->name) + "; " + kSupported);
    }
    encoding = *named;
  }
  if (encoding == TextEncoding::kUtf8) {
    const std::optional<size_t> bad = findInvalidUtf8(bytes);
    if (!bad) return bytes;
    std::string ignored;
    const std::optional<DecodeError> problem =
        decodeToUtf8(std::string_view(bytes).substr(*bad), TextEncoding::kUtf8, ignored);
    return core::Status::invalidArgument(
        sourcePosition(sourceName, lineColumnAt(bytes, *bad, true)) + ": " +
        (problem ? problem->problem : std::string("invalid UTF-8")) +
        "; if the document is not UTF-8, its XML declaration must say so (<?xml version=\"1.0\" "
        "encoding=\"ISO-8859-1\"?>)");
  }
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 8);
  if (const std::optional<DecodeError> problem = decodeToUtf8(bytes, encoding, out)) {
    return core::Status::invalidArgument(
        sourcePosition(sourceName, lineColumnAt(bytes, problem->offset, false)) + ": " +
        problem->problem + "; check the encoding in the document's XML declaration");
  }
  return out;
}

core::Status refuseDoctype(std::string_view text, std::string_view sourceName) {
  size_t at = 0;
  while ((at = text.find('<', at)) != std::string_view::npos) {
    const std::string_view rest = text.substr(at);
    std::string_view closing;
    if (startsWith(rest, "<!--")) {
      closing = "-->";
    } else if (startsWith(rest, "<![CDATA[")) {
      closing = "]]>";
    } else if (startsWith(rest, "<?")) {
      closing = "?>";
    } else if (startsWith(rest, "<!") && lowercase(rest.substr(2, 7)) == "doctype") {
      return core::Status::invalidArgument(
          sourcePosition(sourceName, lineColumnAt(text, at, true)) +
          ": the document has a DOCTYPE declaration; edi-bridge refuses DTDs, so that no entity "
          "can be declared or expanded (entity expansion such as the 'billion laughs' and "
          "external entities are classic XML attacks). Remove the DOCTYPE from the document");
    }
    if (closing.empty()) {
      ++at;
      continue;
    }
    const size_t end = text.find(closing, at + 2);
    if (end == std::string_view::npos) return core::Status::ok();  // the parser reports it
    at = end + closing.size();
  }
  return core::Status::ok();
}

}  // namespace bridge::parsers::flat
