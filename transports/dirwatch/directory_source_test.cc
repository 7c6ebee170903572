#include "transports/dirwatch/directory_source.h"

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "bridge/core/log.h"
#include "transports/test_support.h"

namespace bridge::transports {
namespace {

using testing::listTree;
using testing::readFile;
using testing::TempDir;
using testing::TestDisk;
using testing::writeFile;
using Clock = std::chrono::steady_clock;

int64_t msSince(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
}

config::DirectorySourceSettings inbox(const TempDir& dir, int64_t stableForMs) {
  std::filesystem::create_directories(dir / "in");
  config::DirectorySourceSettings settings;
  settings.name = "inbox";
  settings.path = dir / "in";
  settings.stableForMs = stableForMs;
  return settings;
}

std::vector<std::string> names(const std::vector<ClaimedFile>& files) {
  std::vector<std::string> out;
  for (const ClaimedFile& file : files) out.push_back(file.originalName);
  return out;
}

std::vector<ClaimedFile> pollOk(DirectorySource& source, size_t maxFiles = 100,
                                uint64_t maxBytes = 1 << 20) {
  core::Result<std::vector<ClaimedFile>> files = source.poll(maxFiles, maxBytes);
  EXPECT_TRUE(files.isOk()) << files.status().toString();
  return files ? std::move(files.value()) : std::vector<ClaimedFile>();
}

// Polls every 20 ms until a poll returns something or `timeoutMs` passes.
std::vector<ClaimedFile> pollUntilSome(DirectorySource& source, int64_t timeoutMs) {
  const auto start = Clock::now();
  for (;;) {
    std::vector<ClaimedFile> files = pollOk(source);
    if (!files.empty() || msSince(start) > timeoutMs) return files;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

class QuietLog : public ::testing::Test {
 protected:
  void SetUp() override { core::setLogEnabled(false); }
  void TearDown() override { core::setLogEnabled(true); }
};

using DirectorySourceTest = QuietLog;
using E6_stable_file_detection = QuietLog;

TEST_F(DirectorySourceTest, TakesFilesAlreadyThereInNameOrderAndRemovesThemOnComplete) {
  TempDir dir;
  config::DirectorySourceSettings settings = inbox(dir, 0);
  writeFile(dir / "in" / "b.edi", "BBB");
  writeFile(dir / "in" / "a.edi", "AA");
  writeFile(dir / "in" / "c.edi", "C");
  spool::PosixDisk disk;
  DirectorySource source(disk, settings);
  EXPECT_GE(source.waitHandle(), 0);
  EXPECT_EQ(source.name(), "inbox");

  std::vector<ClaimedFile> files = pollOk(source);
  ASSERT_EQ(names(files), (std::vector<std::string>{"a.edi", "b.edi", "c.edi"}));
  EXPECT_EQ(files[0].content, "AA");
  EXPECT_EQ(files[1].content, "BBB");
  EXPECT_EQ(files[2].content, "C");
  EXPECT_EQ(files[0].source, "inbox");

  // Handed out once: not again until completed.
  EXPECT_TRUE(pollOk(source).empty());
  for (const ClaimedFile& file : files) {
    core::Result<std::string> done = source.complete(file);
    ASSERT_TRUE(done.isOk()) << done.status().toString();
    EXPECT_EQ(*done, "removed");
  }
  EXPECT_TRUE(listTree(dir / "in").empty());
  EXPECT_TRUE(pollOk(source).empty());
}

TEST_F(DirectorySourceTest, UncompletedFilesReappearForANewSource) {
  TempDir dir;
  config::DirectorySourceSettings settings = inbox(dir, 0);
  writeFile(dir / "in" / "x.edi", "X");
  spool::PosixDisk disk;
  {
    DirectorySource first(disk, settings);
    EXPECT_EQ(pollOk(first).size(), 1u);
    EXPECT_TRUE(pollOk(first).empty());
  }
  DirectorySource second(disk, settings);
  std::vector<ClaimedFile> again = pollOk(second);
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0].content, "X");
}

TEST_F(DirectorySourceTest, ReleaseHandsTheFileOutAgain) {
  TempDir dir;
  config::DirectorySourceSettings settings = inbox(dir, 0);
  writeFile(dir / "in" / "x.edi", "X");
  spool::PosixDisk disk;
  DirectorySource source(disk, settings);
  std::vector<ClaimedFile> files = pollOk(source);
  ASSERT_EQ(files.size(), 1u);
  source.release(files[0]);
  std::vector<ClaimedFile> again = pollOk(source);
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0].originalName, "x.edi");
  EXPECT_TRUE(std::filesystem::exists(dir / "in" / "x.edi"));
}

