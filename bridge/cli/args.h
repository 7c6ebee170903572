// A small command-line argument splitter for the edi-bridge subcommands:
// flags (--pretty), positional arguments, "--" to end the options, and "-"
// as a positional meaning standard input.
//
// Thread-safety: free functions on values.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "bridge/core/status.h"

namespace bridge::cli {

struct ParsedArgs {
  std::vector<std::string> positional;
  std::set<std::string> flags;  // as written, "--pretty"
  bool help = false;            // -h or --help was given

  bool has(std::string_view flag) const { return flags.count(std::string(flag)) > 0; }
};

// Splits `args` (the words after the command name). Every option must be one
// of `knownFlags` or -h/--help; anything else is an invalid-argument error
// naming the option.
core::Result<ParsedArgs> parseArgs(const std::vector<std::string>& args,
                                   const std::set<std::string>& knownFlags);

}  // namespace bridge::cli
