#include "parsers/edi/envelope_validator.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "parsers/edi/envelope_test_support.h"

namespace bridge::parsers::edi {
namespace {

using envelope_testing::Codes;
using envelope_testing::composite;
using envelope_testing::contains;
using envelope_testing::Group;
using envelope_testing::Interchange;
using envelope_testing::Player;
using envelope_testing::Recorder;
using envelope_testing::Transaction;

Interchange x12Interchange(const std::string& se01 = "3", const std::string& iea02 = "000000001") {
  Interchange interchange;
  interchange.info.standard = Standard::kX12;
  interchange.info.delimiters = Delimiters{'*', '>', '^', '~', 0, 0};
  interchange.header = OwnedSegment::simple(
      "ISA", {"00", "          ", "00", "          ", "ZZ", "SENDER         ", "ZZ",
              "RECEIVER       ", "240131", "1200", "^", "00501", "000000001", "0", "P", ">"});
  Group group;
  group.header = OwnedSegment::simple(
      "GS", {"PO", "SENDER", "RECEIVER", "20240131", "1200", "1", "X", "005010"});
  group.transactions.push_back(Transaction{OwnedSegment::simple("ST", {"850", "0001"}), 1,
                                           OwnedSegment::simple("SE", {se01, "0001"})});
  group.trailer = OwnedSegment::simple("GE", {"1", "1"});
  interchange.groups.push_back(group);
  interchange.trailer = OwnedSegment::simple("IEA", {"1", iea02});
  return interchange;
}

Interchange edifactInterchange(const std::string& unt01 = "3", const std::string& unz02 = "R1") {
  Interchange interchange;
  interchange.info.standard = Standard::kEdifact;
  interchange.info.delimiters = Delimiters{'+', ':', 0, '\'', '?', '.'};
  interchange.header =
      composite("UNB", {{"UNOA", "3"}, {"SENDER"}, {"RECEIVER"}, {"240131", "1200"}, {"R1"}});
  interchange.ungrouped.push_back(
      Transaction{composite("UNH", {{"1"}, {"ORDERS", "D", "96A", "UN"}}), 1,
                  composite("UNT", {{unt01}, {"1"}})});
  interchange.trailer = composite("UNZ", {{"1"}, {unz02}});
  return interchange;
}

class EdiEnvelopeValidatorTest : public ::testing::Test {
 protected:
  void play(const Interchange& interchange) { player_.play(interchange); }

  Recorder recorder_;
  EnvelopeValidator validator_{recorder_};
  Player player_{validator_};
};

TEST_F(EdiEnvelopeValidatorTest, ValidInterchangesOfBothStandardsHaveNoFindings) {
  play(x12Interchange());
  play(edifactInterchange());
  EXPECT_TRUE(recorder_.findings.empty());
  EXPECT_EQ(validator_.errorCount(), 0u);
}

TEST_F(EdiEnvelopeValidatorTest, DispatchesEachInterchangeByItsStandard) {
  play(x12Interchange("9"));
  play(edifactInterchange("9"));
  play(x12Interchange("3", "000000002"));
  EXPECT_EQ(recorder_.codes(),
            (Codes{"X12_SE01_COUNT", "EDIFACT_UNT01_COUNT", "X12_IEA02_MISMATCH"}));
}

TEST_F(EdiEnvelopeValidatorTest, ForwardsEveryEventUnchanged) {
  Recorder direct;
  Player directPlayer(direct);
  for (const Interchange& interchange :
       {x12Interchange("9"), edifactInterchange("3", "R2"), x12Interchange()}) {
    directPlayer.play(interchange);
    play(interchange);
  }
  EXPECT_EQ(recorder_.findings.size(), 2u);
  EXPECT_EQ(recorder_.eventsWithoutFindings(), direct.events);
}

TEST_F(EdiEnvelopeValidatorTest, UnknownStandardPassesThroughUnchecked) {
  Interchange interchange = x12Interchange("9");
  interchange.info.standard = Standard::kUnknown;
  play(interchange);
  EXPECT_TRUE(recorder_.findings.empty());
  EXPECT_EQ(recorder_.events.size(), 7u);
}

TEST_F(EdiEnvelopeValidatorTest, SegmentsOutsideAnyInterchangePassThrough) {
  OwnedSegment stray = OwnedSegment::simple("N1", {"ST", "ACME"});
  Segment view;
  stray.view(view);
  validator_.onSegment(view);
  play(x12Interchange());
  validator_.onSegment(view);
  EXPECT_TRUE(recorder_.findings.empty());
  EXPECT_EQ(recorder_.events.front(), "segment N1|ST|ACME @0");
  EXPECT_EQ(recorder_.events.back(), "segment N1|ST|ACME @0");
}

TEST_F(EdiEnvelopeValidatorTest, CountsReaderAndEnvelopeFindings) {
  validator_.onFinding(core::Finding{core::Severity::kError, "EDI_READER", "upstream", {}, {}});
  validator_.onFinding(core::Finding{core::Severity::kInfo, "EDI_NOTE", "upstream", {}, {}});
  play(x12Interchange("9", "3"));  // SE01 error + IEA02 mismatch error
  Interchange warned = x12Interchange();
  warned.header.elements[12] = {{"000000007"}};
  warned.trailer->elements[1] = {{"7"}};
  play(warned);  // IEA02 written without zero padding: a warning
  EXPECT_EQ(validator_.errorCount(), 3u);
  EXPECT_EQ(validator_.warningCount(), 1u);
  EXPECT_EQ(validator_.infoCount(), 1u);
  EXPECT_EQ(validator_.findingCount(), 5u);
  EXPECT_EQ(validator_.envelopeErrorCount(), 2u);
  EXPECT_EQ(validator_.envelopeWarningCount(), 1u);
  EXPECT_EQ(recorder_.findings.size(), 5u);
}

TEST_F(EdiEnvelopeValidatorTest, ReaderFindingsKeepTheirPlaceInTheStream) {
  OwnedSegment isa = x12Interchange().header;
  Segment view;
  isa.view(view);
  InterchangeInfo info = x12Interchange().info;
  validator_.onInterchangeStart(info, view);
  validator_.onFinding(core::Finding{core::Severity::kError, "EDI_READER", "upstream", {}, {}});
  validator_.onInterchangeEnd(nullptr);
  ASSERT_EQ(recorder_.events.size(), 3u);
  EXPECT_EQ(recorder_.events[1], "finding EDI_READER");
}

}  // namespace
}  // namespace bridge::parsers::edi
