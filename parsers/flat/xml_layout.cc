#include "parsers/flat/xml_layout.h"

#include "parsers/flat/xml_names.h"

namespace bridge::parsers::flat {
namespace {

constexpr uint64_t kMaxBytesLimit = 1ull << 30;

}  // namespace

std::optional<XmlLayout> loadXmlLayout(const YAML::Node& node, config::YamlValues& values) {
  const size_t before = values.issues().size();
  config::MapReader map(node, "xml", values);
  if (!map.valid()) return std::nullopt;
  XmlLayout layout;
  if (auto root = map.string("root", true)) {
    if (isXmlName(*root)) {
      layout.root = *root;
    } else {
      values.error(map.get("root"), "xml 'root' is '" + *root +
                                        "', which is not an XML element name (a letter or '_' "
                                        "first, then letters, digits, '-', '.' or '_')");
    }
  }
  if (auto bytes = map.unsignedInt("max_bytes", 1, kMaxBytesLimit)) layout.maxBytes = *bytes;
  if (auto depth = map.unsignedInt("max_depth", 1, kXmlDepthCeiling)) layout.maxDepth = *depth;
  map.finish();
  if (values.issues().size() != before) return std::nullopt;
  return layout;
}

}  // namespace bridge::parsers::flat
