#include "parsers/ack/verdict.h"

#include <algorithm>

namespace bridge::parsers::ack {

Judgement judge(const FindingList& findings,
                const std::function<std::string_view(const core::Finding&)>& codeOf) {
  Judgement out;
  std::vector<std::string> warningCodes;
  auto addTo = [](std::vector<std::string>& codes, std::string_view code) {
    if (!code.empty() && std::find(codes.begin(), codes.end(), code) == codes.end()) {
      codes.emplace_back(code);
    }
  };
  bool error = findings.droppedErrors > 0;
  for (const core::Finding& finding : findings.kept) {
    if (finding.severity == core::Severity::kError) {
      error = true;
      addTo(out.codes, codeOf(finding));
    } else if (finding.severity == core::Severity::kWarning) {
      addTo(warningCodes, codeOf(finding));
    }
  }
  for (const std::string& code : warningCodes) addTo(out.codes, code);
  if (error) {
    out.verdict = Verdict::kRejected;
  } else if (!warningCodes.empty()) {
    out.verdict = Verdict::kAcceptedWithErrors;
  }
  return out;
}

Verdict worse(Verdict a, Verdict b) { return static_cast<int>(a) > static_cast<int>(b) ? a : b; }

}  // namespace bridge::parsers::ack
