#include "bridge/partners/ack_policy.h"

#include "parsers/edi/value_rules.h"

namespace bridge::partners {
namespace {

namespace ack = parsers::ack;

// 999 answers groups of 005010 and later; older groups get a 997. The first
// group with a header decides (a 999 cannot acknowledge a 004010 group).
ack::FunctionalAck functionalAckByVersion(const ack::InterchangeReport& interchange) {
  for (const ack::GroupReport& group : interchange.groups) {
    if (!group.hasHeader) continue;
    const std::string_view gs08 = group.header.element(7);
    // A GS08 that does not start with six digits says nothing; ISA12 decides.
    if (gs08.size() < 6 || !parsers::edi::isDigits(gs08.substr(0, 6))) break;
    return gs08.substr(0, 6) >= "005010" ? ack::FunctionalAck::k999 : ack::FunctionalAck::k997;
  }
  return interchange.syntaxVersion >= "00501" ? ack::FunctionalAck::k999 : ack::FunctionalAck::k997;
}

}  // namespace

ack::AckOptions ackOptionsFor(const PartnerProfile* partner,
                              const ack::InterchangeReport& interchange) {
  ack::AckOptions options;
  options.functionalAck = functionalAckByVersion(interchange);
  if (partner == nullptr) return options;
  if (interchange.standard == parsers::edi::Standard::kX12 && partner->x12) {
    const X12Profile& x12 = *partner->x12;
    if (x12.acknowledgement) options.functionalAck = *x12.acknowledgement;
    options.ta1 = x12.ta1;
    if (x12.ourIds) {
      options.sender.qualifier = x12.ourIds->qualifier;
      options.sender.id = x12.ourIds->id;
      options.sender.applicationCode = x12.ourIds->applicationId;
    }
    options.delimiters = x12.outbound.delimiters;
    options.lineBreaks = x12.outbound.lineBreaks;
    if (x12.outbound.usage) {
      options.usageIndicator = std::string(1, *x12.outbound.usage == Usage::kTest ? 'T' : 'P');
    }
  } else if (interchange.standard == parsers::edi::Standard::kEdifact && partner->edifact) {
    const EdifactProfile& edifact = *partner->edifact;
    options.contrl = edifact.contrl;
    if (edifact.ourIds) {
      options.sender.id = edifact.ourIds->id;
      options.sender.qualifier = edifact.ourIds->qualifier;
    }
    options.delimiters = edifact.outbound.delimiters;
    options.lineBreaks = edifact.outbound.lineBreaks;
  }
  return options;
}

}  // namespace bridge::partners
