// A small command-line argument splitter for the edi-bridge subcommands:
// flags (--pretty), options with a value (--partner acme or --partner=acme),
// positional arguments, "--" to end the options, and "-" as a positional
// meaning standard input.
//
// Thread-safety: free functions on values.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "bridge/core/status.h"

namespace bridge::cli {

struct ParsedArgs {
  std::vector<std::string> positional;
  std::set<std::string> flags;                             // as written, "--pretty"
  std::map<std::string, std::vector<std::string>> values;  // "--partner" -> {"acme"}
  bool help = false;                                       // -h or --help was given

  bool has(std::string_view flag) const { return flags.count(std::string(flag)) > 0; }
  // The last value given for `option`, or "" when it was not given.
  std::string value(std::string_view option) const {
    auto it = values.find(std::string(option));
    return it == values.end() || it->second.empty() ? std::string() : it->second.back();
  }
  // Every value given for a repeatable option, in order.
  std::vector<std::string> all(std::string_view option) const {
    auto it = values.find(std::string(option));
    return it == values.end() ? std::vector<std::string>() : it->second;
  }
};

// Splits `args` (the words after the command name). Every option must be one
// of `knownFlags`, `valueOptions` or -h/--help; anything else, and a value
// option without its value, is an invalid-argument error naming the option.
core::Result<ParsedArgs> parseArgs(const std::vector<std::string>& args,
                                   const std::set<std::string>& knownFlags,
                                   const std::set<std::string>& valueOptions = {});

}  // namespace bridge::cli
