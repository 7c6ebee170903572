// Source: where inbound files come from (a directory today; SFTP later).
//
// A source hands out complete files (poll) and is told, once per file, that
// the spool has committed it (complete): only then does it remove or archive
// the original (D5). A file that is not complete yet (still growing, no done
// file, a temp name) is never handed out (E6).
//
// Thread-safety: not thread-safe; used by the daemon's loop thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "bridge/core/status.h"

namespace bridge::transports {

struct ClaimedFile {
  std::string source;        // the configured source name
  std::string originalName;  // the name as found (display only; never used as a path)
  std::string content;
  // Private to the source: how to find the file again in complete().
  std::string handle;
};

class Source {
 public:
  virtual ~Source() = default;
  virtual const std::string& name() const = 0;

  // A file descriptor that becomes readable when something changed (inotify),
  // or -1. The daemon waits on it between polls.
  virtual int waitHandle() const = 0;

  // Files complete now, up to `maxFiles` and about `maxBytes` in total (at
  // least one file is returned if any is ready). Files too large for the
  // configured limit are reported in the log once and left in place.
  // A non-ok status is an I/O failure reading the directory or a file.
  virtual core::Result<std::vector<ClaimedFile>> poll(size_t maxFiles, uint64_t maxBytes) = 0;

  // How long until a file seen but not yet stable might be ready; the
  // daemon's next poll is no later than this. Zero when nothing is pending.
  virtual std::chrono::milliseconds nextCheck() const = 0;

  // The file is durably in the spool: remove it (or move it to the archive).
  // Returns what was done ("removed", "archived as NAME").
  virtual core::Result<std::string> complete(const ClaimedFile& file) = 0;

  // The file could not be stored now (a full disk): forget the claim so that
  // a later poll hands it out again. The file is not touched.
  virtual void release(const ClaimedFile& file) = 0;
};

}  // namespace bridge::transports
