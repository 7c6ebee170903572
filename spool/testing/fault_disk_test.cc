#include "spool/testing/fault_disk.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "spool/testing/temp_dir.h"

namespace bridge::spool {
namespace {

using core::StatusCode;

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// open + write + sync + close, as three steps.
core::Status writeSynced(Disk& disk, const std::string& path, std::string_view data) {
  core::Result<int> handle = disk.open(path, OpenMode::kCreateExclusive);
  if (!handle) return handle.status();
  core::Status s = disk.write(*handle, data, 0);
  if (s.isOk()) s = disk.sync(*handle);
  disk.close(*handle);
  return s;
}

TEST(FaultDisk, CountsMutatingStepsOnly) {
  TempDir dir;
  PosixDisk posix;
  FaultDisk disk(posix);
  ASSERT_TRUE(writeSynced(disk, dir.file("a"), "x").isOk());
  EXPECT_EQ(disk.steps(), 3u);
  ASSERT_TRUE(disk.stat(dir.file("a")).isOk());
  ASSERT_TRUE(disk.list(dir.path()).isOk());
  ASSERT_TRUE(readWholeFile(disk, dir.file("a"), 10).isOk());
  EXPECT_EQ(disk.steps(), 3u);
  ASSERT_TRUE(disk.rename(dir.file("a"), dir.file("b")).isOk());
  ASSERT_TRUE(disk.syncDirectory(dir.path()).isOk());
  ASSERT_TRUE(disk.beforeForeignStep(IoOp::kWrite, dir.file("db")).isOk());
  ASSERT_TRUE(disk.beforeForeignStep(IoOp::kRead, dir.file("db")).isOk());
  EXPECT_EQ(disk.steps(), 6u);
  std::vector<FaultDisk::Step> log = disk.stepLog();
  ASSERT_EQ(log.size(), 6u);
  EXPECT_EQ(log[4].op, IoOp::kSyncDirectory);
  EXPECT_TRUE(log[5].foreign);
}

TEST(FaultDisk, ACrashFailsThatStepAndEverythingAfter) {
  TempDir dir;
  PosixDisk posix;
  FaultDisk disk(posix);
  disk.crashAtStep(2);  // the write
  core::Status s = writeSynced(disk, dir.file("a"), "data");
  EXPECT_EQ(s.code(), StatusCode::kIoError);
  EXPECT_NE(s.message().find("simulated crash"), std::string::npos);
  EXPECT_TRUE(disk.crashed());
  EXPECT_EQ(slurp(dir.file("a")), "");  // the failing write was not performed
  EXPECT_FALSE(disk.stat(dir.file("a")).isOk());
  EXPECT_FALSE(disk.list(dir.path()).isOk());
  EXPECT_FALSE(disk.freeBytes(dir.path()).isOk());
  EXPECT_FALSE(disk.beforeForeignStep(IoOp::kRead, dir.file("db")).isOk());
  disk.reset();
  EXPECT_FALSE(disk.crashed());
  EXPECT_TRUE(disk.stat(dir.file("a")).isOk());
}

TEST(FaultDisk, DiskFullFailsWritesAndReportsNoFreeSpace) {
  TempDir dir;
  PosixDisk posix;
  FaultDisk disk(posix);
  disk.setDiskFull(true);
  EXPECT_EQ(*disk.freeBytes(dir.path()), 0u);
  EXPECT_EQ(writeSynced(disk, dir.file("a"), "x").code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(disk.beforeForeignStep(IoOp::kWrite, dir.file("db")).code(),
            StatusCode::kResourceExhausted);
  disk.setDiskFull(false);
  EXPECT_GT(*disk.freeBytes(dir.path()), 0u);
  EXPECT_TRUE(writeSynced(disk, dir.file("b"), "x").isOk());
}

TEST(FaultDisk, FailsOneChosenStep) {
  TempDir dir;
  PosixDisk posix;
  FaultDisk disk(posix);
  disk.failWriteAtStep(2);
  EXPECT_EQ(writeSynced(disk, dir.file("a"), "x").code(), StatusCode::kResourceExhausted);
  EXPECT_TRUE(writeSynced(disk, dir.file("b"), "x").isOk());  // steps 3-5 pass

  disk.failSyncAtStep(7);  // open c (6), write (7): not a sync, so nothing fails
  EXPECT_TRUE(writeSynced(disk, dir.file("c"), "x").isOk());
  disk.failSyncAtStep(11);  // open d (9), write (10), sync (11)
  core::Status s = writeSynced(disk, dir.file("d"), "x");
  EXPECT_EQ(s.code(), StatusCode::kIoError);
  EXPECT_NE(s.message().find("EIO"), std::string::npos);
  EXPECT_FALSE(disk.crashed());
}

TEST(FaultDisk, PowerLossDropsUnsyncedBytesAndUnsyncedEntries) {
  TempDir dir;
  PosixDisk posix;
  FaultDisk disk(posix);
  ASSERT_TRUE(writeSynced(disk, dir.file("durable"), "synced").isOk());
  ASSERT_TRUE(disk.syncDirectory(dir.path()).isOk());
  // More bytes, not synced.
  core::Result<int> append = disk.open(dir.file("durable"), OpenMode::kAppend);
  ASSERT_TRUE(append.isOk());
  ASSERT_TRUE(disk.write(*append, "+unsynced tail", 0).isOk());
  disk.close(*append);
  // Renamed after the last directory sync.
  ASSERT_TRUE(writeSynced(disk, dir.file(".t.tmp"), "moved").isOk());
  ASSERT_TRUE(disk.syncDirectory(dir.path()).isOk());
  ASSERT_TRUE(disk.rename(dir.file(".t.tmp"), dir.file("t")).isOk());
  // Synced, but its directory entry never was.
  ASSERT_TRUE(writeSynced(disk, dir.file("fresh"), "x").isOk());

  disk.simulatePowerLoss(FaultDisk::PowerLoss::kDropUnsynced);
  EXPECT_EQ(slurp(dir.file("durable")), "synced");
  EXPECT_FALSE(std::filesystem::exists(dir.file("fresh")));
  EXPECT_FALSE(std::filesystem::exists(dir.file("t")));
  EXPECT_EQ(slurp(dir.file(".t.tmp")), "moved");
}

TEST(FaultDisk, PowerLossCanTearTheUnsyncedTail) {
  TempDir dir;
  PosixDisk posix;
  FaultDisk disk(posix);
  ASSERT_TRUE(writeSynced(disk, dir.file("f"), "head").isOk());
  ASSERT_TRUE(disk.syncDirectory(dir.path()).isOk());
  core::Result<int> append = disk.open(dir.file("f"), OpenMode::kAppend);
  ASSERT_TRUE(append.isOk());
  ASSERT_TRUE(disk.write(*append, "0123456789ABCDEF", 0).isOk());
  disk.close(*append);
  disk.simulatePowerLoss(FaultDisk::PowerLoss::kTornTail);
  EXPECT_EQ(slurp(dir.file("f")), "head01234567" + std::string(28, '\0'));
}

TEST(FaultDisk, ForeignFilesGoBackToTheirLastSyncedSnapshot) {
  TempDir dir;
  PosixDisk posix;
  FaultDisk disk(posix);
  std::string db = dir.file("state.db");
  std::ofstream(db) << "v1";
  std::ofstream(db + "-shm") << "index";
  ASSERT_TRUE(disk.beforeForeignStep(IoOp::kWrite, db).isOk());
  std::ofstream(db, std::ios::trunc) << "v2";
  ASSERT_TRUE(disk.beforeForeignStep(IoOp::kSync, db).isOk());
  disk.afterForeignSync(db);
  ASSERT_TRUE(disk.beforeForeignStep(IoOp::kWrite, db).isOk());
  std::ofstream(db, std::ios::trunc) << "v3 not synced";
  disk.simulatePowerLoss(FaultDisk::PowerLoss::kDropUnsynced);
  EXPECT_EQ(slurp(db), "v2");
  EXPECT_FALSE(std::filesystem::exists(db + "-shm"));
}

}  // namespace
}  // namespace bridge::spool
