// FaultDisk: a Disk for tests that wraps a real one and makes it fail the
// way disks and machines do: a crash at step k (that step and every later
// call fail), a full disk, ENOSPC at one step, EIO from one fsync, and a
// power loss that drops or tears everything not yet made durable.
//
// Steps are the mutating calls: open for writing or creating, write, sync,
// truncate, rename, remove, syncDirectory, makeDirectories, and the SQLite
// VFS's beforeForeignStep for write, sync, truncate and remove. Numbering
// starts at 1 and is deterministic for a deterministic workload, so a test
// can run the workload once to count its steps and then crash it at each.
//
// The power-loss model (the idea of leveldb's fault_injection_test): the
// disk remembers, for every file written through it, its content at the
// last successful sync (for SQLite's files, a snapshot taken in
// afterForeignSync), and every directory entry created or renamed since the
// last syncDirectory of its directory. simulatePowerLoss puts every file
// back to that content and undoes those entries.
//
// Thread-safety: thread-safe (one mutex); simulatePowerLoss and reset must
// only be called when nothing uses the disk.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "spool/disk.h"

namespace bridge::spool {

class FaultDisk : public Disk {
 public:
  enum class PowerLoss {
    kDropUnsynced,  // unsynced bytes vanish; files never synced are deleted
    kTornTail,      // the synced content, then the unsynced bytes less their last 8, then 28 NULs
  };

  struct Step {
    uint64_t number = 0;
    IoOp op = IoOp::kWrite;
    std::string path;
    bool foreign = false;  // a SQLite file, through beforeForeignStep
  };

  explicit FaultDisk(Disk& real);

  // Mutating steps so far (attempted ones included).
  uint64_t steps() const;
  // Every step so far, in order, for tests that aim at one kind of file.
  std::vector<Step> stepLog() const;

  // Step k (1-based) and everything after it fail with "simulated crash";
  // the failing step is not performed.
  void crashAtStep(uint64_t k);
  bool crashed() const;
  // While full, every write fails with kResourceExhausted and freeBytes is 0.
  void setDiskFull(bool full);
  // Step k alone fails with kResourceExhausted (ENOSPC), not performed.
  void failWriteAtStep(uint64_t k);
  // If step k is a sync (file, directory or SQLite's), it fails with an EIO
  // kIoError and is not performed.
  void failSyncAtStep(uint64_t k);

  // REQUIRES: every user of the disk (spools, databases) was closed.
  void simulatePowerLoss(PowerLoss mode);
  // Clears the crash and fault settings, the step count and the tracking.
  void reset();

  core::Result<int> open(const std::string& path, OpenMode mode) override;
  core::Result<size_t> read(int handle, char* buffer, size_t size, uint64_t offset) override;
  core::Status write(int handle, std::string_view data, uint64_t offset) override;
  core::Status sync(int handle) override;
  core::Status truncate(int handle, uint64_t size) override;
  core::Result<uint64_t> size(int handle) override;
  void close(int handle) override;
  core::Status rename(const std::string& from, const std::string& to) override;
  core::Status remove(const std::string& path) override;
  core::Status syncDirectory(const std::string& directory) override;
  core::Status makeDirectories(const std::string& directory) override;
  core::Result<std::vector<std::string>> list(const std::string& directory) override;
  core::Result<FileInfo> stat(const std::string& path) override;
  core::Result<uint64_t> freeBytes(const std::string& path) override;
  core::Status beforeForeignStep(IoOp op, const std::string& path) override;
  void afterForeignSync(const std::string& path) override;

 private:
  struct Tracked {
    std::optional<std::string> synced;  // nullopt: never synced, did not exist before
  };
  struct EntryChange {
    std::string directory;  // undone unless this directory is synced
    std::string from;       // empty: `to` was created
    std::string to;
  };

  // Counts a step and applies the faults; ok when it may go ahead.
  core::Status step(IoOp op, const std::string& path, bool foreign);
  core::Status alive(IoOp op, const std::string& path) const;
  void track(std::map<std::string, Tracked>& files, const std::string& path);

  Disk& real_;
  mutable std::mutex mutex_;
  uint64_t steps_ = 0;
  std::vector<Step> log_;
  uint64_t crashAt_ = 0;
  bool crashed_ = false;
  bool diskFull_ = false;
  uint64_t failWriteAt_ = 0;
  uint64_t failSyncAt_ = 0;
  std::map<int, std::string> handles_;
  std::map<std::string, Tracked> files_;
  std::map<std::string, Tracked> foreign_;
  std::vector<EntryChange> entries_;
};

}  // namespace bridge::spool
