// How a list of findings decides the status of the envelope it is about, for
// every acknowledgement kind: an error rejects; a warning that maps to an
// acknowledgement code makes "accepted with errors"; anything else accepts.
// A finding without a code still rejects when it is an error (the ack then
// carries the status without a reason code).
//
// Thread-safety: pure functions.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "bridge/core/finding.h"
#include "parsers/ack/report.h"

namespace bridge::parsers::ack {

enum class Verdict { kAccepted, kAcceptedWithErrors, kRejected };

struct Judgement {
  Verdict verdict = Verdict::kAccepted;
  // Distinct codes of the errors and coded warnings, errors first, each in
  // arrival order.
  std::vector<std::string> codes;
};

// `codeOf` gives a finding's code at this level, or "" when it has none.
Judgement judge(const FindingList& findings,
                const std::function<std::string_view(const core::Finding&)>& codeOf);

// The worse of two verdicts.
Verdict worse(Verdict a, Verdict b);

}  // namespace bridge::parsers::ack
