// Processing batches and the delivery outbox of SqliteSpool.
#include <algorithm>
#include <cmath>
#include <utility>

#include "bridge/core/log.h"
#include "spool/sqlite_spool.h"

namespace bridge::spool {

namespace {

using core::Result;
using core::Status;

// Control numbers fit the 9 digits of ISA13, GS06 and ST02; past that they
// start again at 1 (never 0).
constexpr uint64_t kMaxControlNumber = 999999999;

std::string_view controlKindName(parsers::ack::ControlKind kind) {
  switch (kind) {
    case parsers::ack::ControlKind::kInterchange:
      return "interchange";
    case parsers::ack::ControlKind::kGroup:
      return "group";
    case parsers::ack::ControlKind::kTransaction:
      return "transaction";
  }
  return "unknown";
}

std::string_view outcomeName(DeliveryOutcome outcome) {
  switch (outcome) {
    case DeliveryOutcome::kDone:
      return "done";
    case DeliveryOutcome::kRetry:
      return "retry";
    case DeliveryOutcome::kReject:
      return "reject";
  }
  return "unknown";
}

class SqliteProcessingBatch final : public ProcessingBatch {
 public:
  SqliteProcessingBatch(SqliteSpool& spool, Transaction transaction)
      : spool_(spool), transaction_(std::move(transaction)) {}

  Result<uint64_t> next(std::string_view partner, parsers::ack::ControlKind kind) override {
    if (Status s = usable(); !s.isOk()) return s;
    Result<uint64_t> number = nextNumber(partner, kind);
    if (!number) return fail(number.status());
    return number;
  }

  Result<std::optional<std::string>> findDuplicate(const std::string& key,
                                                   int64_t windowMs) override {
    if (Status s = usable(); !s.isOk()) return s;
    Result<Statement> select = spool_.database().prepare(
        "SELECT item_id FROM duplicate_keys WHERE key = ?1 AND seen_at_ms >= ?2");
    if (!select) return fail(select.status());
    Result<bool> row = select->bind(1, key).bind(2, spool_.now() - windowMs).step();
    if (!row) return fail(row.status());
    if (!*row) return std::optional<std::string>();
    return std::optional<std::string>(select->columnText(0));
  }

  Result<bool> alreadyDelivered(const std::string& idempotencyKey) override {
    if (Status s = usable(); !s.isOk()) return s;
    Result<Statement> select = spool_.database().prepare(
        "SELECT 1 FROM deliveries WHERE idempotency_key = ?1 AND state = 'done'");
    if (!select) return fail(select.status());
    Result<bool> row = select->bind(1, idempotencyKey).step();
    if (!row) return fail(row.status());
    return *row;
  }

  Status record(ProcessingOutcome outcome) override {
    if (Status s = usable(); !s.isOk()) return s;
    if (outcome.state != ItemState::kDelivering && outcome.state != ItemState::kHeld &&
        outcome.state != ItemState::kRejected) {
      // A caller's bug: nothing was written, the batch stays usable.
      return Status::invalidArgument(
          "a processing outcome must be delivering, held or rejected, "
          "not " +
          std::string(itemStateName(outcome.state)));
    }
    for (const DeliveryRequest& delivery : outcome.deliveries) {
      if (delivery.idempotencyKey.empty() || delivery.target.empty()) {
        return Status::invalidArgument("a delivery of item '" + outcome.itemId +
                                       "' has no target or no idempotency key");
      }
    }
    if (Status s = write(outcome); !s.isOk()) return fail(std::move(s));
    return Status::ok();
  }

  Status commit() override {
    if (Status s = usable(); !s.isOk()) return s;
    if (Status s = transaction_.commit(); !s.isOk()) return fail(std::move(s));
    committed_ = true;
    return Status::ok();
  }

 private:
  Status usable() {
    if (Status s = spool_.running(); !s.isOk()) return s;
    if (committed_) return Status::internal("the processing batch was already committed");
    return failed_;
  }

