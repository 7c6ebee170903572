#include "transports/event_log/event_log_sink.h"

#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <sstream>

#include "bridge/core/log.h"
#include "transports/test_support.h"

namespace bridge::transports {
namespace {

using testing::listTree;
using testing::readFile;
using testing::TempDir;
using testing::TestDisk;
using testing::writeFile;

constexpr int64_t kNow = 1714564800123;  // 2024-05-01T12:00:00.123Z

OutboundDocument transaction(const std::string& key) {
  OutboundDocument doc;
  doc.idempotencyKey = key;
  doc.kind = "transaction";
  doc.contentType = "application/json";
  doc.payload = R"({"order":")" + key + R"(","lines":[1,2]})";
  doc.attributes = {{"partner", "ACME"}, {"set", "850"}, {"control", "0001"}, {"item", key}};
  return doc;
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

class EventLogSinkTest : public ::testing::Test {
 protected:
  void SetUp() override { core::setLogEnabled(false); }
  void TearDown() override { core::setLogEnabled(true); }

  config::EventLogTargetSettings settings(uint64_t rotateBytes = 1 << 20) const {
    config::EventLogTargetSettings s;
    s.path = dir_ / "events";
    s.rotateBytes = rotateBytes;
    s.eventSource = "urn:edi-bridge:test";
    return s;
  }
  std::filesystem::path file() const { return dir_ / "events" / "events.jsonl"; }

  TempDir dir_;
};

TEST_F(EventLogSinkTest, WritesOneCloudEventPerLine) {
  spool::PosixDisk disk;
  EventLogSink sink(disk, "events", settings(), [] { return kNow; });
  OutboundDocument ackDoc;
  ackDoc.idempotencyKey = "item-2/ack";
  ackDoc.kind = "ack";
  ackDoc.contentType = "application/edi-x12";
  ackDoc.payload = "ISA*00*~\nGS*FA~";
  ackDoc.attributes = {{"partner", "GLOBEX"}};
  OutboundDocument binary;
  binary.idempotencyKey = "item-3";
  binary.contentType = "application/octet-stream";
  binary.payload = std::string("\xff\x00\x01", 3);

  core::Result<std::vector<SinkResult>> results =
      sink.deliver({transaction("item-1"), ackDoc, binary});
  ASSERT_TRUE(results.isOk()) << results.status().toString();
  for (const SinkResult& result : *results) EXPECT_EQ(result.outcome, SinkOutcome::kDone);

  const std::vector<std::string> written = lines(readFile(file()));
  ASSERT_EQ(written.size(), 3u);
  std::vector<nlohmann::json> events;
  for (const std::string& line : written) {
    nlohmann::json event = nlohmann::json::parse(line, nullptr, false);
    ASSERT_FALSE(event.is_discarded()) << line;
    EXPECT_EQ(event["specversion"], "1.0");
    EXPECT_EQ(event["source"], "urn:edi-bridge:test");
    EXPECT_EQ(event["time"], "2024-05-01T12:00:00.123Z");
    EXPECT_TRUE(std::regex_match(event["time"].get<std::string>(),
                                 std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)")));
    events.push_back(std::move(event));
  }
  EXPECT_EQ(events[0]["id"], "item-1");
  EXPECT_EQ(events[0]["type"], "com.edi-bridge.transaction");
  EXPECT_EQ(events[0]["subject"], "ACME/850/0001");
  EXPECT_EQ(events[0]["datacontenttype"], "application/json");
  EXPECT_EQ(events[0]["data"], nlohmann::json::parse(transaction("item-1").payload));
  EXPECT_EQ(events[0]["edibridge"]["item"], "item-1");

  EXPECT_EQ(events[1]["id"], "item-2/ack");
  EXPECT_EQ(events[1]["type"], "com.edi-bridge.ack");
  EXPECT_EQ(events[1]["subject"], "GLOBEX");
  EXPECT_EQ(events[1]["data"], "ISA*00*~\nGS*FA~");

  EXPECT_EQ(events[2]["type"], "com.edi-bridge.document");
  EXPECT_FALSE(events[2].contains("subject"));
  EXPECT_FALSE(events[2].contains("data"));
  EXPECT_EQ(events[2]["data_base64"], "/wAB");
}

TEST_F(EventLogSinkTest, BatchIsSyncedOnce) {
  TestDisk disk;
  EventLogSink sink(disk, "events", settings());
  ASSERT_TRUE(sink.open().isOk());
  const int before = disk.fileSyncs;
  std::vector<OutboundDocument> batch;
  for (int i = 0; i < 20; ++i) batch.push_back(transaction("t" + std::to_string(i)));
  core::Result<std::vector<SinkResult>> results = sink.deliver(batch);
  ASSERT_TRUE(results.isOk());
  EXPECT_EQ(disk.fileSyncs - before, 1);
  EXPECT_EQ(lines(readFile(file())).size(), 20u);
}

TEST_F(EventLogSinkTest, RotationBySizeLosesNothing) {
  spool::PosixDisk disk;
  std::set<std::string> sent;
  std::vector<OutboundDocument> lastBatch;
  {
    // A frozen clock gives every rotation the same timestamp: names need "-N".
    EventLogSink sink(disk, "events", settings(1000), [] { return kNow; });
    for (int batch = 0; batch < 10; ++batch) {
      std::vector<OutboundDocument> documents;
      for (int i = 0; i < 3; ++i) {
        const std::string key = "b" + std::to_string(batch) + "-" + std::to_string(i);
        documents.push_back(transaction(key));
        sent.insert(key);
      }
      core::Result<std::vector<SinkResult>> results = sink.deliver(documents);
      ASSERT_TRUE(results.isOk());
      for (const SinkResult& result : *results) EXPECT_EQ(result.outcome, SinkOutcome::kDone);
      lastBatch = documents;
    }
  }
  // After a restart the last batch, which spans the rotation, is delivered
  // again: nothing is appended twice.
  EventLogSink restarted(disk, "events", settings(1000), [] { return kNow; });
  core::Result<std::vector<SinkResult>> again = restarted.deliver(lastBatch);
  ASSERT_TRUE(again.isOk());
  for (const SinkResult& result : *again) {
    EXPECT_EQ(result.outcome, SinkOutcome::kDone);
    EXPECT_EQ(result.detail, "already in events.jsonl");
  }
  std::multiset<std::string> seen;
  size_t fileCount = 0;
  for (const std::string& name : listTree(dir_ / "events")) {
    ASSERT_EQ(name.rfind("events.jsonl", 0), 0u) << name;
    ++fileCount;
    const std::string content = readFile(dir_ / "events" / name);
    EXPECT_LE(content.size(), 1000u) << name;
    EXPECT_EQ(content.back(), '\n');
    for (const std::string& line : lines(content)) {
      nlohmann::json event = nlohmann::json::parse(line, nullptr, false);
      ASSERT_FALSE(event.is_discarded());
      seen.insert(event["id"].get<std::string>());
    }
  }
  EXPECT_GE(fileCount, 3u);
  EXPECT_TRUE(std::filesystem::exists(dir_ / "events" / "events.jsonl.20240501T120000Z"));
  EXPECT_TRUE(std::filesystem::exists(dir_ / "events" / "events.jsonl.20240501T120000Z-1"));
  EXPECT_EQ(seen, std::multiset<std::string>(sent.begin(), sent.end()));
}

TEST_F(EventLogSinkTest, DiskFullLeavesNoPartialLine) {
  TestDisk disk;
  EventLogSink sink(disk, "events", settings());
  ASSERT_TRUE(sink.deliver({transaction("a"), transaction("b")}).isOk());
  const std::string before = readFile(file());

  disk.diskFull = true;
  core::Result<std::vector<SinkResult>> results =
      sink.deliver({transaction("c"), transaction("d"), transaction("e")});
  ASSERT_TRUE(results.isOk()) << results.status().toString();
  for (const SinkResult& result : *results) EXPECT_EQ(result.outcome, SinkOutcome::kRetry);
  EXPECT_EQ(readFile(file()), before);

  disk.diskFull = false;
  results = sink.deliver({transaction("c"), transaction("d"), transaction("e")});
  ASSERT_TRUE(results.isOk());
  for (const SinkResult& result : *results) EXPECT_EQ(result.outcome, SinkOutcome::kDone);
  std::vector<std::string> ids;
  for (const std::string& line : lines(readFile(file()))) {
    ids.push_back(nlohmann::json::parse(line)["id"].get<std::string>());
  }
  EXPECT_EQ(ids, (std::vector<std::string>{"a", "b", "c", "d", "e"}));
}

TEST_F(EventLogSinkTest, SyncFailureIsFatalAndStaysFatal) {
  TestDisk disk;
  EventLogSink sink(disk, "events", settings());
  ASSERT_TRUE(sink.open().isOk());
  disk.syncFails = true;
  core::Result<std::vector<SinkResult>> results = sink.deliver({transaction("a")});
  ASSERT_FALSE(results.isOk());
  EXPECT_EQ(results.status().code(), core::StatusCode::kIoError);
  disk.syncFails = false;
  EXPECT_FALSE(sink.deliver({transaction("b")}).isOk());
}

TEST_F(EventLogSinkTest, TornTailIsCutOffOnOpen) {
  std::filesystem::create_directories(dir_ / "events");
  const std::string whole = R"({"specversion":"1.0","id":"x"})"
                            "\n";
  writeFile(file(), whole + R"({"specversion":"1.0","id":"to)");
  spool::PosixDisk disk;
  {
    EventLogSink sink(disk, "events", settings());
    ASSERT_TRUE(sink.open().isOk());
    EXPECT_EQ(readFile(file()), whole);
    ASSERT_TRUE(sink.deliver({transaction("next")}).isOk());
  }
  const std::vector<std::string> written = lines(readFile(file()));
  ASSERT_EQ(written.size(), 2u);
  EXPECT_EQ(nlohmann::json::parse(written[1])["id"], "next");

  // A file holding only a torn line is emptied.
  writeFile(file(), std::string(100000, 'x'));
  EventLogSink again(disk, "events", settings());
  ASSERT_TRUE(again.open().isOk());
  EXPECT_EQ(readFile(file()), "");
}

TEST_F(EventLogSinkTest, RedeliveryAppendsEachIdOnce) {
  spool::PosixDisk disk;
  {
    EventLogSink sink(disk, "events", settings());
    ASSERT_TRUE(sink.deliver({transaction("a"), transaction("b")}).isOk());
  }
  // A restart after the sync but before the spool recorded the delivery.
  EventLogSink sink(disk, "events", settings());
  core::Result<std::vector<SinkResult>> results =
      sink.deliver({transaction("a"), transaction("b"), transaction("c"), transaction("c")});
  ASSERT_TRUE(results.isOk());
  EXPECT_EQ((*results)[0].detail, "already in events.jsonl");
  EXPECT_EQ((*results)[1].detail, "already in events.jsonl");
  EXPECT_EQ((*results)[2].detail, "appended to events.jsonl");
  EXPECT_EQ((*results)[3].detail, "appended to events.jsonl");
  for (const SinkResult& result : *results) EXPECT_EQ(result.outcome, SinkOutcome::kDone);
  std::vector<std::string> ids;
  for (const std::string& line : lines(readFile(file()))) {
    ids.push_back(nlohmann::json::parse(line)["id"].get<std::string>());
  }
  EXPECT_EQ(ids, (std::vector<std::string>{"a", "b", "c"}));

  // A document retried after a full disk is written once space returns.
  TestDisk faulty;
  EventLogSink other(faulty, "events", settings());
  faulty.diskFull = true;
  results = other.deliver({transaction("d"), transaction("d")});
  ASSERT_TRUE(results.isOk());
  EXPECT_EQ((*results)[0].outcome, SinkOutcome::kRetry);
  EXPECT_EQ((*results)[1].outcome, SinkOutcome::kRetry);
  faulty.diskFull = false;
  results = other.deliver({transaction("d")});
  ASSERT_TRUE(results.isOk());
  EXPECT_EQ((*results)[0].detail, "appended to events.jsonl");
  EXPECT_EQ(lines(readFile(file())).size(), 4u);
}

TEST_F(EventLogSinkTest, PayloadThatIsNotJsonIsRejected) {
  spool::PosixDisk disk;
  EventLogSink sink(disk, "events", settings());
  OutboundDocument bad = transaction("bad");
  bad.payload = "{not json";
  core::Result<std::vector<SinkResult>> results = sink.deliver({bad, transaction("good")});
  ASSERT_TRUE(results.isOk());
  EXPECT_EQ((*results)[0].outcome, SinkOutcome::kReject);
  EXPECT_EQ((*results)[1].outcome, SinkOutcome::kDone);
  EXPECT_EQ(lines(readFile(file())).size(), 1u);
}

}  // namespace
}  // namespace bridge::transports
