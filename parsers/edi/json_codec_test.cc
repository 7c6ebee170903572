#include "parsers/edi/json_codec.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "parsers/edi/event_testing.h"
#include "parsers/edi/json_segment.h"

namespace bridge::parsers::edi {
namespace {

using event_testing::edifactInfo;
using event_testing::EventScript;
using event_testing::x12Info;
using event_testing::x12Isa;
using Json = nlohmann::json;

std::string print(const EventScript& script, JsonPrinterOptions options = {},
                  core::Status* status = nullptr, uint64_t* invalidUtf8 = nullptr) {
  std::ostringstream out;
  JsonPrinter printer(out, options);
  script.play(printer);
  printer.finish();
  if (status != nullptr) *status = printer.status();
  if (invalidUtf8 != nullptr) *invalidUtf8 = printer.invalidUtf8Values();
  return out.str();
}

JsonPrinterOptions noLines() {
  JsonPrinterOptions options;
  options.lines = false;
  return options;
}

OwnedSegment gs() {
  return OwnedSegment::simple("GS", {"PO", "S", "R", "20240101", "1200", "7", "X", "005010"});
}

EventScript smallX12() {
  OwnedSegment po1;
  po1.tag = "PO1";
  po1.elements = {{{"1"}}, {{"ID", "", "9"}}, {{"A"}, {"B", "C"}}};
  EventScript script;
  script.interchange(x12Info(), x12Isa())
      .group(gs())
      .transaction(OwnedSegment::simple("ST", {"850", "0001"}))
      .segment(po1)
      .endTransaction(OwnedSegment::simple("SE", {"3", "0001"}))
      .endGroup(OwnedSegment::simple("GE", {"1", "7"}))
      .endInterchange(OwnedSegment::simple("IEA", {"1", "000000001"}));
  return script;
}

TEST(JsonPrinter, WritesTheDocumentedShape) {
  Json doc = Json::parse(print(smallX12(), noLines()));
  EXPECT_EQ(doc["format"], "edi-bridge/parse-v1");
  ASSERT_EQ(doc["interchanges"].size(), 1u);
  const Json& x = doc["interchanges"][0];
  EXPECT_EQ(x["standard"], "x12");
  EXPECT_EQ(x["delimiters"], Json::parse(R"({"element":"*","component":">","repetition":"^",
      "segment":"~","release":null,"decimal":null})"));
  EXPECT_EQ(x["serviceStringAdvice"], false);
  EXPECT_EQ(x["header"]["tag"], "ISA");
  EXPECT_EQ(x["header"]["elements"][12], "000000001");
  EXPECT_EQ(x["segments"], Json::array());
  EXPECT_EQ(x["transactions"], Json::array());
  ASSERT_EQ(x["groups"].size(), 1u);
  const Json& group = x["groups"][0];
  EXPECT_EQ(group["header"]["elements"][5], "7");
  EXPECT_EQ(group["trailer"], Json::parse(R"({"tag":"GE","elements":["1","7"]})"));
  const Json& txn = group["transactions"][0];
  EXPECT_EQ(txn["header"], Json::parse(R"({"tag":"ST","elements":["850","0001"]})"));
  EXPECT_EQ(txn["segments"][0], Json::parse(R"({"tag":"PO1","elements":["1",["ID","","9"],
                {"repeats":["A",["B","C"]]}]})"));
  EXPECT_EQ(txn["trailer"]["tag"], "SE");
  EXPECT_EQ(x["trailer"]["tag"], "IEA");
}

TEST(JsonPrinter, CompactOutputHasNoWhitespace) {
  std::string out = print(smallX12(), noLines());
  EXPECT_EQ(out.substr(0, 52), R"({"format":"edi-bridge/parse-v1","interchanges":[{"st)");
  EXPECT_EQ(out.find('\n'), out.size() - 1);
  EXPECT_NE(out.find(R"("segments":[{"tag":"PO1","elements":["1",["ID","","9"],)"),
            std::string::npos);
}

TEST(JsonPrinter, PrettyOutputIsTheSameDocumentOneSegmentPerLine) {
  JsonPrinterOptions pretty = noLines();
  pretty.pretty = true;
  std::string out = print(smallX12(), pretty);
  EXPECT_EQ(Json::parse(out), Json::parse(print(smallX12(), noLines())));
  EXPECT_NE(out.find("\n  \"interchanges\": [\n    {\n      \"standard\": \"x12\","),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("\n                {\"tag\":\"PO1\",\"elements\":[\"1\","), std::string::npos)
      << out;
  EXPECT_NE(out.find("\"segments\": [],"), std::string::npos) << out;
}

TEST(JsonPrinter, AddsTheLineOfEachSegment) {
  OwnedSegment n1 = OwnedSegment::simple("N1", {"ST"});
  n1.line = 7;
  EventScript script;
  script.interchange(x12Info(), x12Isa())
      .transaction(OwnedSegment::simple("ST", {"850", "1"}))
      .segment(n1)
      .endTransaction(std::nullopt)
      .endInterchange(std::nullopt);
  Json doc = Json::parse(print(script));
  EXPECT_EQ(doc["interchanges"][0]["transactions"][0]["segments"][0]["line"], 7);
  EXPECT_FALSE(doc["interchanges"][0]["header"].contains("line"));
}

TEST(JsonPrinter, EdifactWithoutUnbHasANullHeader) {
  InterchangeInfo info = edifactInfo();
  info.hasHeader = false;
  EventScript script;
  script.interchange(info, OwnedSegment{})
      .transaction(OwnedSegment::simple("UNH", {"1", "ORDERS"}))
      .endTransaction(OwnedSegment::simple("UNT", {"2", "1"}))
      .endInterchange(std::nullopt);
  Json x = Json::parse(print(script, noLines()))["interchanges"][0];
  EXPECT_EQ(x["standard"], "edifact");
  EXPECT_TRUE(x["header"].is_null());
  EXPECT_TRUE(x["trailer"].is_null());
  EXPECT_EQ(x["delimiters"]["release"], "?");
  EXPECT_EQ(x["transactions"][0]["trailer"]["elements"][0], "2");
}

TEST(JsonPrinter, InterchangeLevelSegmentsGoIntoSegments) {
  EventScript script;
  script.interchange(x12Info(), x12Isa())
      .segment(OwnedSegment::simple("TA1", {"000000009", "240101", "1200", "A", "000"}))
      .group(gs())
      .endGroup(std::nullopt)
      .segment(OwnedSegment::simple("ZZ", {"late"}))
      .endInterchange(std::nullopt);
  core::Status status;
  Json x = Json::parse(print(script, noLines(), &status))["interchanges"][0];
  EXPECT_TRUE(status.isOk()) << status.toString();
  ASSERT_EQ(x["segments"].size(), 2u);
  EXPECT_EQ(x["segments"][0]["tag"], "TA1");
  EXPECT_EQ(x["segments"][1]["tag"], "ZZ");
  EXPECT_EQ(x["groups"].size(), 1u);
}

TEST(JsonPrinter, LeavesOutAGroupAfterUngroupedTransactionsAndSaysSo) {
  EventScript script;
  script.interchange(x12Info(), x12Isa())
      .group(gs())
      .endGroup(std::nullopt)
      .transaction(OwnedSegment::simple("ST", {"850", "1"}))
      .endTransaction(std::nullopt)
      .group(gs())
      .transaction(OwnedSegment::simple("ST", {"850", "2"}))
      .segment(OwnedSegment::simple("N1", {"x"}))
      .endTransaction(std::nullopt)
      .endGroup(std::nullopt)
      .endInterchange(std::nullopt);
  core::Status status;
  Json x = Json::parse(print(script, noLines(), &status))["interchanges"][0];
  EXPECT_EQ(x["groups"].size(), 1u);
  EXPECT_EQ(x["transactions"].size(), 1u);
  ASSERT_FALSE(status.isOk());
  EXPECT_NE(status.message().find("left out"), std::string::npos) << status.message();
}

TEST(JsonPrinter, SegmentsAfterAnInterchangeGetAHeaderlessInterchange) {
  EventScript script;
  script.interchange(x12Info(), x12Isa())
      .endInterchange(OwnedSegment::simple("IEA", {"0", "000000001"}))
      .segment(OwnedSegment::simple("N1", {"stray"}));
  Json doc = Json::parse(print(script, noLines()));
  ASSERT_EQ(doc["interchanges"].size(), 2u);
  const Json& stray = doc["interchanges"][1];
  EXPECT_TRUE(stray["header"].is_null());
  EXPECT_EQ(stray["standard"], "x12");
  EXPECT_EQ(stray["delimiters"]["element"], "*");
  EXPECT_EQ(stray["segments"][0]["elements"][0], "stray");
}

TEST(JsonPrinter, FinishClosesWhatIsOpen) {
  EventScript script;
  script.interchange(x12Info(), x12Isa())
      .group(gs())
      .transaction(OwnedSegment::simple("ST", {"850", "1"}))
      .segment(OwnedSegment::simple("N1", {"x"}));
  Json x = Json::parse(print(script, noLines()))["interchanges"][0];
  EXPECT_TRUE(x["trailer"].is_null());
  EXPECT_TRUE(x["groups"][0]["trailer"].is_null());
  EXPECT_TRUE(x["groups"][0]["transactions"][0]["trailer"].is_null());
}

TEST(JsonPrinter, EmptyInputIsAnEmptyDocument) {
  EXPECT_EQ(print(EventScript{}), "{\"format\":\"edi-bridge/parse-v1\",\"interchanges\":[]}\n");
}

TEST(JsonPrinter, ReplacesInvalidUtf8AndCountsIt) {
  EventScript script;
  script.interchange(edifactInfo(), OwnedSegment::simple("UNB", {"UNOA"}))
      .segment(OwnedSegment::simple("FTX", {"caf\xE9", "ok \xC3\xA9"}))
      .endInterchange(std::nullopt);
  uint64_t invalid = 0;
  Json x = Json::parse(print(script, noLines(), nullptr, &invalid))["interchanges"][0];
  EXPECT_EQ(invalid, 1u);
  EXPECT_EQ(x["segments"][0]["elements"][0], "caf\xEF\xBF\xBD");
  EXPECT_EQ(x["segments"][0]["elements"][1], "ok \xC3\xA9");
}

TEST(JsonPrinter, CapsSegmentsHeldOutsideTransactions) {
  JsonPrinterOptions options = noLines();
  options.maxHeldSegments = 2;
  EventScript script;
  script.interchange(x12Info(), x12Isa());
  for (int i = 0; i < 5; ++i) script.segment(OwnedSegment::simple("ZZ", {std::to_string(i)}));
  script.endInterchange(std::nullopt);
  core::Status status;
  Json x = Json::parse(print(script, options, &status))["interchanges"][0];
  EXPECT_EQ(x["segments"].size(), 2u);
  ASSERT_FALSE(status.isOk());
  EXPECT_NE(status.message().find("more than 2 segments"), std::string::npos);
}

TEST(JsonSegment, DelimitersAboveAsciiMapToLatin1CodePoints) {
  Delimiters d;
  d.element = '\x1D';
  d.component = static_cast<char>(0xA7);
  d.segment = '\n';
  Json json = delimitersToJson(d);
  EXPECT_EQ(json["component"], "\xC2\xA7");
  core::Result<Delimiters> back = delimitersFromJson(json, "/d");
  ASSERT_TRUE(back.isOk()) << back.status().toString();
  EXPECT_EQ(*back, d);
}

TEST(JsonSegment, ValidatesUtf8) {
  EXPECT_TRUE(isValidUtf8("plain"));
  EXPECT_TRUE(isValidUtf8("\xE2\x82\xAC"));
  EXPECT_FALSE(isValidUtf8("\xE9"));
  EXPECT_FALSE(isValidUtf8("\xC0\x80"));      // overlong
  EXPECT_FALSE(isValidUtf8("\xED\xA0\x80"));  // surrogate
  EXPECT_FALSE(isValidUtf8("\xE2\x82"));      // truncated
}

}  // namespace
}  // namespace bridge::parsers::edi
