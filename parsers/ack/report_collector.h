// ReportCollector: an EventHandler that records an InputReport for
// acknowledgements. Put it after the validators in the chain:
//
//   Reader -> edi::EnvelopeValidator -> (schema validator) -> ReportCollector
//
// Attribution: the validators and the reader deliver each finding while the
// envelope it is about is open (missing trailers are reported just before the
// null end event), so a finding goes to the innermost open envelope. When the
// acknowledgement code table (ack_codes.h) places the finding's code at an
// outer level, the finding goes to that outer envelope instead (a GE without
// GS inside a group is about the interchange's structure). Findings that
// arrive before an interchange header (X12_ISA_LENGTH, EDIFACT_MISSING_UNB)
// are about the interchange that starts next and are held until it starts
// (only codes of the table are held: text before a header is no fault of the
// interchange); other findings outside every interchange are kept in
// InputReport::unattached.
//
// Memory: one record per interchange, group and transaction set, plus at
// most maxFindingsPerRecord findings each; nothing per segment.
//
// Thread-safety: one collector per input, used from the reading thread.
#pragma once

#include <cstddef>

#include "parsers/ack/report.h"
#include "parsers/edi/events.h"

namespace bridge::parsers::ack {

struct CollectorOptions {
  // Findings kept per record (transaction, group, interchange); the rest are
  // counted.
  size_t maxFindingsPerRecord = 100;
};

class ReportCollector : public edi::EventHandler {
 public:
  explicit ReportCollector(CollectorOptions options = {}) : options_(options) {}

  void onInterchangeStart(const edi::InterchangeInfo& info, const edi::Segment& header) override;
  void onInterchangeEnd(const edi::Segment* trailer) override;
  void onGroupStart(const edi::Segment& header) override;
  void onGroupEnd(const edi::Segment* trailer) override;
  void onTransactionStart(const edi::Segment& header) override;
  void onTransactionEnd(const edi::Segment* trailer) override;
  void onSegment(const edi::Segment& segment) override;
  void onFinding(const core::Finding& finding) override;

  // The report so far. Findings still waiting for an interchange header
  // (none came) are moved to InputReport::unattached first.
  const InputReport& report();
  InputReport take();

 private:
  void add(FindingList& list, const core::Finding& finding);
  GroupReport& implicitGroup();
  void flushPending();

  CollectorOptions options_;
  InputReport report_;
  FindingList pending_;  // findings that precede the next interchange header
  bool inInterchange_ = false;
  bool inGroup_ = false;
  bool inTransaction_ = false;
};

}  // namespace bridge::parsers::ack
