// Reading the service characters of an `outbound` mapping: each one a single
// character, all of them distinct, and given as a complete set or not at all.
//
// A partial set is refused rather than completed from the inbound
// interchange: a character taken from the input could then clash with one
// written in the profile, and that would only show when an ack is written.
//
// Thread-safety: not thread-safe; used by one loader at a time.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bridge/config/yaml_reader.h"
#include "parsers/edi/segment.h"

namespace bridge::partners {

struct SeparatorKey {
  std::string_view key;                   // "element-separator"
  char parsers::edi::Delimiters::*field;  // where the character goes
  bool required;                          // part of the complete set
  std::string_view only = {};             // when not empty: the characters allowed
};

// Reads `keys` from `map` (named `what` in messages). Returns nullopt when
// none of them is given, or when any is wrong (reported).
std::optional<parsers::edi::Delimiters> readSeparators(config::MapReader& map,
                                                       std::string_view what,
                                                       const std::vector<SeparatorKey>& keys);

}  // namespace bridge::partners
