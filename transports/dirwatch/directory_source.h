// DirectorySource: the inbound drop folder. Partners (or an SFTP server's
// chroot) put files into one directory; the source hands out each file once
// it is complete, and removes or archives it only after the spool has
// committed it (complete(), D5).
//
// Change detection: inotify on the directory (waitHandle() becomes readable;
// events are drained in poll()), plus a full rescan at startup (files
// already there are taken), every rescanEveryMs (network file systems do not
// deliver inotify events) and after an inotify queue overflow.
//
// Completeness (E6): names matching an ignore glob and the done files are
// never taken. With doneSuffix set, X is taken once "X<doneSuffix>" exists
// (and the done file is removed with X); otherwise X is taken once its size,
// mtime and inode have not changed for stableForMs (StabilityTracker). In
// both modes the file is stat'ed again after reading: if it changed while
// being read it is not handed out but watched again. Files larger than
// maxFileBytes are logged once and left in place.
//
// Claims: a file handed out is not handed out again by this object until
// complete() or release(). After a restart files that were handed out but
// not completed are simply found again; the spool recognises them (E1).
// The handle records the file's inode, size and mtime as read: complete()
// leaves a file that was replaced since ("left in place: ...") so that the
// new upload is taken as a file of its own instead of being removed unread.
//
// SECURITY (S6): names read from the directory are never trusted. A name is
// used only as one path component under the configured directory, and only
// when isSafeFileName() holds; other names are logged (escaped) once and
// left alone. Each candidate is lstat'ed: symbolic links (to files, to
// directories, dangling), directories, FIFOs, sockets and devices are
// never opened, and the resolved path of a file must lie directly in the
// resolved watched directory. After reading, the file is lstat'ed again and
// its inode compared, so a name swapped for a link while being read is not
// handed out. Nothing is created, read, renamed or removed outside the
// watched directory and the archive directory. Residual risk: the Disk seam
// opens by path, so a link swapped in between the checks and the open could
// be read (never handed out); a hard link to a file elsewhere on the same
// file system is indistinguishable from a regular file (fs.protected_hardlinks
// keeps partners from linking files they do not own).
//
// Thread-safety: not thread-safe; used by the daemon's loop thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "bridge/config/bridge_config.h"
#include "spool/disk.h"
#include "transports/dirwatch/name_filter.h"
#include "transports/dirwatch/stability_tracker.h"
#include "transports/source.h"

namespace bridge::transports {

class DirectorySource : public Source {
 public:
  // `clockMs`: milliseconds since the epoch (stability waits, rescans,
  // archive names); the system clock when empty. Does no file I/O; a missing
  // directory is reported by poll(). REQUIRES: disk outlives the source.
  DirectorySource(spool::Disk& disk, config::DirectorySourceSettings settings,
                  std::function<int64_t()> clockMs = {});
  ~DirectorySource() override;
  DirectorySource(const DirectorySource&) = delete;
  DirectorySource& operator=(const DirectorySource&) = delete;

  const std::string& name() const override { return settings_.name; }
  int waitHandle() const override { return inotifyFd_; }
  core::Result<std::vector<ClaimedFile>> poll(size_t maxFiles, uint64_t maxBytes) override;
  // The wait for files seen but not yet stable. Not the periodic rescan
  // (the daemon polls at least that often on its own), and not files left
  // over by the limits of the last poll (that poll returned files, so the
  // daemon polls again at once).
  std::chrono::milliseconds nextCheck() const override;
  core::Result<std::string> complete(const ClaimedFile& file) override;

  // The spool could not take `file`: forget the claim without touching the
  // file, so a later poll may hand it out again.
  void release(const ClaimedFile& file) override;

 private:
  struct Candidate {
    std::string name;
    spool::FileInfo info;
  };

  void ensureWatch();
  // Reads pending inotify events into dirty_.
  void drainEvents();
  core::Status rescan(int64_t nowMs);
  // The file is ready to be read now.
  std::optional<Candidate> examine(const std::string& name, int64_t nowMs);
  // Reads a ready file; nullopt when it must not be handed out now.
  std::optional<std::string> readCandidate(const Candidate& candidate, int64_t nowMs);
  bool insideRoot(const std::string& path) const;
  std::string pathOf(const std::string& name) const;
  void warnOnce(const std::string& name, std::string_view event, std::string reason);
  core::Result<std::string> archive(const std::string& name);
  core::Status removeDoneFile(const std::string& name);

  spool::Disk& disk_;
  config::DirectorySourceSettings settings_;
  std::function<int64_t()> clockMs_;
  std::string root_;
  std::string rootReal_;  // realpath of root_, refreshed at each rescan
  NameFilter filter_;
  StabilityTracker tracker_;
  int inotifyFd_ = -1;
  int watch_ = -1;
  bool watchWarned_ = false;
  bool rescanDue_ = true;
  int64_t nextRescanMs_ = 0;
  std::set<std::string> dirty_;    // names to look at on the next poll
  std::set<std::string> claimed_;  // handed out, not completed
  std::set<std::string> warned_;   // refused names already logged
};

}  // namespace bridge::transports
