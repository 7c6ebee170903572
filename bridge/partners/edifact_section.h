// Reading the `edifact` mapping of a partner profile
// (docs/partner-profiles.md).
//
// Thread-safety: not thread-safe; used by one loader at a time.
#pragma once

#include <optional>

#include "bridge/config/yaml_reader.h"
#include "bridge/partners/partner_profile.h"

namespace bridge::partners {

// nullopt when anything in the mapping is wrong (every problem reported).
std::optional<EdifactProfile> readEdifactSection(const YAML::Node& node,
                                                 config::YamlValues& values);

}  // namespace bridge::partners
