// One finding as one line of text, every field of it spelled out, for golden
// files: a change to any field (position, loop, reference, value, message)
// shows up as a changed line in review.
#pragma once

#include <cctype>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "bridge/core/finding.h"

namespace bridge::testing {

// Control bytes become \xNN (and '\' becomes "\\") so that a value holding a
// line break or a NUL still takes exactly one line.
inline std::string escapeForLine(std::string_view text) {
  std::string out;
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '\\') {
      out += "\\\\";
    } else if (byte < 0x20 || byte == 0x7f) {
      char hex[5];
      std::snprintf(hex, sizeof hex, "\\x%02X", byte);
      out += hex;
    } else {
      out += c;
    }
  }
  return out;
}

inline std::string upperSeverity(core::Severity severity) {
  std::string name(core::severityName(severity));
  for (char& c : name) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return name;
}

// SEVERITY CODE segment=.. tag=.. tseg=.. loop=.. el=E.C.R ref=.. value=..: message
inline std::string findingLine(const core::Finding& f) {
  const core::Location& at = f.location;
  return upperSeverity(f.severity) + " " + f.code + " segment=" + std::to_string(at.segmentIndex) +
         " tag=" + escapeForLine(at.segmentTag) + " tseg=" + std::to_string(at.transactionSegment) +
         " loop=" + escapeForLine(at.loopId) + " el=" + std::to_string(at.element) + "." +
         std::to_string(at.component) + "." + std::to_string(at.repetition) +
         " ref=" + escapeForLine(at.elementReference) + " value=" + escapeForLine(f.value) + ": " +
         escapeForLine(f.message);
}

inline std::string findingLines(const std::vector<core::Finding>& findings) {
  std::string text;
  for (const core::Finding& f : findings) text += findingLine(f) + "\n";
  return text;
}

}  // namespace bridge::testing
