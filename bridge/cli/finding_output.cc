#include "bridge/cli/finding_output.h"

#include <nlohmann/json.hpp>

namespace bridge::cli {

std::string formatFinding(std::string_view file, const core::Finding& finding) {
  std::string line(file);
  if (finding.location.line != 0) line += ":" + std::to_string(finding.location.line);
  line += ": ";
  line += core::severityName(finding.severity);
  line += ' ';
  line += finding.code;
  line += ": ";
  line += finding.message;
  const std::string where = finding.location.describe();
  if (!where.empty()) line += " [" + where + "]";
  return line;
}

std::string findingJson(std::string_view file, const core::Finding& finding) {
  const core::Location& at = finding.location;
  nlohmann::ordered_json object;
  object["file"] = std::string(file);
  object["severity"] = std::string(core::severityName(finding.severity));
  object["code"] = finding.code;
  object["message"] = finding.message;
  object["byteOffset"] = at.byteOffset;
  object["line"] = at.line;
  object["segmentIndex"] = at.segmentIndex;
  object["transactionSegment"] = at.transactionSegment;
  object["segmentTag"] = at.segmentTag;
  object["element"] = at.element;
  object["component"] = at.component;
  object["repetition"] = at.repetition;
  object["loopId"] = at.loopId;
  object["elementReference"] = at.elementReference;
  object["value"] = finding.value;
  return object.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

void FindingWriter::write(std::string_view file, const core::Finding& finding) {
  if (json_) {
    out_ << (written_ == 0 ? "[\n" : ",\n") << findingJson(file, finding);
  } else {
    out_ << formatFinding(file, finding) << '\n';
  }
  ++written_;
}

void FindingWriter::finish() {
  if (!json_) return;
  out_ << (written_ == 0 ? "[]\n" : "\n]\n");
}

void FindingReporter::onFinding(const core::Finding& finding) {
  if (finding.isError()) ++errors_;
  writer_.write(file_, finding);
  ForwardingHandler::onFinding(finding);
}

}  // namespace bridge::cli
