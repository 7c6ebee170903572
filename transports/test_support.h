// Test helpers for the transports tests: a temporary directory, plain file
// helpers (these play the partner or the consumer, so they use the file
// system directly), and TestDisk, a Disk wrapper around PosixDisk that
// records the paths it is asked to touch and can fail writes with ENOSPC or
// syncs with EIO.
//
// Thread-safety: TestDisk's flags are atomic; its records are for the test
// thread only.
#pragma once

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "spool/disk.h"

namespace bridge::transports::testing {

class TempDir {
 public:
  TempDir() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "edi-transports-XXXXXX").string();
    char* made = ::mkdtemp(pattern.data());
    if (made != nullptr) path_ = made;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

inline void writeFile(const std::filesystem::path& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << content;
}

inline std::string readFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Every entry below `root` (not following links), as paths relative to it.
inline std::vector<std::string> listTree(const std::filesystem::path& root) {
  std::vector<std::string> out;
  std::error_code error;
  for (auto it = std::filesystem::recursive_directory_iterator(root, error);
       it != std::filesystem::recursive_directory_iterator(); it.increment(error)) {
    if (error) break;
    out.push_back(std::filesystem::relative(it->path(), root).string());
  }
  return out;
}

class TestDisk : public spool::Disk {
 public:
  TestDisk() = default;

  // Writes store half of the data, then fail as a full disk would.
  std::atomic<bool> diskFull{false};
  // Syncs of files fail with EIO.
  std::atomic<bool> syncFails{false};
  // Called before each read, with the path of the handle.
  std::function<void(const std::string& path)> beforeRead;

  std::vector<std::string> opened;
  std::vector<std::string> removed;
  std::vector<std::pair<std::string, std::string>> renamed;
  int fileSyncs = 0;

  core::Result<int> open(const std::string& path, spool::OpenMode mode) override {
    opened.push_back(path);
    core::Result<int> handle = inner_.open(path, mode);
    if (handle) paths_[*handle] = path;
    return handle;
  }
  core::Result<size_t> read(int handle, char* buffer, size_t size, uint64_t offset) override {
    if (beforeRead) beforeRead(paths_[handle]);
    return inner_.read(handle, buffer, size, offset);
  }
  core::Status write(int handle, std::string_view data, uint64_t offset) override {
    if (diskFull.load()) {
      core::Status partial = inner_.write(handle, data.substr(0, data.size() / 2), offset);
      if (!partial.isOk()) return partial;
      return core::Status::resourceExhausted("cannot write: No space left on device");
    }
    return inner_.write(handle, data, offset);
  }
  core::Status sync(int handle) override {
    ++fileSyncs;
    if (syncFails.load()) return core::Status::ioError("cannot fsync: Input/output error");
    return inner_.sync(handle);
  }
  core::Status truncate(int handle, uint64_t size) override {
    return inner_.truncate(handle, size);
  }
  core::Result<uint64_t> size(int handle) override { return inner_.size(handle); }
  void close(int handle) override {
    paths_.erase(handle);
    inner_.close(handle);
  }
  core::Status rename(const std::string& from, const std::string& to) override {
    renamed.emplace_back(from, to);
    return inner_.rename(from, to);
  }
  core::Status remove(const std::string& path) override {
    removed.push_back(path);
    return inner_.remove(path);
  }
  core::Status syncDirectory(const std::string& directory) override {
    return inner_.syncDirectory(directory);
  }
  core::Status makeDirectories(const std::string& directory) override {
    return inner_.makeDirectories(directory);
  }
  core::Result<std::vector<std::string>> list(const std::string& directory) override {
    return inner_.list(directory);
  }
  core::Result<spool::FileInfo> stat(const std::string& path) override { return inner_.stat(path); }
  core::Result<uint64_t> freeBytes(const std::string& path) override {
    return inner_.freeBytes(path);
  }

 private:
  spool::PosixDisk inner_;
  std::map<int, std::string> paths_;
};

}  // namespace bridge::transports::testing
