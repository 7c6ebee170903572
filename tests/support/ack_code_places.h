// Where each acknowledgement kind writes the code of a finding, and reading
// those codes back from acknowledgement text: the check that a variant's code
// lands in the element the standard gives it, not merely somewhere in the ack.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "parsers/ack/ack_codes.h"
#include "parsers/edi/events.h"
#include "parsers/edi/reader.h"
#include "parsers/edi/segment.h"

namespace bridge::testing {

// A code position: the segment and the 0-based elements that may hold it
// (AK5 / AK9 carry up to five codes in a row).
struct AckCodePlace {
  std::string_view segment;
  size_t firstElement = 0;
  size_t lastElement = 0;
};

// The place names used in variant file names; false for an unknown name.
inline bool findAckCodePlace(std::string_view name, AckCodePlace& out) {
  struct Named {
    std::string_view name;
    AckCodePlace place;
  };
  static constexpr Named kPlaces[] = {
      {"ta105", {"TA1", 4, 4}},
      {"ak905", {"AK9", 4, 8}},
      {"ak502", {"AK5", 1, 5}},
      {"ik502", {"IK5", 1, 5}},
      {"ak304", {"AK3", 3, 3}},
      {"ik304", {"IK3", 3, 3}},
      {"ak403", {"AK4", 2, 2}},
      {"ik403", {"IK4", 2, 2}},
      // CONTRL 0085: UCI and UCF carry it fifth, UCM fourth, UCS second, UCD first.
      {"uci", {"UCI", 4, 4}},
      {"ucf", {"UCF", 4, 4}},
      {"ucm", {"UCM", 3, 3}},
      {"ucs", {"UCS", 1, 1}},
      {"ucd", {"UCD", 0, 0}},
  };
  for (const Named& named : kPlaces) {
    if (named.name == name) {
      out = named.place;
      return true;
    }
  }
  return false;
}

// The place name a table entry's code goes to for a variant directory, or ""
// when that kind acknowledges nothing at the entry's level.
inline std::string_view ackCodePlaceName(std::string_view kind, parsers::ack::AckLevel level) {
  using L = parsers::ack::AckLevel;
  if (kind == "ta1") return level == L::kInterchange ? "ta105" : "";
  if (kind == "contrl") {
    switch (level) {
      case L::kInterchange:
        return "uci";
      case L::kGroup:
        return "ucf";
      case L::kTransaction:
        return "ucm";
      case L::kSegment:
        return "ucs";
      case L::kElement:
        return "ucd";
    }
    return "";
  }
  const bool v5010 = kind == "x12-999";
  switch (level) {
    case L::kInterchange:
      return "";
    case L::kGroup:
      return "ak905";
    case L::kTransaction:
      return v5010 ? "ik502" : "ak502";
    case L::kSegment:
      return v5010 ? "ik304" : "ak304";
    case L::kElement:
      return v5010 ? "ik403" : "ak403";
  }
  return "";
}

// The transaction set every ack of a variant directory must be: the 997 and
// the 999 are chosen by the inbound version, so a variant in the wrong
// directory would test the other kind's codes.
inline std::string_view ackTypeOfKind(std::string_view kind) {
  if (kind == "x12-997") return "997";
  if (kind == "x12-999") return "999";
  if (kind == "contrl") return "CONTRL";
  return "";  // a rejected interchange gets its TA1 alone
}

// The table column a variant directory is checked against.
inline std::string_view ackCodeColumn(const parsers::ack::AckCodeEntry& entry,
                                      std::string_view kind) {
  if (kind == "ta1") return entry.ta1;
  if (kind == "x12-997") return entry.x12v4010;
  if (kind == "x12-999") return entry.x12v5010;
  return entry.contrl;
}

// An acknowledgement read back with our own reader: its body and
// interchange-level segments (headers and trailers hold no codes) and the
// type of each transaction set or message (997, 999, CONTRL).
struct ReadAck {
  std::vector<parsers::edi::OwnedSegment> segments;
  std::vector<std::string> types;
};

inline ReadAck readAck(std::string_view ack) {
  struct Collect : parsers::edi::EventHandler {
    ReadAck read;
    void onTransactionStart(const parsers::edi::Segment& header) override {
      // ST01, or the message type in UNH S009.
      read.types.emplace_back(header.tag() == "ST" ? header.element(0) : header.value(1, 0, 0));
    }
    void onSegment(const parsers::edi::Segment& segment) override {
      read.segments.push_back(parsers::edi::OwnedSegment::from(segment));
    }
  };
  Collect collect;
  parsers::edi::Reader reader(collect);
  reader.feed(ack);
  reader.finish();
  return std::move(collect.read);
}

// Every code written at `place` in the acknowledgement.
inline std::vector<std::string> ackCodesAt(std::string_view ack, const AckCodePlace& place) {
  std::vector<std::string> codes;
  for (const parsers::edi::OwnedSegment& segment : readAck(ack).segments) {
    if (segment.tag != place.segment) continue;
    for (size_t e = place.firstElement; e <= place.lastElement; ++e) {
      if (!segment.element(e).empty()) codes.emplace_back(segment.element(e));
    }
  }
  return codes;
}

}  // namespace bridge::testing