TEST_F(DirectorySourceTest, RespectsFileAndByteLimits) {
  TempDir dir;
  config::DirectorySourceSettings settings = inbox(dir, 0);
  for (char c = 'a'; c <= 'e'; ++c) writeFile(dir / "in" / std::string(1, c), std::string(100, c));
  spool::PosixDisk disk;
  DirectorySource source(disk, settings);
  EXPECT_EQ(names(pollOk(source, 2)), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(names(pollOk(source, 10, 150)), (std::vector<std::string>{"c"}));
  // A file larger than maxBytes on its own is still returned.
  EXPECT_EQ(names(pollOk(source, 10, 50)), (std::vector<std::string>{"d"}));
  EXPECT_EQ(names(pollOk(source, 10, 1000)), (std::vector<std::string>{"e"}));
  EXPECT_TRUE(pollOk(source).empty());
}

TEST_F(DirectorySourceTest, LeavesFilesOverTheSizeLimitInPlace) {
  TempDir dir;
  config::DirectorySourceSettings settings = inbox(dir, 0);
  settings.maxFileBytes = 10;
  writeFile(dir / "in" / "big.edi", std::string(11, 'x'));
  writeFile(dir / "in" / "small.edi", std::string(10, 'y'));
  spool::PosixDisk disk;
  DirectorySource source(disk, settings);
  EXPECT_EQ(names(pollOk(source)), (std::vector<std::string>{"small.edi"}));
  EXPECT_TRUE(pollOk(source).empty());
  EXPECT_EQ(readFile(dir / "in" / "big.edi"), std::string(11, 'x'));
}

TEST_F(DirectorySourceTest, ArchivesUnderCollisionFreeNames) {
  TempDir dir;
  config::DirectorySourceSettings settings = inbox(dir, 0);
  settings.archive = dir / "archive";
  spool::PosixDisk disk;
  // A frozen clock makes both archive names share their timestamp.
  DirectorySource source(disk, settings, [] { return int64_t{1714564800123}; });
  std::vector<std::string> outcomes;
  for (const char* content : {"first", "second"}) {
    writeFile(dir / "in" / "same.edi", content);
    std::vector<ClaimedFile> files = pollUntilSome(source, 5000);
    ASSERT_EQ(files.size(), 1u);
    EXPECT_EQ(files[0].content, content);
    core::Result<std::string> done = source.complete(files[0]);
    ASSERT_TRUE(done.isOk()) << done.status().toString();
    outcomes.push_back(*done);
  }
  EXPECT_EQ(outcomes[0], "archived as 20240501T120000.123Z-same.edi");
  EXPECT_EQ(outcomes[1], "archived as 20240501T120000.123Z-1-same.edi");
  EXPECT_EQ(readFile(dir / "archive" / "20240501T120000.123Z-same.edi"), "first");
  EXPECT_EQ(readFile(dir / "archive" / "20240501T120000.123Z-1-same.edi"), "second");
  EXPECT_FALSE(std::filesystem::exists(dir / "in" / "same.edi"));
}

TEST_F(DirectorySourceTest, CompletingAFileThatIsAlreadyGoneSucceeds) {
  TempDir dir;
  config::DirectorySourceSettings settings = inbox(dir, 0);
  writeFile(dir / "in" / "x.edi", "X");
  spool::PosixDisk disk;
  DirectorySource source(disk, settings);
  std::vector<ClaimedFile> files = pollOk(source);
  ASSERT_EQ(files.size(), 1u);
  std::filesystem::remove(dir / "in" / "x.edi");
  core::Result<std::string> done = source.complete(files[0]);
  ASSERT_TRUE(done.isOk());
  EXPECT_EQ(*done, "already gone");

  for (const char* handle : {"../x.edi", "1:2:3/../x.edi", "1:2:3/", "x.edi", "1:2/x.edi"}) {
    ClaimedFile forged = files[0];
    forged.handle = handle;
    EXPECT_FALSE(source.complete(forged).isOk()) << handle;
  }
}

TEST_F(DirectorySourceTest, FileReplacedBeforeCompleteIsLeftForTheNextPoll) {
  TempDir dir;
  config::DirectorySourceSettings settings = inbox(dir, 0);
  writeFile(dir / "in" / "x.edi", "version 1");
  writeFile(dir / "version2", "version 2, longer");
  spool::PosixDisk disk;
  DirectorySource source(disk, settings);
  std::vector<ClaimedFile> files = pollOk(source);
  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(files[0].content, "version 1");

  // The partner uploads the same name again before the spool committed.
  std::filesystem::rename(dir / "version2", dir / "in" / "x.edi");
  core::Result<std::string> done = source.complete(files[0]);
  ASSERT_TRUE(done.isOk()) << done.status().toString();
  EXPECT_EQ(*done, "left in place: replaced after it was read");
  EXPECT_EQ(readFile(dir / "in" / "x.edi"), "version 2, longer");

  std::vector<ClaimedFile> again = pollUntilSome(source, 5000);
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0].content, "version 2, longer");
  done = source.complete(again[0]);
  ASSERT_TRUE(done.isOk());
  EXPECT_EQ(*done, "removed");
}

