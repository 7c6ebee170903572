#include "parsers/edi/control_number_set.h"

#include <gtest/gtest.h>

#include <string>

namespace bridge::parsers::edi {
namespace {

using Insert = ControlNumberSet::Insert;

TEST(ControlNumberSetTest, ReportsTheSecondOccurrenceAsDuplicate) {
  ControlNumberSet set;
  EXPECT_EQ(set.insert("0001"), Insert::kNew);
  EXPECT_EQ(set.insert("0002"), Insert::kNew);
  EXPECT_EQ(set.insert("0001"), Insert::kDuplicate);
  EXPECT_EQ(set.size(), 2u);
}

TEST(ControlNumberSetTest, ComparesExactText) {
  ControlNumberSet set;
  EXPECT_EQ(set.insert("1"), Insert::kNew);
  EXPECT_EQ(set.insert("01"), Insert::kNew);
  EXPECT_EQ(set.insert(""), Insert::kNew);
  EXPECT_EQ(set.insert(""), Insert::kDuplicate);
}

TEST(ControlNumberSetTest, KeepsEveryValueAcrossGrowth) {
  ControlNumberSet set;
  for (int i = 0; i < 100000; ++i) ASSERT_EQ(set.insert(std::to_string(i)), Insert::kNew) << i;
  for (int i = 0; i < 100000; i += 997) {
    EXPECT_EQ(set.insert(std::to_string(i)), Insert::kDuplicate) << i;
  }
  EXPECT_EQ(set.size(), 100000u);
  EXPECT_FALSE(set.full());
}

TEST(ControlNumberSetTest, StopsLearningAtItsBudget) {
  ControlNumberSet set(4096);
  int added = 0;
  while (set.insert("REF" + std::to_string(added)) == Insert::kNew) ++added;
  EXPECT_TRUE(set.full());
  EXPECT_GT(added, 100);
  EXPECT_LE(set.memoryBytes(), 4096u);
  EXPECT_EQ(set.insert("something new"), Insert::kFull);
  EXPECT_EQ(set.insert("REF0"), Insert::kDuplicate);
}

TEST(ControlNumberSetTest, ClearForgetsValuesAndTheBudgetState) {
  ControlNumberSet set(4096);
  while (set.insert("R" + std::to_string(set.size())) == Insert::kNew) {
  }
  set.clear();
  EXPECT_FALSE(set.full());
  EXPECT_EQ(set.size(), 0u);
  EXPECT_EQ(set.insert("R0"), Insert::kNew);
}

TEST(ControlNumberSetTest, ClearReleasesMemoryOfALargeScope) {
  ControlNumberSet set;
  for (int i = 0; i < 100000; ++i) (void)set.insert(std::to_string(i));
  size_t large = set.memoryBytes();
  set.clear();
  EXPECT_LT(set.memoryBytes(), large / 100);
}

TEST(ControlNumberSetTest, OverlongValuesAreNotTracked) {
  ControlNumberSet set;
  std::string overlong(ControlNumberSet::kMaxTrackedBytes + 1, 'X');
  EXPECT_EQ(set.insert(overlong), Insert::kNew);
  EXPECT_EQ(set.insert(overlong), Insert::kNew);
  std::string longest(ControlNumberSet::kMaxTrackedBytes, 'X');
  EXPECT_EQ(set.insert(longest), Insert::kNew);
  EXPECT_EQ(set.insert(longest), Insert::kDuplicate);
}

}  // namespace
}  // namespace bridge::parsers::edi
