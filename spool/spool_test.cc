#include "spool/spool.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "bridge/core/log.h"
#include "spool/item_id.h"
#include "spool/payload_file.h"
#include "spool/testing/fault_disk.h"
#include "spool/testing/temp_dir.h"

namespace bridge::spool {
namespace {

using core::StatusCode;
using parsers::ack::ControlKind;

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::vector<std::string> filesIn(const std::string& directory) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(directory)) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

Arrival arrival(std::string name, std::string content, std::string source = "inbox") {
  Arrival a;
  a.source = std::move(source);
  a.originalName = std::move(name);
  a.content = std::move(content);
  return a;
}

DeliveryRequest delivery(std::string key, std::string target = "erp") {
  DeliveryRequest request;
  request.target = std::move(target);
  request.idempotencyKey = std::move(key);
  request.kind = "transaction";
  request.contentType = "application/json";
  request.payload = "{\"po\":1}";
  request.attributesJson = "{\"partner\":\"ACME\"}";
  return request;
}

ProcessingOutcome outcome(const std::string& itemId, std::vector<DeliveryRequest> deliveries,
                          ItemState state = ItemState::kDelivering) {
  ProcessingOutcome result;
  result.itemId = itemId;
  result.state = state;
  result.deliveries = std::move(deliveries);
  result.partner = "ACME";
  result.provenance.push_back(ProvenanceEntry{0, 0, "split", "{\"transactions\":1}"});
  return result;
}

size_t countEvents(const std::vector<ProvenanceEntry>& entries, std::string_view event) {
  return static_cast<size_t>(std::count_if(
      entries.begin(), entries.end(), [&](const ProvenanceEntry& e) { return e.event == event; }));
}

class SpoolTest : public ::testing::Test {
 protected:
  void SetUp() override { core::setLogEnabled(false); }
  void TearDown() override {
    spool_.reset();
    core::setLogEnabled(true);
  }

  SpoolOptions options() {
    SpoolOptions o;
    o.directory = dir_.path();
    o.minFreeBytes = 0;
    o.clock = [this] { return nowMs_; };
    return o;
  }

  Spool& open(Disk* disk = nullptr, std::optional<SpoolOptions> custom = std::nullopt) {
    spool_.reset();
    core::Result<std::unique_ptr<Spool>> opened =
        Spool::open(disk != nullptr ? *disk : posix_, custom ? *custom : options());
    EXPECT_TRUE(opened.isOk()) << opened.status().toString();
    if (opened) spool_ = std::move(opened).value();
    return *spool_;
  }

  std::string ingestOne(std::string name, std::string content) {
    std::vector<Arrival> arrivals;
    arrivals.push_back(arrival(std::move(name), std::move(content)));
    core::Result<std::vector<IntakeResult>> result = spool_->ingest(std::move(arrivals));
    EXPECT_TRUE(result.isOk()) << result.status().toString();
    if (!result) return std::string();
    return (*result)[0].itemId;
  }

  void process(const ProcessingOutcome& result) {
    core::Result<std::unique_ptr<ProcessingBatch>> batch = spool_->beginProcessing();
    ASSERT_TRUE(batch.isOk()) << batch.status().toString();
    ASSERT_TRUE((*batch)->record(result).isOk());
    ASSERT_TRUE((*batch)->commit().isOk());
  }

  ItemState stateOf(const std::string& id) {
    core::Result<ItemDetail> detail = spool_->show(id);
    EXPECT_TRUE(detail.isOk()) << detail.status().toString();
    return detail ? detail->item.state : ItemState::kCorrupt;
  }

  std::vector<Delivery> deliver(DeliveryOutcome result, std::string detail = "") {
    core::Result<std::vector<Delivery>> due = spool_->dueDeliveries(100);
    EXPECT_TRUE(due.isOk());
    std::vector<DeliveryResult> results;
    for (const Delivery& d : *due) results.push_back(DeliveryResult{d.id, result, detail});
    EXPECT_TRUE(spool_->recordDeliveries(results).isOk());
    return *due;
  }

