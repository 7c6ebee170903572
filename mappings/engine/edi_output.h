// Outbound EDI: wraps the body segments an outbound mapping built in a
// complete interchange (ISA/GS/ST..SE/GE/IEA, or UNB/UNH..UNT/UNZ) addressed
// from us to a partner, with control numbers from a ControlNumberSource (the
// spool's persistent counters in the daemon, a counter file on the command
// line) and trailers counted by edi::Writer.
//
// Thread-safety: functions; the number source decides its own.
#pragma once

#include <ctime>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "bridge/core/status.h"
#include "bridge/partners/partner_profile.h"
#include "parsers/ack/ack_options.h"
#include "parsers/edi/segment.h"

namespace bridge::mappings {

struct OutboundEnvelope {
  parsers::edi::Standard standard = parsers::edi::Standard::kX12;
  // Interchange addresses: ISA05/06 and ISA07/08, or UNB S002 and S003.
  std::string senderQualifier;
  std::string senderId;
  std::string receiverQualifier;
  std::string receiverId;
  // X12 group: GS02/GS03 (default: the interchange ids), GS01.
  std::string applicationSender;
  std::string applicationReceiver;
  std::string functionalGroup;  // "IN" for an 810; from the target schema
  std::string usage = "P";      // ISA15 / UNB 0035 ("1" for test)
  parsers::edi::Delimiters delimiters;
  bool lineBreaks = false;
  std::string edifactSyntax = "UNOC";  // UNB S001
  std::string edifactSyntaxVersion = "3";
  // The key control numbers are counted under ("x12/ZZ/ACME").
  std::string counterKey;
};

// Control numbers counted in memory from 1, per key and kind: for tests,
// examples and `translate` without a counter file.
class SequentialNumbers : public parsers::ack::ControlNumberSource {
 public:
  core::Result<uint64_t> next(std::string_view partner, parsers::ack::ControlKind kind) override;

 private:
  std::map<std::pair<std::string, int>, uint64_t> next_;
};

// Our envelope towards `partner` for `standard`: the partner's first
// identity as receiver, our ids from the profile as sender, the profile's
// outbound delimiters (or the standard defaults). An error says what the
// profile lacks.
core::Result<OutboundEnvelope> envelopeFor(const partners::PartnerProfile& partner,
                                           parsers::edi::Standard standard);

// Writes one transaction set / message with body `segments` in its own
// interchange. `setId` and `version` come from the mapping's target
// ("810"/"004010", "INVOIC"/"D96A").
core::Result<std::string> writeOutbound(const std::vector<parsers::edi::OwnedSegment>& segments,
                                        const std::string& setId, const std::string& version,
                                        const OutboundEnvelope& envelope,
                                        parsers::ack::ControlNumberSource& numbers,
                                        const std::tm& now);

}  // namespace bridge::mappings
