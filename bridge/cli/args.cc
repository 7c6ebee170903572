#include "bridge/cli/args.h"

namespace bridge::cli {

core::Result<ParsedArgs> parseArgs(const std::vector<std::string>& args,
                                   const std::set<std::string>& knownFlags) {
  ParsedArgs parsed;
  bool optionsEnded = false;
  for (const std::string& arg : args) {
    const bool looksLikeOption = !optionsEnded && arg.size() > 1 && arg[0] == '-';
    if (!looksLikeOption) {
      parsed.positional.push_back(arg);
      continue;
    }
    if (arg == "--") {
      optionsEnded = true;
    } else if (arg == "-h" || arg == "--help") {
      parsed.help = true;
    } else if (knownFlags.count(arg) > 0) {
      parsed.flags.insert(arg);
    } else if (arg.find('=') != std::string::npos &&
               knownFlags.count(arg.substr(0, arg.find('=')))) {
      return core::Status::invalidArgument("option '" + arg.substr(0, arg.find('=')) +
                                           "' takes no value");
    } else {
      return core::Status::invalidArgument("unknown option '" + arg + "'");
    }
  }
  return parsed;
}

}  // namespace bridge::cli
