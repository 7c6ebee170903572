// Reading the `x12` mapping of a partner profile (docs/partner-profiles.md).
//
// Thread-safety: not thread-safe; used by one loader at a time.
#pragma once

#include <optional>

#include "bridge/config/yaml_reader.h"
#include "bridge/partners/partner_profile.h"

namespace bridge::partners {

// nullopt when anything in the mapping is wrong (every problem reported).
std::optional<X12Profile> readX12Section(const YAML::Node& node, config::YamlValues& values);

}  // namespace bridge::partners
