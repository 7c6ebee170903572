// MappingSet: every mapping of a directory, compiled together, found by name.
//
// A directory holds mapping files (*.yaml) and, beside each, its tests
// (<name>.tests.yaml, see mapping_tests.h); lookup CSV files and test
// inputs may live anywhere below it. A set loads only when every mapping
// compiles and the names are unique: the daemon never runs half a set.
//
// Thread-safety: a loaded set is immutable and shared (std::shared_ptr);
// Lua snippets serialise themselves per mapping.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "bridge/config/yaml_reader.h"
#include "mappings/engine/compiler.h"
#include "mappings/engine/mapping.h"

namespace bridge::mappings {

struct MappingSet {
  std::filesystem::path directory;
  std::map<std::string, std::shared_ptr<const Mapping>> mappings;  // by name
  std::map<std::string, std::filesystem::path> testFiles;          // mapping name -> tests file
  std::string fingerprint;  // sha256 over the names and hashes, "sha256:<hex>"

  const Mapping* find(const std::string& name) const {
    auto found = mappings.find(name);
    return found == mappings.end() ? nullptr : found->second.get();
  }
};

// True for a file the loader compiles as a mapping.
bool isMappingFile(const std::filesystem::path& path);

// Compiles every mapping under `directory` (recursively). On any problem
// returns nullptr with every problem of every file in `issues`.
std::shared_ptr<const MappingSet> loadMappingSet(const std::filesystem::path& directory,
                                                 const CompileContext& context,
                                                 config::YamlIssues& issues);

}  // namespace bridge::mappings
