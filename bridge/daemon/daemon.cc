#include "bridge/daemon/daemon.h"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <filesystem>
#include <fstream>
#include <optional>
#include <ostream>

#include "bridge/config/bridge_config.h"
#include "bridge/core/log.h"
#include "bridge/daemon/pipeline.h"
#include "spool/disk.h"

namespace bridge::daemon {
namespace {

std::atomic<bool> gStop{false};
std::atomic<bool> gReload{false};
int gWakeWrite = -1;

void wakeLoop() {
  if (gWakeWrite >= 0) {
    const char byte = 1;
    // A full pipe already wakes the loop; nothing to do on failure.
    [[maybe_unused]] ssize_t written = ::write(gWakeWrite, &byte, 1);
  }
}

void onReloadSignal(int) {
  gReload.store(true);
  wakeLoop();
}

void onStopSignal(int) {
  gStop.store(true);
  wakeLoop();
}

// A self-pipe: the signal handler writes to it so that the loop's poll()
// returns at once.
class WakePipe {
 public:
  WakePipe() {
    if (::pipe2(fds_, O_CLOEXEC | O_NONBLOCK) != 0) fds_[0] = fds_[1] = -1;
    gWakeWrite = fds_[1];
  }
  ~WakePipe() {
    gWakeWrite = -1;
    for (int fd : fds_) {
      if (fd >= 0) ::close(fd);
    }
  }
  int readEnd() const { return fds_[0]; }

 private:
  int fds_[2] = {-1, -1};
};

void installSignalHandlers() {
  struct sigaction action {};
  action.sa_handler = onStopSignal;
  sigemptyset(&action.sa_mask);
  sigaction(SIGTERM, &action, nullptr);
  sigaction(SIGINT, &action, nullptr);
  struct sigaction reload {};
  reload.sa_handler = onReloadSignal;
  sigemptyset(&reload.sa_mask);
  sigaction(SIGHUP, &reload, nullptr);
  signal(SIGPIPE, SIG_IGN);
}

// <spool>/daemon.pid: how `edi-bridge map reload` finds the daemon to
// signal. Written at start, removed at a clean stop; a stale file (after a
// crash) names no live process and is ignored by readers.
class PidFile {
 public:
  explicit PidFile(std::filesystem::path path) : path_(std::move(path)) {
    std::ofstream out(path_, std::ios::trunc);
    out << ::getpid() << "\n";
  }
  ~PidFile() {
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
  }

 private:
  std::filesystem::path path_;
};

}  // namespace

int runDaemon(const DaemonOptions& options, std::ostream& err) {
  config::YamlIssues issues;
  std::optional<config::BridgeConfig> config = config::loadBridgeConfig(options.configFile, issues);
  if (!config) {
    err << issues.describe();
    return 2;
  }

  spool::PosixDisk disk;
  core::Result<std::unique_ptr<Pipeline>> pipeline = Pipeline::create(disk, *config);
  if (!pipeline) {
    const core::Status& status = pipeline.status();
    err << "edi-bridge run: " << status.message() << "\n";
    return status.code() == core::StatusCode::kInvalidArgument ? 2 : kExitSpoolFailure;
  }

  gStop.store(false);
  gReload.store(false);
  WakePipe wake;
  installSignalHandlers();
  std::optional<PidFile> pidFile;
  if (!options.once) pidFile.emplace(config->spool.directory / "daemon.pid");
  core::log(core::LogLevel::kInfo, "started",
            {{"config", options.configFile.string()},
             {"spool", config->spool.directory.string()},
             {"mode", options.once ? "once" : "daemon"}});
  core::Status status = options.once ? pipeline.value()->runUntilIdle()
                                     : pipeline.value()->run(gStop, wake.readEnd(), &gReload);
  if (!status.isOk()) {
    core::log(core::LogLevel::kError, "spool-stopped",
              {{"reason", status.message()},
               {"next", "fix the cause; on restart, recovery resumes from the last commit"}});
    err << "edi-bridge run: stopped: " << status.message() << "\n";
    return kExitSpoolFailure;
  }
  core::log(core::LogLevel::kInfo, "stopped", {{"reason", gStop.load() ? "signal" : "idle"}});
  return 0;
}

}  // namespace bridge::daemon
