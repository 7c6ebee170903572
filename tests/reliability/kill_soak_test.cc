// RELIABILITY.md D3: the real daemon binary killed with SIGKILL again and
// again while files arrive, then run to the end. The effects (event log ids,
// ack files) are compared as multisets with the inputs: every transaction
// exactly once, every interchange acknowledged exactly once, no temp file
// left, every source file gone.
//
// CI size: 200 kills over 2,000 transactions. EDI_SOAK_KILLS and
// EDI_SOAK_FILES scale it (scripts/kill-soak.sh runs larger numbers).
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <random>
#include <thread>

#include "spool/spool.h"
#include "tests/support/bridge_fixture.h"

namespace bridge {
namespace {

using testing::BridgeTree;

int envInt(const char* name, int fallback) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? std::atoi(value) : fallback;
}

pid_t startDaemon(const std::filesystem::path& config, const std::filesystem::path& log) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd >= 0) {
      ::dup2(fd, STDERR_FILENO);
      ::dup2(fd, STDOUT_FILENO);
    }
    const std::string configArg = config.string();
    ::execl(EDI_BRIDGE_BINARY, EDI_BRIDGE_BINARY, "run", "--config", configArg.c_str(),
            static_cast<char*>(nullptr));
    ::_exit(127);
  }
  return pid;
}

// Waits until the daemon's log has grown by a "started" line (or it died).
bool waitUntilStarted(pid_t pid, const std::filesystem::path& log, size_t startsBefore) {
  for (int i = 0; i < 3000; ++i) {
    const std::string text = testing::readFileBytes(log);
    size_t starts = 0;
    for (size_t at = text.find(" started "); at != std::string::npos;
         at = text.find(" started ", at + 1)) {
      ++starts;
    }
    if (starts > startsBefore) return true;
    int status = 0;
    if (::waitpid(pid, &status, WNOHANG) == pid) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return false;
}

size_t countStarts(const std::filesystem::path& log) {
  const std::string text = testing::readFileBytes(log);
  size_t starts = 0;
  for (size_t at = text.find(" started "); at != std::string::npos;
       at = text.find(" started ", at + 1)) {
    ++starts;
  }
  return starts;
}

TEST(KillSoakTest, D3_kill_9_soak_of_the_daemon) {
  const int kills = envInt("EDI_SOAK_KILLS", 200);
  const int files = envInt("EDI_SOAK_FILES", 2000);
  BridgeTree tree("edi-d3");
  const std::filesystem::path config = tree.writeConfigFile("", "20ms");
  const std::filesystem::path log = tree.root / "daemon.log";
  std::mt19937 random(20261127);
  std::uniform_int_distribution<int> delayMs(0, 120);

  int dropped = 0;
  int killsDone = 0;
  int diedEarly = 0;
  for (int round = 0; round < kills; ++round) {
    const int target = static_cast<int>((static_cast<int64_t>(files) * (round + 1)) / kills);
    for (; dropped < target; ++dropped) {
      tree.drop("order-" + std::to_string(dropped) + ".edi", testing::x12Order(5000 + dropped));
    }
    const size_t startsBefore = countStarts(log);
    const pid_t pid = startDaemon(config, log);
    ASSERT_GT(pid, 0);
    if (!waitUntilStarted(pid, log, startsBefore)) {
      ++diedEarly;
      ::kill(pid, SIGKILL);
      ::waitpid(pid, nullptr, 0);
      continue;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(delayMs(random)));
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    if (WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) {
      ++killsDone;
    } else {
      ++diedEarly;
    }
  }
  EXPECT_EQ(diedEarly, 0) << "the daemon exited by itself; see " << log << ":\n"
                          << testing::readFileBytes(log).substr(0, 4000);
  EXPECT_GE(killsDone, kills);

  // The last run: until every file is in and every delivery done, then a
  // clean SIGTERM.
  const size_t startsBefore = countStarts(log);
  const pid_t pid = startDaemon(config, log);
  ASSERT_TRUE(waitUntilStarted(pid, log, startsBefore));
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(10);
  for (;;) {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    if (!BridgeTree::filesUnder(tree.inbound).empty()) continue;
    spool::PosixDisk disk;
    spool::SpoolOptions options;
    options.directory = tree.spool.string();
    options.recover = false;
    auto spool = spool::Spool::open(disk, options);
    ASSERT_TRUE(spool.isOk()) << spool.status().toString();
    spool::ItemFilter filter;
    filter.limit = 1000000;
    auto all = spool.value()->list(filter);
    ASSERT_TRUE(all.isOk());
    size_t finished = 0;
    for (const auto& item : *all) {
      if (item.state == spool::ItemState::kDone) ++finished;
    }
    if (finished == all->size() && all->size() == static_cast<size_t>(files)) break;
    ASSERT_LT(std::chrono::steady_clock::now(), deadline)
        << finished << " of " << all->size() << " items done; log " << log;
  }
  ::kill(pid, SIGTERM);
  int status = 0;
  ::waitpid(pid, &status, 0);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "SIGTERM should stop it cleanly";

  std::vector<std::string> expected;
  for (int i = 0; i < files; ++i) expected.push_back(testing::x12OrderEventId(5000 + i));
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(tree.eventIds(), expected) << "each transaction exactly once in the event log";
  std::vector<std::string> acks;
  for (const std::string& name : BridgeTree::filesUnder(tree.outbound)) {
    EXPECT_EQ(name.find(".tmp"), std::string::npos) << "temp file left: " << name;
    acks.push_back(name);
  }
  EXPECT_EQ(acks.size(), static_cast<size_t>(files)) << "one 997 per interchange";
  std::cout << "D3: " << killsDone << " kills over " << files << " transactions\n";
}

}  // namespace
}  // namespace bridge
