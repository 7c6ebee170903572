#include "bridge/config/yaml_reader.h"

#include <gtest/gtest.h>

namespace bridge::config {
namespace {

struct Loaded {
  YamlIssues issues;
  std::optional<YAML::Node> root;
};

Loaded load(std::string_view text) {
  Loaded out;
  out.root = loadYamlText(text, "p.yaml", out.issues);
  return out;
}

TEST(YamlReader, ReadsDeclaredKeysAndReportsUnknownOnesWithPosition) {
  Loaded doc = load("id: acme\nretries: 3\nacknowledgment: 997\n");
  ASSERT_TRUE(doc.root);
  YamlValues values("p.yaml", doc.issues);
  MapReader map(*doc.root, "partner profile", values);
  EXPECT_EQ(map.string("id", true), "acme");
  EXPECT_EQ(map.unsignedInt("retries", 0, 10), 3u);
  EXPECT_FALSE(map.string("name"));
  map.finish();
  ASSERT_EQ(doc.issues.size(), 1u);
  EXPECT_EQ(doc.issues.list()[0].describe(),
            "p.yaml:3:1: unknown key 'acknowledgment' in partner profile; expected 'id', "
            "'retries' or 'name'");
}

TEST(YamlReader, ReportsWrongTypesBadValuesMissingAndDuplicateKeys) {
  Loaded doc = load("mode: fast\ncount: -1\nlist: one\nflag: yes\nmode: slow\n");
  ASSERT_TRUE(doc.root);
  YamlValues values("p.yaml", doc.issues);
  MapReader map(*doc.root, "settings", values);
  EXPECT_FALSE(map.oneOf("mode", {"strict", "lenient"}));
  EXPECT_FALSE(map.unsignedInt("count", 1, 5));
  EXPECT_FALSE(map.stringList("list"));
  EXPECT_FALSE(map.boolean("flag"));
  EXPECT_FALSE(map.string("id", true));
  map.finish();
  std::vector<std::string> got;
  for (const auto& issue : doc.issues.list()) got.push_back(issue.describe());
  EXPECT_EQ(got, (std::vector<std::string>{
                     "p.yaml:1:7: settings 'mode' is 'fast'; expected 'strict' or 'lenient'",
                     "p.yaml:2:8: settings 'count' is '-1'; expected a whole number from 1 to 5",
                     "p.yaml:3:7: settings 'list' must be a list, not 'one'",
                     "p.yaml:4:7: settings 'flag' is 'yes'; expected true or false",
                     "p.yaml:1:1: settings needs the key 'id'",
                     "p.yaml:5:1: settings has the key 'mode' twice; keep one",
                 }));
}

TEST(YamlReader, SyntaxErrorsCarryTheParserPosition) {
  Loaded doc = load("a: [1, 2\nb: 3\n");
  EXPECT_FALSE(doc.root);
  ASSERT_EQ(doc.issues.size(), 1u);
  EXPECT_EQ(doc.issues.list()[0].file, "p.yaml");
  EXPECT_GT(doc.issues.list()[0].line, 0u);
  EXPECT_NE(doc.issues.list()[0].message.find("not valid YAML"), std::string::npos);
}

TEST(YamlReader, RefusesEmptyAndOversizedFiles) {
  EXPECT_FALSE(load("").root);
  YamlIssues issues;
  EXPECT_FALSE(loadYamlFile(EDI_SOURCE_DIR "/README.md", issues, 10));
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_NE(issues.list()[0].message.find("more than the limit of 10"), std::string::npos);
}

TEST(YamlReader, AMappingWhereAValueIsExpectedIsReportedOnce) {
  Loaded doc = load("- a\n- b\n");
  ASSERT_TRUE(doc.root);
  YamlValues values("p.yaml", doc.issues);
  MapReader map(*doc.root, "profile", values);
  EXPECT_FALSE(map.valid());
  EXPECT_FALSE(map.string("id", true));
  map.finish();
  ASSERT_EQ(doc.issues.size(), 1u);
  EXPECT_EQ(doc.issues.list()[0].describe(),
            "p.yaml:1:1: profile must be a mapping of keys to values, not a list");
}

}  // namespace
}  // namespace bridge::config
