// RELIABILITY.md E1 (duplicate interchanges), D9 (bounded stages), D10
// (replay and release are idempotent) and D5 (the source goes only after
// the commit) through the whole pipeline.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>

#include "bridge/core/log.h"
#include "bridge/daemon/pipeline.h"
#include "tests/support/bridge_fixture.h"

namespace bridge {
namespace {

using testing::BridgeTree;

parsers::schema::SchemaRegistry& sharedRegistry() {
  static parsers::schema::SchemaRegistry registry(EDI_SCHEMA_DIR);
  return registry;
}

class PipelineFlowTest : public ::testing::Test {
 protected:
  void SetUp() override { core::setLogEnabled(false); }
  void TearDown() override { core::setLogEnabled(true); }

  std::unique_ptr<daemon::Pipeline> open(const config::BridgeConfig& config) {
    daemon::PipelineOptions options;
    options.registry = &sharedRegistry();
    options.clock = [this] { return now_.load(); };
    auto pipeline = daemon::Pipeline::create(disk_, config, options);
    EXPECT_TRUE(pipeline.isOk()) << pipeline.status().toString();
    return pipeline ? std::move(pipeline.value()) : nullptr;
  }

  static void runIdle(daemon::Pipeline& pipeline) {
    core::Status status = pipeline.runUntilIdle();
    ASSERT_TRUE(status.isOk()) << status.toString();
  }

  static std::vector<spool::StoredItem> items(daemon::Pipeline& pipeline,
                                              std::optional<spool::ItemState> state = {}) {
    spool::ItemFilter filter;
    filter.state = state;
    auto list = pipeline.spool().list(filter);
    EXPECT_TRUE(list.isOk()) << list.status().toString();
    return list ? *list : std::vector<spool::StoredItem>{};
  }

