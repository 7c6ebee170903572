// Golden files: for every X12 and EDIFACT file of the public corpus, the exact
// findings and acknowledgement the inbound pipeline produces, stored under
// tests/golden/<x12|edifact>/<file>.findings and .ack. Any change in what a
// validator reports or an ack says shows up as a diff of these files, to be
// reviewed and accepted with EDI_UPDATE_GOLDEN=1 (tests/golden/README.md).
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "tests/support/ack_pipeline.h"
#include "tests/support/corpus_files.h"
#include "tests/support/finding_text.h"

namespace bridge {
namespace {

namespace fs = std::filesystem;

fs::path goldenDir() { return fs::path(EDI_SOURCE_DIR) / "tests" / "golden"; }

bool updating() {
  const char* update = std::getenv("EDI_UPDATE_GOLDEN");
  return update != nullptr && std::string(update) == "1";
}

// The findings file also records a failure to write the acks, which would
// otherwise only show as a silently shorter .ack file.
// Messages name schema files by their full path; the stored text says
// <schemas> instead, so that it does not depend on where the tree lives.
std::string findingsText(const testing::PipelineResult& result) {
  std::string text = testing::findingLines(result.findings);
  if (!result.ackStatus.isOk()) {
    text += "ACK-STATUS " + testing::escapeForLine(result.ackStatus.toString()) + "\n";
  }
  const std::string root = EDI_SCHEMA_DIR;
  for (size_t at = text.find(root); at != std::string::npos; at = text.find(root, at)) {
    text.replace(at, root.size(), "<schemas>");
  }
  return text;
}

void writeText(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  ASSERT_TRUE(out.good()) << "cannot write " << path;
}

void expectStored(const fs::path& path, const std::string& actual) {
  ASSERT_TRUE(fs::exists(path)) << path << " is missing; create it with EDI_UPDATE_GOLDEN=1";
  EXPECT_EQ(testing::readBytes(path), actual)
      << path << " differs; if the change is intended, rerun with EDI_UPDATE_GOLDEN=1";
}

class GoldenFile : public ::testing::TestWithParam<std::string> {};

TEST_P(GoldenFile, MatchesStoredFindingsAndAck) {
  const std::string& file = GetParam();
  const testing::PipelineResult result = testing::runAckPipeline(testing::corpusFileBytes(file));
  const fs::path base = goldenDir() / file;
  const fs::path findingsPath = base.string() + ".findings";
  const fs::path ackPath = base.string() + ".ack";
  if (updating()) {
    writeText(findingsPath, findingsText(result));
    writeText(ackPath, result.ack);
    return;
  }
  expectStored(findingsPath, findingsText(result));
  expectStored(ackPath, result.ack);
}

std::string testName(const ::testing::TestParamInfo<std::string>& info) {
  return testing::corpusTestName(info.param);
}

INSTANTIATE_TEST_SUITE_P(Golden, GoldenFile, ::testing::ValuesIn(testing::corpusEdiFiles()),
                         testName);

// A golden file whose corpus file was removed or renamed would never be
// compared again; it must go too.
TEST(GoldenFiles, EveryStoredFileHasACorpusFile) {
  std::set<std::string> expected;
  for (const std::string& file : testing::corpusEdiFiles()) {
    expected.insert(file + ".findings");
    expected.insert(file + ".ack");
  }
  for (const char* dir : {"x12", "edifact"}) {
    if (!fs::exists(goldenDir() / dir)) continue;
    for (const auto& entry : fs::directory_iterator(goldenDir() / dir)) {
      const std::string name = std::string(dir) + "/" + entry.path().filename().string();
      EXPECT_TRUE(expected.count(name)) << "tests/golden/" << name << " has no corpus file";
    }
  }
}

}  // namespace
}  // namespace bridge
