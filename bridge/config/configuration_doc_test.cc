// docs/configuration.md is a hand-written introduction, a marker line, and
// below it the reference that configurationReference() generates from the
// spec. These tests fail when the two differ; after an intended change of
// the spec (config_spec.cc), rewrite the generated part with
//
//   EDI_UPDATE_DOCS=1 build/edi_tests --gtest_filter='ConfigurationDoc.*'
//
// and review the diff, as with EDI_UPDATE_GOLDEN for the golden files.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "bridge/config/bridge_config.h"
#include "bridge/config/config_spec.h"

namespace bridge::config {
namespace {

namespace fs = std::filesystem;

// The line that ends the hand-written part; everything after it is generated.
constexpr std::string_view kMarker = "<!-- Generated from bridge/config/config_spec.cc";

fs::path docPath() { return fs::path(EDI_SOURCE_DIR) / "docs" / "configuration.md"; }

bool updating() {
  const char* update = std::getenv("EDI_UPDATE_DOCS");
  return update != nullptr && std::string(update) == "1";
}

std::string readText(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The hand-written part, up to and including the marker line; "" when the
// document has no marker at the start of a line.
std::string handWritten(const std::string& doc) {
  for (size_t at = doc.find(kMarker); at != std::string::npos; at = doc.find(kMarker, at + 1)) {
    if (at != 0 && doc[at - 1] != '\n') continue;
    const size_t end = doc.find('\n', at);
    return end == std::string::npos ? doc + "\n" : doc.substr(0, end + 1);
  }
  return {};
}

// "line N: 'stored' but generated 'expected'" for the first line that differs.
std::string firstDifference(const std::string& stored, const std::string& generated) {
  std::istringstream a(stored);
  std::istringstream b(generated);
  std::string left;
  std::string right;
  for (size_t line = 1;; ++line) {
    const bool moreLeft = static_cast<bool>(std::getline(a, left));
    const bool moreRight = static_cast<bool>(std::getline(b, right));
    if (!moreLeft && !moreRight) return "no line differs";
    if (moreLeft != moreRight || left != right) {
      return "line " + std::to_string(line) + ": '" + (moreLeft ? left : "<end>") +
             "' but generated '" + (moreRight ? right : "<end>") + "'";
    }
  }
}

TEST(ConfigurationDoc, GeneratedReferenceMatchesTheSpec) {
  const std::string doc = readText(docPath());
  const std::string head = handWritten(doc);
  ASSERT_FALSE(head.empty()) << docPath() << " has no line beginning with '" << kMarker
                             << "'; the generated reference goes below that line";
  const std::string expected = head + "\n" + configurationReference();
  if (updating()) {
    std::ofstream out(docPath(), std::ios::binary | std::ios::trunc);
    out << expected;
    ASSERT_TRUE(out.good()) << "cannot write " << docPath();
    return;
  }
  EXPECT_TRUE(doc == expected)
      << docPath() << " differs from configurationReference() below the marker line, first at "
      << firstDifference(doc, expected)
      << "; if the spec changed on purpose, rerun with EDI_UPDATE_DOCS=1 and review the diff";
}

// The complete example of the introduction is a configuration that loads,
// and it shows every key.
TEST(ConfigurationDoc, TheCompleteExampleLoadsAndShowsEveryKey) {
  const std::string head = handWritten(readText(docPath()));
  const std::string heading = "## A complete example";
  const size_t section = head.find(heading);
  ASSERT_NE(section, std::string::npos) << "no '" << heading << "' in " << docPath();
  const std::string open = "```yaml\n";
  const size_t start = head.find(open, section);
  ASSERT_NE(start, std::string::npos);
  const size_t end = head.find("\n```\n", start);
  ASSERT_NE(end, std::string::npos);
  const std::string example = head.substr(start + open.size(), end + 1 - start - open.size());

  YamlIssues issues;
  ConfigMentions mentions;
  EXPECT_TRUE(loadBridgeConfigText(example, "/etc/edi-bridge/bridge.yaml", issues, mentions))
      << issues.describe();
  for (const SectionSpec& spec : configSpec()) {
    for (const KeySpec& key : spec.keys)
      EXPECT_NE(example.find(key.name + ":"), std::string::npos) << spec.id << " " << key.name;
  }
}

}  // namespace
}  // namespace bridge::config
