#include "parsers/ack/x12_ack_writer.h"

#include <string>

#include <gtest/gtest.h>

#include "parsers/ack/ack_test_support.h"
#include "parsers/ack/acknowledgements.h"
#include "parsers/schema/finding_codes.h"

namespace bridge::parsers::ack {
namespace {

using testing::collect;
using testing::CountingSource;
using testing::findingCodes;
using testing::schemaFinding;
using testing::testOptions;

std::string isa(const std::string& version = "00401", const std::string& ackRequested = "0",
                const std::string& date = "240301") {
  const std::string isa11 = version >= "00402" ? "^" : "U";
  return "ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *" + date +
         "*1200*" + isa11 + "*" + version + "*000000101*" + ackRequested + "*T*>~";
}

std::string gs(const std::string& code = "PO", const std::string& version = "004010") {
  return "GS*" + code + "*SENDERAPP*RECEIVERAPP*20240301*1200*7*X*" + version + "~";
}

const std::string kPurchaseOrder = "ST*850*0001~BEG*00*SA*PO1**20240301~SE*3*0001~";
const std::string kTrailers = "GE*1*7~IEA*1*000000101~";

const std::string kAckIsa =
    "ISA*00*          *00*          *ZZ*RECEIVER       *ZZ*SENDER         *240305*1407*U*00401*"
    "000000001*0*T*>~\n";
const std::string kAckGs = "GS*FA*RECEIVERAPP*SENDERAPP*20240305*1407*1*X*004010~\n";
const std::string kAckTrailers = "GE*1*1~\nIEA*1*000000001~\n";

std::string ack(const std::string& input, AckOptions options = testOptions(),
                std::map<int, std::vector<core::Finding>> inject = {}) {
  CountingSource numbers;
  core::Result<std::string> out =
      writeAcknowledgements(collect(input, std::move(inject)), options, numbers);
  EXPECT_TRUE(out.isOk()) << out.status().toString();
  if (!out || out->empty()) return {};
  // Every acknowledgement must itself be a clean interchange.
  EXPECT_EQ(findingCodes(*out), std::vector<std::string>()) << *out;
  return *out;
}

AckOptions options999() {
  AckOptions options = testOptions();
  options.functionalAck = FunctionalAck::k999;
  return options;
}

TEST(X12AckWriterTest, ValidInterchangeGets997Accepted) {
  EXPECT_EQ(ack(isa() + gs() + kPurchaseOrder + kTrailers),
            kAckIsa + kAckGs + "ST*997*0001~\nAK1*PO*7~\nAK2*850*0001~\nAK5*A~\nAK9*A*1*1*1~\n" +
                "SE*6*0001~\n" + kAckTrailers);
}

TEST(X12AckWriterTest, WrongSe01IsRejectedWithCode4) {
  EXPECT_EQ(ack(isa() + gs() + "ST*850*0001~BEG*00*SA*PO1**20240301~SE*4*0001~" + kTrailers),
            kAckIsa + kAckGs + "ST*997*0001~\nAK1*PO*7~\nAK2*850*0001~\nAK5*R*4~\nAK9*R*1*1*0~\n" +
                "SE*6*0001~\n" + kAckTrailers);
}

TEST(X12AckWriterTest, MissingSeIsRejectedWithCode2) {
  EXPECT_EQ(ack(isa() + gs() + "ST*850*0001~BEG*00*SA*PO1**20240301~" + kTrailers),
            kAckIsa + kAckGs + "ST*997*0001~\nAK1*PO*7~\nAK2*850*0001~\nAK5*R*2~\nAK9*R*1*1*0~\n" +
                "SE*6*0001~\n" + kAckTrailers);
}

TEST(X12AckWriterTest, WrongGe01RejectsTheGroupWithCode5) {
  EXPECT_EQ(ack(isa() + gs() + kPurchaseOrder + "GE*3*7~IEA*1*000000101~"),
            kAckIsa + kAckGs + "ST*997*0001~\nAK1*PO*7~\nAK2*850*0001~\nAK5*A~\nAK9*R*3*1*0*5~\n" +
                "SE*6*0001~\n" + kAckTrailers);
}

TEST(X12AckWriterTest, OneRejectedSetOfTwoIsPartialAcceptance) {
  EXPECT_EQ(ack(isa() + gs() + kPurchaseOrder + "ST*850*0002~BEG*00*SA*PO2**20240301~SE*9*0002~" +
                "GE*2*7~IEA*1*000000101~"),
            kAckIsa + kAckGs + "ST*997*0001~\nAK1*PO*7~\nAK2*850*0001~\nAK5*A~\n" +
                "AK2*850*0002~\nAK5*R*4~\nAK9*P*2*2*1~\nSE*8*0001~\n" + kAckTrailers);
}

TEST(X12AckWriterTest, AcknowledgementRequestedGetsTa1) {
  EXPECT_EQ(ack(isa("00401", "1") + gs() + kPurchaseOrder + kTrailers),
            kAckIsa + "TA1*000000101*240301*1200*A*000~\n" + kAckGs +
                "ST*997*0001~\nAK1*PO*7~\nAK2*850*0001~\nAK5*A~\nAK9*A*1*1*1~\nSE*6*0001~\n" +
                kAckTrailers);
}

TEST(X12AckWriterTest, BadIsaFieldRejectsInterchangeWithTa1Only) {
  EXPECT_EQ(ack(isa("00401", "0", "241301") + gs() + kPurchaseOrder + kTrailers),
            kAckIsa + "TA1*000000101*241301*1200*R*014~\nIEA*0*000000001~\n");
}

TEST(X12AckWriterTest, MissingIeaRejectsInterchange) {
  EXPECT_EQ(ack(isa() + gs() + kPurchaseOrder + "GE*1*7~"),
            kAckIsa + "TA1*000000101*240301*1200*R*023~\nIEA*0*000000001~\n");
}

TEST(X12AckWriterTest, SchemaFindingsBecomeAk3AndAk4) {
  namespace sc = schema::codes;
  std::map<int, std::vector<core::Finding>> inject;
  inject[1] = {
      schemaFinding(sc::kInvalidCode, "BEG", 2, "", 1, "353", "00"),
      schemaFinding(sc::kMandatoryElementMissing, "BEG", 2, "", 5, "373"),
      schemaFinding(sc::kTooManyRepetitions, "BEG", 2, "", 3, "324", "PO1", 0, 2),
      schemaFinding(sc::kUnexpectedSegment, "N1", 3, "N1"),
  };
  const std::string input = isa() + gs() + kPurchaseOrder + kTrailers;
  EXPECT_EQ(ack(input, testOptions(), inject),
            kAckIsa + kAckGs + "ST*997*0001~\nAK1*PO*7~\nAK2*850*0001~\nAK3*BEG*2**8~\n" +
                "AK4*1*353*7*00~\nAK4*5*373*1~\nAK4*3*324*3*PO1~\nAK3*N1*3*N1*2~\nAK5*R*5~\n" +
                "AK9*R*1*1*0~\nSE*11*0001~\n" + kAckTrailers);
}

TEST(X12AckWriterTest, SchemaFindingsIn999WithImplementationCodesAndContext) {
  namespace sc = schema::codes;
  std::map<int, std::vector<core::Finding>> inject;
  inject[1] = {
      schemaFinding(sc::kCodeNotUsed, "BEG", 2, "", 1, "353", "00"),
      schemaFinding(sc::kConditionalElementMissing, "BEG", 2, "", 5, "373"),
      schemaFinding(sc::kNotUsedSegment, "N1", 3, "N1"),
      schemaFinding(sc::kInvalidCharacter, "BEG", 2, "", 3, "324", "P*O"),
      schemaFinding(sc::kTooManyRepetitions, "BEG", 2, "", 3, "324", "PO1", 0, 2),
  };
  const std::string input = isa("00501") + gs("PO", "005010") + kPurchaseOrder + kTrailers;
  EXPECT_EQ(
      ack(input, options999(), inject),
      "ISA*00*          *00*          *ZZ*RECEIVER       *ZZ*SENDER         *240305*1407*^*00501*"
      "000000001*0*T*>~\n"
      "GS*FA*RECEIVERAPP*SENDERAPP*20240305*1407*1*X*005010X231A1~\n"
      "ST*999*0001*005010X231A1~\nAK1*PO*7*005010~\nAK2*850*0001~\nIK3*BEG*2**8~\n"
      "IK4*1*353*I6*00~\nIK4*5*373*2~\nCTX*SITUATIONAL TRIGGER*BEG*2~\nIK4*3*324*6~\n"
      "IK4*3>>2*324*12*PO1~\nIK3*N1*3*N1*I4~\nIK5*R*5~\nAK9*R*1*1*0~\nSE*13*0001~\n" +
          kAckTrailers);
}

TEST(X12AckWriterTest, WarningWithCodeIsAcceptedWithErrors) {
  core::Finding warning = schemaFinding(schema::codes::kInvalidCode, "BEG", 2, "", 1, "353", "00");
  warning.severity = core::Severity::kWarning;
  std::map<int, std::vector<core::Finding>> inject;
  inject[1] = {warning};
  EXPECT_EQ(ack(isa() + gs() + kPurchaseOrder + kTrailers, testOptions(), inject),
            kAckIsa + kAckGs + "ST*997*0001~\nAK1*PO*7~\nAK2*850*0001~\nAK3*BEG*2**8~\n" +
                "AK4*1*353*7*00~\nAK5*E*5~\nAK9*E*1*1*1~\nSE*8*0001~\n" + kAckTrailers);
}

TEST(X12AckWriterTest, FunctionalAcksAreNotAcknowledged) {
  const std::string input =
      isa() + gs("FA") + "ST*997*0001~AK1*PO*7~AK9*A*1*1*1~SE*4*0001~" + kTrailers;
  EXPECT_EQ(ack(input), "");
  AckOptions always = testOptions();
  always.ta1 = Ta1Policy::kAlways;
  EXPECT_EQ(ack(isa() + "TA1*000000005*240301*1200*A*000~IEA*0*000000101~", always), "");
}

TEST(X12AckWriterTest, OverridesAndPolicies) {
  AckOptions options = testOptions();
  options.ta1 = Ta1Policy::kAlways;
  options.functionalAck = FunctionalAck::kNone;
  options.sender = {"01", "123456789", "OURAPP"};
  options.usageIndicator = "P";
  options.delimiters = edi::Delimiters{'|', ':', 0, '\n', 0, 0};
  options.lineBreaks = false;
  EXPECT_EQ(ack(isa() + gs() + kPurchaseOrder + kTrailers, options),
            "ISA|00|          |00|          |01|123456789      |ZZ|SENDER         |240305|1407|U|"
            "00401|000000001|0|P|:\nTA1|000000101|240301|1200|A|000\nIEA|0|000000001\n");

  options = testOptions();
  options.ta1 = Ta1Policy::kNever;
  options.functionalAck = FunctionalAck::kNone;
  EXPECT_EQ(ack(isa("00401", "1") + gs() + kPurchaseOrder + kTrailers, options), "");
}

TEST(X12AckWriterTest, ControlNumbersComeFromTheSource) {
  CountingSource numbers;
  const InputReport report = collect(isa() + gs() + kPurchaseOrder + kTrailers);
  core::Result<std::string> first = writeAcknowledgements(report, testOptions(), numbers);
  core::Result<std::string> second = writeAcknowledgements(report, testOptions(), numbers);
  ASSERT_TRUE(first.isOk() && second.isOk());
  EXPECT_NE(first->find("*000000001*0*T*>~"), std::string::npos) << *first;
  EXPECT_NE(second->find("*000000002*0*T*>~"), std::string::npos) << *second;
  EXPECT_NE(second->find("ST*997*0002~"), std::string::npos) << *second;
}

}  // namespace
}  // namespace bridge::parsers::ack
