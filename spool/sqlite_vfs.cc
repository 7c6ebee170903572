#include "spool/sqlite_vfs.h"

#include <sqlite3.h>

#include <atomic>
#include <new>

namespace bridge::spool {

namespace {

using core::Status;

struct VfsContext {
  SqliteVfs* owner;
  sqlite3_vfs* real;
};

// The wrapper object SQLite allocates (szOsFile bytes): our fields first,
// then the real unix file at a fixed, aligned offset.
struct WrappedFile {
  sqlite3_file base;
  VfsContext* context;
  bool hooked;  // the main database, its journal or its WAL
  std::string path;
};

constexpr size_t kRealOffset = (sizeof(WrappedFile) + 15) & ~size_t{15};

sqlite3_file* realFile(sqlite3_file* file) {
  return reinterpret_cast<sqlite3_file*>(reinterpret_cast<char*>(file) + kRealOffset);
}

WrappedFile* wrapped(sqlite3_file* file) { return reinterpret_cast<WrappedFile*>(file); }

VfsContext* contextOf(sqlite3_vfs* vfs) { return static_cast<VfsContext*>(vfs->pAppData); }

// Asks the Disk about a step; 0 when it may go ahead, else the SQLite code.
int askDisk(VfsContext* context, IoOp op, const std::string& path, int ioErrorCode) {
  Status status = context->owner->disk().beforeForeignStep(op, path);
  if (status.isOk()) return SQLITE_OK;
  bool full = status.code() == core::StatusCode::kResourceExhausted;
  context->owner->noteError(std::move(status));
  return full ? SQLITE_FULL : ioErrorCode;
}

// A failure of the real unix file on a hooked step is remembered as well.
int noteRealFailure(VfsContext* context, int rc, std::string_view what, const std::string& path) {
  if (rc == SQLITE_OK) return rc;
  std::string message = "SQLite ";
  message.append(what);
  message.append(" of '");
  message.append(path);
  message.append("' failed: ");
  message.append(sqlite3_errstr(rc));
  if ((rc & 0xff) == SQLITE_FULL) {
    context->owner->noteError(Status::resourceExhausted(std::move(message)));
  } else {
    context->owner->noteError(Status::ioError(std::move(message)));
  }
  return rc;
}

int fileClose(sqlite3_file* file) {
  sqlite3_file* real = realFile(file);
  int rc = real->pMethods != nullptr ? real->pMethods->xClose(real) : SQLITE_OK;
  wrapped(file)->~WrappedFile();
  return rc;
}

int fileRead(sqlite3_file* file, void* buffer, int amount, sqlite3_int64 offset) {
  WrappedFile* self = wrapped(file);
  if (self->hooked) {
    if (int rc = askDisk(self->context, IoOp::kRead, self->path, SQLITE_IOERR_READ)) return rc;
  }
  sqlite3_file* real = realFile(file);
  return real->pMethods->xRead(real, buffer, amount, offset);
}

int fileWrite(sqlite3_file* file, const void* buffer, int amount, sqlite3_int64 offset) {
  WrappedFile* self = wrapped(file);
  sqlite3_file* real = realFile(file);
  if (!self->hooked) return real->pMethods->xWrite(real, buffer, amount, offset);
  if (int rc = askDisk(self->context, IoOp::kWrite, self->path, SQLITE_IOERR_WRITE)) return rc;
  return noteRealFailure(self->context, real->pMethods->xWrite(real, buffer, amount, offset),
                         "write", self->path);
}

int fileTruncate(sqlite3_file* file, sqlite3_int64 size) {
  WrappedFile* self = wrapped(file);
  sqlite3_file* real = realFile(file);
  if (!self->hooked) return real->pMethods->xTruncate(real, size);
  if (int rc = askDisk(self->context, IoOp::kTruncate, self->path, SQLITE_IOERR_TRUNCATE)) {
    return rc;
  }
  return noteRealFailure(self->context, real->pMethods->xTruncate(real, size), "truncate",
                         self->path);
}

int fileSync(sqlite3_file* file, int flags) {
  WrappedFile* self = wrapped(file);
  sqlite3_file* real = realFile(file);
  if (!self->hooked) return real->pMethods->xSync(real, flags);
  // A failed fsync leaves unknown what reached the disk, so even ENOSPC is
  // an I/O error here: SQLite must not treat the commit as cleanly refused,
  // and the spool stops (D8).
  Status status = self->context->owner->disk().beforeForeignStep(IoOp::kSync, self->path);
  if (status.isOk()) {
    int rc = real->pMethods->xSync(real, flags);
    if (rc == SQLITE_OK) {
      self->context->owner->disk().afterForeignSync(self->path);
      return SQLITE_OK;
    }
    std::string message = "SQLite fsync of '";
    message.append(self->path);
    message.append("' failed: ");
    message.append(sqlite3_errstr(rc));
    status = Status::ioError(std::move(message));
  } else if (status.code() != core::StatusCode::kIoError) {
    status = Status::ioError(status.message());
  }
  self->context->owner->noteError(std::move(status));
  return SQLITE_IOERR_FSYNC;
}

int fileSize(sqlite3_file* file, sqlite3_int64* size) {
  sqlite3_file* real = realFile(file);
  return real->pMethods->xFileSize(real, size);
}

int fileLock(sqlite3_file* file, int level) {
  sqlite3_file* real = realFile(file);
  return real->pMethods->xLock(real, level);
}

int fileUnlock(sqlite3_file* file, int level) {
  sqlite3_file* real = realFile(file);
  return real->pMethods->xUnlock(real, level);
}

int fileCheckReservedLock(sqlite3_file* file, int* result) {
  sqlite3_file* real = realFile(file);
  return real->pMethods->xCheckReservedLock(real, result);
}

int fileControl(sqlite3_file* file, int op, void* arg) {
  sqlite3_file* real = realFile(file);
  return real->pMethods->xFileControl(real, op, arg);
}

int fileSectorSize(sqlite3_file* file) {
  sqlite3_file* real = realFile(file);
  return real->pMethods->xSectorSize(real);
}

int fileDeviceCharacteristics(sqlite3_file* file) {
  sqlite3_file* real = realFile(file);
  return real->pMethods->xDeviceCharacteristics(real);
}

int fileShmMap(sqlite3_file* file, int region, int size, int extend, void volatile** memory) {
  sqlite3_file* real = realFile(file);
  return real->pMethods->xShmMap(real, region, size, extend, memory);
}

int fileShmLock(sqlite3_file* file, int offset, int count, int flags) {
  sqlite3_file* real = realFile(file);
  return real->pMethods->xShmLock(real, offset, count, flags);
}

void fileShmBarrier(sqlite3_file* file) {
  sqlite3_file* real = realFile(file);
  real->pMethods->xShmBarrier(real);
}

int fileShmUnmap(sqlite3_file* file, int deleteFlag) {
  sqlite3_file* real = realFile(file);
  return real->pMethods->xShmUnmap(real, deleteFlag);
}

// Version 2: shared memory for WAL, but no xFetch, so SQLite never reads
// the database through a memory map that would bypass the hooks.
const sqlite3_io_methods kIoMethods = {
    2,
    fileClose,
    fileRead,
    fileWrite,
    fileTruncate,
    fileSync,
    fileSize,
    fileLock,
    fileUnlock,
    fileCheckReservedLock,
    fileControl,
    fileSectorSize,
    fileDeviceCharacteristics,
    fileShmMap,
    fileShmLock,
    fileShmBarrier,
    fileShmUnmap,
    nullptr,
    nullptr,
};

int vfsOpen(sqlite3_vfs* vfs, const char* name, sqlite3_file* file, int flags, int* outFlags) {
  VfsContext* context = contextOf(vfs);
  constexpr int kHookedKinds =
      SQLITE_OPEN_MAIN_DB | SQLITE_OPEN_MAIN_JOURNAL | SQLITE_OPEN_WAL | SQLITE_OPEN_SUPER_JOURNAL;
  bool hooked = name != nullptr && (flags & kHookedKinds) != 0;
  file->pMethods = nullptr;
  if (hooked) {
    if (askDisk(context, IoOp::kOpen, name, SQLITE_CANTOPEN) != SQLITE_OK) return SQLITE_CANTOPEN;
  }
  auto* self = new (file) WrappedFile{};
  self->base.pMethods = nullptr;
  self->context = context;
  self->hooked = hooked;
  if (name != nullptr) self->path = name;
  sqlite3_file* real = realFile(file);
  real->pMethods = nullptr;
  int rc = context->real->xOpen(context->real, name, real, flags, outFlags);
  if (rc != SQLITE_OK) {
    if (real->pMethods != nullptr) real->pMethods->xClose(real);
    self->~WrappedFile();
    file->pMethods = nullptr;
    return rc;
  }
  self->base.pMethods = &kIoMethods;
  return SQLITE_OK;
}

int vfsDelete(sqlite3_vfs* vfs, const char* name, int syncDirectory) {
  VfsContext* context = contextOf(vfs);
  std::string path = name;
  if (int rc = askDisk(context, IoOp::kRemove, path, SQLITE_IOERR_DELETE)) return rc;
  return context->real->xDelete(context->real, name, syncDirectory);
}

int vfsAccess(sqlite3_vfs* vfs, const char* name, int flags, int* result) {
  sqlite3_vfs* real = contextOf(vfs)->real;
  return real->xAccess(real, name, flags, result);
}

int vfsFullPathname(sqlite3_vfs* vfs, const char* name, int size, char* out) {
  sqlite3_vfs* real = contextOf(vfs)->real;
  return real->xFullPathname(real, name, size, out);
}

void* vfsDlOpen(sqlite3_vfs* vfs, const char* name) {
  sqlite3_vfs* real = contextOf(vfs)->real;
  return real->xDlOpen(real, name);
}

void vfsDlError(sqlite3_vfs* vfs, int size, char* message) {
  sqlite3_vfs* real = contextOf(vfs)->real;
  real->xDlError(real, size, message);
}

void (*vfsDlSym(sqlite3_vfs* vfs, void* handle, const char* symbol))(void) {
  sqlite3_vfs* real = contextOf(vfs)->real;
  return real->xDlSym(real, handle, symbol);
}

void vfsDlClose(sqlite3_vfs* vfs, void* handle) {
  sqlite3_vfs* real = contextOf(vfs)->real;
  real->xDlClose(real, handle);
}

int vfsRandomness(sqlite3_vfs* vfs, int size, char* out) {
  sqlite3_vfs* real = contextOf(vfs)->real;
  return real->xRandomness(real, size, out);
}

int vfsSleep(sqlite3_vfs* vfs, int microseconds) {
  sqlite3_vfs* real = contextOf(vfs)->real;
  return real->xSleep(real, microseconds);
}

int vfsCurrentTime(sqlite3_vfs* vfs, double* now) {
  sqlite3_vfs* real = contextOf(vfs)->real;
  return real->xCurrentTime(real, now);
}

int vfsGetLastError(sqlite3_vfs* vfs, int size, char* message) {
  sqlite3_vfs* real = contextOf(vfs)->real;
  return real->xGetLastError(real, size, message);
}

int vfsCurrentTimeInt64(sqlite3_vfs* vfs, sqlite3_int64* now) {
  sqlite3_vfs* real = contextOf(vfs)->real;
  return real->xCurrentTimeInt64(real, now);
}

std::atomic<uint64_t> nextVfsNumber{1};

}  // namespace

core::Result<std::unique_ptr<SqliteVfs>> SqliteVfs::create(Disk& disk) {
  if (int rc = sqlite3_initialize(); rc != SQLITE_OK) {
    std::string message = "cannot initialise SQLite: ";
    message.append(sqlite3_errstr(rc));
    return Status::internal(std::move(message));
  }
  sqlite3_vfs* real = sqlite3_vfs_find(nullptr);
  if (real == nullptr || real->iVersion < 2) {
    return Status::internal("SQLite has no default VFS with version 2 or later to wrap");
  }
  std::string name = "edi-spool-";
  name.append(std::to_string(nextVfsNumber.fetch_add(1)));
  std::unique_ptr<SqliteVfs> self(new SqliteVfs(disk, std::move(name)));
  auto* context = new VfsContext{self.get(), real};
  self->vfs_ = std::make_unique<sqlite3_vfs>();
  sqlite3_vfs& vfs = *self->vfs_;
  vfs.iVersion = 2;
  vfs.szOsFile = static_cast<int>(kRealOffset) + real->szOsFile;
  vfs.mxPathname = real->mxPathname;
  vfs.pNext = nullptr;
  vfs.zName = self->name_.c_str();
  vfs.pAppData = context;
  vfs.xOpen = vfsOpen;
  vfs.xDelete = vfsDelete;
  vfs.xAccess = vfsAccess;
  vfs.xFullPathname = vfsFullPathname;
  vfs.xDlOpen = vfsDlOpen;
  vfs.xDlError = vfsDlError;
  vfs.xDlSym = vfsDlSym;
  vfs.xDlClose = vfsDlClose;
  vfs.xRandomness = vfsRandomness;
  vfs.xSleep = vfsSleep;
  vfs.xCurrentTime = vfsCurrentTime;
  vfs.xGetLastError = vfsGetLastError;
  vfs.xCurrentTimeInt64 = vfsCurrentTimeInt64;
  if (int rc = sqlite3_vfs_register(&vfs, 0); rc != SQLITE_OK) {
    delete context;
    vfs.pAppData = nullptr;
    std::string message = "cannot register the spool's SQLite VFS: ";
    message.append(sqlite3_errstr(rc));
    return Status::internal(std::move(message));
  }
  return self;
}

SqliteVfs::SqliteVfs(Disk& disk, std::string name) : disk_(disk), name_(std::move(name)) {}

SqliteVfs::~SqliteVfs() {
  if (vfs_ == nullptr) return;
  if (vfs_->pAppData != nullptr) {
    sqlite3_vfs_unregister(vfs_.get());
    delete static_cast<VfsContext*>(vfs_->pAppData);
  }
}

std::optional<Status> SqliteVfs::firstIoError() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return firstIoError_;
}

std::optional<Status> SqliteVfs::lastError() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return lastError_;
}

void SqliteVfs::clearLastError() {
  std::lock_guard<std::mutex> lock(mutex_);
  lastError_.reset();
}

void SqliteVfs::noteError(Status status) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (status.code() == core::StatusCode::kIoError && !firstIoError_) firstIoError_ = status;
  lastError_ = std::move(status);
}

}  // namespace bridge::spool
