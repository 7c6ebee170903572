#include "mappings/engine/edi_output.h"

#include <cstdio>
#include <sstream>

#include "parsers/ack/ack_emitter.h"
#include "parsers/ack/clock_format.h"

namespace bridge::mappings {
namespace {

using parsers::edi::OwnedSegment;
using parsers::edi::Standard;

std::string padded(std::string value, size_t width) {
  if (value.size() < width) value.append(width - value.size(), ' ');
  return value;
}

std::string zeroPadded(uint64_t value, int width) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%0*llu", width, static_cast<unsigned long long>(value));
  return buffer;
}

// X12 ISA12 from a GS08-style version: "004010" -> "00401".
std::string isa12Of(const std::string& version) {
  return version.size() >= 5 ? version.substr(0, 5) : "00401";
}

}  // namespace

core::Result<uint64_t> SequentialNumbers::next(std::string_view partner,
                                               parsers::ack::ControlKind kind) {
  return ++next_[{std::string(partner), static_cast<int>(kind)}];
}

core::Result<OutboundEnvelope> envelopeFor(const partners::PartnerProfile& partner,
                                           Standard standard) {
  OutboundEnvelope envelope;
  envelope.standard = standard;
  if (standard == Standard::kX12) {
    if (!partner.x12 || partner.x12->interchangeIds.empty()) {
      return core::Status::invalidArgument("partner '" + partner.id + "' (" + partner.file +
                                           ") has no x12 section; add its interchange ids");
    }
    const auto& x12 = *partner.x12;
    if (!x12.ourIds || x12.ourIds->id.empty()) {
      return core::Status::invalidArgument(
          "partner '" + partner.id + "' (" + partner.file +
          "): outbound X12 needs our own ids; set x12 our-ids (qualifier and id)");
    }
    envelope.receiverQualifier = x12.interchangeIds.front().qualifier;
    envelope.receiverId = x12.interchangeIds.front().id;
    envelope.senderQualifier = x12.ourIds->qualifier;
    envelope.senderId = x12.ourIds->id;
    envelope.applicationSender =
        x12.ourIds->applicationId.empty() ? x12.ourIds->id : x12.ourIds->applicationId;
    envelope.applicationReceiver =
        x12.applicationIds.empty() ? envelope.receiverId : x12.applicationIds.front();
    envelope.delimiters =
        x12.outbound.delimiters.value_or(parsers::edi::Delimiters{'*', ':', '^', '~', 0, 0});
    envelope.lineBreaks = x12.outbound.lineBreaks;
    if (x12.outbound.usage)
      envelope.usage = *x12.outbound.usage == partners::Usage::kTest ? "T" : "P";
    envelope.counterKey = "x12/" + envelope.receiverQualifier + "/" + envelope.receiverId;
    return envelope;
  }
  if (!partner.edifact || partner.edifact->ids.empty()) {
    return core::Status::invalidArgument("partner '" + partner.id + "' (" + partner.file +
                                         ") has no edifact section; add its UNB ids");
  }
  const auto& edifact = *partner.edifact;
  if (!edifact.ourIds || edifact.ourIds->id.empty()) {
    return core::Status::invalidArgument(
        "partner '" + partner.id + "' (" + partner.file +
        "): outbound EDIFACT needs our own ids; set edifact our-ids (id and qualifier)");
  }
  envelope.receiverId = edifact.ids.front().id;
  envelope.receiverQualifier = edifact.ids.front().qualifier;
  envelope.senderId = edifact.ourIds->id;
  envelope.senderQualifier = edifact.ourIds->qualifier;
  envelope.delimiters =
      edifact.outbound.delimiters.value_or(parsers::edi::Delimiters{'+', ':', 0, '\'', '?', '.'});
  envelope.lineBreaks = edifact.outbound.lineBreaks;
  if (edifact.outbound.syntax) envelope.edifactSyntax = *edifact.outbound.syntax;
  if (edifact.outbound.syntaxVersion) {
    envelope.edifactSyntaxVersion = std::to_string(*edifact.outbound.syntaxVersion);
  }
  envelope.usage.clear();
  envelope.counterKey = "edifact/" + envelope.receiverId;
  return envelope;
}

core::Result<std::string> writeOutbound(const std::vector<OwnedSegment>& segments,
                                        const std::string& setId, const std::string& version,
                                        const OutboundEnvelope& envelope,
                                        parsers::ack::ControlNumberSource& numbers,
                                        const std::tm& now) {
  using parsers::ack::ControlKind;
  auto interchange = numbers.next(envelope.counterKey, ControlKind::kInterchange);
  if (!interchange) return interchange.status();
  auto transaction = numbers.next(envelope.counterKey, ControlKind::kTransaction);
  if (!transaction) return transaction.status();

  std::ostringstream out;
  parsers::edi::WriterOptions options;
  options.delimiters = envelope.delimiters;
  options.lineBreaks = envelope.lineBreaks;
  parsers::ack::AckEmitter emitter(out, options);
  parsers::edi::InterchangeInfo info;
  info.standard = envelope.standard;
  info.delimiters = envelope.delimiters;

  if (envelope.standard == Standard::kX12) {
    auto group = numbers.next(envelope.counterKey, ControlKind::kGroup);
    if (!group) return group.status();
    const std::string isa12 = isa12Of(version);
    const std::string isa11 = isa12 < "00402" || envelope.delimiters.repetition == 0
                                  ? "U"
                                  : std::string(1, envelope.delimiters.repetition);
    emitter.startInterchange(
        info,
        OwnedSegment::simple(
            "ISA", {"00", padded("", 10), "00", padded("", 10), envelope.senderQualifier,
                    padded(envelope.senderId, 15), envelope.receiverQualifier,
                    padded(envelope.receiverId, 15), parsers::ack::yymmdd(now),
                    parsers::ack::hhmm(now), isa11, isa12, zeroPadded(*interchange % 1000000000, 9),
                    "0", envelope.usage, std::string(1, envelope.delimiters.component)}));
    emitter.startGroup(OwnedSegment::simple(
        "GS", {envelope.functionalGroup, envelope.applicationSender, envelope.applicationReceiver,
               parsers::ack::ccyymmdd(now), parsers::ack::hhmm(now), std::to_string(*group), "X",
               version}));
    emitter.startTransaction(
        OwnedSegment::simple("ST", {setId, zeroPadded(*transaction % 1000000000, 4)}));
    for (const OwnedSegment& segment : segments) emitter.segment(segment);
    emitter.endTransaction();
    emitter.endGroup();
    emitter.endInterchange();
  } else {
    using parsers::ack::composite;
    using parsers::ack::segmentOf;
    info.serviceStringAdvice = true;
    const std::string release = version.size() > 1 ? version.substr(1) : version;
    std::vector<OwnedSegment::Element> unb = {
        composite({envelope.edifactSyntax, envelope.edifactSyntaxVersion}),
        composite({envelope.senderId, envelope.senderQualifier}),
        composite({envelope.receiverId, envelope.receiverQualifier}),
        composite({parsers::ack::yymmdd(now), parsers::ack::hhmm(now)}),
        composite({std::to_string(*interchange)})};
    emitter.startInterchange(info, segmentOf("UNB", std::move(unb)));
    emitter.startTransaction(
        segmentOf("UNH", {composite({std::to_string(*transaction)}),
                          composite({setId, version.substr(0, 1), release, "UN"})}));
    for (const OwnedSegment& segment : segments) emitter.segment(segment);
    emitter.endTransaction();
    emitter.endInterchange();
  }
  if (!emitter.status().isOk()) return emitter.status();
  return out.str();
}

}  // namespace bridge::mappings
