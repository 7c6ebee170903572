#include "parsers/ack/ta1.h"

#include "parsers/ack/ack_codes.h"
#include "parsers/ack/ack_emitter.h"

namespace bridge::parsers::ack {

Ta1Decision decideTa1(const InterchangeReport& interchange, Ta1Policy policy) {
  const Judgement judgement = judge(interchange.findings, [](const core::Finding& finding) {
    const AckCodeEntry* entry = findAckCodes(finding.code);
    return entry != nullptr && entry->level == AckLevel::kInterchange ? entry->ta1
                                                                      : std::string_view();
  });
  Ta1Decision decision;
  decision.verdict = judgement.verdict;
  if (!judgement.codes.empty()) decision.code = judgement.codes.front();
  const bool problem = judgement.verdict != Verdict::kAccepted;
  switch (policy) {
    case Ta1Policy::kOnRequest:
      decision.send = interchange.ackRequested || problem;
      break;
    case Ta1Policy::kAlways:
      decision.send = true;
      break;
    case Ta1Policy::kOnError:
      decision.send = problem;
      break;
    case Ta1Policy::kNever:
      decision.send = false;
      break;
  }
  return decision;
}

edi::OwnedSegment ta1Segment(const InterchangeReport& interchange, const Ta1Decision& decision) {
  const char* status = decision.verdict == Verdict::kRejected             ? "R"
                       : decision.verdict == Verdict::kAcceptedWithErrors ? "E"
                                                                          : "A";
  const edi::OwnedSegment& isa = interchange.header;
  return segmentOf(
      "TA1",
      {composite({std::string(isa.element(12))}), composite({std::string(isa.element(8))}),
       composite({std::string(isa.element(9))}), composite({status}), composite({decision.code})});
}

}  // namespace bridge::parsers::ack
