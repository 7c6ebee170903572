// edi-bridge run: the daemon (bridge/daemon/daemon.h) in the foreground.
#include <ostream>

#include "bridge/cli/args.h"
#include "bridge/cli/subcommands.h"
#include "bridge/cli/usage.h"
#include "bridge/daemon/daemon.h"

namespace bridge::cli {

int runCommand(const Args& args, Streams io) {
  core::Result<ParsedArgs> parsed = parseArgs(args, {"--once"}, {"--config"});
  if (!parsed) return usageError("run", parsed.status().message(), io);
  if (parsed->help) {
    io.out << *commandUsage("run");
    return kExitOk;
  }
  if (!parsed->positional.empty()) {
    return usageError("run", "unexpected argument '" + parsed->positional.front() + "'", io);
  }
  daemon::DaemonOptions options;
  options.configFile = parsed->value("--config");
  if (options.configFile.empty()) return usageError("run", "expected --config FILE", io);
  options.once = parsed->has("--once");
  return daemon::runDaemon(options, io.err);
}

}  // namespace bridge::cli
