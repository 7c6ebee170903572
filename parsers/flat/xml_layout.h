// XmlLayout: what a mapping says about its XML documents (the root element,
// and the limits that keep a hostile document from exhausting memory or
// stack), and its loader from the `xml:` section of a mapping file.
//
// Thread-safety: values; the loader uses the caller's YamlValues.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "bridge/config/yaml_reader.h"

namespace bridge::parsers::flat {

inline constexpr uint64_t kDefaultXmlMaxBytes = 16ull << 20;
inline constexpr uint64_t kDefaultXmlMaxDepth = 64;
// The deepest nesting any layout may allow: the reader and writer recurse
// once per level, and this bounds their stack use.
inline constexpr uint64_t kXmlDepthCeiling = 1024;

struct XmlLayout {
  std::string root;                         // checked on read, written on write
  uint64_t maxBytes = kDefaultXmlMaxBytes;  // the document as received
  uint64_t maxDepth = kDefaultXmlMaxDepth;  // element nesting; the root is level 1

  // maxDepth, never more than kXmlDepthCeiling.
  uint64_t depthLimit() const { return maxDepth < kXmlDepthCeiling ? maxDepth : kXmlDepthCeiling; }
};

// Reads the `xml:` mapping. Every problem is added to `values` with its
// file:line:column; returns nullopt when there was any.
std::optional<XmlLayout> loadXmlLayout(const YAML::Node& node, config::YamlValues& values);

}  // namespace bridge::parsers::flat
