// FileControlNumberSource: control numbers kept in a small counter file, one
// line per key ("<partner>/<kind> <last number>").
//
// A number is handed out only after the file that records it is on disk:
// under an exclusive flock on "<path>.lock" (a separate file, because the
// counter file itself is replaced), the file is read, the counter advanced,
// the new contents written to a temporary file, fsynced and renamed over the
// counter file, and the directory fsynced. A crash at any point therefore
// loses at most a number, never reuses one; several processes may share the
// file. Numbers wrap from 999999999 (the largest 9-digit ISA13) back to 1.
//
// Thread-safety: safe across processes and threads (every call takes the
// file lock; threads of one process each open their own descriptor).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "parsers/ack/ack_options.h"

namespace bridge::parsers::ack {

class FileControlNumberSource : public ControlNumberSource {
 public:
  static constexpr uint64_t kMaxNumber = 999999999;

  explicit FileControlNumberSource(std::string path) : path_(std::move(path)) {}

  core::Result<uint64_t> next(std::string_view partner, ControlKind kind) override;

  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// "interchange", "group", "transaction".
std::string_view controlKindName(ControlKind kind);

}  // namespace bridge::parsers::ack
