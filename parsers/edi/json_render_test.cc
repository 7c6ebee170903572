#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "parsers/edi/event_testing.h"
#include "parsers/edi/json_codec.h"
#include "parsers/edi/reader.h"
#include "parsers/edi/writer.h"

namespace bridge::parsers::edi {
namespace {

using event_testing::EventLog;
using event_testing::EventScript;
using event_testing::x12Info;
using event_testing::x12Isa;
using Json = nlohmann::json;

constexpr char kX12Json[] = R"({"format":"edi-bridge/parse-v1","interchanges":[{
  "standard":"x12",
  "delimiters":{"element":"*","component":">","repetition":"^","segment":"~","release":null,
                "decimal":null},
  "serviceStringAdvice":false,
  "header":{"tag":"ISA","elements":["00","          ","00","          ","ZZ","SENDER         ",
            "ZZ","RECEIVER       ","240101","1200","^","00501","000000001","0","P",">"]},
  "segments":[],
  "groups":[{"header":{"tag":"GS","elements":["PO","S","R","20240101","1200","7","X","005010"]},
             "transactions":[{"header":{"tag":"ST","elements":["850","0001"]},
                              "segments":[{"tag":"BEG","elements":["00","SA","PO1","","20240101"]},
                                          {"tag":"PO1","elements":["1",["ID","","9"],
                                             {"repeats":["A",["B","C"]]}],"line":4}],
                              "trailer":null}],
             "trailer":null}],
  "transactions":[],
  "trailer":null}]})";

constexpr char kX12Edi[] =
    "ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *240101*1200*^*00501*"
    "000000001*0*P*>~GS*PO*S*R*20240101*1200*7*X*005010~ST*850*0001~BEG*00*SA*PO1**20240101~"
    "PO1*1*ID>>9*A^B>C~SE*4*0001~GE*1*7~IEA*1*000000001~";

core::Status render(const std::string& json, std::string& edi, RenderOptions options = {}) {
  std::istringstream in(json);
  std::ostringstream out;
  core::Status status = renderJson(in, out, options);
  edi = out.str();
  return status;
}

// Renders `json` after replacing the value at `pointer` and expects an
// invalid-argument error that starts with `where` and mentions `what`.
void expectError(const std::string& pointer, const Json& replacement, const std::string& where,
                 const std::string& what) {
  Json doc = Json::parse(kX12Json);
  if (replacement.is_discarded()) {
    doc.at(Json::json_pointer(pointer.substr(0, pointer.rfind('/'))))
        .erase(pointer.substr(pointer.rfind('/') + 1));
  } else {
    doc[Json::json_pointer(pointer)] = replacement;
  }
  std::string edi;
  core::Status status = render(doc.dump(), edi);
  ASSERT_FALSE(status.isOk()) << pointer;
  EXPECT_EQ(status.code(), core::StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message().rfind(where + ": ", 0), 0u) << status.message();
  EXPECT_NE(status.message().find(what), std::string::npos) << status.message();
  EXPECT_TRUE(edi.empty()) << "nothing is written when rendering fails";
}

const Json kRemove = Json(Json::value_t::discarded);

TEST(RenderJson, WritesX12WithComputedTrailers) {
  std::string edi;
  ASSERT_TRUE(render(kX12Json, edi).isOk());
  EXPECT_EQ(edi, kX12Edi);
}

TEST(RenderJson, AddsLineBreaksOnRequest) {
  RenderOptions options;
  options.lineBreaks = true;
  std::string edi;
  ASSERT_TRUE(render(kX12Json, edi, options).isOk());
  EXPECT_NE(edi.find("~\nGS*PO*"), std::string::npos);
  EXPECT_EQ(edi.substr(edi.size() - 17), "IEA*1*000000001~\n");
}

TEST(RenderJson, WritesEdifactWithUnaAndEscapes) {
  const char* json = R"({"format":"edi-bridge/parse-v1","interchanges":[{"standard":"edifact",
    "delimiters":{"element":"+","component":":","repetition":null,"segment":"'","release":"?",
                  "decimal":"."},
    "serviceStringAdvice":true,
    "header":{"tag":"UNB","elements":[["UNOC","3"],"S","R",["240101","1200"],"42"]},
    "transactions":[{"header":{"tag":"UNH","elements":["1",["ORDERS","D","96A","UN"]]},
                     "segments":[{"tag":"FTX","elements":["AAI","","","it's 5+3"]}]}]}]})";
  std::string edi;
  core::Status status = render(json, edi);
  ASSERT_TRUE(status.isOk()) << status.toString();
  EXPECT_EQ(edi,
            "UNA:+.? 'UNB+UNOC:3+S+R+240101:1200+42'UNH+1+ORDERS:D:96A:UN'"
            "FTX+AAI+++it?'s 5?+3'UNT+3+1'UNZ+1+42'");
}

