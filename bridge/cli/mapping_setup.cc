#include "bridge/cli/mapping_setup.h"

#include "mappings/engine/install_paths.h"

namespace bridge::cli {

namespace fs = std::filesystem;

const std::set<std::string>& mappingValueOptions() {
  static const std::set<std::string> kOptions = {"--mappings", "--contracts", "--schemas"};
  return kOptions;
}

core::Result<std::unique_ptr<MappingSetup>> MappingSetup::create(const ParsedArgs& args) {
  auto setup = std::make_unique<MappingSetup>();
  const std::string mappingsOption = args.value("--mappings");
  setup->mappingDirectory =
      mappingsOption.empty() ? mappings::defaultMappingDirectory() : fs::path(mappingsOption);
  const std::string contractsOption = args.value("--contracts");
  const fs::path contracts =
      contractsOption.empty() ? mappings::defaultContractDirectory() : fs::path(contractsOption);
  auto registry = mappings::ContractRegistry::load(contracts);
  if (!registry) return core::Status::invalidArgument("contracts: " + registry.status().message());
  setup->contracts = std::move(*registry);
  const std::string schemas = args.value("--schemas");
  setup->schemas = std::make_unique<parsers::schema::SchemaRegistry>(
      schemas.empty() ? parsers::schema::SchemaRegistry::defaultRoot() : fs::path(schemas));
  return setup;
}

}  // namespace bridge::cli