  // After a failed write the transaction holds part of an outcome: the
  // batch refuses everything, commit included, and rolls back when destroyed.
  Status fail(Status status) {
    if (failed_.isOk()) failed_ = status;
    return spool_.guard(std::move(status));
  }

  Result<uint64_t> nextNumber(std::string_view partner, parsers::ack::ControlKind kind) {
    Database& db = spool_.database();
    Result<Statement> select =
        db.prepare("SELECT value FROM control_numbers WHERE partner = ?1 AND kind = ?2");
    if (!select) return select.status();
    Result<bool> row = select->bind(1, partner).bind(2, controlKindName(kind)).step();
    if (!row) return row.status();
    uint64_t value = *row ? static_cast<uint64_t>(select->columnInt(0)) + 1 : 1;
    select->reset();
    if (value == 0 || value > kMaxControlNumber) value = 1;
    Result<Statement> upsert = db.prepare(
        "INSERT INTO control_numbers (partner, kind, value) VALUES (?1, ?2, ?3) "
        "ON CONFLICT (partner, kind) DO UPDATE SET value = excluded.value");
    if (!upsert) return upsert.status();
    if (Status s = upsert->bind(1, partner)
                       .bind(2, controlKindName(kind))
                       .bind(3, static_cast<int64_t>(value))
                       .run();
        !s.isOk()) {
      return s;
    }
    return value;
  }

  Status write(const ProcessingOutcome& outcome) {
    Database& db = spool_.database();
    int64_t nowMs = spool_.now();
    Result<Statement> exists = db.prepare("SELECT 1 FROM items WHERE id = ?1");
    if (!exists) return exists.status();
    Result<bool> found = exists->bind(1, outcome.itemId).step();
    if (!found) return found.status();
    if (!*found) return Status::notFound("no item '" + outcome.itemId + "' in the spool");
    exists->reset();

    // A rejected item with deliveries (its ack) waits in `delivering` and
    // becomes `rejected` when they are done (settleItem).
    std::string_view state = outcome.state == ItemState::kHeld ? "held" : "delivering";
    std::string_view finalState = outcome.state == ItemState::kRejected ? "rejected" : "done";
    Result<Statement> update = db.prepare(
        "UPDATE items SET state = ?2, hold_reason = ?3, partner = ?4, final_state = ?5, "
        "updated_at_ms = ?6 WHERE id = ?1");
    if (!update) return update.status();
    if (Status s = update->bind(1, outcome.itemId)
                       .bind(2, state)
                       .bind(3, outcome.state == ItemState::kHeld ? outcome.holdReason : "")
                       .bind(4, outcome.partner)
                       .bind(5, finalState)
                       .bind(6, nowMs)
                       .run();
        !s.isOk()) {
      return s;
    }

    // One delivery per idempotency key, whatever the replays.
    Result<Statement> insert = db.prepare(
        "INSERT INTO deliveries (item_id, target, idempotency_key, kind, content_type, payload, "
        "attributes, state, attempts, first_attempt_ms, due_at_ms, last_error) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'pending', 0, 0, ?8, '') "
        "ON CONFLICT (idempotency_key) DO NOTHING");
    if (!insert) return insert.status();
    for (const DeliveryRequest& delivery : outcome.deliveries) {
      insert->reset();
      if (Status s = insert->bind(1, outcome.itemId)
                         .bind(2, delivery.target)
                         .bind(3, delivery.idempotencyKey)
                         .bind(4, delivery.kind)
                         .bind(5, delivery.contentType)
                         .bindBlob(6, delivery.payload)
                         .bind(7, delivery.attributesJson.empty()
                                      ? std::string_view("{}")
                                      : std::string_view(delivery.attributesJson))
                         .bind(8, nowMs)
                         .run();
          !s.isOk()) {
        return s;
      }
    }

    Result<Statement> key = db.prepare(
        "INSERT INTO duplicate_keys (key, item_id, seen_at_ms) VALUES (?1, ?2, ?3) "
        "ON CONFLICT (key) DO UPDATE SET item_id = excluded.item_id, "
        "seen_at_ms = excluded.seen_at_ms");
    if (!key) return key.status();
    for (const std::string& duplicateKey : outcome.duplicateKeys) {
      key->reset();
      if (Status s = key->bind(1, duplicateKey).bind(2, outcome.itemId).bind(3, nowMs).run();
          !s.isOk()) {
        return s;
      }
    }

    for (const ProvenanceEntry& entry : outcome.provenance) {
      if (Status s = spool_.appendProvenance(outcome.itemId, nowMs, entry.event, entry.detailJson);
          !s.isOk()) {
        return s;
      }
    }
    return spool_.settleItem(outcome.itemId, nowMs);
  }

