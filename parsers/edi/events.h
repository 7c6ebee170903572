// The event interface every EDI reader produces and every consumer (validator,
// writer, JSON printer, tree builder, later the spool) implements.
//
// Events arrive in document order:
//   onInterchangeStart(info, ISA|UNB)
//     onSegment(...)                 interchange-level segments (ISB, TA1, ...)
//     onGroupStart(GS|UNG)
//       onTransactionStart(ST|UNH)
//         onSegment(...)             body segments, header and trailer excluded
//       onTransactionEnd(SE|UNT or nullptr)
//     onGroupEnd(GE|UNE or nullptr)
//   onInterchangeEnd(IEA|UNZ or nullptr)
//   onFinding(...)                   at any point, as soon as a problem is seen
//
// A null trailer means the trailer was missing (the next header arrived first,
// or the input ended): the reader closes what is open so that every start has
// exactly one end. Segments that arrive outside any envelope are still
// delivered (onSegment outside an interchange, or a transaction outside a
// group) together with a finding, so that nothing is silently dropped.
//
// Every Segment argument is a view valid only during the call.
//
// Thread-safety: handlers are called from the reading thread only.
#pragma once

#include "bridge/core/finding.h"
#include "parsers/edi/segment.h"

namespace bridge::parsers::edi {

// What the reader learnt about an interchange from its header.
struct InterchangeInfo {
  Standard standard = Standard::kUnknown;
  Delimiters delimiters;
  bool serviceStringAdvice = false;  // EDIFACT: the interchange began with UNA
  bool hasHeader = true;             // false for EDIFACT messages with no UNB
};

class EventHandler : public core::FindingSink {
 public:
  ~EventHandler() override = default;

  // `header` is the ISA or UNB segment. For EDIFACT messages that arrive
  // without UNB, info.hasHeader is false and header is an empty segment.
  virtual void onInterchangeStart(const InterchangeInfo& info, const Segment& header) {
    (void)info;
    (void)header;
  }
  virtual void onInterchangeEnd(const Segment* trailer) { (void)trailer; }
  virtual void onGroupStart(const Segment& header) { (void)header; }
  virtual void onGroupEnd(const Segment* trailer) { (void)trailer; }
  virtual void onTransactionStart(const Segment& header) { (void)header; }
  virtual void onTransactionEnd(const Segment* trailer) { (void)trailer; }
  virtual void onSegment(const Segment& segment) { (void)segment; }
  void onFinding(const core::Finding& finding) override { (void)finding; }
};

// Passes every event on to `next`. Derive from it to observe or add to a
// stream without changing it (the envelope validator does).
// REQUIRES: `next` outlives this handler.
class ForwardingHandler : public EventHandler {
 public:
  explicit ForwardingHandler(EventHandler& next) : next_(next) {}

  void onInterchangeStart(const InterchangeInfo& info, const Segment& header) override {
    next_.onInterchangeStart(info, header);
  }
  void onInterchangeEnd(const Segment* trailer) override { next_.onInterchangeEnd(trailer); }
  void onGroupStart(const Segment& header) override { next_.onGroupStart(header); }
  void onGroupEnd(const Segment* trailer) override { next_.onGroupEnd(trailer); }
  void onTransactionStart(const Segment& header) override { next_.onTransactionStart(header); }
  void onTransactionEnd(const Segment* trailer) override { next_.onTransactionEnd(trailer); }
  void onSegment(const Segment& segment) override { next_.onSegment(segment); }
  void onFinding(const core::Finding& finding) override { next_.onFinding(finding); }

 protected:
  EventHandler& next() { return next_; }

 private:
  EventHandler& next_;
};

}  // namespace bridge::parsers::edi
