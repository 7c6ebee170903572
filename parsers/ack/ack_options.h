// AckOptions: what acknowledgements to send and how to address and number
// them. docs/acknowledgements.md describes the choices.
//
// Thread-safety: values; a ControlNumberSource is used by one writer at a time
// unless its implementation says otherwise.
#pragma once

#include <cstdint>
#include <ctime>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "bridge/core/status.h"
#include "parsers/edi/segment.h"

namespace bridge::parsers::ack {

enum class FunctionalAck { kNone, k997, k999 };

enum class Ta1Policy {
  kOnRequest,  // when ISA14 = 1, or when the interchange envelope has errors
  kAlways,
  kOnError,  // only when the interchange envelope has errors
  kNever,
};

enum class ContrlLevel {
  kNone,         // no CONTRL
  kReceipt,      // UCI 0083 = 8 only: the interchange arrived
  kInterchange,  // UCI 7 or 4; UCM only for messages with errors
  kMessage,      // UCI 7 or 4; UCM for every message
};

// What kind of number is asked for; numbers run separately per kind.
enum class ControlKind { kInterchange, kGroup, kTransaction };

// Hands out control numbers for outbound acknowledgements.
class ControlNumberSource {
 public:
  virtual ~ControlNumberSource() = default;
  // The next number for `partner` (a key naming the receiving partner and the
  // standard, see docs/acknowledgements.md) and `kind`; never 0.
  virtual core::Result<uint64_t> next(std::string_view partner, ControlKind kind) = 0;
};

// Our own interchange address on the ack. Empty fields keep the default: the
// inbound receiver, so that the ack goes back where the input came from.
struct PartyOverride {
  std::string qualifier;        // ISA05 / UNB S002 0007
  std::string id;               // ISA06 / UNB S002 0004
  std::string applicationCode;  // GS02 / UNG sender (X12 only)
};

struct AckOptions {
  FunctionalAck functionalAck = FunctionalAck::k997;
  Ta1Policy ta1 = Ta1Policy::kOnRequest;
  ContrlLevel contrl = ContrlLevel::kInterchange;
  // Our sender id on the ack (default: the inbound receiver).
  PartyOverride sender;
  // The ack's receiver (default: the inbound sender).
  PartyOverride receiver;
  // Delimiters of the acks (default: those of the inbound interchange).
  std::optional<edi::Delimiters> delimiters;
  bool lineBreaks = false;
  // ISA15 of the ack (default: the inbound ISA15); EDIFACT: UNB 0035.
  std::optional<std::string> usageIndicator;
  // The time written into ISA09/10, GS04/05 and UNB S004 (default: now, UTC).
  std::function<std::tm()> clock;
  // Findings of the transaction set's segments beyond this many are not
  // written as AK3/IK3 loops (the set is still rejected).
  size_t maxSegmentErrorsPerTransaction = 100;
};

// The current time in UTC, the default clock.
std::tm utcNow();

}  // namespace bridge::parsers::ack
