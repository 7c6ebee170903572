// The daemon: `edi-bridge run`. Loads bridge.yaml, takes the spool's lock,
// recovers the spool, and drives the Pipeline until SIGTERM or SIGINT (the
// pass in progress finishes and every commit is complete before it exits),
// or, with `once`, until nothing is waiting.
//
// Exit codes: 0 clean stop, 2 configuration error, 3 the spool stopped on
// an I/O failure (an fsync or write error other than a full disk, D8):
// systemd restarts the daemon and recovery resumes from the last commit.
//
// Thread-safety: one daemon per process (it installs signal handlers).
#pragma once

#include <filesystem>
#include <iosfwd>

namespace bridge::daemon {

inline constexpr int kExitSpoolFailure = 3;

struct DaemonOptions {
  std::filesystem::path configFile;
  bool once = false;
};

int runDaemon(const DaemonOptions& options, std::ostream& err);

}  // namespace bridge::daemon
