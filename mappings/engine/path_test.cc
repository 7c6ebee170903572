#include "mappings/engine/path.h"

#include <gtest/gtest.h>

namespace bridge::mappings {
namespace {

TEST(ElementRefTest, ReadsTagPositionAndComponent) {
  auto simple = parseElementRef("BEG03");
  ASSERT_TRUE(simple.has_value());
  EXPECT_EQ(simple->tag, "BEG");
  EXPECT_EQ(simple->element, 3u);
  EXPECT_EQ(simple->component, 0u);
  auto component = parseElementRef("NAD02-01");
  ASSERT_TRUE(component.has_value());
  EXPECT_EQ(component->tag, "NAD");
  EXPECT_EQ(component->element, 2u);
  EXPECT_EQ(component->component, 1u);
  auto twoLetter = parseElementRef("N102");
  ASSERT_TRUE(twoLetter.has_value());
  EXPECT_EQ(twoLetter->tag, "N1");
  EXPECT_EQ(twoLetter->element, 2u);
}

TEST(ElementRefTest, RefusesWhatIsNotAnElementReference) {
  for (const char* text : {"BEG", "BEG3", "beg03", "BEG00", "BEG03-00", "BEG03-1", "lines", "N1"}) {
    EXPECT_FALSE(parseElementRef(text).has_value()) << text;
  }
}

TEST(PathTest, StepsFiltersAndElement) {
  auto path = parsePath("N1[N101=ST|BT].N102");
  ASSERT_TRUE(path.isOk()) << path.status().message();
  ASSERT_EQ(path->steps.size(), 2u);
  EXPECT_EQ(path->steps[0].name, "N1");
  ASSERT_EQ(path->steps[0].filters.size(), 1u);
  const PathFilter& filter = path->steps[0].filters[0];
  EXPECT_EQ(filter.op, PathFilter::Op::kEquals);
  EXPECT_EQ(filter.subject->steps[0].name, "N101");
  EXPECT_EQ(filter.values, (std::vector<std::string>{"ST", "BT"}));
  ASSERT_NE(path->finalElement(), nullptr);
  EXPECT_EQ(path->finalElement()->tag, "N1");
  EXPECT_EQ(path->finalElement()->element, 2u);
}

TEST(PathTest, IndexNotEqualsExistsAndAbsolute) {
  auto path = parsePath("/lines[status!=void][2].item[sku].sku");
  ASSERT_TRUE(path.isOk()) << path.status().message();
  EXPECT_TRUE(path->absolute);
  ASSERT_EQ(path->steps[0].filters.size(), 2u);
  EXPECT_EQ(path->steps[0].filters[0].op, PathFilter::Op::kNotEquals);
  EXPECT_EQ(path->steps[0].filters[1].op, PathFilter::Op::kIndex);
  EXPECT_EQ(path->steps[0].filters[1].index, 2u);
  EXPECT_EQ(path->steps[1].filters[0].op, PathFilter::Op::kExists);
  EXPECT_EQ(path->finalElement(), nullptr);
}

TEST(PathTest, ErrorsNameThePosition) {
  auto unclosed = parsePath("N1[N101=ST.N102");
  ASSERT_FALSE(unclosed.isOk());
  EXPECT_NE(unclosed.status().message().find("expected ']'"), std::string::npos);
  auto empty = parsePath("BEG..BEG03");
  ASSERT_FALSE(empty.isOk());
  EXPECT_EQ(empty.status().message(), "path 'BEG..BEG03': expected a name at character 5");
  auto zero = parsePath("PO1[0]");
  ASSERT_FALSE(zero.isOk());
  EXPECT_NE(zero.status().message().find("positions start at 1"), std::string::npos);
}

}  // namespace
}  // namespace bridge::mappings