  spool::PosixDisk disk_;
  std::atomic<int64_t> now_{1'800'000'000'000};
};

TEST_F(PipelineFlowTest, E1_duplicate_interchange_after_restart_has_one_effect) {
  BridgeTree tree("edi-e1");
  tree.drop("order.edi", testing::x12Order(7));
  {
    auto pipeline = open(tree.config());
    ASSERT_NE(pipeline, nullptr);
    runIdle(*pipeline);
  }
  now_ += 3'600'000;
  tree.drop("order-resent-under-another-name.edi", testing::x12Order(7));
  auto pipeline = open(tree.config());
  ASSERT_NE(pipeline, nullptr);
  runIdle(*pipeline);

  EXPECT_EQ(tree.eventIds(), std::vector<std::string>{testing::x12OrderEventId(7)});
  const std::vector<spool::StoredItem> held = items(*pipeline, spool::ItemState::kHeld);
  ASSERT_EQ(held.size(), 1u);
  EXPECT_EQ(held[0].originalName, "order-resent-under-another-name.edi");
  auto detail = pipeline->spool().show(held[0].id);
  ASSERT_TRUE(detail.isOk());
  EXPECT_NE(
      detail->holdReason.find("duplicate interchange x12/12:4405197800/01:999999999/000000007"),
      std::string::npos)
      << detail->holdReason;
  EXPECT_EQ(BridgeTree::filesUnder(tree.outbound).size(), 1u) << "a held duplicate is not acked";
}

TEST_F(PipelineFlowTest, E1_duplicate_outside_the_window_is_processed) {
  BridgeTree tree("edi-e1-window");
  config::BridgeConfig config = tree.config();
  config.duplicates.windowMs = 60'000;
  tree.drop("order.edi", testing::x12Order(8));
  {
    auto pipeline = open(config);
    ASSERT_NE(pipeline, nullptr);
    runIdle(*pipeline);
  }
  now_ += 120'000;
  tree.drop("order-again.edi", testing::x12Order(8));
  auto pipeline = open(config);
  ASSERT_NE(pipeline, nullptr);
  runIdle(*pipeline);
  EXPECT_TRUE(items(*pipeline, spool::ItemState::kHeld).empty());
  EXPECT_EQ(items(*pipeline, spool::ItemState::kDone).size(), 2u);
  // Both reached the event log under the same idempotency key: the target
  // can tell them apart from nothing, and the log keeps one.
  EXPECT_EQ(tree.eventIds(), std::vector<std::string>{testing::x12OrderEventId(8)});
}

TEST_F(PipelineFlowTest, D10_release_and_replay_twice_have_one_effect) {
  BridgeTree tree("edi-d10");
  tree.drop("order.edi", testing::x12Order(9));
  tree.drop("order-copy.edi", testing::x12Order(9));
  auto pipeline = open(tree.config());
  ASSERT_NE(pipeline, nullptr);
  runIdle(*pipeline);
  const std::vector<spool::StoredItem> held = items(*pipeline, spool::ItemState::kHeld);
  ASSERT_EQ(held.size(), 1u);

  auto first = pipeline->spool().release(held[0].id);
  ASSERT_TRUE(first.isOk()) << first.status().toString();
  auto second = pipeline->spool().release(held[0].id);
  ASSERT_TRUE(second.isOk()) << second.status().toString();
  EXPECT_NE(*first, *second) << "the second release should say there was nothing to do";
  runIdle(*pipeline);
  for (int i = 0; i < 2; ++i) {
    auto replayed = pipeline->spool().replay(held[0].id);
    ASSERT_TRUE(replayed.isOk()) << replayed.status().toString();
    runIdle(*pipeline);
  }
  EXPECT_EQ(tree.eventIds(), std::vector<std::string>{testing::x12OrderEventId(9)});
  auto trace = pipeline->spool().trace(held[0].id);
  ASSERT_TRUE(trace.isOk());
  std::vector<std::string> events;
  for (const auto& entry : *trace) events.push_back(entry.event);
  EXPECT_NE(std::find(events.begin(), events.end(), "release"), events.end());
  EXPECT_EQ(std::count(events.begin(), events.end(), "replay"), 2);
}

TEST_F(PipelineFlowTest, D9_stalled_downstream_pauses_intake_and_drops_nothing) {
  BridgeTree tree("edi-d9");
  config::BridgeConfig config = tree.config();
  config.spool.maxActiveItems = 10;
  config.batchSize = 4;
  // A target the configuration does not have: every delivery is retried.
  config.routes[0].targets = {"stalled-erp"};
  config.acks.target.clear();
  const int kFiles = 40;
  for (int i = 0; i < kFiles; ++i)
    tree.drop("order-" + std::to_string(i) + ".edi", testing::x12Order(1000 + i));
  {
    auto pipeline = open(config);
    ASSERT_NE(pipeline, nullptr);
    for (int pass = 0; pass < 30; ++pass) {
      auto report = pipeline->step();
      ASSERT_TRUE(report.isOk()) << report.status().toString();
      now_ += 10'000;
    }
    const size_t stored = items(*pipeline).size();
    EXPECT_LE(stored, 10u + 4u) << "intake went past the bound";
    EXPECT_EQ(stored + BridgeTree::filesUnder(tree.inbound).size(), static_cast<size_t>(kFiles))
        << "every file is either in the spool or still in the inbound folder";
    EXPECT_TRUE(tree.eventIds().empty());
  }
  // The downstream comes back: everything flows, each transaction once.
  config.routes[0].targets = {"events"};
  config.targets.push_back(config::TargetSettings{"stalled-erp", [&] {
                                                    config::EventLogTargetSettings events;
                                                    events.path = tree.events;
                                                    events.fileName = "stalled-erp.jsonl";
                                                    return events;
                                                  }()});
  auto pipeline = open(config);
  ASSERT_NE(pipeline, nullptr);
  for (int pass = 0; pass < 200 && !BridgeTree::filesUnder(tree.inbound).empty(); ++pass) {
    auto report = pipeline->step();
    ASSERT_TRUE(report.isOk()) << report.status().toString();
    now_ += 400'000;
  }
  runIdle(*pipeline);
  now_ += 400'000;
  runIdle(*pipeline);
  std::vector<std::string> expected;
  for (int i = 0; i < kFiles; ++i) {
    expected.push_back(testing::x12OrderEventId(1000 + i, "stalled-erp"));
    expected.push_back(testing::x12OrderEventId(1000 + i, "events"));
  }
  std::sort(expected.begin(), expected.end());
  const std::vector<std::string> ids = tree.eventIds();
  // Items stored while stalled went to stalled-erp; later ones to events.
  EXPECT_EQ(ids.size(), static_cast<size_t>(kFiles));
  for (const std::string& id : ids) {
    EXPECT_TRUE(std::binary_search(expected.begin(), expected.end(), id)) << id;
  }
  EXPECT_EQ(items(*pipeline, spool::ItemState::kDone).size(), static_cast<size_t>(kFiles));
}

TEST_F(PipelineFlowTest, D5_source_file_stays_until_the_spool_commit) {
  BridgeTree tree("edi-d5");
  tree.drop("order.edi", testing::x12Order(11));
  config::BridgeConfig config = tree.config();
  // A spool directory that cannot be created: nothing commits, so the
  // source file must stay where it is.
  config.spool.directory = tree.root / "not-a-dir" / "spool";
  testing::writeFileBytes(tree.root / "not-a-dir", "a file where the spool's parent should be");
  daemon::PipelineOptions options;
  options.registry = &sharedRegistry();
  auto pipeline = daemon::Pipeline::create(disk_, config, options);
  EXPECT_FALSE(pipeline.isOk());
  EXPECT_EQ(BridgeTree::filesUnder(tree.inbound), std::vector<std::string>{"order.edi"});
}

}  // namespace
}  // namespace bridge
