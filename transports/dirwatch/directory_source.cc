#include "transports/dirwatch/directory_source.h"

#include <sys/inotify.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <utility>

#include "bridge/core/clock.h"
#include "bridge/core/log.h"
#include "transports/safe_names.h"

namespace bridge::transports {
namespace {

// No IN_MODIFY: a writer appending byte by byte would wake the daemon for
// every write; files waiting to become stable are re-checked on nextCheck().
// IN_Q_OVERFLOW needs no bit: the kernel always reports it.
constexpr uint32_t kWatchMask = IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_ATTRIB | IN_DELETE |
                                IN_MOVED_FROM | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR;

std::string realPath(const std::string& path) {
  char* resolved = ::realpath(path.c_str(), nullptr);
  if (resolved == nullptr) return {};
  std::string out(resolved);
  std::free(resolved);
  return out;
}

FileSignature signatureOf(const spool::FileInfo& info) {
  return FileSignature{info.size, info.mtimeNs, info.inode};
}

// A handle names the file and the identity it had when it was read:
// "<inode>:<size>:<mtimeNs>/<name>" ('/' never occurs in a name).
std::string makeHandle(const std::string& name, const FileSignature& signature) {
  std::string handle = std::to_string(signature.inode);
  handle += ':';
  handle.append(std::to_string(signature.size));
  handle += ':';
  handle.append(std::to_string(signature.mtimeNs));
  handle += '/';
  handle.append(name);
  return handle;
}

bool parseHandle(const std::string& handle, std::string& name, FileSignature& signature) {
  const size_t slash = handle.find('/');
  if (slash == std::string::npos) return false;
  name = handle.substr(slash + 1);
  unsigned long long inode = 0;
  unsigned long long size = 0;
  long long mtimeNs = 0;
  char end = 0;
  const std::string identity = handle.substr(0, slash);
  if (std::sscanf(identity.c_str(), "%llu:%llu:%lld%c", &inode, &size, &mtimeNs, &end) != 3) {
    return false;
  }
  signature = FileSignature{size, mtimeNs, inode};
  return true;
}

std::string withoutTrailingSlashes(std::string path) {
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  return path;
}

}  // namespace

DirectorySource::DirectorySource(spool::Disk& disk, config::DirectorySourceSettings settings,
                                 std::function<int64_t()> clockMs)
    : disk_(disk),
      settings_(std::move(settings)),
      clockMs_(clockMs ? std::move(clockMs) : std::function<int64_t()>(core::systemClockMs)),
      root_(withoutTrailingSlashes(settings_.path.string())),
      filter_(settings_.ignore, settings_.doneSuffix),
      tracker_(settings_.stableForMs) {
  inotifyFd_ = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (inotifyFd_ < 0) {
    core::log(core::LogLevel::kWarning, "source-inotify-unavailable",
              {{"source", settings_.name},
               {"reason", std::strerror(errno)},
               {"fallback", "rescan every " + std::to_string(settings_.rescanEveryMs) + "ms"}});
  }
  // Watch before the first scan, so a file arriving in between is not missed.
  ensureWatch();
}

DirectorySource::~DirectorySource() {
  if (inotifyFd_ >= 0) ::close(inotifyFd_);
}

std::string DirectorySource::pathOf(const std::string& name) const {
  std::string path = root_;
  path += '/';
  path.append(name);
  return path;
}

void DirectorySource::ensureWatch() {
  if (inotifyFd_ < 0 || watch_ >= 0) return;
  watch_ = ::inotify_add_watch(inotifyFd_, root_.c_str(), kWatchMask);
  if (watch_ < 0) {
    if (!watchWarned_) {
      core::log(core::LogLevel::kWarning, "source-watch-failed",
                {{"source", settings_.name}, {"path", root_}, {"reason", std::strerror(errno)}});
      watchWarned_ = true;
    }
    return;
  }
  watchWarned_ = false;
  core::log(core::LogLevel::kInfo, "source-watching",
            {{"source", settings_.name}, {"path", root_}});
}

void DirectorySource::drainEvents() {
  if (inotifyFd_ < 0) return;
  alignas(inotify_event) char buffer[64 * 1024];
  for (;;) {
    const ssize_t got = ::read(inotifyFd_, buffer, sizeof buffer);
    if (got < 0) {
      if (errno == EINTR) continue;
      if (errno != EAGAIN && errno != EWOULDBLOCK) {
        core::log(core::LogLevel::kWarning, "source-events-unreadable",
                  {{"source", settings_.name}, {"reason", std::strerror(errno)}});
        rescanDue_ = true;
      }
      return;
    }
    if (got == 0) return;
    size_t offset = 0;
    while (offset + sizeof(inotify_event) <= static_cast<size_t>(got)) {
      inotify_event event;
      std::memcpy(&event, buffer + offset, sizeof event);
      const char* nameBytes = buffer + offset + sizeof(inotify_event);
      offset += sizeof(inotify_event) + event.len;
      if (event.mask & IN_Q_OVERFLOW) {
        core::log(core::LogLevel::kWarning, "source-events-overflowed",
                  {{"source", settings_.name}, {"action", "rescanning the directory"}});
        rescanDue_ = true;
      }
      if (event.mask & (IN_DELETE_SELF | IN_MOVE_SELF | IN_UNMOUNT)) {
        // The directory went away or moved: watch the configured path again.
        if (watch_ >= 0) (void)::inotify_rm_watch(inotifyFd_, watch_);
        watch_ = -1;
        rescanDue_ = true;
      }
      if (event.mask & IN_IGNORED) {
        if (event.wd == watch_) watch_ = -1;
        rescanDue_ = true;
      }
      if (event.len > 0) {
        const std::string name(nameBytes, ::strnlen(nameBytes, event.len));
        if (!name.empty()) dirty_.insert(filter_.dataFileFor(name));
      }
    }
  }
}

core::Status DirectorySource::rescan(int64_t nowMs) {
  ensureWatch();
  // Set before listing, so a failing directory is not listed on every poll.
  if (settings_.rescanEveryMs > 0) nextRescanMs_ = nowMs + settings_.rescanEveryMs;
  core::Result<std::vector<std::string>> names = disk_.list(root_);
  if (!names) return names.status();
  rescanDue_ = false;
  rootReal_ = realPath(root_);

  const std::set<std::string> present(names->begin(), names->end());
  auto gone = [&](const std::string& name) { return present.count(name) == 0; };
  std::erase_if(claimed_, gone);
  std::erase_if(warned_, gone);
  for (const std::string& name : tracker_.names()) {
    if (gone(name)) tracker_.forget(name);
  }
  for (const std::string& name : *names) dirty_.insert(filter_.dataFileFor(name));
  return core::Status::ok();
}

void DirectorySource::warnOnce(const std::string& name, std::string_view event,
                               std::string reason) {
  if (!warned_.insert(name).second) return;
  core::log(core::LogLevel::kWarning, event,
            {{"source", settings_.name}, {"name", name}, {"reason", std::move(reason)}});
}

bool DirectorySource::insideRoot(const std::string& name) const {
  if (rootReal_.empty()) return false;
  std::string expected = rootReal_;
  if (expected != "/") expected += '/';
  expected.append(name);
  return realPath(pathOf(name)) == expected;
}

std::optional<DirectorySource::Candidate> DirectorySource::examine(const std::string& name,
                                                                   int64_t nowMs) {
  if (claimed_.count(name) != 0) return std::nullopt;
  if (filter_.ignored(name) || filter_.isDoneFile(name)) {
    tracker_.forget(name);
    return std::nullopt;
  }
  if (const std::string reason = unsafeNameReason(name); !reason.empty()) {
    warnOnce(name, "source-name-refused", "the name " + reason);
    return std::nullopt;
  }
  core::Result<spool::FileInfo> info = disk_.stat(pathOf(name));
  if (!info) {
    tracker_.forget(name);
    if (info.status().code() == core::StatusCode::kNotFound) {
      warned_.erase(name);
    } else {
      warnOnce(name, "source-stat-failed", info.status().message());
    }
    return std::nullopt;
  }
  if (info->symlink) {
    tracker_.forget(name);
    warnOnce(name, "source-symlink-refused", "symbolic links are never followed");
    return std::nullopt;
  }
  if (info->directory) {
    tracker_.forget(name);
    return std::nullopt;
  }
  if (!info->regular) {
    tracker_.forget(name);
    warnOnce(name, "source-special-file-refused", "not a regular file (FIFO, socket or device)");
    return std::nullopt;
  }
  if (info->size > settings_.maxFileBytes) {
    tracker_.forget(name);
    warnOnce(name, "source-file-too-large",
             std::to_string(info->size) + " bytes, the limit is " +
                 std::to_string(settings_.maxFileBytes) + "; the file is left in place");
    return std::nullopt;
  }
  if (filter_.usesDoneFiles()) {
    const std::string doneName = filter_.doneFileFor(name);
    if (!isSafeFileName(doneName)) {
      warnOnce(name, "source-name-refused",
               "the name is too long to have a done file '" + doneName + "'");
      return std::nullopt;
    }
    core::Result<spool::FileInfo> done = disk_.stat(pathOf(doneName));
    if (!done || done->symlink || !done->regular) return std::nullopt;
    // A file that changed while being read is also watched for stability.
    if (tracker_.tracking(name) && !tracker_.observe(name, signatureOf(*info), nowMs)) {
      return std::nullopt;
    }
  } else if (!tracker_.observe(name, signatureOf(*info), nowMs)) {
    return std::nullopt;
  }
  return Candidate{name, *info};
}

std::optional<std::string> DirectorySource::readCandidate(const Candidate& candidate,
                                                          int64_t nowMs) {
  const std::string path = pathOf(candidate.name);
  if (!insideRoot(candidate.name)) {
    warnOnce(candidate.name, "source-outside-root-refused",
             "the file does not resolve to a file directly in " + root_);
    return std::nullopt;
  }
  core::Result<std::string> content = spool::readWholeFile(disk_, path, settings_.maxFileBytes);
  if (!content) {
    switch (content.status().code()) {
      case core::StatusCode::kNotFound:
        tracker_.forget(candidate.name);
        break;
      case core::StatusCode::kResourceExhausted:
        tracker_.forget(candidate.name);
        warnOnce(candidate.name, "source-file-too-large", content.status().message());
        break;
      default:
        warnOnce(candidate.name, "source-read-failed", content.status().message());
        break;
    }
    return std::nullopt;
  }
  core::Result<spool::FileInfo> after = disk_.stat(path);
  const FileSignature before = signatureOf(candidate.info);
  const bool unchanged = after && !after->symlink && after->regular &&
                         signatureOf(*after) == before && content->size() == before.size;
  if (!unchanged) {
    core::log(core::LogLevel::kInfo, "source-file-changed-while-reading",
              {{"source", settings_.name},
               {"name", candidate.name},
               {"action", "waiting until it is stable"}});
    tracker_.forget(candidate.name);
    if (after && !after->symlink && after->regular) {
      (void)tracker_.observe(candidate.name, signatureOf(*after), nowMs);
    }
    return std::nullopt;
  }
  return std::move(content.value());
}

core::Result<std::vector<ClaimedFile>> DirectorySource::poll(size_t maxFiles, uint64_t maxBytes) {
  const int64_t now = clockMs_();
  drainEvents();
  if (rescanDue_ || (settings_.rescanEveryMs > 0 && now >= nextRescanMs_)) {
    core::Status scanned = rescan(now);
    if (!scanned.isOk()) return scanned;
  }

  std::set<std::string> candidates;
  candidates.swap(dirty_);
  for (std::string& name : tracker_.names()) candidates.insert(std::move(name));

  std::vector<ClaimedFile> files;
  uint64_t bytes = 0;
  for (auto it = candidates.begin(); it != candidates.end(); ++it) {
    if (files.size() >= maxFiles) {
      dirty_.insert(it, candidates.end());
      break;
    }
    std::optional<Candidate> candidate = examine(*it, now);
    if (!candidate) continue;
    if (!files.empty() && bytes + candidate->info.size > maxBytes) {
      dirty_.insert(it, candidates.end());
      break;
    }
    std::optional<std::string> content = readCandidate(*candidate, now);
    if (!content) continue;
    bytes += content->size();
    claimed_.insert(candidate->name);
    tracker_.forget(candidate->name);
    warned_.erase(candidate->name);
    core::log(core::LogLevel::kInfo, "source-file-taken",
              {{"source", settings_.name},
               {"name", candidate->name},
               {"bytes", std::to_string(content->size())}});
    files.push_back(ClaimedFile{settings_.name, candidate->name, std::move(*content),
                                makeHandle(candidate->name, signatureOf(candidate->info))});
  }
  return files;
}

std::chrono::milliseconds DirectorySource::nextCheck() const {
  const std::optional<int64_t> wait = tracker_.msUntilNextReady(clockMs_());
  if (!wait) return std::chrono::milliseconds(0);
  return std::chrono::milliseconds(std::max<int64_t>(*wait, 1));
}

void DirectorySource::release(const ClaimedFile& file) {
  std::string name;
  FileSignature signature;
  if (!parseHandle(file.handle, name, signature)) return;
  if (claimed_.erase(name) != 0) dirty_.insert(name);
}

core::Status DirectorySource::removeDoneFile(const std::string& name) {
  if (!filter_.usesDoneFiles()) return core::Status::ok();
  const std::string doneName = filter_.doneFileFor(name);
  if (!isSafeFileName(doneName)) return core::Status::ok();
  core::Status removed = disk_.remove(pathOf(doneName));
  if (removed.code() == core::StatusCode::kNotFound) return core::Status::ok();
  return removed;
}

core::Result<std::string> DirectorySource::archive(const std::string& name) {
  const std::string directory = withoutTrailingSlashes(settings_.archive->string());
  core::Status made = disk_.makeDirectories(directory);
  if (!made.isOk()) return made;
  // A timestamp keeps archived files in arrival order; the counter covers
  // two files of the same name within a millisecond.
  const std::string stamp = core::formatUtcCompact(clockMs_());
  std::string archived;
  for (int n = 0;; ++n) {
    std::string prefix = stamp;
    prefix += '-';
    if (n > 0) {
      prefix.append(std::to_string(n));
      prefix += '-';
    }
    archived = prefix;
    archived.append(name, 0, kMaxFileNameBytes - prefix.size());
    std::string candidatePath = directory;
    candidatePath += '/';
    candidatePath.append(archived);
    core::Result<spool::FileInfo> existing = disk_.stat(candidatePath);
    if (!existing && existing.status().code() == core::StatusCode::kNotFound) break;
    if (!existing) return existing.status();
  }
  core::Status doneRemoved = removeDoneFile(name);
  if (!doneRemoved.isOk()) return doneRemoved;
  std::string target = directory;
  target += '/';
  target.append(archived);
  core::Status renamed = disk_.rename(pathOf(name), target);
  if (!renamed.isOk()) return renamed;
  core::Status synced = disk_.syncDirectory(directory);
  if (!synced.isOk()) return synced;
  synced = disk_.syncDirectory(root_);
  if (!synced.isOk()) return synced;
  return archived;
}

core::Result<std::string> DirectorySource::complete(const ClaimedFile& file) {
  std::string name;
  FileSignature claimedAs;
  if (!parseHandle(file.handle, name, claimedAs) || !isSafeFileName(name) ||
      filter_.isDoneFile(name)) {
    return core::Status::invalidArgument("source '" + settings_.name +
                                         "' was asked to complete a file it never handed out");
  }
  // The done file goes first: a crash after it leaves the data file, which
  // is never taken again without one, while a stale done file left behind
  // would let a later upload of the same name be taken before it is whole.
  std::string outcome;
  core::Result<spool::FileInfo> info = disk_.stat(pathOf(name));
  if (!info && info.status().code() != core::StatusCode::kNotFound) return info.status();
  if (!info) {
    core::Status doneRemoved = removeDoneFile(name);
    if (!doneRemoved.isOk()) return doneRemoved;
    outcome = "already gone";
  } else if (info->symlink || !info->regular || !(signatureOf(*info) == claimedAs)) {
    // A partner replaced the file after it was read: what the spool holds is
    // the old content, so the new one stays to be taken as a file of its own.
    claimed_.erase(name);
    dirty_.insert(name);
    core::log(core::LogLevel::kWarning, "source-file-replaced-before-complete",
              {{"source", settings_.name}, {"name", name}, {"action", "left in place"}});
    return std::string("left in place: replaced after it was read");
  } else if (settings_.archive) {
    core::Result<std::string> archived = archive(name);
    if (!archived && archived.status().code() != core::StatusCode::kNotFound) {
      return archived.status();
    }
    outcome = archived ? "archived as " + *archived : std::string("already gone");
  } else {
    core::Status doneRemoved = removeDoneFile(name);
    if (!doneRemoved.isOk()) return doneRemoved;
    core::Status removed = disk_.remove(pathOf(name));
    if (!removed.isOk() && removed.code() != core::StatusCode::kNotFound) return removed;
    core::Status synced = disk_.syncDirectory(root_);
    if (!synced.isOk()) return synced;
    outcome = removed.isOk() ? "removed" : "already gone";
  }
  claimed_.erase(name);
  tracker_.forget(name);
  core::log(core::LogLevel::kInfo, "source-file-completed",
            {{"source", settings_.name}, {"name", name}, {"outcome", outcome}});
  return outcome;
}

}  // namespace bridge::transports
