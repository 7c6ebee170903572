// RELIABILITY.md D2 and D4 through the whole pipeline: a mixed run (an X12
// 850 with its 997, an EDIFACT ORDERS with its CONTRL, the same 850 again
// under another name, a file rejected by schema validation) is crashed at
// every instrumented I/O step k, optionally followed by the loss of every
// unsynced write, then recovered and run to the end. Its effects (event log
// ids, ack files) and final states must equal those of a run without a
// crash: nothing lost, nothing duplicated, no temp file left behind.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "bridge/core/log.h"
#include "bridge/daemon/pipeline.h"
#include "spool/testing/fault_disk.h"
#include "tests/support/bridge_fixture.h"

namespace bridge {
namespace {

using testing::BridgeTree;

struct Outcome {
  std::vector<std::string> eventIds;
  std::vector<std::string> ackFiles;
  std::vector<std::string> states;  // sorted item states
  std::vector<std::string> inboundLeft;
  std::vector<std::string> strayTemps;
};

parsers::schema::SchemaRegistry& sharedRegistry() {
  static parsers::schema::SchemaRegistry registry(EDI_SCHEMA_DIR);
  return registry;
}

void dropMixedRun(const BridgeTree& tree) {
  tree.drop("a-850.edi", testing::x12Order(101));
  tree.drop("b-orders.edi", testing::readFileBytes(
                                testing::samplePath("valid/smooks_ORDERS_D.03B_Interchange.txt")));
  tree.drop("c-850-again.edi", testing::x12Order(101));
  tree.drop("d-bad.edi",
            testing::readFileBytes(testing::samplePath("invalid/nodex12_850_bad_values.edi")));
}

Outcome observe(const BridgeTree& tree, spool::Spool& spool) {
  Outcome outcome;
  outcome.eventIds = tree.eventIds();
  outcome.ackFiles = BridgeTree::filesUnder(tree.outbound);
  auto items = spool.list(spool::ItemFilter{});
  EXPECT_TRUE(items.isOk()) << items.status().toString();
  if (items) {
    for (const spool::StoredItem& item : *items) {
      outcome.states.emplace_back(spool::itemStateName(item.state));
    }
  }
  std::sort(outcome.states.begin(), outcome.states.end());
  outcome.inboundLeft = BridgeTree::filesUnder(tree.inbound);
  for (const auto& dir : {tree.events, tree.outbound}) {
    for (const std::string& name : BridgeTree::filesUnder(dir)) {
      if (name.find(".tmp") != std::string::npos) outcome.strayTemps.push_back(name);
    }
  }
  return outcome;
}

daemon::PipelineOptions options() {
  daemon::PipelineOptions o;
  o.registry = &sharedRegistry();
  return o;
}

// A run with no fault: the effects every crashed run must end with.
Outcome referenceRun() {
  BridgeTree tree("edi-d2-ref");
  dropMixedRun(tree);
  spool::PosixDisk disk;
  auto pipeline = daemon::Pipeline::create(disk, tree.config(), options());
  EXPECT_TRUE(pipeline.isOk()) << pipeline.status().toString();
  if (!pipeline) return {};
  core::Status status = pipeline.value()->runUntilIdle();
  EXPECT_TRUE(status.isOk()) << status.toString();
  return observe(tree, pipeline.value()->spool());
}

enum class AfterCrash { kNothing, kDropUnsynced, kTornTail };

// Crashes the mixed run at step `k`; returns false when the run finished
// before step k (every step has been tried).
bool crashAndRecover(uint64_t k, AfterCrash after, const Outcome& reference) {
  BridgeTree tree("edi-d2", testing::memoryTempDirectory());
  dropMixedRun(tree);
  spool::PosixDisk real;
  spool::FaultDisk disk(real);
  disk.crashAtStep(k);
  {
    auto pipeline = daemon::Pipeline::create(disk, tree.config(), options());
    if (pipeline) {
      core::Status status = pipeline.value()->runUntilIdle();
      if (status.isOk() && !disk.crashed()) return false;
      EXPECT_FALSE(status.isOk()) << "step " << k << ": the crash was reported as success";
    }
  }
  if (after == AfterCrash::kDropUnsynced)
    disk.simulatePowerLoss(spool::FaultDisk::PowerLoss::kDropUnsynced);
  if (after == AfterCrash::kTornTail)
    disk.simulatePowerLoss(spool::FaultDisk::PowerLoss::kTornTail);
  disk.reset();

  auto recovered = daemon::Pipeline::create(disk, tree.config(), options());
  EXPECT_TRUE(recovered.isOk()) << "step " << k << ": " << recovered.status().toString();
  if (!recovered) return true;
  core::Status status = recovered.value()->runUntilIdle();
  EXPECT_TRUE(status.isOk()) << "step " << k << ": " << status.toString();
  const Outcome outcome = observe(tree, recovered.value()->spool());
  EXPECT_EQ(outcome.eventIds, reference.eventIds) << "step " << k;
  EXPECT_EQ(outcome.ackFiles, reference.ackFiles) << "step " << k;
  EXPECT_EQ(outcome.states, reference.states) << "step " << k;
  EXPECT_TRUE(outcome.inboundLeft.empty()) << "step " << k << ": " << outcome.inboundLeft.front();
  EXPECT_TRUE(outcome.strayTemps.empty()) << "step " << k << ": " << outcome.strayTemps.front();
  return true;
}

class PipelineCrashTest : public ::testing::Test {
 protected:
  void SetUp() override { core::setLogEnabled(false); }
  void TearDown() override { core::setLogEnabled(true); }
};

TEST_F(PipelineCrashTest, ReferenceRunHasEveryExpectedEffect) {
  const Outcome reference = referenceRun();
  // The 850 once (the second copy is a held duplicate), every ORDERS message.
  EXPECT_EQ(std::count(reference.eventIds.begin(), reference.eventIds.end(),
                       testing::x12OrderEventId(101)),
            1);
  EXPECT_GE(reference.eventIds.size(), 2u);
  EXPECT_EQ(std::adjacent_find(reference.eventIds.begin(), reference.eventIds.end()),
            reference.eventIds.end())
      << "an event id appears twice";
  // Acks: the 997 of the 850, the CONTRL of the ORDERS, the 997 rejecting d-bad.
  EXPECT_EQ(reference.ackFiles.size(), 3u);
  EXPECT_EQ(reference.states, (std::vector<std::string>{"done", "done", "held", "rejected"}));
  EXPECT_TRUE(reference.inboundLeft.empty());
}

TEST_F(PipelineCrashTest, D2_crash_point_enumeration) {
  const Outcome reference = referenceRun();
  uint64_t k = 1;
  while (crashAndRecover(k, AfterCrash::kNothing, reference)) {
    if (::testing::Test::HasFailure()) break;
    ++k;
  }
  EXPECT_GT(k, 50u) << "the mixed run should take many I/O steps";
  std::cout << "D2: crashed at each of " << (k - 1) << " steps\n";
}

TEST_F(PipelineCrashTest, D4_power_loss_drops_unsynced_writes) {
  const Outcome reference = referenceRun();
  uint64_t k = 1;
  uint64_t cuts = 0;
  while (crashAndRecover(k, AfterCrash::kDropUnsynced, reference)) {
    if (::testing::Test::HasFailure()) break;
    ++cuts;
    ++k;
  }
  EXPECT_GE(cuts, 100u);
}

TEST_F(PipelineCrashTest, D4_power_loss_tears_unsynced_tails) {
  const Outcome reference = referenceRun();
  uint64_t k = 1;
  uint64_t cuts = 0;
  while (crashAndRecover(k, AfterCrash::kTornTail, reference)) {
    if (::testing::Test::HasFailure()) break;
    ++cuts;
    ++k;
  }
  EXPECT_GE(cuts, 100u);
}

}  // namespace
}  // namespace bridge
