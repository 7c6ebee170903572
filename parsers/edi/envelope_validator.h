// EnvelopeValidator (any standard): the envelope checks for a mixed input.
// Sits between a Reader and any consumer:
//
//   Reader -> edi::EnvelopeValidator -> printer / tree builder / ...
//
// Each interchange is checked by the X12 or the EDIFACT validator, chosen by
// InterchangeInfo::standard at onInterchangeStart; events outside any
// interchange and interchanges of an unknown standard pass through unchecked.
// Every event reaches `next` unchanged and in order; the validators' findings
// are inserted into the stream (see the ordering rule in
// parsers/x12/envelope_validator.h). It also tallies every finding that
// passes through, the reader's included, so a caller can decide the verdict
// of an input from errorCount().
//
// Thread-safety: one validator per input, used from the reading thread.
// REQUIRES: `next` outlives the validator.
#pragma once

#include <cstddef>

#include "bridge/core/finding.h"
#include "parsers/edi/control_number_set.h"
#include "parsers/edi/events.h"
#include "parsers/edifact/envelope_validator.h"
#include "parsers/x12/envelope_validator.h"

namespace bridge::parsers::edi {

class EnvelopeValidator : public ForwardingHandler {
 public:
  explicit EnvelopeValidator(EventHandler& next,
                             size_t duplicateCheckBytes = ControlNumberSet::kDefaultByteBudget);
  EnvelopeValidator(const EnvelopeValidator&) = delete;
  EnvelopeValidator& operator=(const EnvelopeValidator&) = delete;

  void onInterchangeStart(const InterchangeInfo& info, const Segment& header) override;
  void onInterchangeEnd(const Segment* trailer) override;
  void onGroupStart(const Segment& header) override;
  void onGroupEnd(const Segment* trailer) override;
  void onTransactionStart(const Segment& header) override;
  void onTransactionEnd(const Segment* trailer) override;
  void onSegment(const Segment& segment) override;
  void onFinding(const core::Finding& finding) override;

  // Every finding that reached `next` through this handler: the reader's and
  // the envelope checks'.
  size_t errorCount() const { return upstream_.errors + envelopeErrorCount(); }
  size_t warningCount() const { return upstream_.warnings + envelopeWarningCount(); }
  size_t infoCount() const { return upstream_.infos + x12_.infoCount() + edifact_.infoCount(); }
  size_t findingCount() const { return errorCount() + warningCount() + infoCount(); }

  // Findings raised by the envelope checks alone.
  size_t envelopeErrorCount() const { return x12_.errorCount() + edifact_.errorCount(); }
  size_t envelopeWarningCount() const { return x12_.warningCount() + edifact_.warningCount(); }

 private:
  struct Counts {
    size_t errors = 0;
    size_t warnings = 0;
    size_t infos = 0;
  };

  // The handler for events of the current interchange: a validator, or
  // `next` itself outside interchanges and for unknown standards. The
  // validators forward straight to `next`, so each event costs one extra
  // call, not a chain of them.
  EventHandler& current() { return *current_; }

  x12::EnvelopeValidator x12_;
  edifact::EnvelopeValidator edifact_;
  EventHandler* current_;
  Counts upstream_;  // findings that arrived through onFinding
};

}  // namespace bridge::parsers::edi
