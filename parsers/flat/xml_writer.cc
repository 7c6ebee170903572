#include "parsers/flat/xml_writer.h"

#include <cstdio>
#include <string>

#include "parsers/edi/quote.h"
#include "parsers/flat/json_cell.h"
#include "parsers/flat/text_encoding.h"
#include "parsers/flat/xml_names.h"

namespace bridge::parsers::flat {
namespace {

enum class Context { kText, kAttribute };

// Appends `value` escaped for `context`; false when it holds what XML 1.0
// cannot carry (`problem` then says what).
bool appendEscaped(std::string_view value, Context context, std::string& out,
                   std::string& problem) {
  if (const auto bad = findInvalidUtf8(value)) {
    problem = "is not valid UTF-8 (at byte " + std::to_string(*bad) + ")";
    return false;
  }
  for (size_t i = 0; i < value.size(); ++i) {
    const auto c = static_cast<unsigned char>(value[i]);
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
      char name[8];
      std::snprintf(name, sizeof name, "U+%04X", c);
      problem = std::string("holds the control character ") + name +
                ", which XML 1.0 cannot carry; remove it in the mapping";
      return false;
    }
    // U+FFFE and U+FFFF are not XML characters.
    if (c == 0xEF && i + 2 < value.size() && value[i + 1] == '\xBF' &&
        (value[i + 2] == '\xBE' || value[i + 2] == '\xBF')) {
      problem = "holds U+FFFE or U+FFFF, which XML 1.0 cannot carry; remove it in the mapping";
      return false;
    }
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '\r':
        out += "&#13;";  // a raw CR would be read back as LF
        break;
      case '"':
        out += context == Context::kAttribute ? "&quot;" : "\"";
        break;
      case '\t':
        out += context == Context::kAttribute ? "&#9;" : "\t";
        break;
      case '\n':
        out += context == Context::kAttribute ? "&#10;" : "\n";
        break;
      default:
        out += static_cast<char>(c);
    }
  }
  return true;
}

class XmlEmitter {
 public:
  XmlEmitter(const XmlLayout& layout, std::ostream& out) : layout_(layout), out_(out) {}

  core::Status element(const std::string& name, const nlohmann::json& value,
                       const std::string& pointer, uint64_t depth, bool indent) {
    if (depth > layout_.depthLimit()) {
      return core::Status::resourceExhausted(
          pointer + ": elements nest deeper than " + std::to_string(layout_.depthLimit()) +
          " levels (xml.max_depth); raise max_depth in the mapping or flatten the document");
    }
    if (!isXmlName(name)) {
      return core::Status::invalidArgument(pointer + ": " + edi::quoteValue(name) +
                                           " is not an XML element name; rename it in the "
                                           "mapping");
    }
    const std::string margin = indent ? std::string(2 * (depth - 1), ' ') : std::string();
    buffer_ += margin + "<" + name;
    if (value.is_array()) {
      return core::Status::invalidArgument(pointer +
                                           " is a list inside a list; each list item must be "
                                           "one element (an object or a value)");
    }
    if (!value.is_object()) {
      const std::optional<std::string> text = cellText(value);
      if (!text || text->empty()) {
        buffer_ += "/>";
      } else {
        buffer_ += ">";
        if (core::Status status = escaped(*text, Context::kText, pointer); !status.isOk())
          return status;
        buffer_ += "</" + name + ">";
      }
      return endLine(indent);
    }
    bool hasChildren = false;
    const nlohmann::json* text = nullptr;
    for (const auto& [key, member] : value.items()) {
      const std::string memberPointer = appendPointer(pointer, key);
      if (key == "#text") {
        if (!cellText(member))
          return core::Status::invalidArgument(memberPointer + " is " + describeJsonType(member) +
                                               "; text is a single value");
        text = &member;
      } else if (!key.empty() && key.front() == '@') {
        if (core::Status status = attribute(key.substr(1), member, memberPointer); !status.isOk())
          return status;
      } else {
        hasChildren = true;
      }
    }
    const std::string textValue = text ? *cellText(*text) : std::string();
    if (!hasChildren && textValue.empty()) {
      buffer_ += "/>";
      return endLine(indent);
    }
    buffer_ += ">";
    if (!textValue.empty()) {
      if (core::Status status = escaped(textValue, Context::kText, appendPointer(pointer, "#text"));
          !status.isOk())
        return status;
    }
    // Indentation inside an element with text would become part of its text.
    const bool indentChildren = indent && textValue.empty();
    if (hasChildren && indentChildren) buffer_ += "\n";
    for (const auto& [key, member] : value.items()) {
      if (key == "#text" || (!key.empty() && key.front() == '@')) continue;
      const std::string childPointer = appendPointer(pointer, key);
      if (!member.is_array()) {
        if (core::Status status = element(key, member, childPointer, depth + 1, indentChildren);
            !status.isOk())
          return status;
        continue;
      }
      for (size_t i = 0; i < member.size(); ++i) {
        if (core::Status status =
                element(key, member[i], appendPointer(childPointer, std::to_string(i)), depth + 1,
                        indentChildren);
            !status.isOk())
          return status;
      }
    }
    if (hasChildren && indentChildren) buffer_ += margin;
    buffer_ += "</" + name + ">";
    return endLine(indent);
  }