TEST_F(DirectorySourceTest, MissingDirectoryIsReportedByPoll) {
  TempDir dir;
  config::DirectorySourceSettings settings;
  settings.name = "inbox";
  settings.path = dir / "does-not-exist";
  spool::PosixDisk disk;
  DirectorySource source(disk, settings);
  core::Result<std::vector<ClaimedFile>> files = source.poll(10, 1000);
  ASSERT_FALSE(files.isOk());
  EXPECT_EQ(files.status().code(), core::StatusCode::kNotFound);
}

TEST_F(DirectorySourceTest, NextCheckIsTheRemainingStabilityWait) {
  TempDir dir;
  config::DirectorySourceSettings settings = inbox(dir, 1000);
  writeFile(dir / "in" / "x.edi", "X");
  spool::PosixDisk disk;
  int64_t now = 5000;
  DirectorySource source(disk, settings, [&now] { return now; });
  EXPECT_EQ(source.nextCheck().count(), 0);
  EXPECT_TRUE(pollOk(source).empty());
  EXPECT_EQ(source.nextCheck().count(), 1000);
  now += 600;
  EXPECT_TRUE(pollOk(source).empty());
  EXPECT_EQ(source.nextCheck().count(), 400);
  now += 400;
  EXPECT_EQ(names(pollOk(source)), (std::vector<std::string>{"x.edi"}));
  EXPECT_EQ(source.nextCheck().count(), 0);
}

TEST_F(DirectorySourceTest, FileThatChangesWhileBeingReadIsNotHandedOut) {
  TempDir dir;
  config::DirectorySourceSettings settings = inbox(dir, 0);
  const std::filesystem::path file = dir / "in" / "x.edi";
  writeFile(file, "first part;");
  TestDisk disk;
  bool appended = false;
  disk.beforeRead = [&](const std::string& path) {
    if (appended || path != file.string()) return;
    appended = true;
    std::ofstream(file, std::ios::binary | std::ios::app) << "second part;";
  };
  DirectorySource source(disk, settings);
  EXPECT_TRUE(pollOk(source).empty());
  EXPECT_TRUE(appended);
  std::vector<ClaimedFile> files = pollUntilSome(source, 5000);
  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(files[0].content, "first part;second part;");
}