TEST(RenderJson, PrintedEventsRenderToWhatTheWriterWrites) {
  OwnedSegment hi;
  hi.tag = "HI";
  hi.elements = {{{"BK", "1"}, {"BF", "2", ""}}, {{""}}};
  EventScript script;
  script.interchange(x12Info(), x12Isa())
      .segment(OwnedSegment::simple("TA1", {"1", "2"}))
      .group(OwnedSegment::simple("GS", {"HC", "S", "R", "20240101", "1200", "9", "X", "005010"}))
      .transaction(OwnedSegment::simple("ST", {"837", "1"}))
      .segment(hi)
      .segment(OwnedSegment::simple("NM1", {"85", "", ""}))
      .endTransaction(OwnedSegment::simple("SE", {"4", "1"}))
      .endGroup(OwnedSegment::simple("GE", {"1", "9"}))
      .endInterchange(OwnedSegment::simple("IEA", {"1", "000000001"}));
  std::ostringstream json;
  JsonPrinter printer(json);
  script.play(printer);
  printer.finish();
  std::ostringstream direct;
  Writer writer(direct);
  script.play(writer);
  std::string edi;
  core::Status status = render(json.str(), edi);
  ASSERT_TRUE(status.isOk()) << status.toString();
  EXPECT_EQ(edi, direct.str());
}

TEST(RenderJson, RejectsInputThatIsNotJson) {
  std::string edi;
  core::Status status = render("ISA*00*", edi);
  EXPECT_EQ(status.code(), core::StatusCode::kInvalidArgument);
  EXPECT_NE(status.message().find("not valid JSON"), std::string::npos) << status.message();
}

TEST(RenderJson, RejectsAnotherFormat) {
  std::string edi;
  core::Status status = render(R"({"format":"other","interchanges":[]})", edi);
  EXPECT_EQ(status.message().rfind("/format: expected \"edi-bridge/parse-v1\"", 0), 0u)
      << status.message();
  status = render(R"([1,2])", edi);
  EXPECT_EQ(status.message().rfind("/: expected a parse-v1 object", 0), 0u) << status.message();
}

TEST(RenderJson, NamesAMissingKey) {
  expectError("/interchanges/0/standard", kRemove, "/interchanges/0", "missing \"standard\"");
  expectError("/interchanges/0/groups/0/header", kRemove, "/interchanges/0/groups/0",
              "missing \"header\"");
  expectError("/interchanges/0/groups/0/header/elements", kRemove,
              "/interchanges/0/groups/0/header", "missing \"elements\"");
}

TEST(RenderJson, NamesAValueOfTheWrongType) {
  expectError("/interchanges/0/groups/0/header/elements/3", 20240101,
              "/interchanges/0/groups/0/header/elements/3", "found a number");
  expectError("/interchanges/0/groups", "x", "/interchanges/0/groups", "expected an array");
  expectError("/interchanges/0/groups/0/transactions/0/segments/1/elements/2/repeats/1/0", true,
              "/interchanges/0/groups/0/transactions/0/segments/1/elements/2/repeats/1/0",
              "expected a component string");
  expectError("/interchanges/0/serviceStringAdvice", "no", "/interchanges/0/serviceStringAdvice",
              "expected true or false");
}

TEST(RenderJson, RejectsAnUnknownStandard) {
  expectError("/interchanges/0/standard", "tradacoms", "/interchanges/0/standard",
              "expected \"x12\" or \"edifact\"");
}

TEST(RenderJson, RejectsBadDelimiters) {
  expectError("/interchanges/0/delimiters/element", "**", "/interchanges/0/delimiters/element",
              "expected one character");
  expectError("/interchanges/0/delimiters/component", "*", "/interchanges/0/delimiters",
              "both '*'");
  expectError("/interchanges/0/delimiters/segment", nullptr, "/interchanges/0/delimiters/segment",
              "found null");
  expectError("/interchanges/0/delimiters/release", "?", "/interchanges/0/delimiters",
              "X12 has no release character");
  expectError("/interchanges/0/delimiters/element", "A", "/interchanges/0/delimiters",
              "letter or digit");
}

TEST(RenderJson, RejectsUnknownKeys) {
  expectError("/interchanges/0/trailers", nullptr, "/interchanges/0/trailers", "unknown key");
  expectError("/interchanges/0/groups/0/header/tags", "GS", "/interchanges/0/groups/0/header/tags",
              "unknown key");
}

TEST(RenderJson, RejectsWrongEnvelopeTags) {
  expectError("/interchanges/0/groups/0/header/tag", "ST", "/interchanges/0/groups/0/header/tag",
              "expected \"GS\"");
  expectError("/interchanges/0/groups/0/transactions/0/segments/0/tag", "SE",
              "/interchanges/0/groups/0/transactions/0/segments/0/tag", "envelope segment");
  expectError("/interchanges/0/groups/0/transactions/0/segments/0/tag", "B-G",
              "/interchanges/0/groups/0/transactions/0/segments/0/tag", "1 to 3 letters");
}

