#include "parsers/schema/registry.h"

#include <algorithm>
#include <cstdlib>
#include <set>
#include <system_error>
#include <utility>

#include "parsers/schema/overlay.h"
#include "parsers/schema/transaction_loader.h"

#ifndef EDI_SCHEMA_DIR
#error "EDI_SCHEMA_DIR must name the schemas/ directory (see parsers/schema/CMakeLists.txt)"
#endif

namespace bridge::parsers::schema {
namespace {

namespace fs = std::filesystem;
using config::YamlIssue;
using config::YamlIssues;

// Versions and ids come from the interchange being validated; only plain
// names may become part of a path.
bool isPlainName(std::string_view name) {
  return !name.empty() && name.size() <= 32 && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
  });
}

fs::path schemaFile(const fs::path& root, const SchemaKey& key) {
  return root / std::string(edi::standardName(key.standard)) / key.version / (key.id + ".yaml");
}

// A schema must sit where find() looks for it.
void checkPlacement(const fs::path& root, const fs::path& file, const TransactionSchema& schema,
                    YamlIssues& issues) {
  const SchemaKey key{schema.standard, schema.version, schema.id};
  const fs::path expected = schemaFile(root, key);
  if (file.lexically_normal() == expected.lexically_normal()) return;
  issues.add({file.string(), 0, 0,
              "this is the schema for " + key.describe() + ", so it must be at " +
                  expected.string() + ", where the registry looks for it"});
}

void addOnce(const YamlIssue& issue, std::set<std::string>& seen, YamlIssues& out) {
  if (seen.insert(issue.describe()).second) out.add(issue);
}

// The value under `key` of a mapping, or an undefined node; never throws
// (yaml-cpp's operator[] gives an invalid node for a missing key).
YAML::Node valueOf(const YAML::Node& map, std::string_view key) {
  if (map.IsMap()) {
    for (auto it = map.begin(); it != map.end(); ++it) {
      if (it->first.IsScalar() && it->first.Scalar() == key) return it->second;
    }
  }
  return YAML::Node(YAML::NodeType::Undefined);
}

std::string withoutLastNewline(std::string text) {
  if (!text.empty() && text.back() == '\n') text.pop_back();
  return text;
}

}  // namespace

std::string x12SchemaVersion(std::string_view gs08, std::string_view isa12) {
  if (gs08.size() >= 6) return std::string(gs08.substr(0, 6));
  if (isa12.size() == 5) return std::string(isa12) + "0";
  return "";
}

std::string edifactSchemaVersion(std::string_view version, std::string_view release) {
  if (version.empty() || release.empty()) return "";
  if (version == "D" && release == "3") return "syntax3";
  if (version == "4" && (release == "1" || release == "2")) return "syntax4";
  return std::string(version) + std::string(release);
}

SchemaRegistry::SchemaRegistry(fs::path root) : root_(std::move(root)) {}

fs::path SchemaRegistry::defaultRoot() {
  const char* env = std::getenv("EDI_BRIDGE_SCHEMAS");
  if (env != nullptr && *env != '\0') return fs::path(env);
  return fs::path(EDI_SCHEMA_DIR);
}

SchemaResult SchemaRegistry::find(const SchemaKey& key, const std::vector<fs::path>& overlays) {
  std::lock_guard<std::mutex> lock(mutex_);
  return findLocked(key, overlays);
}

SchemaResult SchemaRegistry::findLocked(const SchemaKey& key,
                                        const std::vector<fs::path>& overlays) {
  std::string cacheKey = key.path();
  for (const fs::path& overlay : overlays) cacheKey += "\n" + overlay.string();
  auto cached = cache_.find(cacheKey);
  if (cached != cache_.end()) return cached->second;

  SchemaResult result = loadBase(key);
  if (!overlays.empty()) {
    result = findLocked(key, {});
    for (const fs::path& overlay : overlays) {
      if (!result.isOk()) break;
      YamlIssues issues;
      auto tightened = applyOverlay(**result, overlay, issues);
      if (!issues.empty() || !tightened) {
        result = core::Status::invalidArgument("the overlay " + overlay.string() + " for " +
                                               key.describe() + " cannot be applied:\n" +
                                               withoutLastNewline(issues.describe()));
      } else {
        result = tightened;
      }
    }
  }
  cache_.emplace(cacheKey, result);
  return result;
}

