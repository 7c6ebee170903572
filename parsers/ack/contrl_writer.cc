#include "parsers/ack/contrl_writer.h"

#include <string>
#include <vector>

#include "parsers/ack/ack_codes.h"
#include "parsers/ack/ack_emitter.h"
#include "parsers/ack/clock_format.h"
#include "parsers/ack/verdict.h"

namespace bridge::parsers::ack {
namespace {

// UNB data element positions (0-based).
constexpr size_t kUnbS001 = 0;
constexpr size_t kUnbS002 = 1;
constexpr size_t kUnbS003 = 2;
constexpr size_t kUnb0020 = 4;
constexpr size_t kUnb0035 = 10;

using Element = edi::OwnedSegment::Element;

std::string part(const edi::OwnedSegment& segment, size_t element, size_t component) {
  if (element >= segment.elements.size() || segment.elements[element].empty()) return {};
  const edi::OwnedSegment::Repetition& r = segment.elements[element][0];
  return component < r.size() ? r[component] : std::string();
}

Element copyOf(const edi::OwnedSegment& segment, size_t element, size_t maxComponents) {
  if (element >= segment.elements.size() || segment.elements[element].empty()) return {{""}};
  edi::OwnedSegment::Repetition r = segment.elements[element][0];
  if (r.size() > maxComponents) r.resize(maxComponents);
  return {r};
}

std::string_view contrlCode(const core::Finding& finding) {
  const AckCodeEntry* entry = findAckCodes(finding.code);
  return entry != nullptr ? entry->contrl : std::string_view();
}

bool segmentLevel(const core::Finding& finding) {
  const AckCodeEntry* entry = findAckCodes(finding.code);
  return entry != nullptr &&
         (entry->level == AckLevel::kSegment || entry->level == AckLevel::kElement);
}

// 0083, 0085, 0135, S011 of UCI / UCF / UCM: the action, then the first
// coded finding about the envelope itself and where it is.
std::vector<Element> action(const FindingList& findings, const Judgement& judgement,
                            const char* accepted) {
  std::vector<Element> out = {
      composite({judgement.verdict == Verdict::kRejected ? "4" : accepted})};
  if (judgement.codes.empty()) return out;
  out.push_back(composite({judgement.codes.front()}));
  for (const core::Finding& finding : findings.kept) {
    if (segmentLevel(finding) || contrlCode(finding) != judgement.codes.front()) continue;
    const core::Location& at = finding.location;
    // A missing trailer is located at the last segment read; the service
    // segment in error is the trailer itself.
    constexpr std::string_view kMissing = "EDIFACT_MISSING_";
    if (std::string_view(finding.code).substr(0, kMissing.size()) == kMissing) {
      out.push_back(composite({finding.code.substr(kMissing.size())}));
      break;
    }
    // 0013 names a service segment; a fault in a user segment (a character
    // outside the repertoire, say) is reported by its code alone.
    if (at.segmentTag.size() != 3 || at.segmentTag.compare(0, 2, "UN") != 0) break;
    out.push_back(composite({at.segmentTag}));
    if (at.element > 0) {
      out.push_back(composite(
          {std::to_string(at.element), at.component > 0 ? std::to_string(at.component) : ""}));
    }
    break;
  }
  return out;
}

Judgement judgeEnvelope(const FindingList& findings) {
  return judge(findings, [](const core::Finding& finding) {
    return segmentLevel(finding) ? std::string_view() : contrlCode(finding);
  });
}

bool isContrl(const TransactionReport& message) { return part(message.header, 1, 0) == "CONTRL"; }

// A message's verdict: its envelope findings, and any schema error in it.
Judgement judgeMessage(const TransactionReport& message) {
  Judgement judgement = judgeEnvelope(message.findings);
  for (const core::Finding& finding : message.findings.kept) {
    if (finding.severity == core::Severity::kError && segmentLevel(finding)) {
      judgement.verdict = Verdict::kRejected;
    }
  }
  return judgement;
}

class ContrlBody {
 public:
  ContrlBody(ContrlLevel level, AckEmitter& emitter) : level_(level), emitter_(emitter) {}

