// Every acknowledgement we write for the public corpus must pass our own
// checks: the 997 / 999 / CONTRL schemas and the envelope rules. A partner's
// translator runs the same kind of checks on it, so an ack that fails them
// would itself be rejected. Fed back in, an acknowledgement must also get no
// acknowledgement (acks are never acknowledged, or two systems would answer
// each other forever).
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "tests/support/ack_pipeline.h"
#include "tests/support/corpus_files.h"
#include "tests/support/finding_text.h"

namespace bridge {
namespace {

// Acks that still fail our own checks, with the defect in the ack writer or
// schema that makes them fail. An entry must go as soon as the fix lands (the
// test then fails on it), so this list only ever shrinks.
const std::map<std::string, const char*>& knownDefects() {
  static const std::map<std::string, const char*> kDefects = {};
  return kDefects;
}

class AckSchema : public ::testing::TestWithParam<std::string> {};

TEST_P(AckSchema, AckPassesItsOwnSchemaAndIsNotAcknowledged) {
  const testing::PipelineResult input =
      testing::runAckPipeline(testing::corpusFileBytes(GetParam()));
  ASSERT_TRUE(input.ackStatus.isOk()) << input.ackStatus.toString();
  if (input.ack.empty()) return;

  const testing::PipelineResult ack = testing::runAckPipeline(input.ack);
  std::string reported;
  for (const core::Finding& f : ack.findings) {
    if (f.severity != core::Severity::kInfo) reported += testing::findingLine(f) + "\n";
  }
  const auto defect = knownDefects().find(GetParam());
  if (defect == knownDefects().end()) {
    EXPECT_EQ(reported, "") << "the acknowledgement:\n" << input.ack;
  } else {
    EXPECT_NE(reported, "") << "fixed (" << defect->second << "): remove it from knownDefects()";
  }
  EXPECT_TRUE(ack.ackStatus.isOk()) << ack.ackStatus.toString();
  EXPECT_EQ(ack.ack, "") << "an acknowledgement was acknowledged:\n" << input.ack;
}

std::string testName(const ::testing::TestParamInfo<std::string>& info) {
  return testing::corpusTestName(info.param);
}

INSTANTIATE_TEST_SUITE_P(Corpus, AckSchema, ::testing::ValuesIn(testing::corpusEdiFiles()),
                         testName);

}  // namespace
}  // namespace bridge
