#include "spool/disk.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>

namespace bridge::spool {

namespace {

using core::Result;
using core::Status;

std::string errnoText(int err) {
  char buffer[256];
  // GNU strerror_r may return a static string instead of filling the buffer.
  return std::string(strerror_r(err, buffer, sizeof buffer));
}

// ENOSPC/EDQUOT mean "try again when there is room" (D7); everything else is
// an I/O error the spool must not paper over (D8).
Status errnoStatus(int err, std::string_view action, std::string_view path) {
  std::string message(action);
  message.append(" '");
  message.append(path);
  message.append("': ");
  message.append(errnoText(err));
  if (err == ENOSPC || err == EDQUOT) return Status::resourceExhausted(std::move(message));
  return Status::ioError(std::move(message));
}

std::string handleName(int handle) {
  std::string name = "file handle ";
  name.append(std::to_string(handle));
  return name;
}

std::string parentDirectory(const std::string& path) {
  size_t slash = path.find_last_of('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

}  // namespace

std::string_view ioOpName(IoOp op) {
  switch (op) {
    case IoOp::kOpen:
      return "open";
    case IoOp::kRead:
      return "read";
    case IoOp::kWrite:
      return "write";
    case IoOp::kSync:
      return "sync";
    case IoOp::kTruncate:
      return "truncate";
    case IoOp::kClose:
      return "close";
    case IoOp::kRename:
      return "rename";
    case IoOp::kRemove:
      return "remove";
    case IoOp::kSyncDirectory:
      return "sync-directory";
    case IoOp::kMakeDirectory:
      return "make-directory";
    case IoOp::kList:
      return "list";
    case IoOp::kStat:
      return "stat";
  }
  return "unknown";
}

Result<int> PosixDisk::open(const std::string& path, OpenMode mode) {
  int flags = O_CLOEXEC;
  switch (mode) {
    case OpenMode::kRead:
      flags |= O_RDONLY;
      break;
    case OpenMode::kCreateExclusive:
      flags |= O_WRONLY | O_CREAT | O_EXCL;
      break;
    case OpenMode::kAppend:
      flags |= O_WRONLY | O_CREAT | O_APPEND;
      break;
    case OpenMode::kReadWrite:
      flags |= O_RDWR | O_CREAT;
      break;
  }
  int fd;
  do {
    fd = ::open(path.c_str(), flags, 0640);
  } while (fd < 0 && errno == EINTR);
  if (fd < 0) {
    int err = errno;
    if (err == ENOENT) {
      std::string message = "cannot open '";
      message.append(path);
      message.append("': ");
      message.append(errnoText(err));
      return Status::notFound(std::move(message));
    }
    return errnoStatus(err, "cannot open", path);
  }
  return fd;
}

Result<size_t> PosixDisk::read(int handle, char* buffer, size_t size, uint64_t offset) {
  size_t done = 0;
  while (done < size) {
    ssize_t n = ::pread(handle, buffer + done, size - done, static_cast<off_t>(offset + done));
    if (n < 0) {
      if (errno == EINTR) continue;
      return errnoStatus(errno, "cannot read", handleName(handle));
    }
    if (n == 0) break;
    done += static_cast<size_t>(n);
  }
  return done;
}

Status PosixDisk::write(int handle, std::string_view data, uint64_t offset) {
  int flags = ::fcntl(handle, F_GETFL);
  if (flags < 0) return errnoStatus(errno, "cannot write", handleName(handle));
  bool append = (flags & O_APPEND) != 0;
  size_t done = 0;
  while (done < data.size()) {
    ssize_t n = append ? ::write(handle, data.data() + done, data.size() - done)
                       : ::pwrite(handle, data.data() + done, data.size() - done,
                                  static_cast<off_t>(offset + done));
    if (n < 0) {
      if (errno == EINTR) continue;
      return errnoStatus(errno, "cannot write", handleName(handle));
    }
    done += static_cast<size_t>(n);
  }
  return Status::ok();
}

Status PosixDisk::sync(int handle) {
  int rc;
  do {
    rc = ::fsync(handle);
  } while (rc < 0 && errno == EINTR);
  if (rc < 0) return errnoStatus(errno, "cannot fsync", handleName(handle));
  return Status::ok();
}

Status PosixDisk::truncate(int handle, uint64_t size) {
  int rc;
  do {
    rc = ::ftruncate(handle, static_cast<off_t>(size));
  } while (rc < 0 && errno == EINTR);
  if (rc < 0) return errnoStatus(errno, "cannot truncate", handleName(handle));
  return Status::ok();
}

Result<uint64_t> PosixDisk::size(int handle) {
  struct stat st {};
  if (::fstat(handle, &st) < 0) return errnoStatus(errno, "cannot stat", handleName(handle));
  return static_cast<uint64_t>(st.st_size);
}

void PosixDisk::close(int handle) {
  // close() must not be retried on EINTR on Linux: the descriptor is gone.
  ::close(handle);
}

Status PosixDisk::rename(const std::string& from, const std::string& to) {
  int rc;
  do {
    rc = ::rename(from.c_str(), to.c_str());
  } while (rc < 0 && errno == EINTR);
  if (rc < 0) {
    std::string what = from;
    what.append("' to '");
    what.append(to);
    return errnoStatus(errno, "cannot rename", what);
  }
  return Status::ok();
}

Status PosixDisk::remove(const std::string& path) {
  int rc;
  do {
    rc = ::unlink(path.c_str());
  } while (rc < 0 && errno == EINTR);
  if (rc < 0) {
    int err = errno;
    if (err == ENOENT) {
      std::string message = "cannot remove '";
      message.append(path);
      message.append("': ");
      message.append(errnoText(err));
      return Status::notFound(std::move(message));
    }
    return errnoStatus(err, "cannot remove", path);
  }
  return Status::ok();
}

Status PosixDisk::syncDirectory(const std::string& directory) {
  int fd;
  do {
    fd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  } while (fd < 0 && errno == EINTR);
  if (fd < 0) return errnoStatus(errno, "cannot open directory", directory);
  int rc;
  do {
    rc = ::fsync(fd);
  } while (rc < 0 && errno == EINTR);
  int err = errno;
  ::close(fd);
  if (rc < 0) return errnoStatus(err, "cannot fsync directory", directory);
  return Status::ok();
}

Status PosixDisk::makeDirectories(const std::string& directory) {
  if (directory.empty()) return Status::invalidArgument("cannot create a directory with no name");
  std::string current;
  size_t pos = 0;
  while (pos <= directory.size()) {
    size_t slash = directory.find('/', pos);
    if (slash == std::string::npos) slash = directory.size();
    current = directory.substr(0, slash);
    pos = slash + 1;
    if (current.empty()) continue;
    if (::mkdir(current.c_str(), 0750) < 0) {
      int err = errno;
      if (err == EEXIST) {
        struct stat st {};
        if (::stat(current.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) continue;
        return Status::ioError("cannot create directory '" + current +
                               "': it exists and is not a directory");
      }
      return errnoStatus(err, "cannot create directory", current);
    }
  }
  return Status::ok();
}

Result<std::vector<std::string>> PosixDisk::list(const std::string& directory) {
  std::unique_ptr<DIR, int (*)(DIR*)> dir(::opendir(directory.c_str()), &::closedir);
  if (!dir) {
    int err = errno;
    if (err == ENOENT) {
      std::string message = "cannot list '";
      message.append(directory);
      message.append("': ");
      message.append(errnoText(err));
      return Status::notFound(std::move(message));
    }
    return errnoStatus(err, "cannot list", directory);
  }
  std::vector<std::string> names;
  while (true) {
    errno = 0;
    struct dirent* entry = ::readdir(dir.get());
    if (entry == nullptr) {
      if (errno != 0) return errnoStatus(errno, "cannot list", directory);
      break;
    }
    std::string_view name = entry->d_name;
    if (name == "." || name == "..") continue;
    names.emplace_back(name);
  }
  return names;
}

Result<FileInfo> PosixDisk::stat(const std::string& path) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) < 0) {
    int err = errno;
    if (err == ENOENT || err == ENOTDIR) {
      std::string message = "cannot stat '";
      message.append(path);
      message.append("': ");
      message.append(errnoText(err));
      return Status::notFound(std::move(message));
    }
    return errnoStatus(err, "cannot stat", path);
  }
  FileInfo info;
  info.size = static_cast<uint64_t>(st.st_size);
  info.mtimeNs = static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
  info.regular = S_ISREG(st.st_mode);
  info.directory = S_ISDIR(st.st_mode);
  info.symlink = S_ISLNK(st.st_mode);
  info.inode = static_cast<uint64_t>(st.st_ino);
  info.device = static_cast<uint64_t>(st.st_dev);
  return info;
}

Result<uint64_t> PosixDisk::freeBytes(const std::string& path) {
  struct statvfs vfs {};
  int rc;
  do {
    rc = ::statvfs(path.c_str(), &vfs);
  } while (rc < 0 && errno == EINTR);
  if (rc < 0) return errnoStatus(errno, "cannot query free space of", path);
  return static_cast<uint64_t>(vfs.f_bavail) * static_cast<uint64_t>(vfs.f_frsize);
}

Result<std::string> readWholeFile(Disk& disk, const std::string& path, uint64_t maxBytes) {
  Result<int> handle = disk.open(path, OpenMode::kRead);
  if (!handle) return handle.status();
  int fd = *handle;
  Result<uint64_t> size = disk.size(fd);
  if (!size) {
    disk.close(fd);
    return size.status();
  }
  if (*size > maxBytes) {
    disk.close(fd);
    std::string message = "file '";
    message.append(path);
    message.append("' is ");
    message.append(std::to_string(*size));
    message.append(" bytes, more than the limit of ");
    message.append(std::to_string(maxBytes));
    return Status::resourceExhausted(std::move(message));
  }
  std::string data;
  data.resize(static_cast<size_t>(*size));
  uint64_t offset = 0;
  // Read until the end even if the file grew since size(), up to the limit.
  while (true) {
    if (offset == data.size()) {
      if (data.size() >= maxBytes) {
        char probe;
        Result<size_t> extra = disk.read(fd, &probe, 1, offset);
        if (!extra) {
          disk.close(fd);
          return extra.status();
        }
        if (*extra > 0) {
          disk.close(fd);
          std::string message = "file '";
          message.append(path);
          message.append("' grew beyond the limit of ");
          message.append(std::to_string(maxBytes));
          message.append(" bytes");
          return Status::resourceExhausted(std::move(message));
        }
        break;
      }
      data.resize(std::min<uint64_t>(maxBytes, data.size() + 65536));
    }
    Result<size_t> n = disk.read(fd, data.data() + offset, data.size() - offset, offset);
    if (!n) {
      disk.close(fd);
      return n.status();
    }
    if (*n == 0) break;
    offset += *n;
  }
  disk.close(fd);
  data.resize(static_cast<size_t>(offset));
  return data;
}

Status publishFile(Disk& disk, const std::string& tempPath, const std::string& finalPath,
                   std::string_view data) {
  Result<int> handle = disk.open(tempPath, OpenMode::kCreateExclusive);
  if (!handle) return handle.status();
  int fd = *handle;
  auto fail = [&](Status status) {
    disk.close(fd);
    fd = -1;
    (void)disk.remove(tempPath);
    return status;
  };
  if (Status s = disk.write(fd, data, 0); !s.isOk()) return fail(std::move(s));
  if (Status s = disk.sync(fd); !s.isOk()) return fail(std::move(s));
  disk.close(fd);
  if (Status s = disk.rename(tempPath, finalPath); !s.isOk()) {
    (void)disk.remove(tempPath);
    return s;
  }
  // After the rename the final name exists; a failed directory fsync means
  // it may not survive a power cut, so the caller must not acknowledge.
  return disk.syncDirectory(parentDirectory(finalPath));
}

}  // namespace bridge::spool
