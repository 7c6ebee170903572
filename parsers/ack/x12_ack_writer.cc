#include "parsers/ack/x12_ack_writer.h"

#include <cctype>
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

// ISA ids are fixed-width: padded with spaces, and cut when an inbound id
// was too long (its interchange is rejected for it; the TA1 still needs a
// valid ISA to reach the sender).
std::string padded(std::string value, size_t width) {
  value.resize(width, ' ');
  return value;
}

// From 00402 ISA11 is the repetition separator. An inbound interchange that
// declared none (or an unusable one) gets the first of the usual ones that
// is not already a delimiter.
char repetitionSeparator(const edi::Delimiters& delimiters) {
  const char declared = delimiters.repetition;
  const bool usable =
      declared != 0 && declared != ' ' && !std::isalnum(static_cast<unsigned char>(declared));
  if (usable) return declared;
  for (char candidate : {'^', '{', '|', '!', '`'}) {
    if (candidate != delimiters.element && candidate != delimiters.component &&
        candidate != delimiters.segment) {
      return candidate;
    }
  }
  return '^';
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

// A published interchange control version (code list I11 runs from 00200 to
// 00801); anything else falls back to the version of the ack being sent.
bool isVersion(std::string_view v) {
  return v.size() == 5 && v.find_first_not_of("0123456789") == std::string_view::npos &&
         v >= "00200" && v <= "00801";
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
  // Ids are padded again, so that an inbound ISA with badly padded ids
  // still gets an ack whose ISA is exactly 106 characters.
  const std::string senderId =
      padded(trimmed(options.sender.id.empty() ? isa.element(7) : options.sender.id), 15);
  const std::string receiverQualifier = orDefault(options.receiver.qualifier, isa.element(4));
  const std::string receiverId =
      padded(trimmed(options.receiver.id.empty() ? isa.element(5) : options.receiver.id), 15);
  const std::string partner = "x12/" + trimmed(receiverQualifier) + "/" + trimmed(receiverId);

  const std::tm now = ackTime(options);
  core::Result<uint64_t> isa13 = numbers.next(partner, ControlKind::kInterchange);
  if (!isa13) return isa13.status();
  const std::string version =
      isVersion(isa.element(11)) ? std::string(isa.element(11)) : (v5010 ? "00501" : "00401");
  const std::string_view inboundUsage = isa.element(14);
  const std::string usage = options.usageIndicator.value_or(
      inboundUsage == "T" || inboundUsage == "I" ? std::string(inboundUsage) : "P");
  // Before 00402 ISA11 is the standards identifier U; from 00402 it is the
  // repetition separator the ack is written with.
  edi::Delimiters delimiters = options.delimiters.value_or(interchange.delimiters);
  if (version >= "00402") {
    delimiters.repetition = repetitionSeparator(delimiters);
  } else {
    delimiters.repetition = 0;
  }
  const std::string isa11 = version < "00402" ? "U" : std::string(1, delimiters.repetition);
  edi::OwnedSegment header = edi::OwnedSegment::simple(
      "ISA", {"00", padded("", 10), "00", padded("", 10), senderQualifier, senderId,
              receiverQualifier, receiverId, yymmdd(now), hhmm(now), isa11, version,
              zeroPadded(*isa13 % 1000000000, 9), "0", usage, std::string(isa.element(15))});

  edi::InterchangeInfo info;
  info.standard = edi::Standard::kX12;
  info.delimiters = delimiters;
  edi::WriterOptions writerOptions;
  writerOptions.delimiters = delimiters;
  writerOptions.lineBreaks = options.lineBreaks;
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
