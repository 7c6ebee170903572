// Test support for acknowledgements: a fixed clock, an in-memory control
// number source, and a pipeline Reader -> edi::EnvelopeValidator ->
// (injected schema findings) -> ReportCollector. Linked into the test binary
// only.
//
// Thread-safety: none; one test, one thread.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "bridge/core/finding.h"
#include "parsers/ack/ack_options.h"
#include "parsers/ack/report_collector.h"
#include "parsers/edi/envelope_validator.h"
#include "parsers/edi/events.h"
#include "parsers/edi/reader.h"

namespace bridge::parsers::ack::testing {

// 2024-03-05 14:07 UTC.
inline std::tm fixedTime() {
  std::tm t{};
  t.tm_year = 124;
  t.tm_mon = 2;
  t.tm_mday = 5;
  t.tm_hour = 14;
  t.tm_min = 7;
  return t;
}

// Numbers from 1 per partner and kind, like a fresh counter file.
class CountingSource : public ControlNumberSource {
 public:
  core::Result<uint64_t> next(std::string_view partner, ControlKind kind) override {
    return ++counters_[std::string(partner) + "/" + std::to_string(static_cast<int>(kind))];
  }

 private:
  std::map<std::string, uint64_t> counters_;
};

// Delivers the given findings just before the end of the n-th transaction set
// (1-based), while it is open, as the schema validator will.
class Injector : public edi::ForwardingHandler {
 public:
  Injector(edi::EventHandler& next, std::map<int, std::vector<core::Finding>> findings)
      : ForwardingHandler(next), findings_(std::move(findings)) {}

  void onTransactionEnd(const edi::Segment* trailer) override {
    ++transactions_;
    for (const core::Finding& finding : findings_[transactions_]) next().onFinding(finding);
    next().onTransactionEnd(trailer);
  }

 private:
  std::map<int, std::vector<core::Finding>> findings_;
  int transactions_ = 0;
};

inline InputReport collect(std::string_view input,
                           std::map<int, std::vector<core::Finding>> inject = {}) {
  ReportCollector collector;
  Injector injector(collector, std::move(inject));
  edi::EnvelopeValidator validator(injector);
  edi::Reader reader(validator);
  reader.feed(input);
  reader.finish();
  return collector.take();
}

// Every finding the reader and the envelope validator report for `input`.
inline std::vector<std::string> findingCodes(std::string_view input) {
  struct Sink : edi::EventHandler {
    std::vector<std::string> codes;
    void onFinding(const core::Finding& finding) override { codes.push_back(finding.code); }
  } sink;
  edi::EnvelopeValidator validator(sink);
  edi::Reader reader(validator);
  reader.feed(input);
  reader.finish();
  return sink.codes;
}

// A schema finding located the way the schema validator locates it.
inline core::Finding schemaFinding(std::string code, std::string tag, uint64_t position,
                                   std::string loop, uint32_t element = 0,
                                   std::string reference = "", std::string value = "",
                                   uint32_t component = 0, uint32_t repetition = 0) {
  core::Finding finding;
  finding.code = std::move(code);
  finding.message = "injected";
  finding.location.segmentTag = std::move(tag);
  finding.location.transactionSegment = position;
  finding.location.loopId = std::move(loop);
  finding.location.element = element;
  finding.location.component = component;
  finding.location.repetition = repetition;
  finding.location.elementReference = std::move(reference);
  finding.value = std::move(value);
  return finding;
}

inline AckOptions testOptions() {
  AckOptions options;
  options.clock = fixedTime;
  options.lineBreaks = true;
  return options;
}

}  // namespace bridge::parsers::ack::testing
