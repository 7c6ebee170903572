#include "parsers/ack/file_control_number_source.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <map>
#include <string>

namespace bridge::parsers::ack {
namespace {

core::Status ioError(const std::string& what, const std::string& path) {
  return core::Status::ioError(what + " " + path + ": " + std::strerror(errno));
}

// Closes a descriptor on every return path.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

// Keys are written as one word per line: white space would split them.
std::string keyFor(std::string_view partner, ControlKind kind) {
  std::string key(partner);
  for (char& c : key) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') c = '_';
  }
  if (key.empty()) key = "_";
  return key + "/" + std::string(controlKindName(kind));
}

core::Result<std::string> readAll(const std::string& path) {
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) {
    if (errno == ENOENT) return std::string();
    return ioError("cannot open the control number file", path);
  }
  std::string text;
  char buffer[4096];
  for (;;) {
    const ssize_t n = ::read(fd.get(), buffer, sizeof buffer);
    if (n < 0) {
      if (errno == EINTR) continue;
      return ioError("cannot read the control number file", path);
    }
    if (n == 0) break;
    text.append(buffer, static_cast<size_t>(n));
  }
  return text;
}

core::Status writeAll(int fd, const std::string& text, const std::string& path) {
  size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return ioError("cannot write the control number file", path);
    }
    done += static_cast<size_t>(n);
  }
  return core::Status::ok();
}

core::Result<std::map<std::string, uint64_t>> parse(const std::string& text,
                                                    const std::string& path) {
  std::map<std::string, uint64_t> counters;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    const std::string line = text.substr(pos, end - pos);
    pos = end + 1;
    if (line.empty()) continue;
    const size_t space = line.rfind(' ');
    uint64_t value = 0;
    bool ok = space != std::string::npos && space > 0 && space + 1 < line.size();
    for (size_t i = space + 1; ok && i < line.size(); ++i) {
      ok = line[i] >= '0' && line[i] <= '9' && value <= FileControlNumberSource::kMaxNumber;
      value = value * 10 + static_cast<uint64_t>(line[i] - '0');
    }
    // A damaged file must stop numbering: guessing could reuse numbers.
    if (!ok) {
      return core::Status::corruption("the control number file " + path +
                                      " has a line that is not '<key> <number>': '" + line +
                                      "'; repair it by hand");
    }
    counters[line.substr(0, space)] = value;
  }
  return counters;
}

std::string directoryOf(const std::string& path) {
  const size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

}  // namespace

std::string_view controlKindName(ControlKind kind) {
  switch (kind) {
    case ControlKind::kInterchange:
      return "interchange";
    case ControlKind::kGroup:
      return "group";
    case ControlKind::kTransaction:
      return "transaction";
  }
  return "unknown";
}

core::Result<uint64_t> FileControlNumberSource::next(std::string_view partner, ControlKind kind) {
  const std::string lockPath = path_ + ".lock";
  Fd lock(::open(lockPath.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644));
  if (lock.get() < 0) return ioError("cannot open the lock file", lockPath);
  while (::flock(lock.get(), LOCK_EX) != 0) {
    if (errno != EINTR) return ioError("cannot lock", lockPath);
  }
  core::Result<std::string> text = readAll(path_);
  if (!text) return text.status();
  core::Result<std::map<std::string, uint64_t>> counters = parse(*text, path_);
  if (!counters) return counters.status();

  uint64_t& last = (*counters)[keyFor(partner, kind)];
  last = last >= kMaxNumber ? 1 : last + 1;
  const uint64_t number = last;

  std::string out;
  for (const auto& [key, value] : *counters) out += key + " " + std::to_string(value) + "\n";
  const std::string tmpPath = path_ + ".tmp";  // only written under the lock
  {
    Fd tmp(::open(tmpPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
    if (tmp.get() < 0) return ioError("cannot create", tmpPath);
    if (core::Status s = writeAll(tmp.get(), out, tmpPath); !s.isOk()) return s;
    if (::fsync(tmp.get()) != 0) return ioError("cannot sync", tmpPath);
  }
  if (::rename(tmpPath.c_str(), path_.c_str()) != 0) return ioError("cannot replace", path_);
  const std::string dir = directoryOf(path_);
  Fd dirFd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dirFd.get() < 0 || ::fsync(dirFd.get()) != 0) return ioError("cannot sync directory", dir);
  return number;
}

}  // namespace bridge::parsers::ack
