#include "transports/dirwatch/stability_tracker.h"

#include <gtest/gtest.h>

#include "transports/dirwatch/name_filter.h"

namespace bridge::transports {
namespace {

TEST(StabilityTracker, StableOnlyAfterTheWaitWithUnchangedValues) {
  StabilityTracker tracker(1000);
  const FileSignature seen{10, 111, 7};
  EXPECT_FALSE(tracker.observe("a", seen, 0));
  EXPECT_EQ(tracker.msUntilNextReady(0), 1000);
  EXPECT_FALSE(tracker.observe("a", seen, 999));
  EXPECT_EQ(tracker.msUntilNextReady(999), 1);
  EXPECT_TRUE(tracker.observe("a", seen, 1000));
  tracker.forget("a");
  EXPECT_FALSE(tracker.msUntilNextReady(1000).has_value());
}

TEST(StabilityTracker, AnyChangeRestartsTheWait) {
  StabilityTracker tracker(1000);
  EXPECT_FALSE(tracker.observe("a", FileSignature{10, 111, 7}, 0));
  EXPECT_FALSE(tracker.observe("a", FileSignature{11, 111, 7}, 900));   // grew
  EXPECT_FALSE(tracker.observe("a", FileSignature{11, 112, 7}, 1800));  // rewritten in place
  EXPECT_FALSE(tracker.observe("a", FileSignature{11, 112, 8}, 2700));  // replaced
  EXPECT_FALSE(tracker.observe("a", FileSignature{11, 112, 8}, 3699));
  EXPECT_TRUE(tracker.observe("a", FileSignature{11, 112, 8}, 3700));
}

TEST(StabilityTracker, ClockSteppingBackDoesNotAgeAFile) {
  StabilityTracker tracker(1000);
  const FileSignature seen{1, 1, 1};
  EXPECT_FALSE(tracker.observe("a", seen, 5000));
  EXPECT_FALSE(tracker.observe("a", seen, 100));
  EXPECT_FALSE(tracker.observe("a", seen, 1099));
  EXPECT_TRUE(tracker.observe("a", seen, 1100));
}

TEST(StabilityTracker, ReportsTheEarliestFile) {
  StabilityTracker tracker(1000);
  EXPECT_FALSE(tracker.observe("late", FileSignature{1, 1, 1}, 500));
  EXPECT_FALSE(tracker.observe("early", FileSignature{1, 1, 2}, 100));
  EXPECT_EQ(tracker.msUntilNextReady(600), 500);
  EXPECT_EQ(tracker.names(), (std::vector<std::string>{"early", "late"}));
}

TEST(NameFilter, MatchesIgnoreGlobsAndPairsDoneFiles) {
  NameFilter filter({".*", "*.tmp", "*.part", "*~"}, ".done");
  EXPECT_TRUE(filter.ignored(".hidden"));
  EXPECT_TRUE(filter.ignored("x.tmp"));
  EXPECT_TRUE(filter.ignored(".x.tmp"));
  EXPECT_TRUE(filter.ignored("file~"));
  EXPECT_FALSE(filter.ignored("x.tmp.edi"));
  EXPECT_FALSE(filter.ignored("order.edi"));
  EXPECT_TRUE(filter.isDoneFile("order.edi.done"));
  EXPECT_FALSE(filter.isDoneFile(".done"));
  EXPECT_FALSE(filter.isDoneFile("order.edi"));
  EXPECT_EQ(filter.doneFileFor("order.edi"), "order.edi.done");
  EXPECT_EQ(filter.dataFileFor("order.edi.done"), "order.edi");
  EXPECT_EQ(filter.dataFileFor("order.edi"), "order.edi");

  NameFilter plain({}, "");
  EXPECT_FALSE(plain.usesDoneFiles());
  EXPECT_FALSE(plain.isDoneFile("x.done"));
  EXPECT_FALSE(plain.ignored(".hidden"));
}

}  // namespace
}  // namespace bridge::transports
