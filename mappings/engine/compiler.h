// Compiler: reads a mapping file (docs/mapping-language.md) and turns it into
// a Mapping, once, when the mapping set is loaded.
//
// Every problem is reported with file:line:column and what to write instead:
// unknown keys, paths that do not parse, element references that are not
// element references, segments and loops the source schema does not have,
// contracts that do not exist, transforms with bad arguments, Lua that does
// not compile. All problems of a file are reported together.
//
// Thread-safety: compile() may run on several threads at once for different
// files; the registries it consults must be thread-safe (they are).
#pragma once

#include <filesystem>
#include <memory>

#include "bridge/config/yaml_reader.h"
#include "mappings/engine/contract_registry.h"
#include "mappings/engine/mapping.h"
#include "parsers/schema/registry.h"

namespace bridge::mappings {

struct CompileContext {
  // Contracts a mapping may name as source or target; null skips the check.
  const ContractRegistry* contracts = nullptr;
  // Schemas that let the compiler check segment tags and loop ids of EDI
  // paths; null skips the check.
  parsers::schema::SchemaRegistry* schemas = nullptr;
};

// Compiles `file`. On failure returns nullptr with the problems in `issues`.
std::shared_ptr<const Mapping> compileMapping(const std::filesystem::path& file,
                                              const CompileContext& context,
                                              config::YamlIssues& issues);

// The same for a mapping held in memory (tests); `name` stands for the file
// and lookups are resolved relative to `baseDir`.
std::shared_ptr<const Mapping> compileMappingText(std::string_view text, const std::string& name,
                                                  const std::filesystem::path& baseDir,
                                                  const CompileContext& context,
                                                  config::YamlIssues& issues);

}  // namespace bridge::mappings
