// Test support for the envelope validators: a Recorder that keeps every event
// and finding in arrival order, and a small interchange model that plays
// itself into a handler the way a reader would (segment positions numbered
// from 1). Linked into the test binary only.
//
// Thread-safety: none; one test, one thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "bridge/core/finding.h"
#include "parsers/edi/events.h"
#include "parsers/edi/segment.h"

namespace bridge::parsers::edi::envelope_testing {

using Codes = std::vector<std::string>;

// EXPECT_TRUE(contains(message, "...")) prints the whole text on failure.
inline ::testing::AssertionResult contains(const std::string& text, std::string_view part) {
  if (text.find(part) != std::string::npos) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "'" << text << "' does not contain '" << part << "'";
}

// "TAG|a|b:c|d^e": components joined with ':', repetitions with '^'.
inline std::string describe(const Segment& segment) {
  std::string out(segment.tag());
  for (size_t e = 0; e < segment.elementCount(); ++e) {
    out += '|';
    for (size_t r = 0; r < segment.repetitionCount(e); ++r) {
      if (r > 0) out += '^';
      for (size_t c = 0; c < segment.componentCount(e, r); ++c) {
        if (c > 0) out += ':';
        out += segment.value(e, r, c);
      }
    }
  }
  out += " @" + std::to_string(segment.index());
  return out;
}

class Recorder : public EventHandler {
 public:
  void onInterchangeStart(const InterchangeInfo& info, const Segment& header) override {
    events.push_back("interchange " + std::string(standardName(info.standard)) +
                     (info.hasHeader ? " " : " (no header) ") + describe(header));
  }
  void onInterchangeEnd(const Segment* trailer) override { end("end-interchange", trailer); }
  void onGroupStart(const Segment& header) override {
    events.push_back("group " + describe(header));
  }
  void onGroupEnd(const Segment* trailer) override { end("end-group", trailer); }
  void onTransactionStart(const Segment& header) override {
    events.push_back("transaction " + describe(header));
  }
  void onTransactionEnd(const Segment* trailer) override { end("end-transaction", trailer); }
  void onSegment(const Segment& segment) override {
    events.push_back("segment " + describe(segment));
  }
  void onFinding(const core::Finding& finding) override {
    events.push_back("finding " + finding.code);
    findings.push_back(finding);
  }

  std::vector<std::string> eventsWithoutFindings() const {
    std::vector<std::string> out;
    for (const std::string& event : events) {
      if (event.rfind("finding ", 0) != 0) out.push_back(event);
    }
    return out;
  }
  std::vector<std::string> codes() const {
    std::vector<std::string> out;
    for (const core::Finding& finding : findings) out.push_back(finding.code);
    return out;
  }
  std::vector<core::Finding> withCode(std::string_view code) const {
    std::vector<core::Finding> out;
    for (const core::Finding& finding : findings) {
      if (finding.code == code) out.push_back(finding);
    }
    return out;
  }
  // The only finding with `code`; an empty finding (code "") when there is
  // not exactly one, so that assertions on it fail readably.
  core::Finding only(std::string_view code) const {
    std::vector<core::Finding> found = withCode(code);
    return found.size() == 1 ? found[0] : core::Finding{core::Severity::kInfo, "", "", {}, {}};
  }

  std::vector<std::string> events;
  std::vector<core::Finding> findings;

 private:
  void end(const char* what, const Segment* trailer) {
    events.push_back(std::string(what) + " " + (trailer ? describe(*trailer) : "(none)"));
  }
};

// A segment with composite elements: {{"UNOC", "3"}, {"SENDER"}} is UNOC:3+SENDER.
inline OwnedSegment composite(std::string tag, std::vector<std::vector<std::string>> elements) {
  OwnedSegment out;
  out.tag = std::move(tag);
  for (std::vector<std::string>& components : elements) {
    out.elements.push_back({std::move(components)});
  }
  return out;
}

struct Transaction {
  OwnedSegment header;
  size_t bodySegments = 0;  // plays "BDY" segments in between
  std::optional<OwnedSegment> trailer;
};

struct Group {
  OwnedSegment header;
  std::vector<Transaction> transactions;
  std::optional<OwnedSegment> trailer;
};

struct Interchange {
  InterchangeInfo info;
  OwnedSegment header;
  std::vector<OwnedSegment> serviceSegments;  // interchange-level segments (TA1, ISB ...)
  std::vector<Group> groups;
  std::vector<Transaction> ungrouped;  // messages directly in the interchange
  std::optional<OwnedSegment> trailer;
};

class Player {
 public:
  explicit Player(EventHandler& handler) : handler_(handler) {}

  void play(const Interchange& interchange) {
    handler_.onInterchangeStart(interchange.info, view(interchange.header));
    for (const OwnedSegment& segment : interchange.serviceSegments) {
      handler_.onSegment(view(segment));
    }
    for (const Group& group : interchange.groups) {
      handler_.onGroupStart(view(group.header));
      for (const Transaction& transaction : group.transactions) play(transaction);
      end(group.trailer, &EventHandler::onGroupEnd);
    }
    for (const Transaction& transaction : interchange.ungrouped) play(transaction);
    end(interchange.trailer, &EventHandler::onInterchangeEnd);
  }

  void play(const Transaction& transaction) {
    handler_.onTransactionStart(view(transaction.header));
    for (size_t i = 0; i < transaction.bodySegments; ++i) {
      handler_.onSegment(view(OwnedSegment::simple("BDY", {std::to_string(i + 1)})));
    }
    end(transaction.trailer, &EventHandler::onTransactionEnd);
  }

 private:
  const Segment& view(const OwnedSegment& segment) {
    OwnedSegment numbered = segment;
    numbered.index = ++index_;
    numbered.line = index_;
    numbered.byteOffset = (index_ - 1) * 10;
    owned_ = std::move(numbered);
    owned_.view(segment_);
    return segment_;
  }
  void end(const std::optional<OwnedSegment>& trailer,
           void (EventHandler::*method)(const Segment*)) {
    if (trailer) {
      (handler_.*method)(&view(*trailer));
    } else {
      (handler_.*method)(nullptr);
    }
  }

  EventHandler& handler_;
  uint64_t index_ = 0;
  OwnedSegment owned_;
  Segment segment_;
};

}  // namespace bridge::parsers::edi::envelope_testing
