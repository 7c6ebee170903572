// Loading a dictionary file (docs/schema-format.md, "Dictionary") with the
// chain of dictionaries it starts from (`base:`) into a schema::Dictionary
// whose segment positions point at their element and composite definitions.
//
// Every problem in any file of the chain is reported with file:line:column;
// loading goes on after a problem so that one run shows all of them. A
// dictionary loaded with problems is incomplete (a position whose reference
// is unknown points at nothing) and must not be used for validation.
//
// Thread-safety: loadDictionary is reentrant; a DictionaryCache is not
// thread-safe (SchemaRegistry serialises its use).
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "bridge/config/yaml_reader.h"
#include "parsers/schema/schema.h"

namespace bridge::parsers::schema {

// Reads one YAML file, reporting a missing or broken file to `issues`. The
// default reads from disk; the fuzz target and tests serve files from memory.
using YamlSource =
    std::function<std::optional<YAML::Node>(const std::filesystem::path&, config::YamlIssues&)>;
YamlSource diskYamlSource();

// Loads the dictionary at `path` and its base chain (`base:` paths are
// relative to the file naming them; a later file's entries replace or add to
// its base's). Returns nullptr when not even the header of `path` is usable.
std::shared_ptr<const Dictionary> loadDictionary(const std::filesystem::path& path,
                                                 config::YamlIssues& issues,
                                                 const YamlSource& source = diskYamlSource());

// Dictionaries by path, each loaded once and shared by every transaction of
// its version.
class DictionaryCache {
 public:
  struct Entry {
    std::shared_ptr<const Dictionary> dictionary;  // nullptr when unusable
    std::vector<config::YamlIssue> issues;         // empty when complete
  };

  explicit DictionaryCache(YamlSource source = diskYamlSource()) : source_(std::move(source)) {}

  const Entry& get(const std::filesystem::path& path);
  const YamlSource& source() const { return source_; }

 private:
  YamlSource source_;
  std::map<std::string, Entry> entries_;  // by lexically normal path
};

}  // namespace bridge::parsers::schema
