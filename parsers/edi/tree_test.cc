#include "parsers/edi/tree.h"

#include <gtest/gtest.h>

#include "parsers/edi/event_testing.h"
#include "parsers/edi/reader.h"

namespace bridge::parsers::edi {
namespace {

using event_testing::EventScript;
using event_testing::x12Info;
using event_testing::x12Isa;

std::vector<TransactionTree> build(const EventScript& script) {
  std::vector<TransactionTree> trees;
  TreeBuilder builder([&](TransactionTree&& tree) { trees.push_back(std::move(tree)); });
  script.play(builder);
  EXPECT_EQ(builder.treesBuilt(), trees.size());
  return trees;
}

OwnedSegment gs(const std::string& control) {
  return OwnedSegment::simple("GS", {"PO", "S", "R", "20240101", "1200", control, "X", "005010"});
}

TEST(TreeBuilder, BuildsOneTreePerTransactionWithItsEnvelope) {
  EventScript script;
  script.interchange(x12Info(), x12Isa("000000042"))
      .group(gs("7"))
      .transaction(OwnedSegment::simple("ST", {"850", "0001"}))
      .segment(OwnedSegment::simple("BEG", {"00", "SA", "PO1"}))
      .segment(OwnedSegment::simple("N1", {"ST", "ACME"}))
      .endTransaction(OwnedSegment::simple("SE", {"4", "0001"}))
      .transaction(OwnedSegment::simple("ST", {"850", "0002"}))
      .endTransaction(std::nullopt)
      .endGroup(std::nullopt)
      .endInterchange(std::nullopt);
  std::vector<TransactionTree> trees = build(script);
  ASSERT_EQ(trees.size(), 2u);

  const TransactionTree& first = trees[0];
  EXPECT_EQ(first.interchange.standard, Standard::kX12);
  EXPECT_EQ(first.interchange.delimiters.element, '*');
  EXPECT_EQ(first.interchangeHeader.element(12), "000000042");
  ASSERT_TRUE(first.groupHeader.has_value());
  EXPECT_EQ(first.groupHeader->element(5), "7");
  EXPECT_EQ(first.header.element(1), "0001");
  ASSERT_EQ(first.size(), 2u);
  ASSERT_TRUE(first.trailer.has_value());
  EXPECT_EQ(first.trailer->element(0), "4");

  EXPECT_EQ(trees[1].header.element(1), "0002");
  EXPECT_EQ(trees[1].size(), 0u);
  EXPECT_FALSE(trees[1].trailer.has_value());
}

TEST(TreeBuilder, TransactionOutsideAGroupHasNoGroupHeader) {
  EventScript script;
  script.interchange(x12Info(), x12Isa())
      .group(gs("1"))
      .endGroup(std::nullopt)
      .transaction(OwnedSegment::simple("ST", {"850", "1"}))
      .endTransaction(std::nullopt)
      .endInterchange(std::nullopt);
  std::vector<TransactionTree> trees = build(script);
  ASSERT_EQ(trees.size(), 1u);
  EXPECT_FALSE(trees[0].groupHeader.has_value());
}

TEST(TreeBuilder, IgnoresSegmentsOutsideTransactions) {
  EventScript script;
  script.interchange(x12Info(), x12Isa())
      .segment(OwnedSegment::simple("TA1", {"1"}))
      .transaction(OwnedSegment::simple("ST", {"997", "1"}))
      .segment(OwnedSegment::simple("AK1", {"PO", "1"}))
      .endTransaction(std::nullopt)
      .segment(OwnedSegment::simple("ZZZ", {}))
      .endInterchange(std::nullopt);
  std::vector<TransactionTree> trees = build(script);
  ASSERT_EQ(trees.size(), 1u);
  ASSERT_EQ(trees[0].size(), 1u);
  EXPECT_EQ(trees[0].segments[0].tag, "AK1");
}

TEST(TreeBuilder, KeepsFindingsReportedInsideTheTransaction) {
  std::vector<TransactionTree> trees;
  TreeBuilder builder([&](TransactionTree&& tree) { trees.push_back(std::move(tree)); });
  core::Finding before{core::Severity::kError, "BEFORE", "outside", {}, {}};
  core::Finding inside{core::Severity::kWarning, "INSIDE", "inside", {}, {}};
  Segment view;
  builder.onFinding(before);
  const OwnedSegment st = OwnedSegment::simple("ST", {"850", "1"});
  st.view(view);
  builder.onTransactionStart(view);
  builder.onFinding(inside);
  builder.onTransactionEnd(nullptr);
  ASSERT_EQ(trees.size(), 1u);
  ASSERT_EQ(trees[0].findings.size(), 1u);
  EXPECT_EQ(trees[0].findings[0].code, "INSIDE");
  EXPECT_TRUE(trees[0].clean());
  trees[0].findings.push_back(before);
  EXPECT_FALSE(trees[0].clean());
}

TEST(TransactionTree, FindsSegmentsByTagAndIndex) {
  TransactionTree tree;
  tree.segments = {OwnedSegment::simple("BEG", {"00"}), OwnedSegment::simple("N1", {"ST"}),
                   OwnedSegment::simple("N3", {"1 Main St"}), OwnedSegment::simple("N1", {"BT"})};
  ASSERT_NE(tree.find("N1"), nullptr);
  EXPECT_EQ(tree.find("N1")->element(0), "ST");
  EXPECT_EQ(tree.find("N1", 2)->element(0), "BT");
  EXPECT_EQ(tree.find("N1", 4), nullptr);
  EXPECT_EQ(tree.find("PO1"), nullptr);
  std::vector<const OwnedSegment*> all = tree.findAll("N1");
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[1]->element(0), "BT");
  EXPECT_EQ(tree.indexOf("N3"), std::optional<size_t>(2));
  EXPECT_EQ(tree.segmentAt(0)->tag, "BEG");
  EXPECT_EQ(tree.segmentAt(4), nullptr);
}

// Needs the streaming reader (parsers/edi/reader.cc).
TEST(TreeBuilder, BuildsTreesFromTheReader) {
  std::vector<TransactionTree> trees;
  TreeBuilder builder([&](TransactionTree&& tree) { trees.push_back(std::move(tree)); });
  Reader reader(builder);
  reader.feed(
      "UNB+UNOC:3+S+R+240101:1200+9'UNH+1+ORDERS:D:96A:UN'BGM+220+PO1'"
      "NAD+BY+123::9'UNT+4+1'UNH+2+ORDERS:D:96A:UN'BGM+220+PO2'UNT+3+2'UNZ+2+9'");
  reader.finish();
  ASSERT_EQ(trees.size(), 2u);
  EXPECT_EQ(trees[0].interchange.standard, Standard::kEdifact);
  EXPECT_EQ(trees[0].interchangeHeader.element(4), "9");
  const OwnedSegment* nad = trees[0].find("NAD");
  ASSERT_NE(nad, nullptr);
  ASSERT_EQ(nad->elements.size(), 2u);
  EXPECT_EQ(nad->elements[1][0], (OwnedSegment::Repetition{"123", "", "9"}));
  EXPECT_EQ(trees[1].find("BGM")->element(1), "PO2");
}

}  // namespace
}  // namespace bridge::parsers::edi
