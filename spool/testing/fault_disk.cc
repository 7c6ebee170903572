#include "spool/testing/fault_disk.h"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

namespace bridge::spool {

namespace {

using core::Result;
using core::Status;

std::string parentOf(const std::string& path) {
  size_t slash = path.find_last_of('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

// The directory as syncDirectory names it and as parentOf computes it
// ("a/b/" and "a/b" are the same directory).
std::string normalDirectory(const std::string& directory) {
  std::string normal = directory;
  while (normal.size() > 1 && normal.back() == '/') normal.pop_back();
  return normal;
}

std::optional<std::string> readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void writeFile(const std::string& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
}

void removeFile(const std::string& path) {
  std::error_code ignored;
  std::filesystem::remove(path, ignored);
}

// Puts one file back to what survives the power loss.
void restore(const std::string& path, const std::optional<std::string>& synced,
             FaultDisk::PowerLoss mode) {
  std::optional<std::string> current = readFile(path);
  if (!current) return;  // removed since: nothing to restore
  if (mode == FaultDisk::PowerLoss::kDropUnsynced) {
    if (!synced) {
      removeFile(path);
    } else if (*current != *synced) {
      writeFile(path, *synced);
    }
    return;
  }
  std::string base = synced.value_or(std::string());
  if (*current == base) return;
  std::string torn = base;
  if (current->size() > base.size()) {
    std::string tail = current->substr(base.size());
    tail.resize(tail.size() > 8 ? tail.size() - 8 : 0);
    torn.append(tail);
    torn.append(28, '\0');
  }
  writeFile(path, torn);
}

std::string describe(IoOp op, const std::string& path) {
  std::string text(ioOpName(op));
  if (!path.empty()) {
    text.append(" '");
    text.append(path);
    text.append("'");
  }
  return text;
}

}  // namespace

FaultDisk::FaultDisk(Disk& real) : real_(real) {}

uint64_t FaultDisk::steps() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return steps_;
}

std::vector<FaultDisk::Step> FaultDisk::stepLog() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return log_;
}

void FaultDisk::crashAtStep(uint64_t k) {
  std::lock_guard<std::mutex> lock(mutex_);
  crashAt_ = k;
}

bool FaultDisk::crashed() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return crashed_;
}

void FaultDisk::setDiskFull(bool full) {
  std::lock_guard<std::mutex> lock(mutex_);
  diskFull_ = full;
}

void FaultDisk::failWriteAtStep(uint64_t k) {
  std::lock_guard<std::mutex> lock(mutex_);
  failWriteAt_ = k;
}

void FaultDisk::failSyncAtStep(uint64_t k) {
  std::lock_guard<std::mutex> lock(mutex_);
  failSyncAt_ = k;
}

Status FaultDisk::alive(IoOp op, const std::string& path) const {
  if (!crashed_) return Status::ok();
  std::string message = "simulated crash: ";
  message.append(describe(op, path));
  message.append(" after the disk crashed at step ");
  message.append(std::to_string(crashAt_));
  return Status::ioError(std::move(message));
}

Status FaultDisk::step(IoOp op, const std::string& path, bool foreign) {
  if (Status s = alive(op, path); !s.isOk()) return s;
  ++steps_;
  log_.push_back(Step{steps_, op, path, foreign});
  std::string where = " at step ";
  where.append(std::to_string(steps_));
  where.append(" (");
  where.append(describe(op, path));
  where.append(")");
  if (crashAt_ != 0 && steps_ >= crashAt_) {
    crashed_ = true;
    return Status::ioError("simulated crash" + where);
  }
  if (failWriteAt_ == steps_) {
    return Status::resourceExhausted("simulated ENOSPC" + where + ": No space left on device");
  }
  if (failSyncAt_ == steps_ && (op == IoOp::kSync || op == IoOp::kSyncDirectory)) {
    return Status::ioError("simulated fsync failure" + where + ": Input/output error (EIO)");
  }
  if (diskFull_ && op == IoOp::kWrite) {
    return Status::resourceExhausted("simulated full disk" + where + ": No space left on device");
  }
  return Status::ok();
}

void FaultDisk::track(std::map<std::string, Tracked>& files, const std::string& path) {
  if (files.contains(path)) return;
  // A file that existed before it was tracked counts as durable as it was.
  files[path] = Tracked{readFile(path)};
}

Result<int> FaultDisk::open(const std::string& path, OpenMode mode) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (mode == OpenMode::kRead) {
    if (Status s = alive(IoOp::kOpen, path); !s.isOk()) return s;
    return real_.open(path, mode);
  }
  if (Status s = step(IoOp::kOpen, path, false); !s.isOk()) return s;
  bool existed = real_.stat(path).isOk();
  Result<int> handle = real_.open(path, mode);
  if (!handle) return handle;
  handles_[*handle] = path;
  if (!existed) {
    files_[path] = Tracked{std::nullopt};
    entries_.push_back(EntryChange{normalDirectory(parentOf(path)), std::string(), path});
  } else {
    track(files_, path);
  }
  return handle;
}

Result<size_t> FaultDisk::read(int handle, char* buffer, size_t size, uint64_t offset) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (Status s = alive(IoOp::kRead, handles_[handle]); !s.isOk()) return s;
  return real_.read(handle, buffer, size, offset);
}

