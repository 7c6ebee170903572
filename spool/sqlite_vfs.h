// SqliteVfs: a SQLite VFS that sends the state database's I/O through a Disk
// (disk.h), so that fault injection reaches SQLite's own writes and fsyncs.
//
// It wraps the default unix VFS: every file method is delegated to the real
// unix file, but for the main database, its journal and its WAL, xWrite,
// xSync and xTruncate first ask disk.beforeForeignStep and are not performed
// when it fails (SQLITE_FULL for kResourceExhausted, else the matching
// SQLITE_IOERR_*). A failed xSync is always SQLITE_IOERR_FSYNC, ENOSPC
// included, because what reached the disk is then unknown. A successful
// xSync is reported through disk.afterForeignSync. xDelete asks
// beforeForeignStep(kRemove), and reads ask beforeForeignStep(kRead) so that
// a crashed disk fails them too.
//
// SQLite swallows some errors (a failed fsync during an automatic
// checkpoint). The VFS remembers the first kIoError it saw so that the spool
// never reports success after a failed write or fsync (D8).
//
// Thread-safety: thread-safe; each instance is registered under its own name
// ("edi-spool-<n>") and unregistered when destroyed.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "bridge/core/status.h"
#include "spool/disk.h"

struct sqlite3_vfs;

namespace bridge::spool {

class SqliteVfs {
 public:
  // REQUIRES: disk outlives the VFS.
  static core::Result<std::unique_ptr<SqliteVfs>> create(Disk& disk);
  // REQUIRES: no database connection uses the VFS any more.
  ~SqliteVfs();
  SqliteVfs(const SqliteVfs&) = delete;
  SqliteVfs& operator=(const SqliteVfs&) = delete;

  // The name to pass to sqlite3_open_v2.
  const std::string& name() const { return name_; }
  Disk& disk() const { return disk_; }

  // The first kIoError a hooked step met (reported by the Disk or by the
  // real unix file), if any. It stays set: the spool stops after it.
  std::optional<core::Status> firstIoError() const;
  // The error of the most recent failed step (any code), for messages.
  std::optional<core::Status> lastError() const;
  void clearLastError();

  // Called by the VFS callbacks.
  void noteError(core::Status status);

 private:
  SqliteVfs(Disk& disk, std::string name);

  Disk& disk_;
  std::string name_;
  std::unique_ptr<sqlite3_vfs> vfs_;
  mutable std::mutex mutex_;
  std::optional<core::Status> firstIoError_;
  std::optional<core::Status> lastError_;
};

}  // namespace bridge::spool
