#include "parsers/edi/writer.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "parsers/edi/event_testing.h"
#include "parsers/edi/reader.h"

namespace bridge::parsers::edi {
namespace {

using event_testing::edifactInfo;
using event_testing::EventLog;
using event_testing::EventScript;
using event_testing::x12Info;
using event_testing::x12Isa;

constexpr char kIsa[] =
    "ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *240101*1200*^*00501*"
    "000000001*0*P*>~";

std::string writeScript(const EventScript& script, WriterOptions options = {},
                        core::Status* status = nullptr) {
  std::ostringstream out;
  Writer writer(out, options);
  script.play(writer);
  if (status != nullptr) *status = writer.status();
  return out.str();
}

EventScript x12Order(std::optional<OwnedSegment> se = std::nullopt,
                     std::optional<OwnedSegment> ge = std::nullopt,
                     std::optional<OwnedSegment> iea = std::nullopt) {
  EventScript script;
  script.interchange(x12Info(), x12Isa())
      .group(OwnedSegment::simple("GS", {"PO", "S", "R", "20240101", "1200", "7", "X", "005010"}))
      .transaction(OwnedSegment::simple("ST", {"850", "0001"}))
      .segment(OwnedSegment::simple("BEG", {"00", "SA", "PO1", "", "20240101"}))
      .segment(OwnedSegment::simple("N1", {"ST", "ACME"}))
      .endTransaction(std::move(se))
      .endGroup(std::move(ge))
      .endInterchange(std::move(iea));
  return script;
}

TEST(Writer, X12ComputesMissingTrailers) {
  EXPECT_EQ(writeScript(x12Order()), std::string(kIsa) +
                                         "GS*PO*S*R*20240101*1200*7*X*005010~"
                                         "ST*850*0001~BEG*00*SA*PO1**20240101~N1*ST*ACME~"
                                         "SE*4*0001~GE*1*7~IEA*1*000000001~");
}

TEST(Writer, X12CorrectsWrongCountsAndControlNumbers) {
  std::string out = writeScript(x12Order(OwnedSegment::simple("SE", {"9", "9999"}),
                                         OwnedSegment::simple("GE", {"5", "1"}),
                                         OwnedSegment::simple("IEA", {"3", "000000002"})));
  EXPECT_NE(out.find("SE*4*0001~GE*1*7~IEA*1*000000001~"), std::string::npos) << out;
}

TEST(Writer, KeepsTheSpellingOfACorrectCount) {
  std::string out = writeScript(x12Order(OwnedSegment::simple("SE", {"0004", "0001"}),
                                         OwnedSegment::simple("GE", {"1", "7"}),
                                         OwnedSegment::simple("IEA", {"00001", "000000001"})));
  EXPECT_NE(out.find("SE*0004*0001~GE*1*7~IEA*00001*000000001~"), std::string::npos) << out;
}

TEST(Writer, WritesTrailersAsGivenWhenNotComputing) {
  WriterOptions options;
  options.computeTrailers = false;
  std::string out = writeScript(x12Order(OwnedSegment::simple("SE", {"9", "X"}), std::nullopt,
                                         OwnedSegment::simple("IEA", {"1", "000000001"})),
                                options);
  EXPECT_NE(out.find("N1*ST*ACME~SE*9*X~IEA*1*000000001~"), std::string::npos) << out;
}

TEST(Writer, AddsALineBreakAfterEachSegment) {
  WriterOptions options;
  options.lineBreaks = true;
  std::string out = writeScript(x12Order(), options);
  const std::string tail = "N1*ST*ACME~\nSE*4*0001~\nGE*1*7~\nIEA*1*000000001~\n";
  EXPECT_EQ(out.substr(out.size() - tail.size()), tail);
  EXPECT_EQ(out.substr(105, 2), "~\n");
}

TEST(Writer, NoExtraLineBreakWhenTheTerminatorIsLf) {
  WriterOptions options;
  options.lineBreaks = true;
  Delimiters d = x12Info().delimiters;
  d.segment = '\n';
  options.delimiters = d;
  std::string out = writeScript(x12Order(), options);
  EXPECT_EQ(out.find("\n\n"), std::string::npos);
  EXPECT_NE(out.find("\nN1*ST*ACME\nSE*4*0001\n"), std::string::npos) << out;
}

TEST(Writer, KeepsTrailingEmptyElementsAndComponents) {
  EventScript script;
  OwnedSegment sln;
  sln.tag = "SLN";
  sln.elements = {{{"1"}}, {{""}}, {{"PC", "", ""}}, {{""}}, {{""}}};
  script.interchange(x12Info(), x12Isa())
      .transaction(OwnedSegment::simple("ST", {"850", "1"}))
      .segment(sln)
      .segment(OwnedSegment::simple("N1", {"ST", "", ""}))
      .endTransaction(std::nullopt)
      .endInterchange(std::nullopt);
  std::string out = writeScript(script);
  EXPECT_NE(out.find("~SLN*1**PC>>**~N1*ST**~"), std::string::npos) << out;
}

TEST(Writer, X12WritesRepetitionsWithIsa11) {
  OwnedSegment seg;
  seg.tag = "HI";
  seg.elements = {{{"BK", "123"}, {"BF", "456"}}};
  EventScript script;
  script.interchange(x12Info(), x12Isa())
      .transaction(OwnedSegment::simple("ST", {"837", "1"}))
      .segment(seg)
      .endTransaction(std::nullopt)
      .endInterchange(std::nullopt);
  EXPECT_NE(writeScript(script).find("~HI*BK>123^BF>456~"), std::string::npos);
}

TEST(Writer, X12RejectsRepetitionsWithoutASeparator) {
  InterchangeInfo info = x12Info();
  info.delimiters.repetition = 0;
  OwnedSegment seg;
  seg.tag = "HI";
  seg.elements = {{{"A"}, {"B"}}};
  EventScript script;
  script.interchange(info, x12Isa("000000001", "00401", "U"))
      .transaction(OwnedSegment::simple("ST", {"837", "1"}))
      .segment(seg);
  core::Status status;
  writeScript(script, {}, &status);
  ASSERT_FALSE(status.isOk());
  EXPECT_NE(status.message().find("segment 3 (HI), element 1"), std::string::npos)
      << status.message();
  EXPECT_NE(status.message().find("no repetition separator"), std::string::npos);
}

TEST(Writer, X12RejectsDataHoldingADelimiterAndStops) {
  EventScript bad;
  bad.interchange(x12Info(), x12Isa())
      .transaction(OwnedSegment::simple("ST", {"850", "1"}))
      .segment(OwnedSegment::simple("N1", {"ST", "A*B"}))
      .segment(OwnedSegment::simple("N2", {"after"}))
      .endTransaction(std::nullopt)
      .endInterchange(std::nullopt);
  core::Status status;
  std::string out = writeScript(bad, {}, &status);
  ASSERT_FALSE(status.isOk());
  EXPECT_EQ(status.code(), core::StatusCode::kInvalidArgument);
  EXPECT_NE(status.message().find("segment 3 (N1), element 2"), std::string::npos)
      << status.message();
  EXPECT_NE(status.message().find("element separator '*'"), std::string::npos);
  EXPECT_EQ(out.find("N1"), std::string::npos);
  EXPECT_EQ(out.find("N2"), std::string::npos);
}

TEST(Writer, X12RejectsEachKindOfDelimiterInData) {
  for (const std::string value : {"a>b", "a^b", "a~b"}) {
    InterchangeInfo info = x12Info();
    std::ostringstream out;
    core::Status status = write(OwnedSegment::simple("REF", {"ZZ", value}), info, out);
    EXPECT_FALSE(status.isOk()) << value;
    EXPECT_TRUE(out.str().empty());
  }
}

TEST(Writer, RejectsLineBreaksInData) {
  std::ostringstream out;
  core::Status status =
      write(OwnedSegment::simple("FTX", {"AAI", "line1\nline2"}), edifactInfo(), out);
  ASSERT_FALSE(status.isOk());
  EXPECT_NE(status.message().find("line break"), std::string::npos) << status.message();
}

TEST(Writer, IsaFollowsOverriddenDelimiters) {
  WriterOptions options;
  Delimiters d;
  d.element = '|';
  d.component = ':';
  d.repetition = '!';
  d.segment = '\n';
  options.delimiters = d;
  std::string out = writeScript(x12Order(), options);
  EXPECT_EQ(out.substr(0, 106),
            "ISA|00|          |00|          |ZZ|SENDER         |ZZ|RECEIVER       |240101|1200|!|"
            "00501|000000001|0|P|:\n");
}

TEST(Writer, IsaBeforeVersion00402KeepsIsa11) {
  InterchangeInfo info = x12Info();
  info.delimiters.repetition = 0;
  std::ostringstream out;
  ASSERT_TRUE(write(x12Isa("000000001", "00401", "U"), info, out).isOk());
  EXPECT_EQ(out.str().substr(81, 9), "*U*00401*");
  EXPECT_EQ(out.str().size(), 106u);
}

TEST(Writer, RejectsUnusableDelimiters) {
  WriterOptions options;
  Delimiters d = x12Info().delimiters;
  d.component = '*';
  options.delimiters = d;
  core::Status status;
  std::string out = writeScript(x12Order(), options, &status);
  ASSERT_FALSE(status.isOk());
  EXPECT_NE(status.message().find("both '*'"), std::string::npos) << status.message();
  EXPECT_TRUE(out.empty());
}

EventScript edifactOrder(InterchangeInfo info, bool withGroup) {
  EventScript script;
  script.interchange(
      info, OwnedSegment::simple("UNB", {"UNOC", "SENDER", "RECEIVER", "240101", "REF42"}));
  if (withGroup) {
    script.group(OwnedSegment::simple("UNG", {"ORDERS", "S", "R", "240101", "G7"}));
  }
  OwnedSegment unh;
  unh.tag = "UNH";
  unh.elements = {{{"M1"}}, {{"ORDERS", "D", "96A", "UN"}}};
  script.transaction(unh)
      .segment(OwnedSegment::simple("BGM", {"220", "PO?1+2", "9"}))
      .endTransaction(std::nullopt);
  if (withGroup) script.endGroup(std::nullopt);
  script.endInterchange(std::nullopt);
  return script;
}

TEST(Writer, EdifactEscapesWithTheReleaseCharacter) {
  EXPECT_EQ(writeScript(edifactOrder(edifactInfo(), false)),
            "UNB+UNOC+SENDER+RECEIVER+240101+REF42'UNH+M1+ORDERS:D:96A:UN'"
            "BGM+220+PO??1?+2+9'UNT+3+M1'UNZ+1+REF42'");
}

TEST(Writer, EdifactWritesUnaWhenTheInputHadOne) {
  InterchangeInfo info = edifactInfo();
  info.serviceStringAdvice = true;
  EXPECT_EQ(writeScript(edifactOrder(info, false)).substr(0, 13), "UNA:+.? 'UNB+");
}

TEST(Writer, EdifactWritesUnaForOtherDelimiters) {
  WriterOptions options;
  Delimiters d = edifactInfo().delimiters;
  d.element = '|';
  d.segment = '#';
  d.repetition = '*';
  d.decimal = ',';
  options.delimiters = d;
  std::string out = writeScript(edifactOrder(edifactInfo(), false), options);
  EXPECT_EQ(out.substr(0, 13), "UNA:|,?*#UNB|");
  EXPECT_NE(out.find("BGM|220|PO??1+2|9#"), std::string::npos) << out;
}

TEST(Writer, EdifactCountsGroupsInUnz) {
  std::string out = writeScript(edifactOrder(edifactInfo(), true));
  EXPECT_NE(out.find("UNT+3+M1'UNE+1+G7'UNZ+1+REF42'"), std::string::npos) << out;
}

TEST(Writer, EdifactWithoutUnbWritesNoEnvelope) {
  InterchangeInfo info = edifactInfo();
  info.hasHeader = false;
  EventScript script;
  script.interchange(info, OwnedSegment{})
      .transaction(OwnedSegment::simple("UNH", {"1", "ORDERS"}))
      .endTransaction(std::nullopt)
      .endInterchange(std::nullopt);
  EXPECT_EQ(writeScript(script), "UNH+1+ORDERS'UNT+2+1'");
}

TEST(Writer, SegmentBeforeAnyInterchangeIsAnError) {
  EventScript script;
  script.segment(OwnedSegment::simple("N1", {"ST"}));
  core::Status status;
  writeScript(script, {}, &status);
  ASSERT_FALSE(status.isOk());
  EXPECT_NE(status.message().find("delimiters are unknown"), std::string::npos);
}

TEST(Writer, WritesATreeInItsEnvelope) {
  TransactionTree tree;
  tree.interchange = x12Info();
  tree.interchangeHeader = x12Isa();
  tree.groupHeader =
      OwnedSegment::simple("GS", {"PO", "S", "R", "20240101", "1200", "7", "X", "005010"});
  tree.header = OwnedSegment::simple("ST", {"850", "0001"});
  tree.segments.push_back(OwnedSegment::simple("BEG", {"00"}));
  std::ostringstream out;
  ASSERT_TRUE(write(tree, out).isOk());
  EXPECT_EQ(out.str(), std::string(kIsa) +
                           "GS*PO*S*R*20240101*1200*7*X*005010~ST*850*0001~BEG*00~SE*3*0001~"
                           "GE*1*7~IEA*1*000000001~");
}

TEST(Writer, WritesOneSegment) {
  std::ostringstream out;
  WriterOptions options;
  options.lineBreaks = true;
  ASSERT_TRUE(write(OwnedSegment::simple("N1", {"ST", "ACME"}), x12Info(), out, options).isOk());
  EXPECT_EQ(out.str(), "N1*ST*ACME~\n");
}

// The events of `bytes` without findings; fails the test on an error finding.
std::vector<std::string> readEvents(const std::string& bytes) {
  EventLog log;
  Reader reader(log);
  reader.feed(bytes);
  reader.finish();
  EXPECT_FALSE(log.hasError()) << bytes;
  std::vector<std::string> lines;
  for (std::string& line : log.lines) {
    if (line.rfind("finding ", 0) != 0) lines.push_back(std::move(line));
  }
  return lines;
}

// bytes -> Reader -> events -> Writer -> bytes -> Reader -> events: the two
// event streams are equal. Layout warnings of the input (indented segments,
// wrapped lines) may disappear, since the writer lays segments out afresh.

void expectRoundTrip(const std::string& bytes, WriterOptions options = {}) {
  EventLog first;
  std::ostringstream written;
  {
    Writer writer(written, options);
    event_testing::Tee tee(first, writer);
    Reader reader(tee);
    reader.feed(bytes);
    reader.finish();
    ASSERT_TRUE(writer.status().isOk()) << writer.status().toString();
  }
  ASSERT_FALSE(first.lines.empty()) << "the reader produced no events";
  std::vector<std::string> expected;
  for (const std::string& line : first.lines) {
    if (line.rfind("finding ", 0) != 0) expected.push_back(line);
  }
  EXPECT_EQ(readEvents(written.str()), expected) << written.str();
}

TEST(WriterRoundTrip, X12WithRepetitionsAndComponents) {
  expectRoundTrip(std::string(kIsa) +
                  "\nGS*HC*S*R*20240101*1200*7*X*005010X222A1~\nST*837*0001*005010X222A1~\n"
                  "HI*BK>123^BF>456>>~\nN1*ST**~\nSE*4*0001~\nGE*1*7~\nIEA*1*000000001~\n");
}

TEST(WriterRoundTrip, EdifactWithUnaAndReleaseCharacters) {
  expectRoundTrip(
      "UNA:+.? '\nUNB+UNOC:3+S:14+R:14+240101:1200+REF42'\nUNH+M1+ORDERS:D:96A:UN'\n"
      "FTX+AAI+++text?: with ?+ and ?? and ?''\nUNT+3+M1'\nUNZ+1+REF42'\n");
}

TEST(WriterRoundTrip, EdifactWithOtherDelimitersAndLineBreaks) {
  WriterOptions options;
  options.lineBreaks = true;
  expectRoundTrip(
      "UNA:|.? #UNB|UNOC:3|S|R|240101:1200|9#UNH|1|INVOIC:D:97B:UN#BGM|380|"
      "A+B#UNT|3|1#UNZ|1|9#",
      options);
}

// Every corpus file the reader accepts without an error finding reads back
// to the same events after writing, with trailers written as given.
TEST(WriterRoundTrip, CorpusFilesWithoutReaderErrors) {
  namespace fs = std::filesystem;
  WriterOptions options;
  options.computeTrailers = false;
  int checked = 0;
  for (const char* dir : {"x12", "edifact"}) {
    for (const auto& entry : fs::directory_iterator(fs::path(EDI_TEST_DATA_DIR) / "corpus" / dir)) {
      std::ifstream in(entry.path(), std::ios::binary);
      std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      EventLog log;
      Reader reader(log);
      reader.feed(bytes);
      reader.finish();
      if (log.hasError() || log.lines.empty()) continue;
      SCOPED_TRACE(entry.path().string());
      expectRoundTrip(bytes, options);
      ++checked;
    }
  }
  EXPECT_GT(checked, 10);
}

}  // namespace
}  // namespace bridge::parsers::edi
