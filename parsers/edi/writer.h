// Writer: writes X12 or EDIFACT from reader events (or from a TransactionTree
// or a single segment) to a std::ostream.
//
// An interchange without header (InterchangeInfo::hasHeader false: EDIFACT
// messages without UNB, or segments a reader found outside any interchange)
// is written without header and, unless given, without trailer.
//
// The writer takes each interchange's delimiters from its InterchangeInfo
// unless WriterOptions overrides them (the X12 ISA11/ISA16 and the EDIFACT UNA
// then follow the override). EDIFACT gets a UNA when the input had one or
// when the delimiters are not the defaults; values are escaped with the
// release character. X12 values that contain a delimiter cannot be written
// (see SegmentEncoder): the first such problem stops the writer and is kept
// in status(); nothing after it is written.
//
// With computed trailers (the default) SE/UNT, GE/UNE and IEA/UNZ carry the
// counts of what was written and the control numbers of their headers, and a
// missing trailer (null in the event) is generated. A count that already has
// the right value keeps its spelling ("0011" stays "0011"), so a valid input
// is written back byte for byte apart from line breaks.
//
// Memory: a few counters and the control numbers of the open envelopes; the
// output is streamed.
//
// Thread-safety: one Writer per output, used from one thread.
#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>

#include "bridge/core/status.h"
#include "parsers/edi/events.h"
#include "parsers/edi/segment_encoder.h"
#include "parsers/edi/tree.h"

namespace bridge::parsers::edi {

struct WriterOptions {
  // Replaces the delimiters of every interchange written.
  std::optional<Delimiters> delimiters;
  // A LF after each segment terminator (not added when the terminator is LF).
  bool lineBreaks = false;
  // Counts and control numbers in trailers computed, missing trailers added.
  // When false, trailers are written exactly as given and null ones omitted.
  bool computeTrailers = true;
};

class Writer : public EventHandler {
 public:
  // REQUIRES: out outlives the Writer.
  explicit Writer(std::ostream& out, WriterOptions options = {});

  void onInterchangeStart(const InterchangeInfo& info, const Segment& header) override;
  void onInterchangeEnd(const Segment* trailer) override;
  void onGroupStart(const Segment& header) override;
  void onGroupEnd(const Segment* trailer) override;
  void onTransactionStart(const Segment& header) override;
  void onTransactionEnd(const Segment* trailer) override;
  void onSegment(const Segment& segment) override;

  // The first error met (a value that cannot be written, unusable delimiters,
  // a failed stream), or ok.
  const core::Status& status() const { return status_; }

  // Segments written so far, UNA excluded.
  uint64_t segmentsWritten() const { return segmentsWritten_; }

 private:
  enum class Level { kTransaction, kGroup, kInterchange };

  void emit(const Segment& segment, bool fixedWidthHeader = false);
  void emitRaw(const std::string& bytes);
  void emitTrailer(Level level, const Segment* given, uint64_t count, const std::string& control);
  void fail(core::Status status);

  std::ostream& out_;
  WriterOptions options_;
  core::Status status_;
  SegmentEncoder encoder_;
  bool haveEncoder_ = false;
  std::string buffer_;
  Segment scratch_;

  uint64_t segmentsWritten_ = 0;
  uint64_t interchangesStarted_ = 0;
  bool hasHeader_ = true;
  uint64_t transactionSegments_ = 0;  // header and body so far
  uint64_t groupTransactions_ = 0;
  uint64_t interchangeGroups_ = 0;
  uint64_t interchangeLooseTransactions_ = 0;
  bool inGroup_ = false;
  std::string interchangeControl_;  // ISA13 / UNB 0020
  std::string groupControl_;        // GS06 / UNG 0048
  std::string transactionControl_;  // ST02 / UNH 0062
};

// Writes one transaction in its own interchange (and group, when the tree has
// a group header): header segments, body, trailers with counts of one.
core::Status write(const TransactionTree& tree, std::ostream& out,
                   const WriterOptions& options = {});

// Writes one segment with the delimiters of `info` (or of options.delimiters).
// An X12 ISA is written as a fixed-width header.
core::Status write(const OwnedSegment& segment, const InterchangeInfo& info, std::ostream& out,
                   const WriterOptions& options = {});

}  // namespace bridge::parsers::edi
