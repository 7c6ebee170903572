// AckEmitter: builds acknowledgement segments and writes them through
// edi::Writer, so that delimiters, escaping, the fixed-width ISA and the
// trailer counts are those of every other output of edi-bridge.
//
// Thread-safety: one emitter per output.
#pragma once

#include <initializer_list>
#include <ostream>
#include <string>
#include <string_view>

#include "bridge/core/status.h"
#include "parsers/edi/events.h"
#include "parsers/edi/segment.h"
#include "parsers/edi/writer.h"

namespace bridge::parsers::ack {

// An element of components; trailing empty components are dropped, so
// {"3", "", ""} is written "3".
edi::OwnedSegment::Element composite(std::initializer_list<std::string> components);

// A segment of composites; trailing empty elements are dropped.
edi::OwnedSegment segmentOf(std::string tag, std::vector<edi::OwnedSegment::Element> elements);

class AckEmitter {
 public:
  AckEmitter(std::ostream& out, const edi::WriterOptions& options) : writer_(out, options) {}

  void startInterchange(const edi::InterchangeInfo& info, const edi::OwnedSegment& header) {
    header.view(scratch_);
    writer_.onInterchangeStart(info, scratch_);
  }
  void startGroup(const edi::OwnedSegment& header) {
    header.view(scratch_);
    writer_.onGroupStart(scratch_);
  }
  void startTransaction(const edi::OwnedSegment& header) {
    header.view(scratch_);
    writer_.onTransactionStart(scratch_);
  }
  void segment(const edi::OwnedSegment& segment) {
    segment.view(scratch_);
    writer_.onSegment(scratch_);
  }
  // Trailers are computed by the writer (counts and control numbers).
  void endTransaction() { writer_.onTransactionEnd(nullptr); }
  void endGroup() { writer_.onGroupEnd(nullptr); }
  void endInterchange() { writer_.onInterchangeEnd(nullptr); }

  const core::Status& status() const { return writer_.status(); }

 private:
  edi::Writer writer_;
  edi::Segment scratch_;
};

}  // namespace bridge::parsers::ack
