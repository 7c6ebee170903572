// Helpers for the flat-file tests: loading a layout from YAML text and
// collecting the loader's problems as the "file:line:column: message" lines
// an administrator would see.
//
// Thread-safety: test code; single-threaded.
#pragma once

#include <gtest/gtest.h>

#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "bridge/config/yaml_reader.h"

namespace bridge::parsers::flat::testing {

inline constexpr char kMappingFile[] = "map.yaml";

template <typename Layout>
struct Loaded {
  std::optional<Layout> layout;
  std::vector<std::string> problems;
};

// Loads the mapping `section` ("csv") of `yaml` with `loader`
// (loadCsvLayout, ...).
template <typename Layout>
Loaded<Layout> loadLayout(std::string_view yaml, const char* section,
                          std::optional<Layout> (*loader)(const YAML::Node&, config::YamlValues&)) {
  Loaded<Layout> out;
  config::YamlIssues issues;
  const std::optional<YAML::Node> root = config::loadYamlText(yaml, kMappingFile, issues);
  if (root) {
    config::YamlValues values(kMappingFile, issues);
    const YAML::Node& document = *root;
    out.layout = loader(document[section], values);
    EXPECT_EQ(out.layout.has_value(), issues.empty())
        << "a layout is returned exactly when nothing is wrong";
  }
  for (const config::YamlIssue& issue : issues.list()) out.problems.push_back(issue.describe());
  return out;
}

// The layout of `yaml`, failing the test when the loader reports anything.
template <typename Layout>
Layout layoutOf(std::string_view yaml, const char* section,
                std::optional<Layout> (*loader)(const YAML::Node&, config::YamlValues&)) {
  Loaded<Layout> loaded = loadLayout(yaml, section, loader);
  EXPECT_TRUE(loaded.problems.empty()) << ::testing::PrintToString(loaded.problems);
  return loaded.layout.value_or(Layout{});
}

}  // namespace bridge::parsers::flat::testing
