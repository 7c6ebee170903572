// Chunk boundaries are where streaming EDI readers break: a read that ends
// inside a tag, between a release character and the character it releases,
// or between a terminator and its CR/LF. For every corpus file this test
// feeds the bytes split at every position, and one byte at a time, and
// requires exactly the events, values, positions and findings of one whole
// read.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "parsers/edi/reader.h"
#include "tests/support/hashing_handler.h"
#include "tests/support/recording_handler.h"

namespace bridge {
namespace {

namespace fs = std::filesystem;
using parsers::edi::Reader;

std::vector<std::string> corpusFiles() {
  std::vector<std::string> out;
  for (const char* dir : {"x12", "edifact"}) {
    for (const auto& entry : fs::directory_iterator(fs::path(EDI_TEST_DATA_DIR) / "corpus" / dir)) {
      out.push_back(entry.path().string());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

class ChunkBoundary : public ::testing::TestWithParam<std::string> {};

TEST_P(ChunkBoundary, EverySplitPositionYieldsTheEventsOfOneRead) {
  const std::string bytes = slurp(GetParam());
  ASSERT_FALSE(bytes.empty());
  testing::HashingHandler whole;
  {
    Reader reader(whole);
    reader.feed(bytes);
    reader.finish();
  }
  ASSERT_GT(whole.events(), 0u);
  for (size_t split = 0; split <= bytes.size(); ++split) {
    testing::HashingHandler h;
    Reader reader(h);
    reader.feed(std::string_view(bytes).substr(0, split));
    reader.feed(std::string_view(bytes).substr(split));
    reader.finish();
    ASSERT_EQ(h.digest(), whole.digest()) << "split at byte " << split;
  }
}

TEST_P(ChunkBoundary, OneByteReadsYieldTheEventsOfOneRead) {
  const std::string bytes = slurp(GetParam());
  testing::RecordingHandler whole;
  {
    Reader reader(whole);
    reader.feed(bytes);
    reader.finish();
  }
  testing::RecordingHandler h;
  Reader reader(h);
  for (char c : bytes) reader.feed(std::string_view(&c, 1));
  reader.finish();
  EXPECT_EQ(h.log(), whole.log());
}

TEST_P(ChunkBoundary, SmallReadChunksThroughReadPath) {
  testing::RecordingHandler whole;
  ASSERT_TRUE(parsers::edi::readPath(GetParam(), whole).isOk());
  for (size_t chunk : {1u, 7u, 64u, 4096u}) {
    parsers::edi::ReaderOptions options;
    options.readChunkBytes = chunk;
    testing::RecordingHandler h;
    ASSERT_TRUE(parsers::edi::readPath(GetParam(), h, options).isOk());
    EXPECT_EQ(h.log(), whole.log()) << "chunk " << chunk;
  }
}

std::string testName(const ::testing::TestParamInfo<std::string>& info) {
  std::string name = fs::path(info.param).parent_path().filename().string() + "_" +
                     fs::path(info.param).filename().string();
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Corpus, ChunkBoundary, ::testing::ValuesIn(corpusFiles()), testName);

}  // namespace
}  // namespace bridge
