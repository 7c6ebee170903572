#include "parsers/ack/report_collector.h"

#include <string>

#include <gtest/gtest.h>

#include "parsers/ack/ack_test_support.h"
#include "parsers/schema/finding_codes.h"

namespace bridge::parsers::ack {
namespace {

using testing::collect;
using testing::schemaFinding;

const std::string kIsa =
    "ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *240301*1200*U*00401*"
    "000000101*1*T*>~";

TEST(ReportCollectorTest, RecordsEnvelopesAndCounts) {
  const InputReport report =
      collect(kIsa + "GS*PO*AA*BB*20240301*1200*7*X*004010~" +
              "ST*850*0001~BEG*00*SA*PO1**20240301~SE*3*0001~GE*1*7~" + "IEA*1*000000101~");
  ASSERT_EQ(report.interchanges.size(), 1u);
  const InterchangeReport& ic = report.interchanges[0];
  EXPECT_EQ(ic.standard, edi::Standard::kX12);
  EXPECT_EQ(ic.syntaxVersion, "00401");
  EXPECT_EQ(ic.controlNumber, "000000101");
  EXPECT_TRUE(ic.ackRequested);
  EXPECT_TRUE(ic.trailerPresent);
  EXPECT_EQ(ic.delimiters.element, '*');
  ASSERT_EQ(ic.groups.size(), 1u);
  EXPECT_EQ(ic.groups[0].header.element(5), "7");
  EXPECT_EQ(ic.groups[0].declaredCount, "1");
  ASSERT_EQ(ic.groups[0].transactions.size(), 1u);
  EXPECT_EQ(ic.groups[0].transactions[0].segmentCount, 3u);
  EXPECT_EQ(ic.groups[0].transactions[0].header.element(1), "0001");
  EXPECT_TRUE(ic.findings.kept.empty());
}

// Each finding lands on the envelope it is about, missing trailers included.
TEST(ReportCollectorTest, AttributesFindingsToTheirEnvelope) {
  const InputReport report = collect(kIsa + "GS*PO*AA*BB*20240301*1200*7*X*004010~" +
                                     "ST*850*0001~BEG*00*SA*PO1**20240301~SE*9*0001~" +
                                     "ST*850*0002~BEG*00*SA*PO2**20240301~GE*5*7~");
  const InterchangeReport& ic = report.interchanges[0];
  ASSERT_EQ(ic.findings.kept.size(), 1u);
  EXPECT_EQ(ic.findings.kept[0].code, "X12_MISSING_IEA");
  ASSERT_EQ(ic.groups[0].findings.kept.size(), 1u);
  EXPECT_EQ(ic.groups[0].findings.kept[0].code, "X12_GE01_COUNT");
  EXPECT_EQ(ic.groups[0].transactions[0].findings.kept[0].code, "X12_SE01_COUNT");
  EXPECT_EQ(ic.groups[0].transactions[1].findings.kept[0].code, "X12_MISSING_SE");
  EXPECT_FALSE(ic.groups[0].transactions[1].trailerPresent);
}

TEST(ReportCollectorTest, BoundsFindingsPerTransaction) {
  std::map<int, std::vector<core::Finding>> inject;
  for (int i = 0; i < 5; ++i) {
    inject[1].push_back(schemaFinding(schema::codes::kInvalidCode, "BEG", 2, "", 1));
  }
  ReportCollector collector(CollectorOptions{.maxFindingsPerRecord = 3});
  testing::Injector injector(collector, inject);
  edi::Reader reader(injector);
  reader.feed(kIsa + "GS*PO*AA*BB*20240301*1200*7*X*004010~ST*850*0001~SE*2*0001~GE*1*7~" +
              "IEA*1*000000101~");
  reader.finish();
  const FindingList& list = collector.report().interchanges[0].groups[0].transactions[0].findings;
  EXPECT_EQ(list.kept.size(), 3u);
  EXPECT_EQ(list.dropped, 2u);
  EXPECT_EQ(list.droppedErrors, 2u);
}

TEST(ReportCollectorTest, EdifactMessagesWithoutGroupAndFindingsOutsideInterchanges) {
  const InputReport report = collect(
      "junk UNB+UNOA:3+S+R+240301:1200+REF1++++1'UNH+M1+ORDERS:D:96A:UN'UNT+2+M1'"
      "UNZ+1+REF1'");
  ASSERT_EQ(report.interchanges.size(), 1u);
  const InterchangeReport& ic = report.interchanges[0];
  EXPECT_EQ(ic.syntaxVersion, "3");
  EXPECT_EQ(ic.controlNumber, "REF1");
  EXPECT_TRUE(ic.ackRequested);
  ASSERT_EQ(ic.groups.size(), 1u);
  EXPECT_FALSE(ic.groups[0].hasHeader);
  EXPECT_EQ(ic.groups[0].transactions[0].segmentCount, 2u);
  ASSERT_EQ(report.unattached.kept.size(), 1u);
  EXPECT_EQ(report.unattached.kept[0].code, "EDI_TEXT_BEFORE_HEADER");
}

}  // namespace
}  // namespace bridge::parsers::ack
