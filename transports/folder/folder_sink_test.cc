#include "transports/folder/folder_sink.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "bridge/core/log.h"
#include "transports/test_support.h"

namespace bridge::transports {
namespace {

using testing::listTree;
using testing::readFile;
using testing::TempDir;
using testing::TestDisk;
using testing::writeFile;

OutboundDocument ack(const std::string& partner, const std::string& control, std::string payload) {
  OutboundDocument doc;
  doc.idempotencyKey = "k" + control;
  doc.kind = "ack";
  doc.contentType = "application/edi-x12";
  doc.payload = std::move(payload);
  doc.attributes = {{"partner", partner}, {"set", "997"}, {"control", control}};
  return doc;
}

std::vector<std::string> regularFiles(const std::filesystem::path& root) {
  std::vector<std::string> out;
  for (const std::string& entry : listTree(root)) {
    if (!std::filesystem::is_directory(root / entry)) out.push_back(entry);
  }
  std::sort(out.begin(), out.end());
  return out;
}

class FolderSinkTest : public ::testing::Test {
 protected:
  void SetUp() override { core::setLogEnabled(false); }
  void TearDown() override { core::setLogEnabled(true); }

  config::FolderTargetSettings settings() const {
    config::FolderTargetSettings s;
    s.path = dir_ / "out";
    return s;
  }