// A writer that appends one byte every 250 ms for 3 s, with stableForMs
// 2000: the file must not be handed out before the writer is done, and then
// whole, no earlier than stableForMs after the last byte.
TEST_F(E6_stable_file_detection, TricklingWriterIsNeverHandedOutHalf) {
  TempDir dir;
  config::DirectorySourceSettings settings = inbox(dir, 2000);
  const std::filesystem::path file = dir / "in" / "slow.edi";
  constexpr int kBytes = 12;
  std::atomic<bool> writerDone{false};
  std::atomic<int64_t> doneAtMs{0};
  const auto start = Clock::now();
  std::thread writer([&] {
    const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
    if (fd < 0) return;
    for (int i = 0; i < kBytes; ++i) {
      const char byte = static_cast<char>('a' + i);
      if (::write(fd, &byte, 1) != 1) break;
      if (i + 1 < kBytes) std::this_thread::sleep_for(std::chrono::milliseconds(250));
    }
    ::close(fd);
    doneAtMs = msSince(start);
    writerDone = true;
  });

  spool::PosixDisk disk;
  DirectorySource source(disk, settings);
  std::vector<ClaimedFile> taken;
  int pollsWhileWriting = 0;
  while (taken.empty() && msSince(start) < 9000) {
    const bool wasDone = writerDone.load();
    std::vector<ClaimedFile> files = pollOk(source);
    if (!wasDone) {
      ++pollsWhileWriting;
      EXPECT_TRUE(files.empty()) << "a file still being written was handed out: "
                                 << (files.empty() ? "" : files[0].content);
    }
    taken = std::move(files);
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  const int64_t takenAtMs = msSince(start);
  writer.join();
  EXPECT_GT(pollsWhileWriting, 10);
  ASSERT_EQ(taken.size(), 1u);
  EXPECT_EQ(taken[0].content, "abcdefghijkl");
  EXPECT_GE(takenAtMs - doneAtMs.load(), 1900);
}

// A writer that pauses for less than stableForMs is not taken during the pause.
TEST_F(E6_stable_file_detection, PauseShorterThanStableTimeIsNotTaken) {
  TempDir dir;
  config::DirectorySourceSettings settings = inbox(dir, 1500);
  const std::filesystem::path file = dir / "in" / "paused.edi";
  std::atomic<bool> writerDone{false};
  std::thread writer([&] {
    const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
    if (fd < 0) return;
    if (::write(fd, "HEAD;", 5) == 5) {
      std::this_thread::sleep_for(std::chrono::milliseconds(700));
      if (::write(fd, "TAIL;", 5) != 5) {
        ::close(fd);
        return;
      }
    }
    ::close(fd);
    writerDone = true;
  });

  spool::PosixDisk disk;
  DirectorySource source(disk, settings);
  const auto start = Clock::now();
  std::vector<ClaimedFile> taken;
  while (taken.empty() && msSince(start) < 8000) {
    const bool wasDone = writerDone.load();
    std::vector<ClaimedFile> files = pollOk(source);
    if (!wasDone) {
      EXPECT_TRUE(files.empty()) << "taken during the writer's pause";
    }
    taken = std::move(files);
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  writer.join();
  ASSERT_EQ(taken.size(), 1u);
  EXPECT_EQ(taken[0].content, "HEAD;TAIL;");
}

TEST_F(E6_stable_file_detection, DoneFilesGateTheDataFile) {
  TempDir dir;
  // A stability wait far beyond the test shows that done files replace it.
  config::DirectorySourceSettings settings = inbox(dir, 600000);
  settings.doneSuffix = ".done";
  writeFile(dir / "in" / "order.edi", "ISA...");
  writeFile(dir / "in" / "orphan.edi.done", "");
  spool::PosixDisk disk;
  DirectorySource source(disk, settings);

  const auto start = Clock::now();
  while (msSince(start) < 300) {
    EXPECT_TRUE(pollOk(source).empty()) << "taken without its done file";
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_EQ(source.nextCheck().count(), 0);

  writeFile(dir / "in" / "order.edi.done", "");
  std::vector<ClaimedFile> files = pollUntilSome(source, 5000);
  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(files[0].originalName, "order.edi");
  EXPECT_EQ(files[0].content, "ISA...");

  core::Result<std::string> done = source.complete(files[0]);
  ASSERT_TRUE(done.isOk());
  EXPECT_EQ(*done, "removed");
  EXPECT_FALSE(std::filesystem::exists(dir / "in" / "order.edi"));
  EXPECT_FALSE(std::filesystem::exists(dir / "in" / "order.edi.done"));
  // A done file without its data file is neither taken nor removed.
  EXPECT_TRUE(pollOk(source).empty());
  EXPECT_TRUE(std::filesystem::exists(dir / "in" / "orphan.edi.done"));
}

TEST_F(E6_stable_file_detection, TempPatternsAreIgnored) {
  TempDir dir;
  config::DirectorySourceSettings settings = inbox(dir, 0);
  for (const char* name : {"upload.tmp", ".hidden.edi", "big.part", "big.partial", "edit~"}) {
    writeFile(dir / "in" / name, "partial");
  }
  writeFile(dir / "in" / "ready.edi", "whole");
  spool::PosixDisk disk;
  DirectorySource source(disk, settings);
  EXPECT_EQ(names(pollOk(source)), (std::vector<std::string>{"ready.edi"}));
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_TRUE(pollOk(source).empty());

  // The upload finishes by renaming the temp file to its real name.
  std::filesystem::rename(dir / "in" / "upload.tmp", dir / "in" / "upload.edi");
  std::vector<ClaimedFile> files = pollUntilSome(source, 5000);
  EXPECT_EQ(names(files), (std::vector<std::string>{"upload.edi"}));
}

TEST_F(E6_stable_file_detection, FileRenamedIntoTheDirectoryIsTaken) {
  TempDir dir;
  config::DirectorySourceSettings settings = inbox(dir, 200);
  // No periodic rescan within the test: only inotify can report the file.
  settings.rescanEveryMs = 3600 * 1000;
  std::filesystem::create_directories(dir / "staging");
  spool::PosixDisk disk;
  DirectorySource source(disk, settings);
  EXPECT_TRUE(pollOk(source).empty());

  writeFile(dir / "staging" / "moved.edi", "moved in whole");
  std::filesystem::rename(dir / "staging" / "moved.edi", dir / "in" / "moved.edi");
  pollfd fd{source.waitHandle(), POLLIN, 0};
  ASSERT_EQ(::poll(&fd, 1, 5000), 1) << "inotify did not report the rename";

  std::vector<ClaimedFile> files = pollUntilSome(source, 5000);
  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(files[0].originalName, "moved.edi");
  EXPECT_EQ(files[0].content, "moved in whole");
}

}  // namespace
}  // namespace bridge::transports
