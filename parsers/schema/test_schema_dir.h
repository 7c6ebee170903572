// A temporary directory of schema files for the schema tests: each test
// writes the YAML it needs and reads the messages back with the file names
// it chose. Removed when the object goes out of scope.
//
// Thread-safety: one per test.
#pragma once

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "bridge/config/yaml_reader.h"

namespace bridge::parsers::schema::testing {

class TestSchemaDir {
 public:
  TestSchemaDir() {
    static std::atomic<int> counter{0};
    root_ = std::filesystem::temp_directory_path() /
            ("edi-schema-test-" + std::to_string(::getpid()) + "-" + std::to_string(++counter));
    std::filesystem::remove_all(root_);
    std::filesystem::create_directories(root_);
  }
  ~TestSchemaDir() {
    std::error_code ec;
    std::filesystem::remove_all(root_, ec);
  }
  TestSchemaDir(const TestSchemaDir&) = delete;
  TestSchemaDir& operator=(const TestSchemaDir&) = delete;

  const std::filesystem::path& root() const { return root_; }
  std::filesystem::path path(std::string_view relative) const { return root_ / relative; }

  // Writes `text` to `relative` (creating folders) and returns its path.
  std::filesystem::path write(std::string_view relative, std::string_view text) const {
    const std::filesystem::path file = path(relative);
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << text;
    return file;
  }

 private:
  std::filesystem::path root_;
};

// Every issue as "file:line:column: message", with the directory's path
// replaced by "DIR" so that expectations stay readable.
inline std::vector<std::string> describeIssues(const config::YamlIssues& issues,
                                               const TestSchemaDir& dir) {
  std::vector<std::string> out;
  const std::string prefix = dir.root().string();
  for (const config::YamlIssue& issue : issues.list()) {
    std::string text = issue.describe();
    for (size_t at = text.find(prefix); at != std::string::npos; at = text.find(prefix, at)) {
      text.replace(at, prefix.size(), "DIR");
    }
    out.push_back(text);
  }
  return out;
}

}  // namespace bridge::parsers::schema::testing
