// FindingReporter: builds findings, sends them to a sink and counts them by
// severity. The validators use one each, so every finding they emit is
// counted the same way.
//
// Thread-safety: not thread-safe; one per validator.
#pragma once

#include <cstddef>
#include <string>
#include <utility>

#include "bridge/core/finding.h"

namespace bridge::parsers::edi {

class FindingReporter {
 public:
  // REQUIRES: sink outlives the reporter.
  explicit FindingReporter(core::FindingSink& sink) : sink_(sink) {}

  void report(core::Severity severity, std::string code, std::string message,
              core::Location location) {
    core::Finding finding;
    finding.severity = severity;
    finding.code = std::move(code);
    finding.message = std::move(message);
    finding.location = std::move(location);
    report(finding);
  }
  void report(const core::Finding& finding) {
    if (finding.severity == core::Severity::kError) ++errors_;
    if (finding.severity == core::Severity::kWarning) ++warnings_;
    if (finding.severity == core::Severity::kInfo) ++infos_;
    sink_.onFinding(finding);
  }

  size_t errorCount() const { return errors_; }
  size_t warningCount() const { return warnings_; }
  size_t infoCount() const { return infos_; }

 private:
  core::FindingSink& sink_;
  size_t errors_ = 0;
  size_t warnings_ = 0;
  size_t infos_ = 0;
};

}  // namespace bridge::parsers::edi
