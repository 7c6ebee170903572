// EnvelopeValidator (EDIFACT): checks the values and counts of UNB/UNZ,
// UNG/UNE and UNH/UNT envelopes in an event stream and reports what is wrong
// as findings, passing every event on unchanged.
//
// What it checks (codes and fixes in docs/findings.md): the UNB syntax
// identifier and version, sender, recipient, date, time and control
// reference; UNZ01 (messages, or groups when UNG is used) and UNZ02; UNG
// 0048, UNE01 and UNE02; UNH 0062 and the S009 message identifier, UNT01 and
// UNT02; duplicate UNH references and duplicate UNG references within an
// interchange. Structural problems (UNA, missing UNB or trailers, character
// sets) are the reader's; a null trailer is simply not checked, and a message
// that arrived without UNB (InterchangeInfo::hasHeader false) gets its
// message-level checks and the UNZ01 count only.
//
// Ordering: a finding is delivered while the envelope it is about is open
// downstream. Header findings follow the forwarded start event; trailer
// findings precede the forwarded end event.
//
// Memory: a few header values per open envelope and the message and group
// references of the current interchange (bounded, see ControlNumberSet);
// nothing per segment.
//
// Interchanges of another standard are forwarded without checks.
//
// Thread-safety: one validator per input, used from the reading thread.
// REQUIRES: `next` outlives the validator.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "bridge/core/finding.h"
#include "parsers/edi/control_number_set.h"
#include "parsers/edi/events.h"
#include "parsers/edi/finding_reporter.h"

namespace bridge::parsers::edifact {

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
    if (inMessage_) ++segments_;
  }

  // Findings this validator reported (not those it forwarded).
  size_t errorCount() const { return findings_.errorCount(); }
  size_t warningCount() const { return findings_.warningCount(); }
  size_t infoCount() const { return findings_.infoCount(); }

 private:
  void checkUnb(const edi::Segment& unb);
  void checkUnz(const edi::Segment& unz);
  void checkUng(const edi::Segment& ung);
  void checkUne(const edi::Segment& une);
  void checkUnh(const edi::Segment& unh);
  void checkUnt(const edi::Segment& unt);

  bool active_ = false;     // inside an EDIFACT interchange (with or without UNB)
  bool hasHeader_ = false;  // the interchange began with UNB
  int syntaxVersion_ = 0;   // UNB S001/0002, 0 when unknown
  std::string unb0020_;
  uint64_t groups_ = 0;
  uint64_t ungroupedMessages_ = 0;
  edi::ControlNumberSet groupRefs_;
  edi::ControlNumberSet messageRefs_;
  bool groupLimitReported_ = false;
  bool messageLimitReported_ = false;

  bool inGroup_ = false;
  std::string ung0048_;
  uint64_t groupMessages_ = 0;

  bool inMessage_ = false;
  std::string unh0062_;
  uint64_t segments_ = 0;  // body segments of the open message

  edi::FindingReporter findings_;
};

}  // namespace bridge::parsers::edifact
