// Test support for code that consumes or produces EDI events: EventLog
// records an event stream as comparable text lines, EventScript replays a
// hand-written one. Linked into the test binary only.
//
// Thread-safety: none; one test, one thread.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "parsers/edi/events.h"
#include "parsers/edi/segment.h"

namespace bridge::parsers::edi::event_testing {

// "N1[\"ST\",[\"A\",\"B\"],{\"repeats\":[\"x\",\"y\"]}]": tag and elements,
// unambiguous whatever the values hold.
std::string describeSegment(const Segment& segment);

// One line per event. Positions (offsets, lines) are left out so that the
// same content read from differently laid out bytes compares equal; findings
// are recorded by severity and code.
class EventLog : public EventHandler {
 public:
  void onInterchangeStart(const InterchangeInfo& info, const Segment& header) override;
  void onInterchangeEnd(const Segment* trailer) override;
  void onGroupStart(const Segment& header) override;
  void onGroupEnd(const Segment* trailer) override;
  void onTransactionStart(const Segment& header) override;
  void onTransactionEnd(const Segment* trailer) override;
  void onSegment(const Segment& segment) override;
  void onFinding(const core::Finding& finding) override;

  std::vector<std::string> lines;
  std::vector<core::Finding> findings;
  bool hasError() const;
};

// Passes every event to two handlers, `first` then `second`.
class Tee : public EventHandler {
 public:
  Tee(EventHandler& first, EventHandler& second) : first_(first), second_(second) {}
  void onInterchangeStart(const InterchangeInfo& info, const Segment& header) override;
  void onInterchangeEnd(const Segment* trailer) override;
  void onGroupStart(const Segment& header) override;
  void onGroupEnd(const Segment* trailer) override;
  void onTransactionStart(const Segment& header) override;
  void onTransactionEnd(const Segment* trailer) override;
  void onSegment(const Segment& segment) override;
  void onFinding(const core::Finding& finding) override;

 private:
  EventHandler& first_;
  EventHandler& second_;
};

// A scripted event stream, built with chained calls and played into a handler.
class EventScript {
 public:
  EventScript& interchange(const InterchangeInfo& info, OwnedSegment header);
  EventScript& endInterchange(std::optional<OwnedSegment> trailer);
  EventScript& group(OwnedSegment header);
  EventScript& endGroup(std::optional<OwnedSegment> trailer);
  EventScript& transaction(OwnedSegment header);
  EventScript& endTransaction(std::optional<OwnedSegment> trailer);
  EventScript& segment(OwnedSegment segment);

  void play(EventHandler& handler) const;

 private:
  enum class Kind {
    kInterchange,
    kEndInterchange,
    kGroup,
    kEndGroup,
    kTransaction,
    kEndTransaction,
    kSegment
  };
  struct Step {
    Kind kind;
    InterchangeInfo info;
    std::optional<OwnedSegment> segment;
  };
  std::vector<Step> steps_;
};

// X12 00501 delimiters: * > ^ ~
InterchangeInfo x12Info();
// EDIFACT defaults without UNA: + : ? '
InterchangeInfo edifactInfo();

// A 106-byte ISA for version 00501 with control number `control`.
OwnedSegment x12Isa(const std::string& control = "000000001", const std::string& version = "00501",
                    const std::string& isa11 = "^");

}  // namespace bridge::parsers::edi::event_testing
