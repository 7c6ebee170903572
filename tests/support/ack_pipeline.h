// The whole inbound path of an input, in memory, for tests: Reader ->
// EnvelopeValidator -> SchemaValidator (the shipped schemas) ->
// ReportCollector, then the acknowledgements with the default partner
// settings, a fixed clock (2026-01-02 03:04) and control numbers counting
// from 1 per kind, so that the acknowledgement text is reproducible.
#pragma once

#include <cstdint>
#include <ctime>
#include <map>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "bridge/partners/acknowledge.h"
#include "bridge/partners/partner_schema_source.h"
#include "parsers/ack/report_collector.h"
#include "parsers/edi/envelope_validator.h"
#include "parsers/edi/reader.h"
#include "parsers/schema/registry.h"
#include "parsers/schema/schema_validator.h"

namespace bridge::testing {

class CountingControlNumbers : public parsers::ack::ControlNumberSource {
 public:
  core::Result<uint64_t> next(std::string_view partner, parsers::ack::ControlKind kind) override {
    return ++numbers_[{std::string(partner), static_cast<int>(kind)}];
  }

 private:
  std::map<std::pair<std::string, int>, uint64_t> numbers_;
};

inline std::tm fixedAckClock() {
  std::tm t{};
  t.tm_year = 2026 - 1900;
  t.tm_mon = 0;
  t.tm_mday = 2;
  t.tm_hour = 3;
  t.tm_min = 4;
  return t;
}

struct PipelineResult {
  std::vector<core::Finding> findings;  // every finding, in stream order
  std::string ack;                      // the acknowledgement interchanges
  bool rejected = false;                // an error finding somewhere
  core::Status ackStatus;               // what writing the acks said
};

// The shipped schemas, loaded once per test binary.
inline parsers::schema::SchemaRegistry& shippedSchemas() {
  static parsers::schema::SchemaRegistry registry(EDI_SCHEMA_DIR);
  return registry;
}

inline PipelineResult runAckPipeline(std::string_view input) {
  struct Tee : parsers::edi::ForwardingHandler {
    using ForwardingHandler::ForwardingHandler;
    std::vector<core::Finding> findings;
    void onFinding(const core::Finding& finding) override {
      findings.push_back(finding);
      next().onFinding(finding);
    }
  };
  parsers::ack::ReportCollector collector;
  Tee tee(collector);
  partners::PartnerSchemaSource source(shippedSchemas(), nullptr, nullptr);
  parsers::schema::SchemaValidator schemaValidator(tee, source);
  parsers::edi::EnvelopeValidator envelope(schemaValidator);
  parsers::edi::Reader reader(envelope);
  reader.feed(input);
  reader.finish();

  PipelineResult result;
  result.findings = std::move(tee.findings);
  parsers::ack::InputReport report = collector.take();
  result.rejected = partners::inputHasErrors(report);
  CountingControlNumbers numbers;
  std::ostringstream out;
  result.ackStatus =
      partners::writeInputAcknowledgements(std::move(report), source, numbers, out, fixedAckClock);
  result.ack = out.str();
  return result;
}

}  // namespace bridge::testing
