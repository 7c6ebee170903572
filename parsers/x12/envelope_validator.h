// EnvelopeValidator (X12): checks the values and counts of ISA/IEA, GS/GE
// and ST/SE envelopes in an event stream and reports what is wrong as
// findings, passing every event on unchanged.
//
// What it checks (codes and fixes in docs/findings.md): every ISA field
// (lengths, code values, date, time, version, control number, separators),
// every GS field and GS08 against ISA12, IEA01/GE01/SE01 counts, IEA02/GE02/
// SE02 against their headers, duplicate ST02 within a group and duplicate
// GS06 within an interchange. Structural problems (missing headers and
// trailers, the ISA's overall length, segments outside an envelope) are the
// reader's; a null trailer is simply not checked.
//
// Ordering: a finding is delivered while the envelope it is about is open
// downstream. Header findings follow the forwarded start event; trailer
// findings precede the forwarded end event.
//
// Memory: a few header values per open envelope and the control numbers of
// the current group and interchange (bounded, see ControlNumberSet); nothing
// per segment.
//
// An interchange that arrived without ISA (InterchangeInfo::hasHeader false)
// gets its group and transaction set checks and the IEA01 count only. Interchanges of another
// standard are forwarded without checks.
//
// Thread-safety: one validator per input, used from the reading thread.
// REQUIRES: `next` outlives the validator.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "bridge/core/finding.h"
#include "parsers/edi/control_number_set.h"
#include "parsers/edi/events.h"
#include "parsers/edi/finding_reporter.h"

namespace bridge::parsers::x12 {

class EnvelopeValidator : public edi::ForwardingHandler {
 public:
  explicit EnvelopeValidator(
      edi::EventHandler& next,
      size_t duplicateCheckBytes = edi::ControlNumberSet::kDefaultByteBudget);

  void onInterchangeStart(const edi::InterchangeInfo& info, const edi::Segment& header) override;
  void onInterchangeEnd(const edi::Segment* trailer) override;
  void onGroupStart(const edi::Segment& header) override;
  void onGroupEnd(const edi::Segment* trailer) override;
  void onTransactionStart(const edi::Segment& header) override;
  void onTransactionEnd(const edi::Segment* trailer) override;
  void onSegment(const edi::Segment& segment) override;
  // What onSegment() does for a body segment before passing it on, for a
  // caller that passes it on itself (edi::EnvelopeValidator).
  void countBodySegment() {
    if (inTransaction_) ++segments_;
  }

  // Findings this validator reported (not those it forwarded).
  size_t errorCount() const { return findings_.errorCount(); }
  size_t warningCount() const { return findings_.warningCount(); }
  size_t infoCount() const { return findings_.infoCount(); }

 private:
  void checkIsa(const edi::Segment& isa);
  void checkIea(const edi::Segment& iea);
  void checkGs(const edi::Segment& gs);
  void checkGe(const edi::Segment& ge);
  void checkSt(const edi::Segment& st);
  void checkSe(const edi::Segment& se);

  // ISA12 as a number (00401 -> 401), or -1 when it is not 5 digits.
  int isaVersion_ = -1;
  bool active_ = false;  // inside an X12 interchange (with or without ISA)
  bool hasIsa_ = false;  // the interchange began with ISA
  edi::Delimiters delimiters_;
  std::string isa12_;
  std::string isa13_;
  uint64_t groups_ = 0;
  edi::ControlNumberSet groupNumbers_;
  bool groupLimitReported_ = false;

  bool inGroup_ = false;
  std::string gs06_;
  std::string gs08_;
  uint64_t transactions_ = 0;
  edi::ControlNumberSet transactionNumbers_;
  bool transactionLimitReported_ = false;

  bool inTransaction_ = false;
  std::string st01_;
  std::string st02_;
  uint64_t segments_ = 0;  // body segments of the open transaction set

  edi::FindingReporter findings_;
};

}  // namespace bridge::parsers::x12
