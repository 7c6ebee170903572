// Helpers shared by the partner profile tests.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "bridge/config/yaml_reader.h"

namespace bridge::partners::testing {

// Every issue as file:line:column: message.
std::vector<std::string> described(const config::YamlIssues& issues);

// The issues of loading `text` as the profile file `file`.
std::vector<std::string> profileProblems(std::string_view text,
                                         const std::string& file = "acme.yaml");

// A fresh, empty directory under the test's temporary directory.
std::filesystem::path freshDirectory(const std::string& name);

void writeFile(const std::filesystem::path& path, std::string_view text);

}  // namespace bridge::partners::testing