  TempDir dir_;
};

using E7_atomic_publish = FolderSinkTest;

TEST_F(E7_atomic_publish, WritesExactContentAndLeavesNoTempFiles) {
  spool::PosixDisk disk;
  FolderSink sink(disk, "outbound", settings());
  ASSERT_TRUE(sink.status().isOk());
  EXPECT_EQ(sink.name(), "outbound");
  const std::string binary("ISA*00*\0\xff~\r\n", 13);
  core::Result<std::vector<SinkResult>> results =
      sink.deliver({ack("ACME", "1", "first"), ack("ACME", "2", binary), ack("GLOBEX", "3", "")});
  ASSERT_TRUE(results.isOk()) << results.status().toString();
  ASSERT_EQ(results->size(), 3u);
  for (const SinkResult& result : *results) EXPECT_EQ(result.outcome, SinkOutcome::kDone);
  EXPECT_EQ((*results)[0].detail, "wrote ACME/ack-997-1-k1.x12");
  EXPECT_EQ(readFile(dir_ / "out" / "ACME" / "ack-997-1-k1.x12"), "first");
  EXPECT_EQ(readFile(dir_ / "out" / "ACME" / "ack-997-2-k2.x12"), binary);
  EXPECT_EQ(readFile(dir_ / "out" / "GLOBEX" / "ack-997-3-k3.x12"), "");
  EXPECT_EQ(regularFiles(dir_ / "out"),
            (std::vector<std::string>{"ACME/ack-997-1-k1.x12", "ACME/ack-997-2-k2.x12",
                                      "GLOBEX/ack-997-3-k3.x12"}))
      << "temp files left behind";
}

TEST_F(E7_atomic_publish, SameKeyTwiceIsOneFile) {
  spool::PosixDisk disk;
  FolderSink sink(disk, "outbound", settings());
  for (int i = 0; i < 2; ++i) {
    core::Result<std::vector<SinkResult>> results = sink.deliver({ack("ACME", "7", "same")});
    ASSERT_TRUE(results.isOk());
    EXPECT_EQ((*results)[0].outcome, SinkOutcome::kDone);
  }
  EXPECT_EQ(regularFiles(dir_ / "out"), (std::vector<std::string>{"ACME/ack-997-7-k7.x12"}));
  EXPECT_EQ(readFile(dir_ / "out" / "ACME" / "ack-997-7-k7.x12"), "same");
}

TEST_F(E7_atomic_publish, TempFileLeftByACrashIsReplaced) {
  std::filesystem::create_directories(dir_ / "out" / "ACME");
  writeFile(dir_ / "out" / "ACME" / ".ack-997-7-k7.x12.tmp", "torn");
  spool::PosixDisk disk;
  FolderSink sink(disk, "outbound", settings());
  core::Result<std::vector<SinkResult>> results = sink.deliver({ack("ACME", "7", "whole")});
  ASSERT_TRUE(results.isOk()) << results.status().toString();
  EXPECT_EQ((*results)[0].outcome, SinkOutcome::kDone);
  EXPECT_EQ(regularFiles(dir_ / "out"), (std::vector<std::string>{"ACME/ack-997-7-k7.x12"}));
  EXPECT_EQ(readFile(dir_ / "out" / "ACME" / "ack-997-7-k7.x12"), "whole");
}

TEST_F(E7_atomic_publish, DiskFullIsRetryWithNoPartialFile) {
  TestDisk disk;
  FolderSink sink(disk, "outbound", settings());
  disk.diskFull = true;
  core::Result<std::vector<SinkResult>> results =
      sink.deliver({ack("ACME", "1", std::string(10000, 'x')), ack("ACME", "2", "small")});
  ASSERT_TRUE(results.isOk()) << results.status().toString();
  for (const SinkResult& result : *results) {
    EXPECT_EQ(result.outcome, SinkOutcome::kRetry);
    EXPECT_NE(result.detail.find("No space left"), std::string::npos) << result.detail;
  }
  EXPECT_TRUE(regularFiles(dir_ / "out").empty());

  disk.diskFull = false;
  results = sink.deliver({ack("ACME", "1", std::string(10000, 'x'))});
  ASSERT_TRUE(results.isOk());
  EXPECT_EQ((*results)[0].outcome, SinkOutcome::kDone);
  EXPECT_EQ(readFile(dir_ / "out" / "ACME" / "ack-997-1-k1.x12"), std::string(10000, 'x'));
}

TEST_F(E7_atomic_publish, SyncFailureIsFatal) {
  TestDisk disk;
  FolderSink sink(disk, "outbound", settings());
  disk.syncFails = true;
  core::Result<std::vector<SinkResult>> results = sink.deliver({ack("ACME", "1", "data")});
  ASSERT_FALSE(results.isOk());
  EXPECT_EQ(results.status().code(), core::StatusCode::kIoError);
  EXPECT_TRUE(regularFiles(dir_ / "out").empty());
}

TEST_F(FolderSinkTest, PartnerTemplatesAndExtensions) {
  config::FolderTargetSettings s = settings();
  s.fileName = "{partner}/{set}-{key}.{ext}";
  s.partnerFileNames["GLOBEX"] = "globex-in/{control}.{ext}";
  spool::PosixDisk disk;
  FolderSink sink(disk, "outbound", s);
  ASSERT_TRUE(sink.status().isOk());
  OutboundDocument json = ack("ACME", "5", "{}");
  json.contentType = "application/json";
  OutboundDocument edifact = ack("ACME", "6", "UNA");
  edifact.contentType = "application/edifact";
  OutboundDocument other = ack("ACME", "8", "?");
  other.contentType = "text/plain";
  core::Result<std::vector<SinkResult>> results =
      sink.deliver({ack("GLOBEX", "9", "g"), json, edifact, other});
  ASSERT_TRUE(results.isOk());
  EXPECT_EQ((*results)[0].detail, "wrote globex-in/9.x12");
  EXPECT_EQ((*results)[1].detail, "wrote ACME/997-k5.json");
  EXPECT_EQ((*results)[2].detail, "wrote ACME/997-k6.edi");
  EXPECT_EQ((*results)[3].detail, "wrote ACME/997-k8.dat");
  EXPECT_EQ(readFile(dir_ / "out" / "globex-in" / "9.x12"), "g");
}

TEST_F(FolderSinkTest, BadTemplateIsAnErrorAtConstructionAndDelivery) {
  config::FolderTargetSettings s = settings();
  s.partnerFileNames["ACME"] = "../escape/{key}";
  spool::PosixDisk disk;
  FolderSink sink(disk, "outbound", s);
  EXPECT_FALSE(sink.status().isOk());
  EXPECT_NE(sink.status().message().find("ACME"), std::string::npos);
  core::Result<std::vector<SinkResult>> results = sink.deliver({ack("ACME", "1", "x")});
  EXPECT_FALSE(results.isOk());
  EXPECT_FALSE(std::filesystem::exists(dir_ / "escape"));

  config::FolderTargetSettings unknown = settings();
  unknown.fileName = "{customer}.x12";
  EXPECT_FALSE(FolderSink(disk, "outbound", unknown).status().isOk());
}

TEST_F(FolderSinkTest, SymlinkedSubdirectoryIsNotWrittenThrough) {
  std::filesystem::create_directories(dir_ / "out");
  std::filesystem::create_directories(dir_ / "elsewhere");
  std::filesystem::create_symlink(dir_ / "elsewhere", dir_ / "out" / "ACME");
  spool::PosixDisk disk;
  FolderSink sink(disk, "outbound", settings());
  core::Result<std::vector<SinkResult>> results = sink.deliver({ack("ACME", "1", "x")});
  ASSERT_TRUE(results.isOk());
  EXPECT_EQ((*results)[0].outcome, SinkOutcome::kReject);
  EXPECT_TRUE(listTree(dir_ / "elsewhere").empty());
}

}  // namespace
}  // namespace bridge::transports