Status FaultDisk::write(int handle, std::string_view data, uint64_t offset) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (Status s = step(IoOp::kWrite, handles_[handle], false); !s.isOk()) return s;
  return real_.write(handle, data, offset);
}

Status FaultDisk::sync(int handle) {
  std::lock_guard<std::mutex> lock(mutex_);
  const std::string& path = handles_[handle];
  if (Status s = step(IoOp::kSync, path, false); !s.isOk()) return s;
  Status synced = real_.sync(handle);
  if (synced.isOk() && !path.empty()) files_[path].synced = readFile(path);
  return synced;
}

Status FaultDisk::truncate(int handle, uint64_t size) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (Status s = step(IoOp::kTruncate, handles_[handle], false); !s.isOk()) return s;
  return real_.truncate(handle, size);
}

Result<uint64_t> FaultDisk::size(int handle) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (Status s = alive(IoOp::kStat, handles_[handle]); !s.isOk()) return s;
  return real_.size(handle);
}

void FaultDisk::close(int handle) {
  std::lock_guard<std::mutex> lock(mutex_);
  handles_.erase(handle);
  real_.close(handle);
}

Status FaultDisk::rename(const std::string& from, const std::string& to) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (Status s = step(IoOp::kRename, from, false); !s.isOk()) return s;
  if (Status s = real_.rename(from, to); !s.isOk()) return s;
  if (auto found = files_.find(from); found != files_.end()) {
    files_[to] = std::move(found->second);
    files_.erase(from);
  } else {
    files_.erase(to);
  }
  entries_.push_back(EntryChange{normalDirectory(parentOf(to)), from, to});
  return Status::ok();
}

Status FaultDisk::remove(const std::string& path) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (Status s = step(IoOp::kRemove, path, false); !s.isOk()) return s;
  if (Status s = real_.remove(path); !s.isOk()) return s;
  files_.erase(path);
  return Status::ok();
}

Status FaultDisk::syncDirectory(const std::string& directory) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (Status s = step(IoOp::kSyncDirectory, directory, false); !s.isOk()) return s;
  if (Status s = real_.syncDirectory(directory); !s.isOk()) return s;
  std::string synced = normalDirectory(directory);
  std::erase_if(entries_, [&](const EntryChange& change) { return change.directory == synced; });
  return Status::ok();
}

Status FaultDisk::makeDirectories(const std::string& directory) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (Status s = step(IoOp::kMakeDirectory, directory, false); !s.isOk()) return s;
  return real_.makeDirectories(directory);
}

Result<std::vector<std::string>> FaultDisk::list(const std::string& directory) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (Status s = alive(IoOp::kList, directory); !s.isOk()) return s;
  return real_.list(directory);
}

Result<FileInfo> FaultDisk::stat(const std::string& path) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (Status s = alive(IoOp::kStat, path); !s.isOk()) return s;
  return real_.stat(path);
}

Result<uint64_t> FaultDisk::freeBytes(const std::string& path) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (Status s = alive(IoOp::kStat, path); !s.isOk()) return s;
  if (diskFull_) return uint64_t{0};
  return real_.freeBytes(path);
}

Status FaultDisk::beforeForeignStep(IoOp op, const std::string& path) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (op != IoOp::kWrite && op != IoOp::kSync && op != IoOp::kTruncate && op != IoOp::kRemove) {
    return alive(op, path);
  }
  if (Status s = step(op, path, true); !s.isOk()) return s;
  if (op == IoOp::kRemove) {
    foreign_.erase(path);
  } else {
    track(foreign_, path);
  }
  return Status::ok();
}

void FaultDisk::afterForeignSync(const std::string& path) {
  std::lock_guard<std::mutex> lock(mutex_);
  foreign_[path].synced = readFile(path);
}

void FaultDisk::simulatePowerLoss(PowerLoss mode) {
  std::lock_guard<std::mutex> lock(mutex_);
  for (const auto& [path, tracked] : files_) restore(path, tracked.synced, mode);
  // Newest first, so that a file renamed twice goes back to its first name.
  for (auto change = entries_.rbegin(); change != entries_.rend(); ++change) {
    if (change->from.empty()) {
      removeFile(change->to);
    } else if (std::filesystem::exists(change->to)) {
      std::error_code ignored;
      std::filesystem::rename(change->to, change->from, ignored);
    }
  }
  for (const auto& [path, tracked] : foreign_) {
    restore(path, tracked.synced, mode);
    // The shared-memory index is rebuilt from the WAL; after a power loss
    // it would describe frames that are gone.
    std::string database = path;
    for (std::string_view suffix : {"-wal", "-journal"}) {
      if (database.ends_with(suffix)) database.resize(database.size() - suffix.size());
    }
    removeFile(database + "-shm");
  }
  files_.clear();
  foreign_.clear();
  entries_.clear();
}

void FaultDisk::reset() {
  std::lock_guard<std::mutex> lock(mutex_);
  steps_ = 0;
  log_.clear();
  crashAt_ = 0;
  crashed_ = false;
  diskFull_ = false;
  failWriteAt_ = 0;
  failSyncAt_ = 0;
  files_.clear();
  foreign_.clear();
  entries_.clear();
}

}  // namespace bridge::spool
