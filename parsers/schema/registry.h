// SchemaRegistry: finds the schema a transaction set or message needs under
// a schema directory (docs/schema-format.md), loads it once, applies the
// overlays a partner names, and caches every combination.
//
// Layout: <root>/<standard>/<version>/<id>.yaml with dictionary.yaml beside
// it. A schema that is not there is not an error: find() returns a
// kNotFound status ("no schema for X12 004010 861 (looked in ...)") that the
// validator reports as a warning. A schema that is there but broken gives
// kInvalidArgument with every problem and its file:line:column.
//
// Thread-safety: find() is thread-safe (one mutex; loading happens under it,
// which is rare: each combination loads once). Returned schemas are
// immutable and may be shared freely.
#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "bridge/config/yaml_reader.h"
#include "bridge/core/status.h"
#include "parsers/schema/dictionary_loader.h"
#include "parsers/schema/schema.h"
#include "parsers/schema/schema_key.h"

namespace bridge::parsers::schema {

// The schema version of an X12 functional group: the first six characters
// of GS08 ("004010VICS" -> "004010"); without a usable GS08, ISA12 ("00401"
// -> "004010"). Empty when neither gives one.
std::string x12SchemaVersion(std::string_view gs08, std::string_view isa12);

// The schema version of an EDIFACT message from UNH S009: 0052 "D" with
// 0054 "96A" -> "D96A"; the service message versions "D"/"3" -> "syntax3"
// and "4"/"1" (or "4"/"2") -> "syntax4". Empty when either is missing.
std::string edifactSchemaVersion(std::string_view version, std::string_view release);

// What loadAll() found.
struct SchemaCheck {
  size_t dictionaries = 0;
  size_t transactions = 0;
  size_t overlays = 0;
  config::YamlIssues issues;  // each problem once
};

using SchemaResult = core::Result<std::shared_ptr<const TransactionSchema>>;

class SchemaRegistry {
 public:
  explicit SchemaRegistry(std::filesystem::path root);

  // The environment variable EDI_BRIDGE_SCHEMAS when set and not empty, else
  // the schemas/ directory of the source tree (EDI_SCHEMA_DIR, compiled in).
  static std::filesystem::path defaultRoot();

  const std::filesystem::path& root() const { return root_; }

  // The schema for `key` with `overlays` (overlay files) applied in order.
  SchemaResult find(const SchemaKey& key, const std::vector<std::filesystem::path>& overlays = {});

  // Loads every dictionary, transaction and overlay under the root, without
  // the cache, and reports all problems (`edi-bridge schemas check`).
  SchemaCheck loadAll() const;

 private:
  SchemaResult findLocked(const SchemaKey& key, const std::vector<std::filesystem::path>& overlays);
  SchemaResult loadBase(const SchemaKey& key);

  std::filesystem::path root_;
  std::mutex mutex_;
  DictionaryCache dictionaries_;               // guarded by mutex_
  std::map<std::string, SchemaResult> cache_;  // guarded by mutex_
};

}  // namespace bridge::parsers::schema
