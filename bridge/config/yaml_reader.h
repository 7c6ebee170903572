// Reading admin-edited YAML files (schemas, partner profiles, configuration)
// against a declared set of keys, so that every mistake is reported with
// file:line:column and nothing in the file is silently ignored.
//
// A loader walks its document with one MapReader per mapping: each key it
// asks for is marked as known; finish() then reports every other key as
// unknown (with the known ones listed) and every key written twice. Wrong
// types and bad values are reported at the node that holds them. Readers
// collect every issue instead of stopping at the first, so one run of
// `check-config` or `validate` shows all of them.
//
// Thread-safety: not thread-safe; one reader per file being loaded.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bridge::config {

// One problem in a YAML file. Lines and columns are 1-based; 0 when unknown.
struct YamlIssue {
  std::string file;
  uint64_t line = 0;
  uint64_t column = 0;
  std::string message;

  // "partners/acme.yaml:12:5: unknown key 'acknowledgment'; expected one of ..."
  std::string describe() const;
};

class YamlIssues {
 public:
  void add(std::string file, const YAML::Mark& mark, std::string message);
  void add(YamlIssue issue) { issues_.push_back(std::move(issue)); }
  bool empty() const { return issues_.empty(); }
  size_t size() const { return issues_.size(); }
  const std::vector<YamlIssue>& list() const { return issues_; }
  // Every issue on its own line.
  std::string describe() const;

 private:
  std::vector<YamlIssue> issues_;
};

// Files larger than this are refused before parsing: YAML files here are
// written by people, and an accidental multi-gigabyte file must not exhaust
// memory.
inline constexpr uint64_t kDefaultMaxYamlBytes = 64ull << 20;

// Parses `path`. On a read or syntax error, records it (with the position the
// parser gives) and returns nullopt.
std::optional<YAML::Node> loadYamlFile(const std::filesystem::path& path, YamlIssues& issues,
                                       uint64_t maxBytes = kDefaultMaxYamlBytes);
// The same for YAML held in memory; `name` stands for the file in messages.
std::optional<YAML::Node> loadYamlText(std::string_view text, const std::string& name,
                                       YamlIssues& issues);

// A node as messages name it: "'abc'" for a value, "a list", "a mapping",
// "nothing".
std::string describeNode(const YAML::Node& node);

// What a scalar node says, with its type checked.
class YamlValues {
 public:
  YamlValues(std::string file, YamlIssues& issues) : file_(std::move(file)), issues_(issues) {}

  const std::string& file() const { return file_; }
  YamlIssues& issues() { return issues_; }
  void error(const YAML::Node& at, std::string message) {
    issues_.add(file_, at.Mark(), std::move(message));
  }

  // `what` names the value in messages ("'version'", "rules[2].max").
  std::optional<std::string> string(const YAML::Node& node, std::string_view what);
  std::optional<std::string> oneOf(const YAML::Node& node, std::string_view what,
                                   const std::vector<std::string_view>& allowed);
  std::optional<uint64_t> unsignedInt(const YAML::Node& node, std::string_view what, uint64_t min,
                                      uint64_t max);
  std::optional<bool> boolean(const YAML::Node& node, std::string_view what);
  // A sequence of strings (a single scalar is refused: lists are written as lists).
  std::optional<std::vector<std::string>> stringList(const YAML::Node& node, std::string_view what);

 private:
  std::string file_;
  YamlIssues& issues_;
};

// Reads one mapping. `what` names it in messages ("partner profile",
// "rules[3]").
class MapReader {
 public:
  MapReader(const YAML::Node& node, std::string what, YamlValues& values);

  // False when the node is not a mapping (already reported).
  bool valid() const { return valid_; }
  const YAML::Node& node() const { return node_; }
  YamlValues& values() { return values_; }

  // The value under `key` (an undefined node when absent). Marks the key as
  // known; a required key that is absent is reported.
  YAML::Node get(std::string_view key, bool required = false);
  bool has(std::string_view key);

  std::optional<std::string> string(std::string_view key, bool required = false);
  std::optional<std::string> oneOf(std::string_view key,
                                   const std::vector<std::string_view>& allowed,
                                   bool required = false);
  std::optional<uint64_t> unsignedInt(std::string_view key, uint64_t min, uint64_t max,
                                      bool required = false);
  std::optional<bool> boolean(std::string_view key, bool required = false);
  std::optional<std::vector<std::string>> stringList(std::string_view key, bool required = false);

  // Reports keys that were never asked for, and keys written twice.
  void finish();

 private:
  std::string describeKey(std::string_view key) const;

  YAML::Node node_;
  std::string what_;
  YamlValues& values_;
  bool valid_ = false;
  std::vector<std::string> known_;
};

}  // namespace bridge::config
