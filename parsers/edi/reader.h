// Reader: the streaming X12 / EDIFACT reader.
//
// Bytes go in through feed() in chunks of any size and split anywhere; events
// come out through the EventHandler (see parsers/edi/events.h). The standard
// is detected from the first bytes of each interchange (so one input may hold
// several interchanges, each with its own delimiters). Memory is bounded by
// the longest segment (capped by ReaderOptions::maxSegmentBytes), never by the
// size of the input: a segment is made contiguous before it is tokenized, so
// a chunk boundary anywhere (inside a tag, after a release character, between
// a terminator and its CR/LF) yields exactly the events of a single read.
//
// Problems with the input are findings (onFinding), never exceptions: the
// reader keeps going where it can and says so where it cannot.
//
// Segments are framed eagerly and split lazily: each segment event carries
// its tag and position, and its elements are split the first time a handler
// asks for them (see parsers/edi/segment.h).
//
// SECURITY: the input is untrusted. Memory is bounded by maxSegmentBytes plus
// one read chunk whatever the input; findings of one code are capped at 100
// per input; nothing in the input is used as a path or a size to allocate.
//
// Thread-safety: one Reader per input, used from one thread.
#pragma once

#include <cstdint>
#include <istream>
#include <memory>
#include <string>
#include <string_view>

#include "bridge/core/status.h"
#include "parsers/edi/events.h"

namespace bridge::parsers::edi {

struct ReaderOptions {
  // Bytes asked of read() at a time by readFd/readStream/readPath.
  size_t readChunkBytes = 256 * 1024;
  // A segment longer than this is reported (EDI_SEGMENT_TOO_LONG) and the rest
  // of the input is not read: no valid segment of any standard comes near it.
  size_t maxSegmentBytes = 1024 * 1024;
};

// What a file starts with, for auto-detection and error messages.
struct Detection {
  Standard standard = Standard::kUnknown;
  // Human-readable description of what was found when it is not EDI, e.g.
  // "'<?xml' (XML?)" or "byte 0x89 (binary data)".
  std::string found;
};

// Looks at the first bytes of an input (after a UTF-8 BOM and whitespace).
Detection detectStandard(std::string_view head);

class Reader {
 public:
  // REQUIRES: handler outlives the Reader.
  explicit Reader(EventHandler& handler, ReaderOptions options = {});
  ~Reader();
  Reader(const Reader&) = delete;
  Reader& operator=(const Reader&) = delete;

  // Feeds the next bytes of the input. Events for every segment completed by
  // these bytes are delivered before feed() returns.
  void feed(std::string_view bytes);

  // Declares the end of the input: a trailing segment without terminator is
  // reported, open envelopes are closed (with a null trailer and a finding).
  // REQUIRES: called once, after the last feed().
  void finish();

  // True once the reader gave up on the input (not EDI, segment too long);
  // further feed() calls are ignored.
  bool stopped() const;

  uint64_t bytesFed() const;
  uint64_t segmentCount() const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

// Convenience drivers: read the whole input in bounded chunks, then finish().
// They return a non-ok Status only for I/O errors; input problems are findings.
core::Status readFd(int fd, EventHandler& handler, ReaderOptions options = {});
core::Status readStream(std::istream& in, EventHandler& handler, ReaderOptions options = {});
core::Status readPath(const std::string& path, EventHandler& handler, ReaderOptions options = {});

}  // namespace bridge::parsers::edi
