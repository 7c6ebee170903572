#include "mappings/engine/mapping_set.h"

#include <algorithm>

#include "spool/payload_file.h"

namespace bridge::mappings {

namespace fs = std::filesystem;

bool isMappingFile(const fs::path& path) {
  const std::string name = path.filename().string();
  if (name.empty() || name[0] == '.') return false;
  if (path.extension() != ".yaml" && path.extension() != ".yml") return false;
  return name.find(".tests.") == std::string::npos;
}

std::shared_ptr<const MappingSet> loadMappingSet(const fs::path& directory,
                                                 const CompileContext& context,
                                                 config::YamlIssues& issues) {
  std::error_code error;
  if (!fs::is_directory(directory, error)) {
    issues.add(
        {directory.string(), 0, 0, "the mapping directory does not exist or is not a directory"});
    return nullptr;
  }
  std::vector<fs::path> files;
  for (auto it = fs::recursive_directory_iterator(directory, error);
       !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
    // Test inputs and expected outputs live in folders of their own.
    if (it->is_directory() && it->path().filename() == "tests") {
      it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file() && isMappingFile(it->path())) files.push_back(it->path());
  }
  if (error) {
    issues.add({directory.string(), 0, 0, "cannot list the mapping directory: " + error.message()});
    return nullptr;
  }
  std::sort(files.begin(), files.end());
  auto set = std::make_shared<MappingSet>();
  set->directory = directory;
  const size_t before = issues.size();
  std::map<std::string, std::string> fileOf;
  for (const fs::path& file : files) {
    auto mapping = compileMapping(file, context, issues);
    if (mapping == nullptr) continue;
    auto [existing, added] = fileOf.emplace(mapping->name, file.string());
    if (!added) {
      issues.add({file.string(), 0, 0,
                  "mapping name '" + mapping->name + "' is already used by " + existing->second +
                      "; each mapping needs its own name"});
      continue;
    }
    fs::path tests = file;
    tests.replace_extension(".tests.yaml");
    if (fs::exists(tests, error)) set->testFiles[mapping->name] = tests;
    set->mappings[mapping->name] = std::move(mapping);
  }
  if (issues.size() != before) return nullptr;
  std::string digestInput;
  for (const auto& [name, mapping] : set->mappings)
    digestInput += name + " " + mapping->hash + "\n";
  set->fingerprint = "sha256:" + spool::sha256Hex(digestInput);
  return set;
}

}  // namespace bridge::mappings
