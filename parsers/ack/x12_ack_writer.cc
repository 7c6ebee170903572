#include "parsers/ack/x12_ack_writer.h"

#include <cstdio>
#include <string>
#include <vector>

#include "parsers/ack/ack_emitter.h"
#include "parsers/ack/clock_format.h"
#include "parsers/ack/functional_ack.h"
#include "parsers/ack/ta1.h"

namespace bridge::parsers::ack {
namespace {

constexpr size_t kIsaFields = 16;

std::string padded(std::string value, size_t width) {
  if (value.size() < width) value.append(width - value.size(), ' ');
  return value;
}

std::string trimmed(std::string_view value) {
  while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
  return std::string(value);
}

std::string zeroPadded(uint64_t number, int width) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%0*llu", width, static_cast<unsigned long long>(number));
  return buffer;
}

bool isVersion(std::string_view v) {
  return v.size() == 5 && v.find_first_not_of("0123456789") == std::string_view::npos;
}

std::string orDefault(const std::string& override, std::string_view inbound) {
  return override.empty() ? std::string(inbound) : override;
}

}  // namespace

core::Status writeX12Acknowledgement(const InterchangeReport& interchange,
                                     const AckOptions& options, ControlNumberSource& numbers,
                                     std::ostream& out) {
  const edi::OwnedSegment& isa = interchange.header;
  // Without a complete ISA there is no address to answer to.
  if (!interchange.hasHeader || isa.elements.size() != kIsaFields) return core::Status::ok();
  if (interchange.groups.empty() && interchange.ta1Count > 0) return core::Status::ok();

  const Ta1Decision ta1 = decideTa1(interchange, options.ta1);
  const bool v5010 = options.functionalAck == FunctionalAck::k999;
  std::vector<const GroupReport*> groups;
  if (ta1.verdict != Verdict::kRejected && options.functionalAck != FunctionalAck::kNone) {
    for (const GroupReport& group : interchange.groups) {
      if (needsFunctionalAck(group)) groups.push_back(&group);
    }
  }
  if (!ta1.send && groups.empty()) return core::Status::ok();

  // Our address is the inbound receiver's, theirs the inbound sender's.
  const std::string senderQualifier = orDefault(options.sender.qualifier, isa.element(6));
  const std::string senderId =
      options.sender.id.empty() ? std::string(isa.element(7)) : padded(options.sender.id, 15);
  const std::string receiverQualifier = orDefault(options.receiver.qualifier, isa.element(4));
  const std::string receiverId =
      options.receiver.id.empty() ? std::string(isa.element(5)) : padded(options.receiver.id, 15);
  const std::string partner = "x12/" + trimmed(receiverQualifier) + "/" + trimmed(receiverId);

  const std::tm now = ackTime(options);
  core::Result<uint64_t> isa13 = numbers.next(partner, ControlKind::kInterchange);
  if (!isa13) return isa13.status();
  const std::string version =
      isVersion(isa.element(11)) ? std::string(isa.element(11)) : (v5010 ? "00501" : "00401");
  const std::string usage =
      options.usageIndicator.value_or(isa.element(14).empty() ? "P" : std::string(isa.element(14)));
  // ISA11 and ISA16 are set by the writer from the delimiters it writes with.
  const std::string isa11 = isa.element(10).empty() ? "U" : std::string(isa.element(10));
  edi::OwnedSegment header = edi::OwnedSegment::simple(
      "ISA", {"00", padded("", 10), "00", padded("", 10), senderQualifier, senderId,
              receiverQualifier, receiverId, yymmdd(now), hhmm(now), isa11, version,
              zeroPadded(*isa13 % 1000000000, 9), "0", usage, std::string(isa.element(15))});

  edi::InterchangeInfo info;
  info.standard = edi::Standard::kX12;
  info.delimiters = interchange.delimiters;
  edi::WriterOptions writerOptions;
  writerOptions.delimiters = options.delimiters;
  writerOptions.lineBreaks = options.lineBreaks;
  const edi::Delimiters delimiters = options.delimiters.value_or(interchange.delimiters);
  AckEmitter emitter(out, writerOptions);
  emitter.startInterchange(info, header);
  if (ta1.send) emitter.segment(ta1Segment(interchange, ta1));

  for (const GroupReport* group : groups) {
    core::Result<uint64_t> gs06 = numbers.next(partner, ControlKind::kGroup);
    if (!gs06) return gs06.status();
    core::Result<uint64_t> st02 = numbers.next(partner, ControlKind::kTransaction);
    if (!st02) return st02.status();
    const std::string gsSender =
        orDefault(options.sender.applicationCode, group->header.element(2));
    const std::string gsReceiver =
        orDefault(options.receiver.applicationCode, group->header.element(1));
    emitter.startGroup(edi::OwnedSegment::simple(
        "GS", {"FA", gsSender, gsReceiver, ccyymmdd(now), hhmm(now), std::to_string(*gs06), "X",
               v5010 ? "005010X231A1" : "004010"}));
    writeFunctionalAck(*group, v5010, zeroPadded(*st02 % 1000000000, 4), options, delimiters,
                       emitter);
    emitter.endGroup();
  }
  emitter.endInterchange();
  return emitter.status();
}

}  // namespace bridge::parsers::ack