  SqliteSpool& spool_;
  Transaction transaction_;
  bool committed_ = false;
  Status failed_;
};

}  // namespace

Result<std::unique_ptr<ProcessingBatch>> SqliteSpool::beginProcessing() {
  if (Status s = running(); !s.isOk()) return s;
  Result<Transaction> transaction = Transaction::begin(*db_);
  if (!transaction) return guard(transaction.status());
  return std::unique_ptr<ProcessingBatch>(
      new SqliteProcessingBatch(*this, std::move(transaction).value()));
}

Result<std::vector<Delivery>> SqliteSpool::dueDeliveries(size_t limit) {
  if (Status s = running(); !s.isOk()) return s;
  Result<Statement> select = db_->prepare(
      "SELECT id, item_id, target, idempotency_key, kind, content_type, payload, attributes, "
      "attempts, first_attempt_ms FROM deliveries WHERE state = 'pending' AND due_at_ms <= ?1 "
      "ORDER BY due_at_ms, id LIMIT ?2");
  if (!select) return guard(select.status());
  select->bind(1, now()).bind(2, static_cast<int64_t>(limit));
  std::vector<Delivery> deliveries;
  while (true) {
    Result<bool> row = select->step();
    if (!row) return guard(row.status());
    if (!*row) break;
    Delivery delivery;
    delivery.id = select->columnInt(0);
    delivery.itemId = select->columnText(1);
    delivery.request.target = select->columnText(2);
    delivery.request.idempotencyKey = select->columnText(3);
    delivery.request.kind = select->columnText(4);
    delivery.request.contentType = select->columnText(5);
    delivery.request.payload = select->columnBlob(6);
    delivery.request.attributesJson = select->columnText(7);
    delivery.attempts = static_cast<uint32_t>(select->columnInt(8));
    delivery.firstAttemptMs = select->columnInt(9);
    deliveries.push_back(std::move(delivery));
  }
  return deliveries;
}

Result<std::optional<int64_t>> SqliteSpool::nextDueInMs() {
  if (Status s = running(); !s.isOk()) return s;
  Result<Statement> select =
      db_->prepare("SELECT MIN(due_at_ms) FROM deliveries WHERE state = 'pending'");
  if (!select) return guard(select.status());
  Result<bool> row = select->step();
  if (!row) return guard(row.status());
  if (!*row || select->columnIsNull(0)) return std::optional<int64_t>();
  return std::optional<int64_t>(std::max<int64_t>(0, select->columnInt(0) - now()));
}

int64_t SqliteSpool::retryDelayMs(uint32_t attempts) {
  // retryInitialMs * 2^(attempts-1), capped, then +-20% jitter so that
  // deliveries failed together do not retry together.
  double delay = static_cast<double>(std::max<int64_t>(1, options_.retryInitialMs));
  double cap = static_cast<double>(std::max<int64_t>(1, options_.retryMaxMs));
  for (uint32_t i = 1; i < attempts && delay < cap; ++i) delay *= 2;
  delay = std::min(delay, cap);
  std::uniform_real_distribution<double> jitter(0.8, 1.2);
  return std::max<int64_t>(1, std::llround(delay * jitter(jitter_)));
}

Status SqliteSpool::recordDeliveries(const std::vector<DeliveryResult>& results) {
  if (Status s = running(); !s.isOk()) return s;
  return guard(doRecordDeliveries(results));
}

Status SqliteSpool::doRecordDeliveries(const std::vector<DeliveryResult>& results) {
  int64_t nowMs = now();
  return transact([&]() -> Status {
    Result<Statement> select = db_->prepare(
        "SELECT item_id, target, idempotency_key, state, attempts, first_attempt_ms "
        "FROM deliveries WHERE id = ?1");
    Result<Statement> update = db_->prepare(
        "UPDATE deliveries SET state = ?2, attempts = ?3, first_attempt_ms = ?4, due_at_ms = ?5, "
        "last_error = ?6 WHERE id = ?1");
    if (!select) return select.status();
    if (!update) return update.status();
    std::vector<std::string> touched;
    for (const DeliveryResult& result : results) {
      select->reset();
      Result<bool> row = select->bind(1, result.deliveryId).step();
      if (!row) return row.status();
      if (!*row || select->columnText(3) != "pending") {
        // Already recorded (a result reported twice) or purged: nothing to do.
        continue;
      }
      std::string itemId = select->columnText(0);
      std::string target = select->columnText(1);
      std::string key = select->columnText(2);
      uint32_t attempts = static_cast<uint32_t>(select->columnInt(4)) + 1;
      int64_t firstAttemptMs = select->columnInt(5) != 0 ? select->columnInt(5) : nowMs;
      select->reset();

      std::string state = "pending";
      std::string lastError;
      std::string deadReason;
      int64_t dueAtMs = nowMs;
      switch (result.outcome) {
        case DeliveryOutcome::kDone:
          state = "done";
          break;
        case DeliveryOutcome::kReject:
          lastError = result.detail;
          deadReason = "rejected by the target: " + result.detail;
          break;
        case DeliveryOutcome::kRetry:
          lastError = result.detail;
          if (attempts >= options_.maxAttempts) {
            deadReason =
                "gave up after " + std::to_string(attempts) + " attempts: " + result.detail;
          } else if (nowMs - firstAttemptMs >= options_.deadAfterMs) {
            deadReason = "gave up after " + std::to_string((nowMs - firstAttemptMs) / 1000) +
                         " s since the first attempt: " + result.detail;
          } else {
            dueAtMs = nowMs + retryDelayMs(attempts);
          }
          break;
      }
      if (!deadReason.empty()) state = "dead";
      update->reset();
      if (Status s = update->bind(1, result.deliveryId)
                         .bind(2, state)
                         .bind(3, static_cast<int64_t>(attempts))
                         .bind(4, firstAttemptMs)
                         .bind(5, dueAtMs)
                         .bind(6, lastError)
                         .run();
          !s.isOk()) {
        return s;
      }
      nlohmann::json detail = {{"target", target},
                               {"key", key},
                               {"outcome", outcomeName(result.outcome)},
                               {"detail", result.detail},
                               {"attempt", attempts}};
      if (Status s = appendProvenance(itemId, nowMs, "delivery", toJsonText(detail)); !s.isOk()) {
        return s;
      }
      if (!deadReason.empty()) {
        if (Status s = appendProvenance(itemId, nowMs, "dead-letter",
                                        toJsonText({{"target", target}, {"reason", deadReason}}));
            !s.isOk()) {
          return s;
        }
        core::log(core::LogLevel::kWarning, "spool-dead-letter",
                  {{"item", itemId}, {"target", target}, {"reason", deadReason}});
      }
      if (std::find(touched.begin(), touched.end(), itemId) == touched.end()) {
        touched.push_back(itemId);
      }
    }
    for (const std::string& itemId : touched) {
      if (Status s = settleItem(itemId, nowMs); !s.isOk()) return s;
    }
    return Status::ok();
  });
}

}  // namespace bridge::spool
