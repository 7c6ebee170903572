// InputReport: what an acknowledgement needs to know about an input, as the
// ReportCollector records it: per interchange its header and findings, per
// group its header and findings, per transaction set / message its header,
// segment count and findings. Nothing per segment.
//
// Findings are attributed to the envelope they are about (see
// report_collector.h); a record keeps at most a bounded number of them and
// counts the rest, so that an input full of errors cannot grow the report
// without bound.
//
// Thread-safety: values.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "bridge/core/finding.h"
#include "parsers/edi/segment.h"

namespace bridge::parsers::ack {

struct FindingList {
  std::vector<core::Finding> kept;  // in arrival order
  uint64_t dropped = 0;             // findings beyond the bound: counted, not kept
  uint64_t droppedErrors = 0;       // of which errors (they still reject)
  uint64_t droppedWarnings = 0;
};

struct TransactionReport {
  edi::OwnedSegment header;   // ST or UNH as received
  uint64_t segmentCount = 0;  // header to trailer inclusive, as received
  bool trailerPresent = false;
  FindingList findings;
};

// A functional group (GS/UNG), or the implicit group of transaction sets /
// messages that arrived outside any group (hasHeader false: EDIFACT messages
// without UNG, or an X12 ST outside GS).
struct GroupReport {
  bool hasHeader = true;
  edi::OwnedSegment header;   // GS or UNG as received; empty without header
  std::string declaredCount;  // GE01 / UNE01 as received; empty without trailer
  bool trailerPresent = false;
  std::vector<TransactionReport> transactions;
  FindingList findings;
};

struct InterchangeReport {
  edi::Standard standard = edi::Standard::kUnknown;
  edi::Delimiters delimiters;
  bool serviceStringAdvice = false;
  bool hasHeader = true;      // false for EDIFACT messages without UNB
  edi::OwnedSegment header;   // ISA or UNB as received
  std::string syntaxVersion;  // ISA12, or UNB S001/0002
  std::string controlNumber;  // ISA13, or UNB 0020
  bool ackRequested = false;  // ISA14 = 1, or UNB 0031 = 1
  bool trailerPresent = false;
  // Segments directly inside the interchange: TA1 (an interchange of TA1s
  // only is itself an acknowledgement) and any other (ISB, ISE, strays).
  uint64_t ta1Count = 0;
  uint64_t otherInterchangeSegments = 0;
  std::vector<GroupReport> groups;  // in arrival order, implicit groups included
  FindingList findings;             // about the interchange envelope itself
};

struct InputReport {
  std::vector<InterchangeReport> interchanges;
  // Findings outside any interchange (bytes before, between or after them).
  FindingList unattached;
};

}  // namespace bridge::parsers::ack
