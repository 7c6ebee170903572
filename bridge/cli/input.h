// EdiInput: one input file of parse/validate, opened before any output is
// written so that an unreadable file produces only an error message.
//
// "-" is standard input. When the command's input stream is the process's
// std::cin, standard input is read from file descriptor 0 directly (large
// reads, no stream layer); any other stream (tests) is read as a stream.
//
// Thread-safety: one EdiInput per thread.
#pragma once

#include <istream>
#include <string>

#include "bridge/core/status.h"
#include "parsers/edi/events.h"

namespace bridge::cli {

class EdiInput {
 public:
  // Opens `path`; `stdinStream` serves "-". On failure, status() says why
  // ("cannot open 'x.edi': No such file or directory").
  EdiInput(const std::string& path, std::istream& stdinStream);
  ~EdiInput();
  EdiInput(const EdiInput&) = delete;
  EdiInput& operator=(const EdiInput&) = delete;

  const core::Status& status() const { return status_; }

  // The name to print in messages: the path, or "<stdin>".
  const std::string& name() const { return name_; }

  // Reads the whole input into `handler` (see parsers/edi/reader.h).
  // REQUIRES: status().isOk(); called once.
  core::Status read(parsers::edi::EventHandler& handler);

 private:
  std::string name_;
  std::istream& stdinStream_;
  int fd_ = -1;
  bool useStream_ = false;
  core::Status status_;
};

}  // namespace bridge::cli