  // UCM (and UCS / UCD) for one message; returns whether it was rejected.
  bool message(const TransactionReport& message) {
    const Judgement judgement = judgeMessage(message);
    const bool rejected = judgement.verdict == Verdict::kRejected;
    if (!rejected && level_ != ContrlLevel::kMessage) return false;
    std::vector<Element> ucm = {copyOf(message.header, 0, 1), copyOf(message.header, 1, 4)};
    for (Element& e : action(message.findings, judgement, "7")) ucm.push_back(std::move(e));
    emitter_.segment(segmentOf("UCM", std::move(ucm)));
    segments(message);
    return rejected;
  }

  // UCF for a group (before its UCMs) when it is due.
  void group(const GroupReport& group, bool anyRejected) {
    const Judgement judgement = judgeEnvelope(group.findings);
    if (judgement.verdict != Verdict::kRejected && !anyRejected &&
        level_ != ContrlLevel::kMessage) {
      return;
    }
    std::vector<Element> ucf = {copyOf(group.header, 4, 1), copyOf(group.header, 1, 2),
                                copyOf(group.header, 2, 2)};
    for (Element& e : action(group.findings, judgement, "7")) ucf.push_back(std::move(e));
    emitter_.segment(segmentOf("UCF", std::move(ucf)));
  }

 private:
  // One UCS per segment named by schema findings, with its UCDs.
  void segments(const TransactionReport& message) {
    std::vector<const core::Finding*> done;
    for (const core::Finding& first : message.findings.kept) {
      if (first.severity == core::Severity::kInfo || !segmentLevel(first)) continue;
      const uint64_t position = first.location.transactionSegment;
      bool seen = false;
      for (const core::Finding* d : done) seen = seen || d->location.transactionSegment == position;
      if (seen) continue;
      done.push_back(&first);
      std::string segmentCode;
      for (const core::Finding& f : message.findings.kept) {
        if (f.location.transactionSegment == position && segmentLevel(f) &&
            findAckCodes(f.code)->level == AckLevel::kSegment && segmentCode.empty()) {
          segmentCode = std::string(contrlCode(f));
        }
      }
      emitter_.segment(
          segmentOf("UCS", {composite({std::to_string(position)}), composite({segmentCode})}));
      for (const core::Finding& f : message.findings.kept) {
        if (f.severity == core::Severity::kInfo || f.location.transactionSegment != position ||
            !segmentLevel(f) || findAckCodes(f.code)->level != AckLevel::kElement) {
          continue;
        }
        const core::Location& at = f.location;
        emitter_.segment(
            segmentOf("UCD", {composite({std::string(contrlCode(f))}),
                              composite({std::to_string(at.element),
                                         at.component > 0 ? std::to_string(at.component) : ""})}));
      }
    }
  }

