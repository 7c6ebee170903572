// libFuzzer target: the inbound path behind the reader, as `edi-bridge ack`
// runs it (tests/support/ack_pipeline.h): Reader -> EnvelopeValidator ->
// SchemaValidator (the shipped schemas, loaded once) -> ReportCollector,
// then the acknowledgements (fixed clock, in-memory control numbers).
// Whatever a partner sends, we must answer with an acknowledgement that the
// partner can read: writing it must succeed, and reading it back through
// the reader and the envelope validator must give no error finding. Every
// finding on the way must have a code and a message.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "parsers/edi/envelope_validator.h"
#include "parsers/edi/reader.h"
#include "tests/support/ack_pipeline.h"

namespace {

namespace edi = bridge::parsers::edi;

[[noreturn]] void violated(const char* what, const bridge::core::Finding* finding,
                           std::string_view ack) {
  std::fprintf(stderr, "fuzz property violated: %s\n", what);
  if (finding != nullptr) {
    std::fprintf(stderr, "finding: %s: %s\n", finding->code.c_str(), finding->message.c_str());
  }
  if (!ack.empty()) {
    std::fprintf(stderr, "acknowledgement:\n%.*s\n", static_cast<int>(ack.size()), ack.data());
  }
  std::abort();
}

void checkFinding(const bridge::core::Finding& finding) {
  if (finding.code.empty() || finding.message.empty()) {
    violated("a finding without a code or a message", &finding, {});
  }
}

// Aborts on the first error finding in the acknowledgement we wrote: the
// partner's translator would reject it, and the input would never be
// answered.
class AckChecker : public edi::EventHandler {
 public:
  explicit AckChecker(std::string_view ack) : ack_(ack) {}
  void onFinding(const bridge::core::Finding& finding) override {
    checkFinding(finding);
    if (finding.isError()) violated("the acknowledgement has an error", &finding, ack_);
  }

 private:
  std::string_view ack_;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const bridge::testing::PipelineResult result = bridge::testing::runAckPipeline(input);
  for (const bridge::core::Finding& finding : result.findings) checkFinding(finding);
  if (!result.ackStatus.isOk()) {
    std::fprintf(stderr, "%s\n", result.ackStatus.toString().c_str());
    violated("writing the acknowledgements failed", nullptr, result.ack);
  }

  // Nothing to answer (a 997, or no interchange header): nothing to read back.
  if (result.ack.empty()) return 0;
  AckChecker checker(result.ack);
  edi::EnvelopeValidator envelope(checker);
  edi::Reader reader(envelope);
  reader.feed(result.ack);
  reader.finish();
  return 0;
}
