// Reading the values and lists of a partner profile with their rules
// applied, each problem reported at the node that holds it: a bad or repeated
// list entry at its own line, not at the list's.
//
// Callers tell success by comparing the number of issues before and after,
// so these functions only report and return what passed.
//
// Thread-safety: not thread-safe; used by one loader at a time.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bridge/config/yaml_reader.h"
#include "bridge/partners/partner_profile.h"
#include "bridge/partners/profile_rules.h"

namespace bridge::partners {

struct ListItem {
  std::string value;
  YAML::Node node;
};

using ValueRule = Problem (*)(std::string_view what, std::string_view value);

// `key` of `map` (named `what` in messages) as a single value checked by
// `rule`; nullopt when absent or wrong.
std::optional<ListItem> readValue(config::MapReader& map, std::string_view what,
                                  std::string_view key, ValueRule rule, bool required);

// `key` of `map` as a list of strings, each checked by `rule` and none
// repeated. Returns the entries that passed. An absent key gives no entries
// (and an error when `required`).
std::vector<ListItem> readValueList(config::MapReader& map, std::string_view what,
                                    std::string_view key, ValueRule rule, bool required);

// `key` of `map` as a list of entries for the caller to read; reported when it
// is not a list, or empty while `required`.
std::vector<YAML::Node> readEntryList(config::MapReader& map, std::string_view what,
                                      std::string_view key, std::string_view entryShape,
                                      bool required);

// Where `node` was written, 1-based.
SourcePosition positionOf(const YAML::Node& node);

// "x12.interchange-ids[2]": how the entries are named in messages.
std::string itemName(std::string_view what, std::string_view key, size_t index);

}  // namespace bridge::partners
