// RecordingHandler: an EventHandler for tests that writes every event as one
// line of text, so two event streams can be compared with ==, and keeps the
// findings for inspection.
//
// Line format: "<event> <tag>(<element>|<element>...)", where an element is
// its repetitions joined by '^' and a repetition its components joined by
// ':'; characters that would be ambiguous are escaped with '\'.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "bridge/core/finding.h"
#include "parsers/edi/events.h"

namespace bridge::testing {

class RecordingHandler : public parsers::edi::EventHandler {
 public:
  // With `withFindings`, findings are also written into the log (code and
  // location), so streams can be compared including their findings.
  explicit RecordingHandler(bool withFindings = true) : withFindings_(withFindings) {}

  void onInterchangeStart(const parsers::edi::InterchangeInfo& info,
                          const parsers::edi::Segment& header) override {
    const parsers::edi::Delimiters& d = info.delimiters;
    std::string line = "interchange-start ";
    line += std::string(parsers::edi::standardName(info.standard));
    line += " delimiters=";
    for (char c : {d.element, d.component, d.repetition, d.segment, d.release, d.decimal}) {
      line += c == 0 ? '0' : c;
    }
    line += info.serviceStringAdvice ? " una" : "";
    line += info.hasHeader ? " " + render(header) : " no-header";
    log_.push_back(line);
  }
  void onInterchangeEnd(const parsers::edi::Segment* trailer) override {
    log_.push_back("interchange-end " + (trailer ? render(*trailer) : "<missing>"));
  }
  void onGroupStart(const parsers::edi::Segment& header) override {
    log_.push_back("group-start " + render(header));
  }
  void onGroupEnd(const parsers::edi::Segment* trailer) override {
    log_.push_back("group-end " + (trailer ? render(*trailer) : "<missing>"));
  }
  void onTransactionStart(const parsers::edi::Segment& header) override {
    log_.push_back("transaction-start " + render(header));
  }
  void onTransactionEnd(const parsers::edi::Segment* trailer) override {
    log_.push_back("transaction-end " + (trailer ? render(*trailer) : "<missing>"));
  }
  void onSegment(const parsers::edi::Segment& segment) override {
    log_.push_back("segment " + render(segment));
  }
  void onFinding(const core::Finding& finding) override {
    findings_.push_back(finding);
    if (withFindings_) {
      log_.push_back("finding " + std::string(core::severityName(finding.severity)) + " " +
                     finding.code + " at " + std::to_string(finding.location.byteOffset) +
                     " line " + std::to_string(finding.location.line) + " " +
                     finding.location.describe());
    }
  }

  const std::vector<std::string>& log() const { return log_; }
  const std::vector<core::Finding>& findings() const { return findings_; }

  std::string joined() const {
    std::string out;
    for (const std::string& line : log_) out += line + "\n";
    return out;
  }
  std::vector<std::string> codes() const {
    std::vector<std::string> out;
    for (const core::Finding& f : findings_) out.push_back(f.code);
    return out;
  }
  size_t errorCount() const {
    size_t n = 0;
    for (const core::Finding& f : findings_) n += f.isError() ? 1 : 0;
    return n;
  }
  size_t count(std::string_view prefix) const {
    size_t n = 0;
    for (const std::string& line : log_) n += line.rfind(prefix, 0) == 0 ? 1 : 0;
    return n;
  }

  // "N1(ST|ACME:X^Y)" plus "@offset:line#index".
  static std::string render(const parsers::edi::Segment& s) {
    std::string out = escape(s.tag()) + "(";
    for (size_t e = 0; e < s.elementCount(); ++e) {
      if (e > 0) out += '|';
      for (size_t r = 0; r < s.repetitionCount(e); ++r) {
        if (r > 0) out += '^';
        for (size_t c = 0; c < s.componentCount(e, r); ++c) {
          if (c > 0) out += ':';
          out += escape(s.value(e, r, c));
        }
      }
    }
    out += ")@" + std::to_string(s.byteOffset()) + ":" + std::to_string(s.line()) + "#" +
           std::to_string(s.index());
    return out;
  }

 private:
  static std::string escape(std::string_view v) {
    std::string out;
    for (char c : v) {
      if (c == '|' || c == '^' || c == ':' || c == '\\' || c == '(' || c == ')') out += '\\';
      out += c;
    }
    return out;
  }

  bool withFindings_;
  std::vector<std::string> log_;
  std::vector<core::Finding> findings_;
};

}  // namespace bridge::testing
