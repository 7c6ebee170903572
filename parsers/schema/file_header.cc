#include "parsers/schema/file_header.h"

namespace bridge::parsers::schema {
namespace {

std::string article(std::string_view kind) {
  return (kind.front() == 'o' ? "an " : "a ") + std::string(kind);
}

}  // namespace

std::optional<FileHeader> readFileHeader(config::MapReader& file, std::string_view kind,
                                         bool needsStandard) {
  if (!file.valid()) return std::nullopt;
  config::YamlValues& values = file.values();
  bool ok = file.oneOf("format", {kSchemaFormat}, true).has_value();
  auto written = file.oneOf("kind", {"dictionary", "transaction", "overlay"}, true);
  if (written && *written != kind) {
    values.error(file.get("kind"), "this is " + article(*written) + " file; " + article(kind) +
                                       " file is expected here");
  }
  ok = ok && written == kind;
  FileHeader header;
  auto standard = file.oneOf("standard", {"x12", "edifact"}, needsStandard);
  if (standard) {
    header.standard = *standard == "x12" ? edi::Standard::kX12 : edi::Standard::kEdifact;
  } else if (needsStandard) {
    ok = false;
  }
  YAML::Node versionNode = file.get("version", needsStandard);
  if (versionNode.IsDefined()) {
    if (auto version = values.string(versionNode, "'version'")) header.version = *version;
    if (versionNode.IsScalar() && header.version.empty()) {
      values.error(versionNode, "'version' is empty; write it quoted, as \"004010\"");
    }
  }
  if (needsStandard && header.version.empty()) ok = false;
  if (!ok) return std::nullopt;
  return header;
}

Usage readUsage(config::MapReader& map, Usage fallback) {
  auto usage = map.oneOf("usage", {"M", "O", "C"});
  if (!usage) return fallback;
  return *usage == "M" ? Usage::kMandatory : Usage::kOptional;
}

std::optional<uint64_t> parseCount(std::string_view text) {
  if (text.empty() || text.size() > 18) return std::nullopt;
  uint64_t number = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    number = number * 10 + static_cast<uint64_t>(c - '0');
  }
  return number;
}

uint64_t readMax(config::MapReader& map, std::string_view what, uint64_t fallback) {
  YAML::Node node = map.get("max");
  if (!node.IsDefined()) return fallback;
  auto text = map.values().string(node, std::string(what) + " 'max'");
  if (!text) return fallback;
  if (*text == "unbounded") return StructureNode::kUnbounded;
  auto number = parseCount(*text);
  if (number && *number >= 1) return *number;
  map.values().error(node, std::string(what) + " 'max' is '" + *text +
                               "'; expected a whole number from 1, or unbounded");
  return fallback;
}

std::string standardLabel(edi::Standard standard) {
  switch (standard) {
    case edi::Standard::kX12:
      return "X12";
    case edi::Standard::kEdifact:
      return "EDIFACT";
    case edi::Standard::kUnknown:
      break;
  }
  return "unknown";
}

}  // namespace bridge::parsers::schema