SchemaResult SchemaRegistry::loadBase(const SchemaKey& key) {
  if (key.standard == edi::Standard::kUnknown || !isPlainName(key.version) ||
      !isPlainName(key.id)) {
    return core::Status::notFound("no schema for " + key.describe() +
                                  ": the version or id is not a name a schema can have");
  }
  const fs::path file = schemaFile(root_, key);
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) {
    return core::Status::notFound("no schema for " + key.describe() + " (looked in " +
                                  file.string() + ")");
  }
  YamlIssues issues;
  auto schema = loadTransaction(file, dictionaries_, issues);
  if (schema) checkPlacement(root_, file, *schema, issues);
  if (!issues.empty() || !schema) {
    return core::Status::invalidArgument("the schema for " + key.describe() + " has errors:\n" +
                                         withoutLastNewline(issues.describe()));
  }
  return schema;
}

SchemaCheck SchemaRegistry::loadAll() const {
  SchemaCheck check;
  std::set<std::string> seen;
  std::error_code ec;
  if (!fs::is_directory(root_, ec)) {
    check.issues.add({root_.string(), 0, 0, "the schema directory does not exist"});
    return check;
  }
  std::vector<fs::path> files;
  for (auto it = fs::recursive_directory_iterator(root_, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_regular_file(ec) && it->path().extension() == ".yaml") files.push_back(it->path());
  }
  if (ec) check.issues.add({root_.string(), 0, 0, "cannot list the directory: " + ec.message()});
  std::sort(files.begin(), files.end());

  DictionaryCache dictionaries;
  std::map<std::string, std::shared_ptr<const TransactionSchema>> loaded;  // by key path
  std::vector<std::pair<fs::path, YAML::Node>> overlays;
  for (const fs::path& file : files) {
    YamlIssues issues;
    if (file.filename() == "dictionary.yaml") {
      ++check.dictionaries;
      for (const YamlIssue& issue : dictionaries.get(file).issues)
        addOnce(issue, seen, check.issues);
      continue;
    }
    auto document = config::loadYamlFile(file, issues);
    if (document && valueOf(*document, "kind").IsScalar() &&
        valueOf(*document, "kind").Scalar() == "overlay") {
      overlays.emplace_back(file, *document);
      continue;
    }
    if (document) {
      ++check.transactions;
      auto schema = loadTransaction(*document, file, dictionaries, issues);
      if (schema) {
        checkPlacement(root_, file, *schema, issues);
        loaded.emplace(SchemaKey{schema->standard, schema->version, schema->id}.path(), schema);
      }
    }
    for (const YamlIssue& issue : issues.list()) addOnce(issue, seen, check.issues);
  }

  for (const auto& [file, document] : overlays) {
    ++check.overlays;
    YamlIssues issues;
    auto key = overlayBase(document);
    auto base = key ? loaded.find(key->path()) : loaded.end();
    if (base == loaded.end()) {
      const YAML::Node baseNode = valueOf(document, "base");
      issues.add(
          file.string(), baseNode.IsDefined() ? baseNode.Mark() : document.Mark(),
          "overlay 'base' must name a schema under " + root_.string() + ", as x12/004010/850");
    } else {
      (void)applyOverlay(*base->second, document, file, issues);
    }
    for (const YamlIssue& issue : issues.list()) addOnce(issue, seen, check.issues);
  }
  return check;
}

}  // namespace bridge::parsers::schema
