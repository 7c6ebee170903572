// SqliteSpool: the Spool (spool.h) over payload files and a SQLite state
// database, and its ProcessingBatch. Internal to spool/: everyone else uses
// Spool::open.
//
// Every public call first checks that the spool has not stopped: after any
// kIoError (a failed write, fsync, rename or read) the spool refuses every
// further call with that error, so that nothing is retried or reported as a
// success after a failed fsync (D8). kResourceExhausted does not stop it:
// the call is refused and the same call succeeds once there is room (D7).
//
// Recovery moves payload files without a record to corrupt/, which would
// be wrong while another process is between writing its payloads and
// committing them. So only a process that opens the spool alone recovers:
// every open spool holds a shared lock on <directory>/lock, and recovery
// needs it exclusive (Linux open-file-description locks, which convert
// atomically; a lock is not an I/O step and does not go through the Disk).
//
// Thread-safety: not thread-safe (see spool.h). A ProcessingBatch holds the
// connection's transaction: while it is open, other calls on the spool run
// inside that transaction; it must be destroyed before the spool.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "spool/database.h"
#include "spool/spool.h"
#include "spool/sqlite_vfs.h"

namespace bridge::spool {

// JSON text for provenance details; invalid UTF-8 in file names is replaced,
// never thrown on.
std::string toJsonText(const nlohmann::json& value);

// The columns readItem expects, in order.
inline constexpr std::string_view kItemColumns =
    "id, source, original_name, size, sha256, state, released, received_at_ms";
StoredItem readItem(const Statement& statement);

class SqliteSpool final : public Spool {
 public:
  [[nodiscard]] static core::Result<std::unique_ptr<SqliteSpool>> open(Disk& disk,
                                                                       SpoolOptions options);
  ~SqliteSpool() override;

  core::Result<std::vector<IntakeResult>> ingest(std::vector<Arrival> arrivals) override;
  core::Status markSourceDone(const std::string& itemId, const std::string& how) override;
  core::Result<std::optional<IntakePause>> intakePause() override;
  core::Result<std::vector<StoredItem>> itemsToProcess(size_t limit) override;
  core::Result<std::string> readPayload(const StoredItem& item) override;
  core::Result<std::unique_ptr<ProcessingBatch>> beginProcessing() override;
  core::Result<std::vector<Delivery>> dueDeliveries(size_t limit) override;
  core::Result<std::optional<int64_t>> nextDueInMs() override;
  core::Status recordDeliveries(const std::vector<DeliveryResult>& results) override;
  core::Result<std::vector<StoredItem>> list(const ItemFilter& filter) override;
  core::Result<ItemDetail> show(const std::string& itemId) override;
  core::Result<std::vector<ProvenanceEntry>> trace(const std::string& itemId) override;
  core::Result<std::string> replay(const std::string& itemId) override;
  core::Result<std::string> release(const std::string& itemId) override;
  core::Result<std::string> retry(const std::string& itemId) override;
  core::Result<uint64_t> purge(int64_t olderThanMs) override;
  core::Status addProvenance(const std::string& itemId, const std::string& event,
                             const std::string& detailJson) override;

  // For the batch and the operations (all inside a transaction).
  int64_t now() const { return clock_(); }
  Database& database() { return *db_; }
  const SpoolOptions& options() const { return options_; }
  // The status of a call: a kIoError stops the spool.
  core::Status guard(core::Status status);
  template <typename T>
  core::Result<T> guard(core::Result<T> result) {
    if (!result) (void)guard(result.status());
    return result;
  }
  // Ok while the spool runs; the stopping error afterwards.
  core::Status running() const;
  core::Status appendProvenance(const std::string& itemId, int64_t timeMs, std::string_view event,
                                std::string_view detailJson);
  // Moves a delivering item to done, rejected or dead once its deliveries
  // say so; leaves every other state alone.
  core::Status settleItem(const std::string& itemId, int64_t nowMs);

 private:
  SqliteSpool(Disk& disk, SpoolOptions options);

  // Takes the spool's lock: true when no other process has the spool open
  // (the lock is then exclusive until downgradeLock()), false when one has.
  core::Result<bool> openLock();
  core::Status downgradeLock();
  core::Status recover();
  // Runs `body` in a transaction, or inside the open batch's one.
  core::Status transact(const std::function<core::Status()>& body);
  // Moves payloads/<fileName> to corrupt/ with a .reason file; returns the
  // name it got in corrupt/.
  core::Result<std::string> moveToCorrupt(const std::string& fileName, const std::string& reason);
  // Marks an item corrupt (its payload file moved to corrupt/ if present).
  core::Status markCorrupt(const std::string& itemId, const std::string& reason);
  core::Result<std::optional<StoredItem>> findItem(const std::string& itemId);
  core::Result<StoredItem> requireItem(const std::string& itemId);
  int64_t retryDelayMs(uint32_t attempts);

  core::Result<std::vector<IntakeResult>> doIngest(std::vector<Arrival> arrivals);
  core::Result<std::string> doReadPayload(const StoredItem& item);
  core::Status doRecordDeliveries(const std::vector<DeliveryResult>& results);
  core::Result<uint64_t> doPurge(int64_t olderThanMs);

  Disk& disk_;
  SpoolOptions options_;
  std::function<int64_t()> clock_;
  std::string payloadDirectory_;
  std::string corruptDirectory_;
  std::unique_ptr<SqliteVfs> vfs_;
  std::unique_ptr<Database> db_;  // after vfs_: closed before the VFS goes
  // <directory>/lock, held shared while the spool is open; see openLock().
  int lockFd_ = -1;
  std::optional<core::Status> stopped_;
  std::mt19937_64 jitter_;
};

}  // namespace bridge::spool
