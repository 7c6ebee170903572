// Loading a transaction file (docs/schema-format.md, "Transaction") into a
// TransactionSchema: the header, the dictionary.yaml beside the file (shared
// through a DictionaryCache) and the structure, with every segment resolved
// against the dictionary.
//
// Every problem is reported with file:line:column, and the dictionary's own
// problems are copied to the same list, so a caller sees why a schema is
// unusable. A schema loaded with problems is incomplete and must not be used
// for validation.
//
// Thread-safety: not thread-safe (the cache is shared); SchemaRegistry
// serialises loading.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "bridge/config/yaml_reader.h"
#include "parsers/schema/dictionary_loader.h"
#include "parsers/schema/schema.h"

namespace bridge::parsers::schema {

// Loads the transaction file at `path` through `dictionaries` (which also
// reads the file itself). Returns nullptr when not even its header is usable.
std::shared_ptr<const TransactionSchema> loadTransaction(const std::filesystem::path& path,
                                                         DictionaryCache& dictionaries,
                                                         config::YamlIssues& issues);

// The same for a document already parsed from `path`.
std::shared_ptr<const TransactionSchema> loadTransaction(const YAML::Node& document,
                                                         const std::filesystem::path& path,
                                                         DictionaryCache& dictionaries,
                                                         config::YamlIssues& issues);

}  // namespace bridge::parsers::schema
