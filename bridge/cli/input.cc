#include "bridge/cli/input.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iostream>

#include "parsers/edi/reader.h"

namespace bridge::cli {

EdiInput::EdiInput(const std::string& path, std::istream& stdinStream)
    : name_(path == "-" ? "<stdin>" : path), stdinStream_(stdinStream) {
  if (path == "-") {
    if (&stdinStream == &std::cin) {
      fd_ = STDIN_FILENO;
    } else {
      useStream_ = true;
    }
    return;
  }
  fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd_ < 0) {
    status_ = core::Status::ioError("cannot open '" + path + "': " + std::strerror(errno));
    return;
  }
  struct stat info {};
  if (::fstat(fd_, &info) == 0 && S_ISDIR(info.st_mode)) {
    status_ = core::Status::ioError("cannot read '" + path + "': it is a directory");
  }
}

EdiInput::~EdiInput() {
  if (fd_ > STDIN_FILENO) ::close(fd_);
}

core::Status EdiInput::read(parsers::edi::EventHandler& handler) {
  core::Status status = useStream_ ? parsers::edi::readStream(stdinStream_, handler)
                                   : parsers::edi::readFd(fd_, handler);
  if (!status.isOk()) {
    return core::Status::ioError("cannot read '" + name_ + "': " + status.message());
  }
  return status;
}

}  // namespace bridge::cli
