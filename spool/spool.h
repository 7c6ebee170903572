// Spool: the durable store of every item the bridge has accepted, and of
// everything that happened to it.
//
// Payloads are immutable files under <dir>/payloads (payload_file.h: written
// to a temp name, fsynced, renamed, directory fsynced). State lives in
// <dir>/state.db, SQLite in WAL mode with synchronous=FULL, reached through
// the spool's VFS so that every step goes through the Disk (disk.h). Every
// state change is one SQLite transaction. docs/spool-format.md documents the
// layout and the tables.
//
// The life of an item:
//   received --(process)--> delivering --(all deliveries done)--> done
//                      \--> held      (duplicate interchange, unreadable input; `release`)
//                      \--> rejected  (every transaction rejected; the ack is still delivered)
//   delivering --(a delivery dead-lettered)--> dead  (`retry`)
//   any state with a payload that fails its checksum --> corrupt
// A rejected item with an ack to deliver stays `delivering` until the ack is
// delivered, then becomes `rejected`.
//
// Recovery (Spool::open): temp files and payload files without a record are
// moved to <dir>/corrupt/ with a reason file beside them; a record whose
// payload is missing or torn becomes `corrupt`; items in `received` and
// pending deliveries simply resume. Nothing acknowledged is lost: an item is
// acknowledged (its source removed) only after its commit.
//
// Thread-safety: not thread-safe; one Spool per process, used by one thread.
// Several processes may open the same spool (the daemon and the operations
// CLI): SQLite serialises their transactions.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "bridge/core/status.h"
#include "parsers/ack/ack_options.h"
#include "spool/disk.h"

namespace bridge::spool {

enum class ItemState { kReceived, kDelivering, kDone, kHeld, kRejected, kDead, kCorrupt };
std::string_view itemStateName(ItemState state);  // "received", "delivering", ...
std::optional<ItemState> itemStateFromName(std::string_view name);

enum class DeliveryState { kPending, kDone, kDead };
std::string_view deliveryStateName(DeliveryState state);

struct SpoolOptions {
  std::string directory;                     // created if missing
  uint64_t maxActiveItems = 10000;           // items received or delivering: intake pauses above
  uint64_t maxActiveBytes = 1ull << 30;      // their payload bytes: intake pauses above
  uint64_t minFreeBytes = 64ull << 20;       // free disk floor: intake pauses below
  uint64_t maxItemBytes = 256ull << 20;      // larger payloads are refused
  uint32_t maxAttempts = 10;                 // a delivery is dead-lettered after this many
  int64_t retryInitialMs = 1000;             // first retry delay, doubled per attempt
  int64_t retryMaxMs = 300000;               // cap of the retry delay
  int64_t deadAfterMs = 24ll * 3600 * 1000;  // or after this long since the first attempt
  // Milliseconds since the epoch; replaceable for tests.
  std::function<int64_t()> clock;
  // False for the operations CLI: a running daemon owns recovery, and a
  // payload it is writing must not be taken for an orphan.
  bool recover = true;
};

// A file a source has claimed, with its bytes.
struct Arrival {
  std::string source;        // configured source name
  std::string originalName;  // the file name as received (display only, never a path)
  std::string content;
};

struct IntakeResult {
  std::string itemId;
  // True when this arrival is a file already stored whose source removal was
  // cut short (a crash after the commit): no new item, just finish the
  // removal.
  bool alreadyStored = false;
};

struct StoredItem {
  std::string id;
  std::string source;
  std::string originalName;
  uint64_t size = 0;
  std::string sha256;  // hex
  ItemState state = ItemState::kReceived;
  bool released = false;  // `release` was run: skip the duplicate check
  int64_t receivedAtMs = 0;
};

// One effect to be delivered to a target. The idempotency key is derived
// from business identity (partner ids, control numbers, target) and is the
// same on every replay: the spool keeps one delivery per key.
struct DeliveryRequest {
  std::string target;
  std::string idempotencyKey;
  std::string kind;  // "transaction", "ack"
  std::string contentType;
  std::string payload;
  // Attributes for naming templates and event subjects (partner, standard,
  // set, version, control, ...), as JSON object text.
  std::string attributesJson;
};

struct Delivery {
  int64_t id = 0;
  std::string itemId;
  DeliveryRequest request;
  uint32_t attempts = 0;
  int64_t firstAttemptMs = 0;
};

enum class DeliveryOutcome { kDone, kRetry, kReject };

struct DeliveryResult {
  int64_t deliveryId = 0;
  DeliveryOutcome outcome = DeliveryOutcome::kDone;
  std::string detail;  // why a retry or a reject; the effect's name when done
};

// A provenance entry: what happened to an item, in order.
struct ProvenanceEntry {
  int64_t sequence = 0;
  int64_t timeMs = 0;
  std::string event;       // arrival, split, finding, duplicate, ack, delivery-attempt, ...
  std::string detailJson;  // JSON object text
};

// The result of processing one item, committed as a whole.
struct ProcessingOutcome {
  std::string itemId;
  ItemState state = ItemState::kDelivering;  // kDelivering, kHeld or kRejected
  std::string holdReason;                    // kHeld only
  std::vector<DeliveryRequest> deliveries;
  std::vector<std::string> duplicateKeys;   // interchange keys to remember (E1)
  std::string partner;                      // for `ls --partner`; may be empty
  std::vector<ProvenanceEntry> provenance;  // sequence and time are set by the spool
};

// One SQLite transaction over a batch of processing: control numbers and
// duplicate checks read and write inside it, and commit() makes every outcome
// durable at once. Destroying an uncommitted batch rolls it back.
class ProcessingBatch : public parsers::ack::ControlNumberSource {
 public:
  ~ProcessingBatch() override = default;
  // The item id that already holds `key` within `windowMs`, if any.
  virtual core::Result<std::optional<std::string>> findDuplicate(const std::string& key,
                                                                 int64_t windowMs) = 0;
  // The id of a delivery already done for this idempotency key, if any.
  virtual core::Result<bool> alreadyDelivered(const std::string& idempotencyKey) = 0;
  virtual core::Status record(ProcessingOutcome outcome) = 0;
  virtual core::Status commit() = 0;
};

struct ItemFilter {
  std::optional<ItemState> state;
  std::string partner;
  int64_t sinceMs = 0;
  size_t limit = 1000;
};

struct ItemDetail {
  StoredItem item;
  std::string partner;
  std::string holdReason;
  std::vector<Delivery> deliveries;
  std::vector<DeliveryState> deliveryStates;  // parallel to deliveries
  std::vector<std::string> deliveryErrors;    // parallel: last error, empty if none
};

// Why intake is paused right now, or nullopt.
struct IntakePause {
  std::string reason;  // "active items 10000 >= 10000", "free disk 60 MiB < 64 MiB floor"
};

class Spool {
 public:
  virtual ~Spool() = default;