  TempDir dir_;
  PosixDisk posix_;
  FaultDisk faultDisk_{posix_};  // outlives spool_, which may use it
  int64_t nowMs_ = 1'700'000'000'000;
  std::unique_ptr<Spool> spool_;
};

TEST_F(SpoolTest, IngestStoresEachPayloadDurablyWithItsArrival) {
  open();
  std::vector<Arrival> arrivals;
  arrivals.push_back(arrival("po1.edi", "ISA*first~"));
  arrivals.push_back(arrival("po2.edi", "ISA*second~"));
  core::Result<std::vector<IntakeResult>> result = spool_->ingest(std::move(arrivals));
  ASSERT_TRUE(result.isOk()) << result.status().toString();
  ASSERT_EQ(result->size(), 2u);
  const std::string& first = (*result)[0].itemId;
  EXPECT_TRUE(isItemId(first)) << first;
  EXPECT_NE(first, (*result)[1].itemId);
  EXPECT_FALSE((*result)[0].alreadyStored);
  EXPECT_EQ(filesIn(dir_.file("payloads")).size(), 2u);
  EXPECT_TRUE(std::filesystem::exists(dir_.file("state.db")));

  core::Result<std::vector<StoredItem>> queue = spool_->itemsToProcess(10);
  ASSERT_TRUE(queue.isOk());
  ASSERT_EQ(queue->size(), 2u);
  EXPECT_EQ((*queue)[0].originalName, "po1.edi");
  EXPECT_EQ((*queue)[0].state, ItemState::kReceived);
  EXPECT_EQ((*queue)[0].sha256, sha256Hex("ISA*first~"));
  EXPECT_EQ((*queue)[0].receivedAtMs, nowMs_);
  EXPECT_EQ(*spool_->readPayload((*queue)[1]), "ISA*second~");

  core::Result<std::vector<ProvenanceEntry>> trace = spool_->trace(first);
  ASSERT_TRUE(trace.isOk());
  ASSERT_EQ(trace->size(), 1u);
  EXPECT_EQ((*trace)[0].event, "arrival");
  EXPECT_EQ((*trace)[0].sequence, 1);
  EXPECT_NE((*trace)[0].detailJson.find("\"name\":\"po1.edi\""), std::string::npos);
  EXPECT_NE((*trace)[0].detailJson.find("\"size\":10"), std::string::npos);
  EXPECT_NE((*trace)[0].detailJson.find(sha256Hex("ISA*first~")), std::string::npos);
}

TEST_F(SpoolTest, IngestRefusesTheWholeBatchWhenOneFileIsTooLarge) {
  SpoolOptions o = options();
  o.maxItemBytes = 10;
  open(nullptr, o);
  std::vector<Arrival> arrivals;
  arrivals.push_back(arrival("small.edi", "12345"));
  arrivals.push_back(arrival("big.edi", "12345678901"));
  core::Result<std::vector<IntakeResult>> result = spool_->ingest(std::move(arrivals));
  ASSERT_FALSE(result.isOk());
  EXPECT_EQ(result.status().code(), StatusCode::kResourceExhausted);
  EXPECT_NE(result.status().message().find("big.edi"), std::string::npos);
  EXPECT_TRUE(filesIn(dir_.file("payloads")).empty());
  EXPECT_TRUE(spool_->list(ItemFilter{})->empty());
}

TEST_F(SpoolTest, AnArrivalStoredBeforeItsSourceWasRemovedIsNotStoredTwice) {
  open();
  std::string id = ingestOne("po.edi", "ISA*1~");
  std::vector<Arrival> again;
  again.push_back(arrival("po.edi", "ISA*1~"));
  again.push_back(arrival("po.edi", "ISA*1~"));
  core::Result<std::vector<IntakeResult>> result = spool_->ingest(again);
  ASSERT_TRUE(result.isOk());
  EXPECT_EQ((*result)[0].itemId, id);
  EXPECT_TRUE((*result)[0].alreadyStored);
  EXPECT_TRUE((*result)[1].alreadyStored);
  EXPECT_EQ(filesIn(dir_.file("payloads")).size(), 1u);

  // Once the source file is gone, the same bytes again are a new arrival.
  ASSERT_TRUE(spool_->markSourceDone(id, "removed").isOk());
  std::string second = ingestOne("po.edi", "ISA*1~");
  EXPECT_NE(second, id);
  // Other content under the same name is new as well.
  std::string third = ingestOne("po.edi", "ISA*2~");
  EXPECT_NE(third, second);
  EXPECT_EQ(filesIn(dir_.file("payloads")).size(), 3u);
}

TEST_F(SpoolTest, MarkSourceDoneIsRecordedOnce) {
  open();
  std::string id = ingestOne("po.edi", "x");
  ASSERT_TRUE(spool_->markSourceDone(id, "archived to done/").isOk());
  ASSERT_TRUE(spool_->markSourceDone(id, "archived to done/").isOk());
  core::Result<std::vector<ProvenanceEntry>> trace = spool_->trace(id);
  ASSERT_EQ(countEvents(*trace, "source-done"), 1u);
  EXPECT_NE(trace->back().detailJson.find("archived to done/"), std::string::npos);
  EXPECT_EQ(trace->back().sequence, 2);

  core::Status unknown = spool_->markSourceDone("nope", "removed");
  EXPECT_EQ(unknown.code(), StatusCode::kNotFound);
  EXPECT_EQ(unknown.message(), "no item 'nope' in the spool");
}

TEST_F(SpoolTest, UnknownItemsAreNotFoundEverywhere) {
  open();
  EXPECT_EQ(spool_->show("x").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(spool_->trace("x").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(spool_->replay("x").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(spool_->release("x").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(spool_->retry("x").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(spool_->addProvenance("x", "alert", "{}").code(), StatusCode::kNotFound);
  core::Result<std::unique_ptr<ProcessingBatch>> batch = spool_->beginProcessing();
  ASSERT_TRUE(batch.isOk());
  EXPECT_EQ((*batch)->record(outcome("x", {})).code(), StatusCode::kNotFound);
}

TEST_F(SpoolTest, ControlNumbersCountPerPartnerAndKindAndSurviveReopening) {
  open();
  {
    core::Result<std::unique_ptr<ProcessingBatch>> batch = spool_->beginProcessing();
    ASSERT_TRUE(batch.isOk());
    EXPECT_EQ(*(*batch)->next("ACME/X12", ControlKind::kInterchange), 1u);
    EXPECT_EQ(*(*batch)->next("ACME/X12", ControlKind::kInterchange), 2u);
    EXPECT_EQ(*(*batch)->next("ACME/X12", ControlKind::kGroup), 1u);
    EXPECT_EQ(*(*batch)->next("OTHER/X12", ControlKind::kInterchange), 1u);
    ASSERT_TRUE((*batch)->commit().isOk());
  }
  {
    // Uncommitted numbers are rolled back with their batch.
    core::Result<std::unique_ptr<ProcessingBatch>> batch = spool_->beginProcessing();
    EXPECT_EQ(*(*batch)->next("ACME/X12", ControlKind::kInterchange), 3u);
  }
  open();
  core::Result<std::unique_ptr<ProcessingBatch>> batch = spool_->beginProcessing();
  ASSERT_TRUE(batch.isOk());
  EXPECT_EQ(*(*batch)->next("ACME/X12", ControlKind::kInterchange), 3u);
  ASSERT_TRUE((*batch)->commit().isOk());
}

TEST_F(SpoolTest, ControlNumbersWrapToOneAfterNineDigits) {
  open();
  spool_.reset();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(dir_.file("state.db").c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db,
                         "INSERT INTO control_numbers (partner, kind, value) "
                         "VALUES ('ACME', 'interchange', 999999998)",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  open();
  core::Result<std::unique_ptr<ProcessingBatch>> batch = spool_->beginProcessing();
  EXPECT_EQ(*(*batch)->next("ACME", ControlKind::kInterchange), 999999999u);
  EXPECT_EQ(*(*batch)->next("ACME", ControlKind::kInterchange), 1u);
  ASSERT_TRUE((*batch)->commit().isOk());
}

TEST_F(SpoolTest, AnUncommittedBatchChangesNothing) {
  open();
  std::string id = ingestOne("po.edi", "x");
  {
    core::Result<std::unique_ptr<ProcessingBatch>> batch = spool_->beginProcessing();
    ASSERT_TRUE((*batch)->record(outcome(id, {delivery("k1")})).isOk());
  }
  EXPECT_EQ(stateOf(id), ItemState::kReceived);
  EXPECT_TRUE(spool_->show(id)->deliveries.empty());
  EXPECT_EQ(spool_->trace(id)->size(), 1u);
}

TEST_F(SpoolTest, ProcessingRecordsDeliveriesKeysAndProvenanceThenCompletes) {
  open();
  std::string id = ingestOne("po.edi", "x");
  ProcessingOutcome result = outcome(id, {delivery("k1"), delivery("k2", "events")});
  result.duplicateKeys = {"ISA:ZZ:A:ZZ:B:000000001"};
  process(result);

  core::Result<ItemDetail> detail = spool_->show(id);
  ASSERT_TRUE(detail.isOk());
  EXPECT_EQ(detail->item.state, ItemState::kDelivering);
  EXPECT_EQ(detail->partner, "ACME");
  ASSERT_EQ(detail->deliveries.size(), 2u);
  EXPECT_EQ(detail->deliveryStates[0], DeliveryState::kPending);
  EXPECT_EQ(detail->deliveries[1].request.target, "events");
  EXPECT_EQ(detail->deliveries[0].request.payload, "{\"po\":1}");
  EXPECT_TRUE(spool_->itemsToProcess(10)->empty());
  EXPECT_EQ(*spool_->nextDueInMs(), std::optional<int64_t>(0));

  core::Result<std::vector<ProvenanceEntry>> trace = spool_->trace(id);
  ASSERT_EQ(trace->size(), 2u);
  EXPECT_EQ((*trace)[1].event, "split");
  EXPECT_EQ((*trace)[1].sequence, 2);
  EXPECT_EQ((*trace)[1].timeMs, nowMs_);

  std::vector<Delivery> delivered = deliver(DeliveryOutcome::kDone, "POST /orders 201");
  EXPECT_EQ(delivered.size(), 2u);
  EXPECT_EQ(stateOf(id), ItemState::kDone);
  EXPECT_EQ(*spool_->nextDueInMs(), std::nullopt);
  trace = spool_->trace(id);
  EXPECT_EQ(countEvents(*trace, "delivery"), 2u);
  EXPECT_NE(trace->back().detailJson.find("\"outcome\":\"done\""), std::string::npos);
  EXPECT_NE(trace->back().detailJson.find("\"attempt\":1"), std::string::npos);

  core::Result<std::unique_ptr<ProcessingBatch>> batch = spool_->beginProcessing();
  EXPECT_TRUE(*(*batch)->alreadyDelivered("k1"));
  EXPECT_FALSE(*(*batch)->alreadyDelivered("k3"));
}

TEST_F(SpoolTest, OutcomesWithoutPendingDeliveriesFinishAtOnce) {
  open();
  std::string plain = ingestOne("a.edi", "a");
  std::string rejectedNoAck = ingestOne("b.edi", "b");
  std::string rejectedWithAck = ingestOne("c.edi", "c");
  std::string held = ingestOne("d.edi", "d");
  core::Result<std::unique_ptr<ProcessingBatch>> batch = spool_->beginProcessing();
  ASSERT_TRUE((*batch)->record(outcome(plain, {})).isOk());
  ASSERT_TRUE((*batch)->record(outcome(rejectedNoAck, {}, ItemState::kRejected)).isOk());
  ASSERT_TRUE(
      (*batch)->record(outcome(rejectedWithAck, {delivery("ack-1")}, ItemState::kRejected)).isOk());
  ProcessingOutcome hold = outcome(held, {}, ItemState::kHeld);
  hold.holdReason = "duplicate interchange of item X";
  ASSERT_TRUE((*batch)->record(hold).isOk());
  EXPECT_EQ((*batch)->record(outcome(plain, {}, ItemState::kDone)).code(),
            StatusCode::kInvalidArgument);
  ASSERT_TRUE((*batch)->commit().isOk());
  batch->reset();

  EXPECT_EQ(stateOf(plain), ItemState::kDone);
  EXPECT_EQ(stateOf(rejectedNoAck), ItemState::kRejected);
  EXPECT_EQ(stateOf(rejectedWithAck), ItemState::kDelivering);
  EXPECT_EQ(stateOf(held), ItemState::kHeld);
  EXPECT_EQ(spool_->show(held)->holdReason, "duplicate interchange of item X");
  deliver(DeliveryOutcome::kDone);
  EXPECT_EQ(stateOf(rejectedWithAck), ItemState::kRejected);
}

TEST_F(SpoolTest, DuplicateKeysAreFoundWithinTheirWindowOnly) {
  open();
  std::string first = ingestOne("a.edi", "a");
  std::string second = ingestOne("b.edi", "b");
  ProcessingOutcome result = outcome(first, {});
  result.duplicateKeys = {"KEY"};
  process(result);

  nowMs_ += 500;
  core::Result<std::unique_ptr<ProcessingBatch>> batch = spool_->beginProcessing();
  EXPECT_EQ(*(*batch)->findDuplicate("KEY", 1000), std::optional<std::string>(first));
  EXPECT_EQ(*(*batch)->findDuplicate("KEY", 100), std::nullopt);
  EXPECT_EQ(*(*batch)->findDuplicate("OTHER", 1000), std::nullopt);
  // Recording the key again moves it to the newer item.
  ProcessingOutcome again = outcome(second, {});
  again.duplicateKeys = {"KEY"};
  ASSERT_TRUE((*batch)->record(again).isOk());
  EXPECT_EQ(*(*batch)->findDuplicate("KEY", 10), std::optional<std::string>(second));
  ASSERT_TRUE((*batch)->commit().isOk());
  EXPECT_FALSE((*batch)->commit().isOk());
}

TEST_F(SpoolTest, RetriesBackOffExponentiallyWithJitterUpToTheCap) {
  SpoolOptions o = options();
  o.retryInitialMs = 1000;
  o.retryMaxMs = 8000;
  o.maxAttempts = 100;
  open(nullptr, o);
  std::string id = ingestOne("a.edi", "a");
  process(outcome(id, {delivery("k")}));
  const int64_t expected[] = {1000, 2000, 4000, 8000, 8000, 8000};
  for (int64_t base : expected) {
    std::vector<Delivery> due = deliver(DeliveryOutcome::kRetry, "503 Service Unavailable");
    ASSERT_EQ(due.size(), 1u);
    core::Result<std::optional<int64_t>> wait = spool_->nextDueInMs();
    ASSERT_TRUE(wait.isOk() && wait->has_value());
    EXPECT_GE(**wait, base * 8 / 10);
    EXPECT_LE(**wait, base * 12 / 10);
    EXPECT_TRUE(spool_->dueDeliveries(10)->empty());
    nowMs_ += **wait;
  }
  core::Result<std::vector<Delivery>> due = spool_->dueDeliveries(10);
  ASSERT_EQ(due->size(), 1u);
  EXPECT_EQ((*due)[0].attempts, 6u);
  EXPECT_EQ((*due)[0].firstAttemptMs, 1'700'000'000'000);
  EXPECT_EQ(spool_->show(id)->deliveryErrors[0], "503 Service Unavailable");
  EXPECT_EQ(stateOf(id), ItemState::kDelivering);
}

TEST_F(SpoolTest, DeliveriesAreDeadLetteredAfterMaxAttemptsAndRetryRevivesThemOnce) {
  SpoolOptions o = options();
  o.maxAttempts = 3;
  o.retryInitialMs = 10;
  open(nullptr, o);
  std::string id = ingestOne("a.edi", "a");
  process(outcome(id, {delivery("k")}));
  for (int i = 0; i < 3; ++i) {
    ASSERT_EQ(deliver(DeliveryOutcome::kRetry, "timeout").size(), 1u);
    nowMs_ += 1000;
  }
  EXPECT_EQ(stateOf(id), ItemState::kDead);
  EXPECT_TRUE(spool_->dueDeliveries(10)->empty());
  core::Result<ItemDetail> detail = spool_->show(id);
  EXPECT_EQ(detail->deliveryStates[0], DeliveryState::kDead);
  core::Result<std::vector<ProvenanceEntry>> trace = spool_->trace(id);
  EXPECT_EQ(countEvents(*trace, "delivery"), 3u);
  ASSERT_EQ(countEvents(*trace, "dead-letter"), 1u);
  EXPECT_NE(trace->back().detailJson.find("gave up after 3 attempts"), std::string::npos);

  EXPECT_EQ(*spool_->retry(id), "retrying 1 delivery");
  EXPECT_EQ(*spool_->retry(id), "nothing to retry (state delivering, no dead deliveries)");
  EXPECT_EQ(countEvents(*spool_->trace(id), "retry"), 1u);
  EXPECT_EQ(stateOf(id), ItemState::kDelivering);
  core::Result<std::vector<Delivery>> due = spool_->dueDeliveries(10);
  ASSERT_EQ(due->size(), 1u);
  EXPECT_EQ((*due)[0].attempts, 0u);
  deliver(DeliveryOutcome::kDone);
  EXPECT_EQ(stateOf(id), ItemState::kDone);
}

TEST_F(SpoolTest, DeliveriesAreDeadLetteredAfterTheirAgeOrARejection) {
  SpoolOptions o = options();
  o.deadAfterMs = 60000;
  open(nullptr, o);
  std::string old = ingestOne("a.edi", "a");
  std::string refused = ingestOne("b.edi", "b");
  process(outcome(old, {delivery("k-old")}));
  deliver(DeliveryOutcome::kRetry, "connection refused");
  EXPECT_EQ(stateOf(old), ItemState::kDelivering);
  nowMs_ += 61000;
  deliver(DeliveryOutcome::kRetry, "connection refused");
  EXPECT_EQ(stateOf(old), ItemState::kDead);
  EXPECT_NE(spool_->trace(old)->back().detailJson.find("since the first attempt"),
            std::string::npos);

  process(outcome(refused, {delivery("k-refused"), delivery("k-fine", "events")}));
  core::Result<std::vector<Delivery>> due = spool_->dueDeliveries(10);
  ASSERT_EQ(due->size(), 2u);
  ASSERT_TRUE(spool_
                  ->recordDeliveries({DeliveryResult{(*due)[0].id, DeliveryOutcome::kReject,
                                                     "422 unknown partner"},
                                      DeliveryResult{(*due)[1].id, DeliveryOutcome::kDone, "ok"}})
                  .isOk());
  EXPECT_EQ(stateOf(refused), ItemState::kDead);
  EXPECT_EQ(spool_->show(refused)->deliveryErrors[0], "422 unknown partner");
  // The same results reported again change nothing.
  ASSERT_TRUE(spool_->recordDeliveries({DeliveryResult{(*due)[0].id, DeliveryOutcome::kDone, "ok"}})
                  .isOk());
  EXPECT_EQ(spool_->show(refused)->deliveryStates[0], DeliveryState::kDead);
}

TEST_F(SpoolTest, ReplayIsIdempotentAndNeverDuplicatesADelivery) {
  open();
  std::string id = ingestOne("a.edi", "a");
  process(outcome(id, {delivery("k1"), delivery("k2")}));
  deliver(DeliveryOutcome::kDone);
  ASSERT_EQ(stateOf(id), ItemState::kDone);

  EXPECT_EQ(*spool_->replay(id), "queued for processing again (was done)");
  EXPECT_EQ(*spool_->replay(id), "already queued (state received); nothing to do");
  EXPECT_EQ(countEvents(*spool_->trace(id), "replay"), 1u);
  core::Result<std::vector<StoredItem>> queue = spool_->itemsToProcess(10);
  ASSERT_EQ(queue->size(), 1u);
  EXPECT_EQ(*spool_->readPayload((*queue)[0]), "a");

  process(outcome(id, {delivery("k1"), delivery("k2")}));
  core::Result<ItemDetail> detail = spool_->show(id);
  EXPECT_EQ(detail->deliveries.size(), 2u);
  EXPECT_EQ(detail->item.state, ItemState::kDone);
  EXPECT_TRUE(spool_->dueDeliveries(10)->empty());
}

TEST_F(SpoolTest, ReleaseIsIdempotentAndMarksTheItem) {
  open();
  std::string id = ingestOne("a.edi", "a");
  ProcessingOutcome hold = outcome(id, {}, ItemState::kHeld);
  hold.holdReason = "duplicate";
  process(hold);
  EXPECT_EQ(*spool_->release(id), "released; queued for processing");
  EXPECT_EQ(*spool_->release(id), "already released (state received); nothing to do");
  EXPECT_EQ(countEvents(*spool_->trace(id), "release"), 1u);
  core::Result<std::vector<StoredItem>> queue = spool_->itemsToProcess(10);
  ASSERT_EQ(queue->size(), 1u);
  EXPECT_TRUE((*queue)[0].released);
  process(outcome(id, {}));
  EXPECT_EQ(*spool_->release(id), "not held (state done); nothing to do");
}

TEST_F(SpoolTest, ListFiltersByStatePartnerTimeAndLimit) {
  open();
  std::string a = ingestOne("a.edi", "a");
  nowMs_ += 1000;
  std::string b = ingestOne("b.edi", "b");
  std::string c = ingestOne("c.edi", "c");
  process(outcome(a, {}));
  EXPECT_EQ(spool_->list(ItemFilter{})->size(), 3u);
  ItemFilter done;
  done.state = ItemState::kDone;
  ASSERT_EQ(spool_->list(done)->size(), 1u);
  EXPECT_EQ(spool_->list(done)->front().id, a);
  ItemFilter acme;
  acme.partner = "ACME";
  EXPECT_EQ(spool_->list(acme)->size(), 1u);
  ItemFilter recent;
  recent.sinceMs = nowMs_;
  EXPECT_EQ(spool_->list(recent)->size(), 2u);
  ItemFilter one;
  one.limit = 1;
  EXPECT_EQ(spool_->list(one)->front().id, a);
  (void)b;
  (void)c;
}

TEST_F(SpoolTest, PurgeRemovesOldFinishedItemsAndTheirPayloads) {
  open();
  std::string oldDone = ingestOne("a.edi", "a");
  std::string oldActive = ingestOne("b.edi", "b");
  process(outcome(oldDone, {}));
  nowMs_ += 10 * 86400 * 1000LL;
  std::string newDone = ingestOne("c.edi", "c");
  process(outcome(newDone, {}));

  core::Result<uint64_t> purged = spool_->purge(7 * 86400 * 1000LL);
  ASSERT_TRUE(purged.isOk()) << purged.status().toString();
  EXPECT_EQ(*purged, 1u);
  EXPECT_EQ(spool_->show(oldDone).status().code(), StatusCode::kNotFound);
  EXPECT_FALSE(std::filesystem::exists(payloadPath(dir_.path(), oldDone)));
  EXPECT_TRUE(std::filesystem::exists(payloadPath(dir_.path(), oldActive)));
  EXPECT_TRUE(std::filesystem::exists(payloadPath(dir_.path(), newDone)));
  EXPECT_EQ(*spool_->purge(7 * 86400 * 1000LL), 0u);
  // Nothing left behind to look like an orphan on the next open.
  open();
  EXPECT_TRUE(filesIn(dir_.file("corrupt")).empty());
}

TEST_F(SpoolTest, IntakePausesOnActiveItemsBytesAndFreeDisk) {
  FaultDisk& disk = faultDisk_;
  SpoolOptions o = options();
  o.maxActiveItems = 3;
  o.maxActiveBytes = 1000;
  o.minFreeBytes = 1024;
  open(&disk, o);
  EXPECT_EQ(*spool_->intakePause(), std::nullopt);
  ingestOne("a.edi", std::string(600, 'a'));
  EXPECT_EQ(*spool_->intakePause(), std::nullopt);
  std::string b = ingestOne("b.edi", std::string(500, 'b'));
  core::Result<std::optional<IntakePause>> pause = spool_->intakePause();
  ASSERT_TRUE(pause.isOk() && pause->has_value());
  EXPECT_EQ((*pause)->reason, "active bytes 1100 bytes >= 1000 bytes");

  process(outcome(b, {}));
  EXPECT_EQ(*spool_->intakePause(), std::nullopt);
  std::string c = ingestOne("c.edi", "c");
  std::string d = ingestOne("d.edi", "d");
  pause = spool_->intakePause();
  ASSERT_TRUE(pause->has_value());
  EXPECT_EQ((*pause)->reason, "active items 3 >= 3");
  process(outcome(c, {}));
  process(outcome(d, {}));
  EXPECT_EQ(*spool_->intakePause(), std::nullopt);

  disk.setDiskFull(true);
  pause = spool_->intakePause();
  ASSERT_TRUE(pause->has_value());
  EXPECT_EQ((*pause)->reason, "free disk 0 bytes < 1024 bytes floor");
  disk.setDiskFull(false);
  EXPECT_EQ(*spool_->intakePause(), std::nullopt);
}

TEST_F(SpoolTest, RecoveryMovesTempAndOrphanFilesToCorruptWithAReason) {
  open();
  std::string kept = ingestOne("a.edi", "a");
  spool_.reset();
  std::ofstream(dir_.file("payloads/.0190aabbccdd11223344.tmp")) << "half a fi";
  std::ofstream(dir_.file("payloads/0190aabbccdd55667788")) << encodePayloadFile("never committed");
  open();
  EXPECT_EQ(filesIn(dir_.file("payloads")), std::vector<std::string>{kept});
  std::vector<std::string> corrupt = filesIn(dir_.file("corrupt"));
  EXPECT_EQ(corrupt,
            (std::vector<std::string>{"0190aabbccdd11223344.tmp", "0190aabbccdd11223344.tmp.reason",
                                      "0190aabbccdd55667788", "0190aabbccdd55667788.reason"}));
  EXPECT_NE(slurp(dir_.file("corrupt/0190aabbccdd11223344.tmp.reason"))
                .find("reason: incomplete write left by an interrupted process"),
            std::string::npos);
  EXPECT_NE(slurp(dir_.file("corrupt/0190aabbccdd55667788.reason"))
                .find("reason: no spool record (written before a crash, never committed)"),
            std::string::npos);
  EXPECT_EQ(slurp(dir_.file("corrupt/0190aabbccdd11223344.tmp")), "half a fi");
  EXPECT_EQ(stateOf(kept), ItemState::kReceived);

  // The same name again later does not overwrite the first one.
  spool_.reset();
  std::ofstream(dir_.file("payloads/.0190aabbccdd11223344.tmp")) << "again";
  open();
  EXPECT_EQ(slurp(dir_.file("corrupt/0190aabbccdd11223344.tmp.1")), "again");
}

TEST_F(SpoolTest, OnlyAProcessOpeningTheSpoolAloneRecovers) {
  open();
  // Another user of the spool between writing a payload and committing it.
  std::ofstream(dir_.file("payloads/0190aabbccdd55667788")) << encodePayloadFile("in flight");
  core::Result<std::unique_ptr<Spool>> second = Spool::open(posix_, options());
  ASSERT_TRUE(second.isOk()) << second.status().toString();
  EXPECT_TRUE(std::filesystem::exists(dir_.file("payloads/0190aabbccdd55667788")));
  // Both work on the same state.
  std::string id = ingestOne("a.edi", "a");
  EXPECT_EQ((*second)->show(id)->item.originalName, "a.edi");
  second->reset();
  spool_.reset();
  open();
  EXPECT_FALSE(std::filesystem::exists(dir_.file("payloads/0190aabbccdd55667788")));
  EXPECT_TRUE(std::filesystem::exists(dir_.file("corrupt/0190aabbccdd55667788.reason")));
}

TEST_F(SpoolTest, RecoveryMarksItemsWithMissingOrTornPayloadsCorrupt) {
  open();
  std::string missing = ingestOne("a.edi", "aaaa");
  std::string torn = ingestOne("b.edi", "bbbb");
  std::string fine = ingestOne("c.edi", "cccc");
  spool_.reset();
  std::filesystem::remove(payloadPath(dir_.path(), missing));
  std::filesystem::resize_file(payloadPath(dir_.path(), torn), 30);
  open();
  EXPECT_EQ(stateOf(missing), ItemState::kCorrupt);
  EXPECT_EQ(stateOf(torn), ItemState::kCorrupt);
  EXPECT_EQ(stateOf(fine), ItemState::kReceived);
  core::Result<std::vector<ProvenanceEntry>> trace = spool_->trace(torn);
  ASSERT_EQ(countEvents(*trace, "corrupt"), 1u);
  EXPECT_NE(trace->back().detailJson.find("truncated"), std::string::npos);
  EXPECT_TRUE(std::filesystem::exists(dir_.file("corrupt/" + torn)));
  EXPECT_TRUE(std::filesystem::exists(dir_.file("corrupt/" + torn + ".reason")));
  EXPECT_EQ(countEvents(*spool_->trace(missing), "corrupt"), 1u);
  ASSERT_EQ(spool_->itemsToProcess(10)->size(), 1u);
  // Corrupt items cannot be replayed, and reopening does not mark them again.
  EXPECT_EQ(spool_->replay(torn).status().code(), StatusCode::kInvalidArgument);
  open();
  EXPECT_EQ(countEvents(*spool_->trace(torn), "corrupt"), 1u);
}

TEST_F(SpoolTest, ReadPayloadDetectsAGarbledFileAndMovesItAside) {
  open();
  std::string id = ingestOne("a.edi", "the payload");
  StoredItem item = spool_->itemsToProcess(1)->front();
  {
    std::fstream file(payloadPath(dir_.path(), id),
                      std::ios::in | std::ios::out | std::ios::binary);
    file.seekp(static_cast<std::streamoff>(kPayloadHeaderBytes));
    file.put('X');
  }
  core::Result<std::string> payload = spool_->readPayload(item);
  ASSERT_FALSE(payload.isOk());
  EXPECT_EQ(payload.status().code(), StatusCode::kCorruption);
  EXPECT_EQ(payload.status().message().rfind("payload " + id + ": ", 0), 0u);
  EXPECT_EQ(stateOf(id), ItemState::kCorrupt);
  EXPECT_FALSE(std::filesystem::exists(payloadPath(dir_.path(), id)));
  EXPECT_NE(slurp(dir_.file("corrupt/" + id + ".reason")).find("checksum"), std::string::npos);
  EXPECT_EQ(countEvents(*spool_->trace(id), "corrupt"), 1u);
  EXPECT_EQ(spool_->readPayload(item).status().code(), StatusCode::kCorruption);
  EXPECT_EQ(countEvents(*spool_->trace(id), "corrupt"), 1u);
  EXPECT_TRUE(spool_->itemsToProcess(10)->empty());
}

TEST_F(SpoolTest, StateDatabaseWritesGoThroughTheDisk) {
  FaultDisk& disk = faultDisk_;
  open(&disk);
  ingestOne("a.edi", "a");
  bool wal = false;
  bool payload = false;
  for (const FaultDisk::Step& step : disk.stepLog()) {
    if (step.foreign && step.path.ends_with("state.db-wal") && step.op == IoOp::kSync) wal = true;
    if (!step.foreign && step.path.find("/payloads/.") != std::string::npos) payload = true;
  }
  EXPECT_TRUE(wal);
  EXPECT_TRUE(payload);
}

TEST_F(SpoolTest, AnIoErrorStopsTheSpool) {
  FaultDisk& disk = faultDisk_;
  open(&disk);
  disk.crashAtStep(disk.steps() + 1);
  std::vector<Arrival> arrivals;
  arrivals.push_back(arrival("a.edi", "a"));
  core::Result<std::vector<IntakeResult>> result = spool_->ingest(arrivals);
  ASSERT_FALSE(result.isOk());
  EXPECT_EQ(result.status().code(), StatusCode::kIoError);
  EXPECT_FALSE(result.status().retryable());
  disk.reset();
  // The disk works again, but the spool refuses to go on as if nothing happened.
  core::Result<std::vector<IntakeResult>> again = spool_->ingest(arrivals);
  ASSERT_FALSE(again.isOk());
  EXPECT_NE(again.status().message().find("stopped after an I/O error"), std::string::npos);
  EXPECT_FALSE(spool_->itemsToProcess(1).isOk());
  open(&disk);
  EXPECT_TRUE(spool_->ingest(arrivals).isOk());
}

}  // namespace
}  // namespace bridge::spool