  ContrlLevel level_;
  AckEmitter& emitter_;
};

}  // namespace

core::Status writeContrl(const InterchangeReport& interchange, const AckOptions& options,
                         ControlNumberSource& numbers, std::ostream& out) {
  if (options.contrl == ContrlLevel::kNone || !interchange.hasHeader) return core::Status::ok();
  bool anyMessage = false;
  bool onlyContrl = true;
  for (const GroupReport& group : interchange.groups) {
    for (const TransactionReport& message : group.transactions) {
      anyMessage = true;
      onlyContrl = onlyContrl && isContrl(message);
    }
  }
  if (anyMessage && onlyContrl) return core::Status::ok();

  const edi::OwnedSegment& unb = interchange.header;
  const bool syntax4 = part(unb, kUnbS001, 1) == "4";
  // The ack goes back: its sender is the inbound recipient and vice versa.
  Element sender = copyOf(unb, kUnbS003, 2);
  Element recipient = copyOf(unb, kUnbS002, 2);
  if (!options.sender.id.empty()) sender = composite({options.sender.id, options.sender.qualifier});
  if (!options.receiver.id.empty()) {
    recipient = composite({options.receiver.id, options.receiver.qualifier});
  }
  const std::string partner = "edifact/" + recipient[0][0];

  core::Result<uint64_t> reference = numbers.next(partner, ControlKind::kInterchange);
  if (!reference) return reference.status();
  core::Result<uint64_t> messageReference = numbers.next(partner, ControlKind::kTransaction);
  if (!messageReference) return messageReference.status();

  const std::tm now = ackTime(options);
  // The ack repeats the inbound ids; lower-case letters in them need a
  // repertoire that has them (UNOA has none), or the ack would break its own
  // character set.
  Element syntax = copyOf(unb, kUnbS001, 2);
  auto hasLowerCase = [](const Element& element) {
    for (const auto& component : element) {
      for (const std::string& value : component) {
        for (char c : value) {
          if (c >= 'a' && c <= 'z') return true;
        }
      }
    }
    return false;
  };
  if (!syntax.empty() && !syntax[0].empty() && syntax[0][0] == "UNOA" &&
      (hasLowerCase(sender) || hasLowerCase(recipient))) {
    syntax[0][0] = "UNOB";
  }
  std::vector<Element> unbOut = {syntax, sender, recipient,
                                 composite({syntax4 ? ccyymmdd(now) : yymmdd(now), hhmm(now)}),
                                 composite({std::to_string(*reference)})};
  const std::string test = options.usageIndicator.value_or(part(unb, kUnb0035, 0));
  if (!test.empty()) {
    unbOut.resize(kUnb0035, {{""}});
    unbOut.push_back(composite({test}));
  }

  edi::InterchangeInfo info;
  info.standard = edi::Standard::kEdifact;
  info.delimiters = interchange.delimiters;
  info.serviceStringAdvice = interchange.serviceStringAdvice;
  edi::WriterOptions writerOptions;
  writerOptions.delimiters = options.delimiters;
  writerOptions.lineBreaks = options.lineBreaks;
  AckEmitter emitter(out, writerOptions);
  emitter.startInterchange(info, segmentOf("UNB", std::move(unbOut)));
  emitter.startTransaction(segmentOf("UNH", {composite({std::to_string(*messageReference)}),
                                             syntax4 ? composite({"CONTRL", "4", "1", "UN"})
                                                     : composite({"CONTRL", "D", "3", "UN"})}));

  const Judgement own = judgeEnvelope(interchange.findings);
  std::vector<Element> uci = {copyOf(unb, kUnb0020, 1), copyOf(unb, kUnbS002, 3),
                              copyOf(unb, kUnbS003, 3)};
  if (options.contrl == ContrlLevel::kReceipt) {
    uci.push_back(composite({"8"}));
  } else {
    for (Element& e : action(interchange.findings, own, "7")) uci.push_back(std::move(e));
  }
  emitter.segment(segmentOf("UCI", std::move(uci)));

  if (options.contrl != ContrlLevel::kReceipt && own.verdict != Verdict::kRejected) {
    ContrlBody body(options.contrl, emitter);
    for (const GroupReport& group : interchange.groups) {
      if (group.hasHeader) {
        bool anyRejected = false;
        for (const TransactionReport& m : group.transactions) {
          anyRejected =
              anyRejected || (!isContrl(m) && judgeMessage(m).verdict == Verdict::kRejected);
        }
        body.group(group, anyRejected);
      }
      for (const TransactionReport& message : group.transactions) {
        if (!isContrl(message)) body.message(message);
      }
    }
  }
  emitter.endTransaction();
  emitter.endInterchange();
  return emitter.status();
}

}  // namespace bridge::parsers::ack