  // Opens (creating if needed) the spool at options.directory and recovers.
  // REQUIRES: disk outlives the spool.
  static core::Result<std::unique_ptr<Spool>> open(Disk& disk, SpoolOptions options);

  // Stores each arrival durably (payload file fsynced, one directory fsync,
  // one transaction for the batch), with an arrival provenance entry
  // (source, name, size, sha256). Only after this returns ok may the sources
  // remove their files (D5).
  virtual core::Result<std::vector<IntakeResult>> ingest(std::vector<Arrival> arrivals) = 0;
  // Records that the source file of `itemId` was removed or archived.
  virtual core::Status markSourceDone(const std::string& itemId, const std::string& how) = 0;
  virtual core::Result<std::optional<IntakePause>> intakePause() = 0;

  virtual core::Result<std::vector<StoredItem>> itemsToProcess(size_t limit) = 0;
  // The payload, checksum verified. A torn payload marks the item corrupt,
  // moves the file to corrupt/ and returns kCorruption.
  virtual core::Result<std::string> readPayload(const StoredItem& item) = 0;
  virtual core::Result<std::unique_ptr<ProcessingBatch>> beginProcessing() = 0;

  // Pending deliveries due now, oldest first.
  virtual core::Result<std::vector<Delivery>> dueDeliveries(size_t limit) = 0;
  // Milliseconds until the next pending delivery is due; nullopt if none.
  virtual core::Result<std::optional<int64_t>> nextDueInMs() = 0;
  // One transaction: attempts counted, retries scheduled with backoff,
  // rejects and exhausted retries dead-lettered, items completed.
  virtual core::Status recordDeliveries(const std::vector<DeliveryResult>& results) = 0;

  // Operations (`edi-bridge spool ...`). Each is one transaction and
  // idempotent; the returned text says what was done ("released", "already
  // released") for the operator.
  virtual core::Result<std::vector<StoredItem>> list(const ItemFilter& filter) = 0;
  virtual core::Result<ItemDetail> show(const std::string& itemId) = 0;
  virtual core::Result<std::vector<ProvenanceEntry>> trace(const std::string& itemId) = 0;
  virtual core::Result<std::string> replay(const std::string& itemId) = 0;
  virtual core::Result<std::string> release(const std::string& itemId) = 0;
  virtual core::Result<std::string> retry(const std::string& itemId) = 0;
  // Removes finished items (done, rejected, dead, held, corrupt) received
  // before `olderThanMs` ago, payloads included; returns how many.
  virtual core::Result<uint64_t> purge(int64_t olderThanMs) = 0;
  // Appends a provenance entry outside a batch (source removal, alerts).
  virtual core::Status addProvenance(const std::string& itemId, const std::string& event,
                                     const std::string& detailJson) = 0;
};

}  // namespace bridge::spool
