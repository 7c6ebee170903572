// StabilityTracker: decides when a file in a watched directory has stopped
// changing (RELIABILITY.md E6). A file is stable once its size, mtime and
// inode have been the same in every observation for at least stableForMs
// since the first observation with those values; any change restarts the
// wait, so a writer that keeps appending (even one byte a second) keeps the
// file from ever being taken while it writes.
//
// Thread-safety: not thread-safe; owned by one DirectorySource.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace bridge::transports {

struct FileSignature {
  uint64_t size = 0;
  int64_t mtimeNs = 0;
  uint64_t inode = 0;
  bool operator==(const FileSignature&) const = default;
};

class StabilityTracker {
 public:
  explicit StabilityTracker(int64_t stableForMs) : stableForMs_(stableForMs) {}

  // Records what a stat of `name` saw at `nowMs`; true when the file has
  // been stable long enough.
  bool observe(const std::string& name, const FileSignature& signature, int64_t nowMs);
  void forget(const std::string& name) { seen_.erase(name); }
  bool tracking(const std::string& name) const { return seen_.count(name) != 0; }

  // Milliseconds until the first tracked file may be stable (0 when one is
  // due now); nullopt when nothing is tracked.
  std::optional<int64_t> msUntilNextReady(int64_t nowMs) const;

  std::vector<std::string> names() const;

 private:
  struct Seen {
    FileSignature signature;
    int64_t sinceMs = 0;
  };

  int64_t stableForMs_;
  std::map<std::string, Seen> seen_;
};

}  // namespace bridge::transports
