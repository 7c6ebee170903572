#include "parsers/flat/xml_reader.h"

#include <algorithm>
#include <pugixml.hpp>
#include <string>
#include <vector>

#include "parsers/flat/source_position.h"
#include "parsers/flat/text_encoding.h"
#include "parsers/flat/xml_text.h"

namespace bridge::parsers::flat {
namespace {

// Reads at most `limit` + 1 bytes, so a larger document is noticed without
// holding it.
core::Result<std::string> readCapped(std::istream& in, uint64_t limit,
                                     std::string_view sourceName) {
  std::string text;
  std::vector<char> chunk(64 << 10);
  while (in.good() && text.size() <= limit) {
    const uint64_t wanted = std::min<uint64_t>(chunk.size(), limit + 1 - text.size());
    in.read(chunk.data(), static_cast<std::streamsize>(wanted));
    text.append(chunk.data(), static_cast<size_t>(in.gcount()));
  }
  if (in.bad()) return core::Status::ioError("cannot read " + std::string(sourceName));
  if (text.size() > limit) {
    return core::Status::resourceExhausted(
        std::string(sourceName) + ": the document is larger than " + std::to_string(limit) +
        " bytes (xml.max_bytes); raise max_bytes in the mapping if such documents are expected");
  }
  return text;
}

class XmlToJson {
 public:
  XmlToJson(std::string_view text, const XmlLayout& layout, std::string_view sourceName)
      : text_(text), layout_(layout), sourceName_(sourceName) {}

  core::Result<nlohmann::json> convert(const pugi::xml_node& element, uint64_t depth) {
    if (depth > layout_.depthLimit()) {
      return core::Status::resourceExhausted(
          at(element) + ": elements nest deeper than " + std::to_string(layout_.depthLimit()) +
          " levels (xml.max_depth) at <" + element.name() +
          ">; raise max_depth in the mapping if the document really is this deep");
    }
    nlohmann::json object = nlohmann::json::object();
    for (const pugi::xml_attribute& attribute : element.attributes()) {
      const std::string key = std::string("@") + attribute.name();
      if (object.contains(key)) {
        return core::Status::invalidArgument(at(element) + ": <" + element.name() +
                                             "> has the attribute '" + attribute.name() +
                                             "' twice; XML allows each attribute once");
      }
      if (core::Status status = checkText(attribute.value(), element); !status.isOk())
        return status;
      object[key] = attribute.value();
    }
    std::string text;
    bool hasChildren = false;
    for (const pugi::xml_node& child : element.children()) {
      if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
        text += child.value();
        continue;
      }
      if (child.type() != pugi::node_element) continue;
      auto value = convert(child, depth + 1);
      if (!value) return value.status();
      nlohmann::json& group = object[child.name()];
      if (group.is_null()) group = nlohmann::json::array();
      group.push_back(std::move(value.value()));
      hasChildren = true;
    }
    if (core::Status status = checkText(text, element); !status.isOk()) return status;
    if (!hasChildren && object.empty()) return nlohmann::json(std::move(text));
    if (!text.empty()) object["#text"] = std::move(text);
    return object;
  }

  std::string at(const pugi::xml_node& node) const {
    const ptrdiff_t offset = node.offset_debug();
    if (offset < 0) return std::string(sourceName_);
    return sourcePosition(sourceName_, lineColumnAt(text_, static_cast<size_t>(offset), true));
  }

 private:
  // Character references can name what is not a character (&#xD800;), which
  // pugixml writes as bytes that are not UTF-8.
  core::Status checkText(std::string_view value, const pugi::xml_node& element) const {
    if (!findInvalidUtf8(value)) return core::Status::ok();
    return core::Status::invalidArgument(
        at(element) + ": <" + element.name() +
        "> holds a character reference to something that is not a character (such as "
        "&#xD800;); correct the document");
  }

  std::string_view text_;
  const XmlLayout& layout_;
  std::string_view sourceName_;
};

}  // namespace

core::Result<nlohmann::json> readXml(std::istream& in, const XmlLayout& layout,
                                     std::string_view sourceName) {
  core::Result<std::string> received = readCapped(in, layout.maxBytes, sourceName);
  if (!received) return received.status();
  core::Result<std::string> text = xmlTextToUtf8(std::move(received.value()), sourceName);
  if (!text) return text.status();
  if (core::Status status = refuseDoctype(*text, sourceName); !status.isOk()) return status;

  pugi::xml_document document;
  // parse_default has no parse_doctype: DTDs (refused above anyway) are never
  // processed, and pugixml expands no entity but the five predefined ones.
  const pugi::xml_parse_result parsed =
      document.load_buffer(text->data(), text->size(), pugi::parse_default, pugi::encoding_utf8);
  if (!parsed) {
    const size_t offset = parsed.offset < 0 ? 0 : static_cast<size_t>(parsed.offset);
    return core::Status::invalidArgument(
        sourcePosition(sourceName, lineColumnAt(*text, offset, true)) +
        ": malformed XML: " + parsed.description() + "; correct the document at this place");
  }
  XmlToJson converter(*text, layout, sourceName);
  const pugi::xml_node root = document.document_element();
  if (layout.root != root.name()) {
    return core::Status::invalidArgument(converter.at(root) + ": the root element is <" +
                                         root.name() + ">, but the mapping expects <" +
                                         layout.root +
                                         "> (xml.root); check that this is the right document");
  }
  auto body = converter.convert(root, 1);
  if (!body) return body.status();
  nlohmann::json out = nlohmann::json::object();
  out[layout.root] = std::move(body.value());
  return out;
}

}  // namespace bridge::parsers::flat
