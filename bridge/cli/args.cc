#include "bridge/cli/args.h"

namespace bridge::cli {

core::Result<ParsedArgs> parseArgs(const std::vector<std::string>& args,
                                   const std::set<std::string>& knownFlags,
                                   const std::set<std::string>& valueOptions) {
  ParsedArgs parsed;
  bool optionsEnded = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
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
    } else if (valueOptions.count(arg) > 0) {
      if (i + 1 >= args.size() || args[i + 1].empty()) {
        return core::Status::invalidArgument("option '" + arg + "' needs a value");
      }
      parsed.values[arg].push_back(args[++i]);
    } else if (arg.find('=') != std::string::npos &&
               valueOptions.count(arg.substr(0, arg.find('=')))) {
      const std::string value = arg.substr(arg.find('=') + 1);
      if (value.empty()) {
        return core::Status::invalidArgument("option '" + arg.substr(0, arg.find('=')) +
                                             "' needs a value");
      }
      parsed.values[arg.substr(0, arg.find('='))].push_back(value);
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