TEST(RenderJson, RejectsAnIsaWithoutSixteenElements) {
  expectError("/interchanges/0/header/elements", Json::array({"00"}),
              "/interchanges/0/header/elements", "16 elements");
}

TEST(RenderJson, NamesTheSegmentWhoseDataHoldsADelimiter) {
  expectError("/interchanges/0/groups/0/transactions/0/segments/0/elements/2", "PO*1",
              "/interchanges/0/groups/0/transactions/0/segments/0", "segment 4 (BEG), element 3");
}

TEST(RenderJson, CapsTheInputSize) {
  RenderOptions options;
  options.maxInputBytes = 100;
  std::string edi;
  core::Status status = render(kX12Json, edi, options);
  EXPECT_EQ(status.code(), core::StatusCode::kResourceExhausted);
  EXPECT_NE(status.message().find("larger than 100 bytes"), std::string::npos);
}

TEST(RenderJson, RefusesDeepNesting) {
  std::string edi;
  core::Status status = render(std::string(100000, '[') + std::string(100000, ']'), edi);
  EXPECT_EQ(status.code(), core::StatusCode::kInvalidArgument);
  EXPECT_NE(status.message().find("nests deeper"), std::string::npos);
}

TEST(RenderJson, NeverCrashesOnATruncatedOrDamagedDocument) {
  const std::string json = kX12Json;
  std::string edi;
  for (size_t cut = 0; cut < json.size(); ++cut) {
    EXPECT_FALSE(render(json.substr(0, cut), edi).isOk()) << cut;
  }
  for (size_t i = 0; i < json.size(); i += 3) {
    for (char c : {'"', '{', ']', '0', 'n', ','}) {
      std::string damaged = json;
      damaged[i] = c;
      (void)render(damaged, edi);
    }
  }
}

// Needs the streaming reader (parsers/edi/reader.cc): EDI -> JSON -> EDI
// gives the same events.
TEST(RenderJson, ParseThenRenderReadsBackTheSameEvents) {
  const std::string input =
      "UNA:+.? 'UNB+UNOC:3+S:14+R:14+240101:1200+42'UNG+ORDERS+S+R+240101:1200+7+UN+D:96A'"
      "UNH+1+ORDERS:D:96A:UN'FTX+AAI+++a?+b?:c'UNT+3+1'UNE+1+7'UNZ+1+42'";
  EventLog first;
  std::ostringstream json;
  JsonPrinter printer(json);
  event_testing::Tee tee(first, printer);
  Reader reader(tee);
  reader.feed(input);
  reader.finish();
  printer.finish();
  ASSERT_FALSE(first.lines.empty()) << "the reader produced no events";
  std::string edi;
  ASSERT_TRUE(render(json.str(), edi).isOk());
  EventLog second;
  Reader again(second);
  again.feed(edi);
  again.finish();
  EXPECT_EQ(second.lines, first.lines);
}

// Every corpus file the reader accepts without an error finding: EDI -> JSON
// -> EDI (trailers as given) reads back to the same events.
TEST(RenderJson, CorpusFilesSurviveParseAndRender) {
  namespace fs = std::filesystem;
  RenderOptions options;
  options.computeTrailers = false;
  int checked = 0;
  for (const char* dir : {"x12", "edifact"}) {
    for (const auto& entry : fs::directory_iterator(fs::path(EDI_TEST_DATA_DIR) / "corpus" / dir)) {
      SCOPED_TRACE(entry.path().string());
      std::ifstream in(entry.path(), std::ios::binary);
      const std::string bytes((std::istreambuf_iterator<char>(in)),
                              std::istreambuf_iterator<char>());
      EventLog first;
      std::ostringstream json;
      JsonPrinter printer(json);
      event_testing::Tee tee(first, printer);
      Reader reader(tee);
      reader.feed(bytes);
      reader.finish();
      printer.finish();
      if (first.hasError() || first.lines.empty()) continue;
      ASSERT_TRUE(printer.status().isOk()) << printer.status().toString();
      std::string edi;
      core::Status status = render(json.str(), edi, options);
      ASSERT_TRUE(status.isOk()) << status.toString();
      EventLog second;
      Reader again(second);
      again.feed(edi);
      again.finish();
      auto events = [](const EventLog& log) {
        std::vector<std::string> out;
        for (const std::string& line : log.lines) {
          if (line.rfind("finding ", 0) != 0) out.push_back(line);
        }
        return out;
      };
      EXPECT_FALSE(second.hasError());
      EXPECT_EQ(events(second), events(first));
      ++checked;
    }
  }
  EXPECT_GT(checked, 10);
}

}  // namespace
}  // namespace bridge::parsers::edi
