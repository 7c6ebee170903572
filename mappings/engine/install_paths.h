// Where the shipped mapping catalog and contracts are: the environment
// variables EDI_BRIDGE_MAPPINGS / EDI_BRIDGE_CONTRACTS when set and not
// empty, else the directories of the source tree compiled in.
//
// Thread-safety: reads the environment; call before starting threads.
#pragma once

#include <filesystem>

namespace bridge::mappings {

std::filesystem::path defaultMappingDirectory();
std::filesystem::path defaultContractDirectory();

}  // namespace bridge::mappings
