// TempDir: a fresh directory under ::testing::TempDir() for one test,
// removed with everything in it when the test ends.
//
// Fault-injection tests that run a workload hundreds of times ask for
// kMemory: /dev/shm when it is a writable directory, where fsync costs
// nothing. Their durability comes from FaultDisk's model, not from the disk.
//
// Thread-safety: one owner.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <string>

namespace bridge::spool {

class TempDir {
 public:
  enum class Backing { kDefault, kMemory };

  explicit TempDir(Backing backing = Backing::kDefault) {
    std::string pattern = ::testing::TempDir();
    std::error_code error;
    if (backing == Backing::kMemory && std::filesystem::is_directory("/dev/shm", error) &&
        ::access("/dev/shm", W_OK) == 0) {
      pattern = "/dev/shm/";
    }
    if (pattern.empty() || pattern.back() != '/') pattern.push_back('/');
    pattern.append("edi-spool-XXXXXX");
    char* made = ::mkdtemp(pattern.data());
    if (made == nullptr) ADD_FAILURE() << "mkdtemp failed for " << pattern;
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  std::string file(std::string_view name) const {
    std::string joined = path_;
    joined.push_back('/');
    joined.append(name);
    return joined;
  }

 private:
  std::string path_;
};

}  // namespace bridge::spool
