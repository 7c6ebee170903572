// Disk: the one narrow interface through which every durable byte of the
// bridge passes: spool payloads, the SQLite state database (through the
// spool's SQLite VFS, sqlite_vfs.h), claimed source files, outbound folder
// files and the event log.
//
// Keeping every step behind this interface is what lets the tests crash the
// bridge at step k, fill the disk, fail an fsync or drop unsynced writes
// (spool/testing/fault_disk.h) and then prove that recovery loses and
// duplicates nothing (docs/spool-format.md, RELIABILITY.md D2/D4/D7/D8).
//
// Error contract: every call returns a Status. ENOSPC and EDQUOT become
// kResourceExhausted (the caller leaves the item where it was and retries
// later, D7). Any other failure of write, sync, rename or syncDirectory is
// kIoError and must never be retried as if nothing happened: the spool
// stops and the process exits non-zero (D8).
//
// Thread-safety: implementations are thread-safe; a file handle is used by
// one thread at a time.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "bridge/core/status.h"

namespace bridge::spool {

// Every kind of step, as fault injection counts them.
enum class IoOp {
  kOpen,
  kRead,
  kWrite,
  kSync,
  kTruncate,
  kClose,
  kRename,
  kRemove,
  kSyncDirectory,
  kMakeDirectory,
  kList,
  kStat,
};

std::string_view ioOpName(IoOp op);

enum class OpenMode {
  kRead,             // existing file, read only
  kCreateExclusive,  // a new file (fails if it exists), write only, 0640
  kAppend,           // create if missing, write at the end, 0640
  kReadWrite,        // create if missing, read and write, 0640
};

struct FileInfo {
  uint64_t size = 0;
  int64_t mtimeNs = 0;  // modification time, nanoseconds since the epoch
  bool regular = false;
  bool directory = false;
  bool symlink = false;  // the path itself is a symbolic link (lstat)
  uint64_t inode = 0;
  uint64_t device = 0;
};

class Disk {
 public:
  virtual ~Disk() = default;

  // Handles are small integers owned by the Disk; close() releases them.
  virtual core::Result<int> open(const std::string& path, OpenMode mode) = 0;
  // Reads up to `size` bytes at `offset`; returns how many (0 at the end).
  virtual core::Result<size_t> read(int handle, char* buffer, size_t size, uint64_t offset) = 0;
  // Writes all of `data` at `offset`, or fails. Handles opened kAppend ignore
  // `offset` and write at the end.
  virtual core::Status write(int handle, std::string_view data, uint64_t offset) = 0;
  virtual core::Status sync(int handle) = 0;
  virtual core::Status truncate(int handle, uint64_t size) = 0;
  virtual core::Result<uint64_t> size(int handle) = 0;
  virtual void close(int handle) = 0;

  virtual core::Status rename(const std::string& from, const std::string& to) = 0;
  virtual core::Status remove(const std::string& path) = 0;
  virtual core::Status syncDirectory(const std::string& directory) = 0;
  // mkdir -p, 0750 for new directories; existing ones are fine.
  virtual core::Status makeDirectories(const std::string& directory) = 0;
  // Names (not paths) of the entries of `directory`, "." and ".." excluded.
  virtual core::Result<std::vector<std::string>> list(const std::string& directory) = 0;
  // lstat: a symbolic link is reported as such, never followed.
  virtual core::Result<FileInfo> stat(const std::string& path) = 0;
  // Bytes available to this process on the file system holding `path`.
  virtual core::Result<uint64_t> freeBytes(const std::string& path) = 0;

  // SQLite does its own reads and writes through its unix VFS. The spool's
  // VFS (sqlite_vfs.h) calls beforeForeignStep before each write, sync and
  // truncate it passes on, and afterForeignSync after a successful sync, so
  // that faults are injected at the same points as for the spool's own files.
  virtual core::Status beforeForeignStep(IoOp op, const std::string& path) {
    (void)op;
    (void)path;
    return core::Status::ok();
  }
  virtual void afterForeignSync(const std::string& path) { (void)path; }
};

// The real file system (POSIX calls, O_CLOEXEC, EINTR retried).
class PosixDisk : public Disk {
 public:
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
};

// Helpers built on the interface, shared by the spool and the sinks.

// Reads a whole file of at most `maxBytes` (kResourceExhausted beyond).
core::Result<std::string> readWholeFile(Disk& disk, const std::string& path, uint64_t maxBytes);

// The durable-publish sequence (D1, E7): write `data` to a new temp file
// named `tempPath`, fsync it, rename it to `finalPath`, fsync the directory
// of `finalPath`. On failure the temp file is removed (best effort) and
// `finalPath` is untouched.
// REQUIRES: tempPath and finalPath are in the same directory.
core::Status publishFile(Disk& disk, const std::string& tempPath, const std::string& finalPath,
                         std::string_view data);

}  // namespace bridge::spool
