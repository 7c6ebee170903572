#include "mappings/engine/install_paths.h"

#include <cstdlib>

namespace bridge::mappings {
namespace {

std::filesystem::path fromEnvironment(const char* variable, const char* fallback) {
  const char* value = std::getenv(variable);
  return value != nullptr && *value != '\0' ? std::filesystem::path(value)
                                            : std::filesystem::path(fallback);
}

}  // namespace

std::filesystem::path defaultMappingDirectory() {
  return fromEnvironment("EDI_BRIDGE_MAPPINGS", EDI_MAPPING_DIR);
}

std::filesystem::path defaultContractDirectory() {
  return fromEnvironment("EDI_BRIDGE_CONTRACTS", EDI_CONTRACT_DIR);
}

}  // namespace bridge::mappings
