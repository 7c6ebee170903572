#include "parsers/ack/functional_ack.h"

#include <algorithm>
#include <cstdint>
#include <string_view>
#include <vector>

#include "parsers/ack/ack_codes.h"
#include "parsers/ack/verdict.h"
#include "parsers/schema/finding_codes.h"

namespace bridge::parsers::ack {
namespace {

// AK502-AK506 and AK905-AK909 hold at most five codes each.
constexpr size_t kMaxCodes = 5;
// AK404 / IK404 (data element 724) is at most 99 characters.
constexpr size_t kMaxBadValue = 99;

std::string_view columnFor(const AckCodeEntry& entry, bool v5010) {
  return v5010 ? entry.x12v5010 : entry.x12v4010;
}

// One AK3 / IK3 loop: a segment with a segment-level code or element errors.
struct SegmentErrors {
  const core::Finding* first = nullptr;  // names the segment
  std::string code;                      // AK304; "8" when only elements are wrong
  std::vector<const core::Finding*> elements;
};

bool isSegmentLevel(const AckCodeEntry* entry) {
  return entry != nullptr &&
         (entry->level == AckLevel::kSegment || entry->level == AckLevel::kElement);
}

std::vector<SegmentErrors> segmentErrors(const TransactionReport& tx, bool v5010, size_t limit) {
  std::vector<SegmentErrors> out;
  for (const core::Finding& finding : tx.findings.kept) {
    if (finding.severity == core::Severity::kInfo) continue;
    const AckCodeEntry* entry = findAckCodes(finding.code);
    if (!isSegmentLevel(entry) || columnFor(*entry, v5010).empty()) continue;
    const core::Location& at = finding.location;
    auto same = [&](const SegmentErrors& s) {
      return s.first->location.transactionSegment == at.transactionSegment &&
             s.first->location.segmentTag == at.segmentTag;
    };
    auto it = std::find_if(out.begin(), out.end(), same);
    if (it == out.end()) {
      if (out.size() >= limit) continue;
      out.push_back({&finding, "", {}});
      it = out.end() - 1;
    }
    if (entry->level == AckLevel::kSegment) {
      if (it->code.empty()) it->code = std::string(columnFor(*entry, v5010));
    } else {
      it->elements.push_back(&finding);
    }
  }
  for (SegmentErrors& s : out) {
    if (s.code.empty()) s.code.push_back('8');  // segment has data element errors
  }
  return out;
}

// A bad value is copied only when it can be written as it was received:
// no delimiter of the ack, no control characters, not binary data, and short
// enough for AK404. A shortened copy would misquote the sender.
bool copyable(const core::Finding& finding, const edi::Delimiters& d) {
  const std::string& value = finding.value;
  if (value.empty() || value.size() > kMaxBadValue) return false;
  const std::string& tag = finding.location.segmentTag;
  if (tag == "BIN" || tag == "BDS") return false;
  for (unsigned char c : value) {
    if (c < 0x20 || c == 0x7f) return false;
    if (c == static_cast<unsigned char>(d.element) ||
        c == static_cast<unsigned char>(d.component) ||
        (d.repetition != 0 && c == static_cast<unsigned char>(d.repetition)) ||
        c == static_cast<unsigned char>(d.segment)) {
      return false;
    }
  }
  return true;
}

std::string number(uint64_t n) { return n == 0 ? std::string() : std::to_string(n); }

// A relational condition (X12 syntax note) is triggered inside the segment it
// is about; the 999 names that segment in a SITUATIONAL TRIGGER context.
bool relational(const core::Finding& finding) {
  return finding.code == schema::codes::kConditionalElementMissing ||
         finding.code == schema::codes::kExclusionViolated;
}

const char* verdictLetter(Verdict verdict) {
  switch (verdict) {
    case Verdict::kAccepted:
      return "A";
    case Verdict::kAcceptedWithErrors:
      return "E";
    case Verdict::kRejected:
      return "R";
  }
  return "R";
}

std::vector<edi::OwnedSegment::Element> codeElements(const std::vector<std::string>& codes) {
  std::vector<edi::OwnedSegment::Element> out;
  for (size_t i = 0; i < codes.size() && i < kMaxCodes; ++i) out.push_back(composite({codes[i]}));
  return out;
}

// Writes the AK2 loop of one transaction set; returns its verdict.
Verdict writeTransaction(const TransactionReport& tx, bool v5010, const AckOptions& options,
                         const edi::Delimiters& delimiters, AckEmitter& emitter) {
  std::vector<edi::OwnedSegment::Element> ak2 = {composite({std::string(tx.header.element(0))}),
                                                 composite({std::string(tx.header.element(1))})};
  if (v5010) ak2.push_back(composite({std::string(tx.header.element(2))}));
  emitter.segment(segmentOf("AK2", std::move(ak2)));

  for (const SegmentErrors& s : segmentErrors(tx, v5010, options.maxSegmentErrorsPerTransaction)) {
    const core::Location& at = s.first->location;
    emitter.segment(
        segmentOf(v5010 ? "IK3" : "AK3",
                  {composite({at.segmentTag}), composite({std::to_string(at.transactionSegment)}),
                   composite({at.loopId}), composite({s.code})}));
    for (const core::Finding* finding : s.elements) {
      const core::Location& el = finding->location;
      const AckCodeEntry* entry = findAckCodes(finding->code);
      edi::OwnedSegment::Element position =
          v5010
              ? composite({std::to_string(el.element), number(el.component), number(el.repetition)})
              : composite({std::to_string(el.element), number(el.component)});
      emitter.segment(
          segmentOf(v5010 ? "IK4" : "AK4",
                    {position, composite({el.elementReference}),
                     composite({std::string(columnFor(*entry, v5010))}),
                     composite({copyable(*finding, delimiters) ? finding->value : ""})}));
      if (v5010 && relational(*finding)) {
        emitter.segment(segmentOf(
            "CTX", {composite({"SITUATIONAL TRIGGER"}), composite({el.segmentTag}),
                    composite({std::to_string(el.transactionSegment)}), composite({el.loopId})}));
      }
    }
  }

  const Judgement judgement = judge(tx.findings, [v5010](const core::Finding& finding) {
    const AckCodeEntry* entry = findAckCodes(finding.code);
    if (entry == nullptr) return std::string_view();
    if (isSegmentLevel(entry)) return std::string_view("5");
    return entry->level == AckLevel::kTransaction ? columnFor(*entry, v5010) : std::string_view();
  });
  std::vector<edi::OwnedSegment::Element> ak5 = {composite({verdictLetter(judgement.verdict)})};
  for (auto& code : codeElements(judgement.codes)) ak5.push_back(std::move(code));
  emitter.segment(segmentOf(v5010 ? "IK5" : "AK5", std::move(ak5)));
  return judgement.verdict;
}

bool allDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

bool needsFunctionalAck(const GroupReport& group) {
  return group.hasHeader && group.header.element(0) != "FA";
}

void writeFunctionalAck(const GroupReport& group, bool v5010, const std::string& st02,
                        const AckOptions& options, const edi::Delimiters& delimiters,
                        AckEmitter& emitter) {
  std::vector<edi::OwnedSegment::Element> st = {composite({v5010 ? "999" : "997"}),
                                                composite({st02})};
  if (v5010) st.push_back(composite({"005010X231A1"}));
  emitter.startTransaction(segmentOf("ST", std::move(st)));

  std::vector<edi::OwnedSegment::Element> ak1 = {composite({std::string(group.header.element(0))}),
                                                 composite({std::string(group.header.element(5))})};
  if (v5010) ak1.push_back(composite({std::string(group.header.element(7))}));
  emitter.segment(segmentOf("AK1", std::move(ak1)));

  uint64_t accepted = 0;
  uint64_t rejected = 0;
  bool noted = false;
  for (const TransactionReport& tx : group.transactions) {
    const Verdict verdict = writeTransaction(tx, v5010, options, delimiters, emitter);
    if (verdict == Verdict::kRejected) {
      ++rejected;
    } else {
      ++accepted;
      noted = noted || verdict == Verdict::kAcceptedWithErrors;
    }
  }

  const Judgement own = judge(group.findings, [v5010](const core::Finding& finding) {
    const AckCodeEntry* entry = findAckCodes(finding.code);
    return entry != nullptr && entry->level == AckLevel::kGroup ? columnFor(*entry, v5010)
                                                                : std::string_view();
  });
  const uint64_t received = group.transactions.size();
  const char* status = "A";
  if (own.verdict == Verdict::kRejected || (received > 0 && rejected == received)) {
    status = "R";
    if (own.verdict == Verdict::kRejected) accepted = 0;
  } else if (rejected > 0) {
    status = "P";
  } else if (noted || own.verdict == Verdict::kAcceptedWithErrors) {
    status = "E";
  }
  // AK902 repeats GE01 as the sender declared it; without a usable GE01 the
  // count received is the best statement of what was included.
  const std::string included =
      allDigits(group.declaredCount) ? group.declaredCount : std::to_string(received);
  std::vector<edi::OwnedSegment::Element> ak9 = {composite({status}), composite({included}),
                                                 composite({std::to_string(received)}),
                                                 composite({std::to_string(accepted)})};
  for (auto& code : codeElements(own.codes)) ak9.push_back(std::move(code));
  emitter.segment(segmentOf("AK9", std::move(ak9)));
  emitter.endTransaction();
}

}  // namespace bridge::parsers::ack
