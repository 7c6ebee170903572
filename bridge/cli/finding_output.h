// How the command line prints findings: one line per finding
//
//   FILE:LINE: SEVERITY CODE: MESSAGE [segment N (TAG), element M]
//
// (":LINE" left out when the line is unknown, the bracket when the location
// says nothing more), or a JSON array of objects with file, severity, code,
// message and every Location field. Findings are printed as they arrive, so
// memory does not grow with their number.
//
// Thread-safety: one writer per output stream, used from one thread.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>

#include "bridge/core/finding.h"
#include "parsers/edi/events.h"

namespace bridge::cli {

std::string formatFinding(std::string_view file, const core::Finding& finding);

// One finding as a compact JSON object.
std::string findingJson(std::string_view file, const core::Finding& finding);

class FindingWriter {
 public:
  // REQUIRES: out outlives the writer.
  FindingWriter(std::ostream& out, bool json) : out_(out), json_(json) {}

  void write(std::string_view file, const core::Finding& finding);
  // Ends the JSON array ("[]" when nothing was written); no-op for text.
  // REQUIRES: called once, after the last write().
  void finish();

 private:
  std::ostream& out_;
  bool json_;
  uint64_t written_ = 0;
};

// Passes every event on to `next` and prints each finding with `writer`,
// counting the errors.
class FindingReporter : public parsers::edi::ForwardingHandler {
 public:
  // REQUIRES: next and writer outlive the reporter.
  FindingReporter(parsers::edi::EventHandler& next, FindingWriter& writer, std::string file)
      : ForwardingHandler(next), writer_(writer), file_(std::move(file)) {}

  void onFinding(const core::Finding& finding) override;

  uint64_t errors() const { return errors_; }

 private:
  FindingWriter& writer_;
  std::string file_;
  uint64_t errors_ = 0;
};

}  // namespace bridge::cli