  core::Status finish() {
    flush();
    out_.flush();
    if (!out_) return core::Status::ioError("cannot write the XML output");
    return core::Status::ok();
  }

  void declaration() { buffer_ += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"; }

 private:
  core::Status attribute(const std::string& name, const nlohmann::json& value,
                         const std::string& pointer) {
    if (!isXmlName(name)) {
      return core::Status::invalidArgument(pointer + ": " + edi::quoteValue(name) +
                                           " is not an XML attribute name; rename it in the "
                                           "mapping");
    }
    if (value.is_null()) return core::Status::ok();
    const std::optional<std::string> text = cellText(value);
    if (!text) {
      return core::Status::invalidArgument(pointer + " is " + describeJsonType(value) +
                                           "; an attribute holds a single value");
    }
    buffer_ += " " + name + "=\"";
    if (core::Status status = escaped(*text, Context::kAttribute, pointer); !status.isOk())
      return status;
    buffer_ += "\"";
    return core::Status::ok();
  }

  core::Status escaped(std::string_view value, Context context, const std::string& pointer) {
    std::string problem;
    if (!appendEscaped(value, context, buffer_, problem))
      return core::Status::invalidArgument(pointer + ": the value " + problem);
    return core::Status::ok();
  }

  core::Status endLine(bool indent) {
    if (indent) buffer_ += "\n";
    if (buffer_.size() >= kFlushBytes) flush();
    if (!out_) return core::Status::ioError("cannot write the XML output");
    return core::Status::ok();
  }

  void flush() {
    out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
    buffer_.clear();
  }

  static constexpr size_t kFlushBytes = 64 << 10;
  const XmlLayout& layout_;
  std::ostream& out_;
  std::string buffer_;
};

}  // namespace

core::Status writeXml(const nlohmann::json& document, const XmlLayout& layout, std::ostream& out) {
  if (!document.is_object() || document.size() != 1 || !document.contains(layout.root)) {
    std::string found = "not an object";
    if (document.is_object()) {
      found = document.empty() ? "no key" : "the keys";
      for (const auto& [key, value] : document.items()) found += " " + edi::quoteValue(key);
    }
    return core::Status::invalidArgument(
        "the document to write as XML must be {\"" + layout.root +
        "\": ...} with the root element of xml.root as its only key; it has " + found);
  }
  const nlohmann::json& root = document.at(layout.root);
  const std::string pointer = appendPointer("", layout.root);
  if (root.is_array()) {
    return core::Status::invalidArgument(pointer +
                                         " is a list; the root element appears exactly once");
  }
  XmlEmitter emitter(layout, out);
  emitter.declaration();
  if (core::Status status = emitter.element(layout.root, root, pointer, 1, true); !status.isOk())
    return status;
  return emitter.finish();
}

}  // namespace bridge::parsers::flat
