// What `translate` and `map` share: where the mappings and the contracts are,
// and loading them.
//
//   --mappings DIR    mapping directory (default: EDI_BRIDGE_MAPPINGS, else the
//                     shipped catalog mappings/catalog)
//   --contracts DIR   contract schemas (default: EDI_BRIDGE_CONTRACTS, else the
//                     shipped mappings/contracts)
//   --schemas DIR     EDI schemas (schema_setup.h)
//
// Thread-safety: one setup per command run.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <set>
#include <string>

#include "bridge/cli/args.h"
#include "mappings/engine/contract_registry.h"
#include "mappings/engine/mapping_set.h"
#include "parsers/schema/registry.h"

namespace bridge::cli {

const std::set<std::string>& mappingValueOptions();

struct MappingSetup {
  std::filesystem::path mappingDirectory;
  std::optional<mappings::ContractRegistry> contracts;
  std::unique_ptr<parsers::schema::SchemaRegistry> schemas;

  mappings::CompileContext compileContext() {
    return {contracts ? &*contracts : nullptr, schemas.get()};
  }

  // Reads the options; loads the contracts. An error names what failed.
  static core::Result<std::unique_ptr<MappingSetup>> create(const ParsedArgs& args);
};

}  // namespace bridge::cli
