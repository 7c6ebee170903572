#include "bridge/core/finding.h"

namespace bridge::core {

std::string Location::describe() const {
  std::string out;
  if (segmentIndex != 0) {
    out += "segment " + std::to_string(segmentIndex);
    if (!segmentTag.empty()) out += " (" + segmentTag + ")";
  } else if (!segmentTag.empty()) {
    out += "segment " + segmentTag;
  }
  if (element != 0) {
    if (!out.empty()) out += ", ";
    out += "element " + std::to_string(element);
  }
  if (repetition > 1) out += ", repetition " + std::to_string(repetition);
  if (component != 0) out += ", component " + std::to_string(component);
  return out;
}

std::string_view severityName(Severity severity) {
  switch (severity) {
    case Severity::kInfo:
      return "info";
    case Severity::kWarning:
      return "warning";
    case Severity::kError:
      return "error";
  }
  return "error";
}

}  // namespace bridge::core
