#include "parsers/ack/contrl_writer.h"

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

const std::string kUnb3 = "UNB+UNOA:3+SENDER:ZZ+RECEIVER:ZZ+240301:1200+REF1'";
const std::string kUnb4 = "UNB+UNOC:4+SENDER:ZZ+RECEIVER:ZZ+20240301:1200+REF1'";
const std::string kOrder = "UNH+M1+ORDERS:D:96A:UN'BGM+220+PO1+9'UNT+3+M1'";
const std::string kUnz = "UNZ+1+REF1'";

std::string contrl(const std::string& input, ContrlLevel level = ContrlLevel::kInterchange,
                   std::map<int, std::vector<core::Finding>> inject = {}) {
  AckOptions options = testOptions();
  options.contrl = level;
  CountingSource numbers;
  core::Result<std::string> out =
      writeAcknowledgements(collect(input, std::move(inject)), options, numbers);
  EXPECT_TRUE(out.isOk()) << out.status().toString();
  if (!out || out->empty()) return {};
  EXPECT_EQ(findingCodes(*out), std::vector<std::string>()) << *out;
  return *out;
}

const std::string kHead3 =
    "UNB+UNOA:3+RECEIVER:ZZ+SENDER:ZZ+240305:1407+1'\nUNH+1+CONTRL:D:3:UN'\n";
const std::string kHead4 =
    "UNB+UNOC:4+RECEIVER:ZZ+SENDER:ZZ+20240305:1407+1'\nUNH+1+CONTRL:4:1:UN'\n";

TEST(ContrlWriterTest, ValidInterchangeIsAcknowledged) {
  EXPECT_EQ(contrl(kUnb3 + kOrder + kUnz),
            kHead3 + "UCI+REF1+SENDER:ZZ+RECEIVER:ZZ+7'\nUNT+3+1'\nUNZ+1+1'\n");
}

TEST(ContrlWriterTest, ReceiptOnly) {
  EXPECT_EQ(contrl(kUnb3 + "UNH+M1+ORDERS:D:96A:UN'UNT+9+M1'" + kUnz, ContrlLevel::kReceipt),
            kHead3 + "UCI+REF1+SENDER:ZZ+RECEIVER:ZZ+8'\nUNT+3+1'\nUNZ+1+1'\n");
}

TEST(ContrlWriterTest, WrongUntCountRejectsTheMessage) {
  EXPECT_EQ(contrl(kUnb3 + "UNH+M1+ORDERS:D:96A:UN'BGM+220+PO1+9'UNT+9+M1'" + kUnz),
            kHead3 +
                "UCI+REF1+SENDER:ZZ+RECEIVER:ZZ+7'\nUCM+M1+ORDERS:D:96A:UN+4+29+UNT+1:1'\n"
                "UNT+4+1'\nUNZ+1+1'\n");
}

TEST(ContrlWriterTest, MissingUnzRejectsTheInterchange) {
  EXPECT_EQ(contrl(kUnb3 + kOrder),
            kHead3 + "UCI+REF1+SENDER:ZZ+RECEIVER:ZZ+4+13+UNZ'\nUNT+3+1'\nUNZ+1+1'\n");
}

TEST(ContrlWriterTest, MessageLevelWithSchemaFindingsInSyntax4) {
  namespace sc = schema::codes;
  std::map<int, std::vector<core::Finding>> inject;
  inject[1] = {schemaFinding(sc::kInvalidCode, "BGM", 2, "", 1, "1001", "220", 1),
               schemaFinding(sc::kSegmentNotInSet, "XYZ", 3, "")};
  EXPECT_EQ(contrl(kUnb4 + kOrder + "UNH+M2+ORDERS:D:96A:UN'BGM+220+PO2+9'UNT+3+M2'UNZ+2+REF1'",
                   ContrlLevel::kMessage, inject),
            kHead4 +
                "UCI+REF1+SENDER:ZZ+RECEIVER:ZZ+7'\nUCM+M1+ORDERS:D:96A:UN+4'\nUCS+2'\n"
                "UCD+12+1:1'\nUCS+3+15'\nUCM+M2+ORDERS:D:96A:UN+7'\nUNT+8+1'\nUNZ+1+1'\n");
}

TEST(ContrlWriterTest, ContrlIsNotAcknowledged) {
  EXPECT_EQ(contrl(kUnb3 + "UNH+9+CONTRL:D:3:UN'UCI+X+A+B+7'UNT+3+9'" + kUnz), "");
}

}  // namespace
}  // namespace bridge::parsers::ack
