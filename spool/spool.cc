#include "spool/spool.h"
#include "bridge/core/clock.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <map>
#include <set>
#include <utility>

#include "bridge/core/log.h"
#include "spool/item_id.h"
#include "spool/payload_file.h"
#include "spool/schema.h"
#include "spool/sqlite_spool.h"

namespace bridge::spool {

namespace {

using core::LogLevel;
using core::Result;
using core::Status;

constexpr std::string_view kStateDatabase = "state.db";

std::string formatBytes(uint64_t bytes) {
  static constexpr const char* kUnits[] = {"bytes", "KiB", "MiB", "GiB", "TiB"};
  size_t unit = 0;
  uint64_t value = bytes;
  // Whole units, switching up only past 10 of the next one: "9000 bytes",
  // "64 MiB".
  while (value >= 1024 * 10 && unit + 1 < std::size(kUnits)) {
    value /= 1024;
    ++unit;
  }
  std::string text = std::to_string(value);
  text.push_back(' ');
  text.append(kUnits[unit]);
  return text;
}

Status notFoundItem(const std::string& itemId) {
  std::string message = "no item '";
  message.append(itemId);
  message.append("' in the spool");
  return Status::notFound(std::move(message));
}

std::string join(std::string_view a, std::string_view b) {
  std::string path(a);
  path.push_back('/');
  path.append(b);
  return path;
}

}  // namespace

std::string_view itemStateName(ItemState state) {
  switch (state) {
    case ItemState::kReceived:
      return "received";
    case ItemState::kDelivering:
      return "delivering";
    case ItemState::kDone:
      return "done";
    case ItemState::kHeld:
      return "held";
    case ItemState::kRejected:
      return "rejected";
    case ItemState::kDead:
      return "dead";
    case ItemState::kCorrupt:
      return "corrupt";
  }
  return "unknown";
}

std::optional<ItemState> itemStateFromName(std::string_view name) {
  for (ItemState state :
       {ItemState::kReceived, ItemState::kDelivering, ItemState::kDone, ItemState::kHeld,
        ItemState::kRejected, ItemState::kDead, ItemState::kCorrupt}) {
    if (itemStateName(state) == name) return state;
  }
  return std::nullopt;
}

std::string_view deliveryStateName(DeliveryState state) {
  switch (state) {
    case DeliveryState::kPending:
      return "pending";
    case DeliveryState::kDone:
      return "done";
    case DeliveryState::kDead:
      return "dead";
  }
  return "unknown";
}

std::string toJsonText(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

StoredItem readItem(const Statement& statement) {
  StoredItem item;
  item.id = statement.columnText(0);
  item.source = statement.columnText(1);
  item.originalName = statement.columnText(2);
  item.size = static_cast<uint64_t>(statement.columnInt(3));
  item.sha256 = statement.columnText(4);
  // An unknown state name can only come from a newer schema, which open()
  // refuses; corrupt is the safe reading (never processed).
  item.state = itemStateFromName(statement.columnText(5)).value_or(ItemState::kCorrupt);
  item.released = statement.columnInt(6) != 0;
  item.receivedAtMs = statement.columnInt(7);
  return item;
}

Result<std::unique_ptr<Spool>> Spool::open(Disk& disk, SpoolOptions options) {
  Result<std::unique_ptr<SqliteSpool>> spool = SqliteSpool::open(disk, std::move(options));
  if (!spool) return spool.status();
  return std::unique_ptr<Spool>(std::move(spool).value());
}

SqliteSpool::SqliteSpool(Disk& disk, SpoolOptions options)
    : disk_(disk), options_(std::move(options)), jitter_(randomBits()) {
  clock_ = options_.clock ? options_.clock : core::systemClockMs;
  payloadDirectory_ = join(options_.directory, "payloads");
  corruptDirectory_ = join(options_.directory, "corrupt");
}

SqliteSpool::~SqliteSpool() {
  db_.reset();
  vfs_.reset();
  if (lockFd_ >= 0) ::close(lockFd_);
}

Result<bool> SqliteSpool::openLock() {
  std::string path = join(options_.directory, "lock");
  do {
    lockFd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0640);
  } while (lockFd_ < 0 && errno == EINTR);
  if (lockFd_ < 0) {
    return Status::ioError("cannot open the spool lock '" + path + "': " + std::strerror(errno));
  }
  struct flock lock {};
  lock.l_type = F_WRLCK;
  lock.l_whence = SEEK_SET;
  if (::fcntl(lockFd_, F_OFD_SETLK, &lock) == 0) return true;
  if (errno != EAGAIN && errno != EACCES && errno != EINTR) {
    return Status::ioError("cannot lock the spool lock '" + path + "': " + std::strerror(errno));
  }
  // Another process has the spool open (or is recovering it: wait for that).
  lock.l_type = F_RDLCK;
  int rc;
  do {
    rc = ::fcntl(lockFd_, F_OFD_SETLKW, &lock);
  } while (rc < 0 && errno == EINTR);
  if (rc < 0) {
    return Status::ioError("cannot lock the spool lock '" + path + "': " + std::strerror(errno));
  }
  return false;
}

Status SqliteSpool::downgradeLock() {
  struct flock lock {};
  lock.l_type = F_RDLCK;
  lock.l_whence = SEEK_SET;
  if (::fcntl(lockFd_, F_OFD_SETLK, &lock) < 0) {
    return Status::ioError("cannot downgrade the spool lock in '" + options_.directory +
                           "': " + std::strerror(errno));
  }
  return Status::ok();
}

Result<std::unique_ptr<SqliteSpool>> SqliteSpool::open(Disk& disk, SpoolOptions options) {
  if (options.directory.empty()) {
    return Status::invalidArgument("the spool needs a directory (spool.directory)");
  }
  std::unique_ptr<SqliteSpool> spool(new SqliteSpool(disk, std::move(options)));
  const std::string& directory = spool->options_.directory;
  for (const std::string& path : {directory, spool->payloadDirectory_, spool->corruptDirectory_}) {
    if (Status s = disk.makeDirectories(path); !s.isOk()) return s;
  }
  // New directories are durable only once their parent is fsynced.
  if (Status s = disk.syncDirectory(directory); !s.isOk()) return s;
  Result<bool> alone = spool->openLock();
  if (!alone) return alone.status();

  Result<std::unique_ptr<SqliteVfs>> vfs = SqliteVfs::create(disk);
  if (!vfs) return vfs.status();
  spool->vfs_ = std::move(vfs).value();
  std::string databasePath = join(directory, kStateDatabase);
  Result<std::unique_ptr<Database>> db = Database::open(databasePath, *spool->vfs_);
  if (!db) return db.status();
  spool->db_ = std::move(db).value();
  if (Status s = prepareSchema(*spool->db_, databasePath); !s.isOk()) return s;
  if (*alone) {
    if (Status s = spool->recover(); !s.isOk()) return s;
    if (Status s = spool->downgradeLock(); !s.isOk()) return s;
  } else {
    core::log(LogLevel::kInfo, "spool-recovery-skipped",
              {{"directory", directory}, {"why", "another process has the spool open"}});
  }
  return spool;
}

Status SqliteSpool::guard(Status status) {
  if (status.code() == core::StatusCode::kIoError && !stopped_) {
    std::string message = "the spool stopped after an I/O error: ";
    message.append(status.message());
    stopped_ = Status::ioError(std::move(message));
    core::log(LogLevel::kError, "spool-stopped",
              {{"directory", options_.directory}, {"error", status.message()}});
  }
  return status;
}

Status SqliteSpool::running() const {
  if (stopped_) return *stopped_;
  return Status::ok();
}

Status SqliteSpool::transact(const std::function<Status()>& body) {
  if (db_->inTransaction()) return body();
  Result<Transaction> transaction = Transaction::begin(*db_);
  if (!transaction) return transaction.status();
  if (Status s = body(); !s.isOk()) return s;
  return transaction->commit();
}

Status SqliteSpool::appendProvenance(const std::string& itemId, int64_t timeMs,
                                     std::string_view event, std::string_view detailJson) {
  Result<Statement> insert = db_->prepare(
      "INSERT INTO provenance (item_id, seq, time_ms, event, detail) "
      "SELECT ?1, COALESCE(MAX(seq), 0) + 1, ?2, ?3, ?4 FROM provenance WHERE item_id = ?1");
  if (!insert) return insert.status();
  return insert->bind(1, itemId)
      .bind(2, timeMs)
      .bind(3, event)
      .bind(4, detailJson.empty() ? std::string_view("{}") : detailJson)
      .run();
}

Status SqliteSpool::settleItem(const std::string& itemId, int64_t nowMs) {
  Result<Statement> item =
      db_->prepare("SELECT state, final_state FROM items WHERE id = ?1 AND state = 'delivering'");
  if (!item) return item.status();
  Result<bool> row = item->bind(1, itemId).step();
  if (!row) return row.status();
  if (!*row) return Status::ok();
  std::string finalState = item->columnText(1);
  item->reset();
  Result<Statement> counts = db_->prepare(
      "SELECT COALESCE(SUM(state = 'pending'), 0), COALESCE(SUM(state = 'dead'), 0) "
      "FROM deliveries WHERE item_id = ?1");
  if (!counts) return counts.status();
  Result<bool> countRow = counts->bind(1, itemId).step();
  if (!countRow) return countRow.status();
  int64_t pending = counts->columnInt(0);
  int64_t dead = counts->columnInt(1);
  counts->reset();
  std::string next;
  if (dead > 0) {
    next = "dead";
  } else if (pending == 0) {
    next = finalState;
  } else {
    return Status::ok();
  }
  Result<Statement> update =
      db_->prepare("UPDATE items SET state = ?2, updated_at_ms = ?3 WHERE id = ?1");
  if (!update) return update.status();
  return update->bind(1, itemId).bind(2, next).bind(3, nowMs).run();
}

Result<std::optional<StoredItem>> SqliteSpool::findItem(const std::string& itemId) {
  std::string sql = "SELECT ";
  sql.append(kItemColumns);
  sql.append(" FROM items WHERE id = ?1");
  Result<Statement> select = db_->prepare(sql);
  if (!select) return select.status();
  Result<bool> row = select->bind(1, itemId).step();
  if (!row) return row.status();
  if (!*row) return std::optional<StoredItem>();
  return std::optional<StoredItem>(readItem(*select));
}

Result<StoredItem> SqliteSpool::requireItem(const std::string& itemId) {
  Result<std::optional<StoredItem>> item = findItem(itemId);
  if (!item) return item.status();
  if (!item->has_value()) return notFoundItem(itemId);
  return std::move(**item);
}

// ---- corrupt files -------------------------------------------------------

Result<std::string> SqliteSpool::moveToCorrupt(const std::string& fileName,
                                               const std::string& reason) {
  std::string base = fileName;
  while (!base.empty() && base.front() == '.') base.erase(0, 1);
  if (base.empty()) base = "unnamed";
  // Never overwrite an earlier corrupt file of the same name.
  std::string target = base;
  for (int n = 1;; ++n) {
    Result<FileInfo> existing = disk_.stat(join(corruptDirectory_, target));
    if (!existing) {
      if (existing.status().code() != core::StatusCode::kNotFound) return existing.status();
      break;
    }
    target = base;
    target.push_back('.');
    target.append(std::to_string(n));
  }
  std::string from = join(payloadDirectory_, fileName);
  std::string to = join(corruptDirectory_, target);
  if (Status s = disk_.rename(from, to); !s.isOk()) return s;

  std::string text = "reason: ";
  text.append(reason);
  text.append("\nfile: payloads/");
  text.append(fileName);
  text.append("\nmoved_at_ms: ");
  text.append(std::to_string(now()));
  text.push_back('\n');
  std::string reasonName = target;
  reasonName.append(".reason");
  std::string reasonTemp = ".";
  reasonTemp.append(reasonName);
  reasonTemp.append(".tmp");
  (void)disk_.remove(join(corruptDirectory_, reasonTemp));
  if (Status s = publishFile(disk_, join(corruptDirectory_, reasonTemp),
                             join(corruptDirectory_, reasonName), text);
      !s.isOk()) {
    return s;
  }
  if (Status s = disk_.syncDirectory(payloadDirectory_); !s.isOk()) return s;
  std::string movedTo = "corrupt/";
  movedTo.append(target);
  core::log(LogLevel::kError, "spool-file-corrupt",
            {{"file", "payloads/" + fileName}, {"moved_to", movedTo}, {"reason", reason}});
  return target;
}

Status SqliteSpool::markCorrupt(const std::string& itemId, const std::string& reason) {
  std::string movedTo;
  Result<FileInfo> info = disk_.stat(join(payloadDirectory_, itemId));
  if (info) {
    Result<std::string> moved = moveToCorrupt(itemId, reason);
    if (!moved) return moved.status();
    movedTo = "corrupt/" + *moved;
  } else if (info.status().code() != core::StatusCode::kNotFound) {
    return info.status();
  }
  int64_t nowMs = now();
  Status status = transact([&]() -> Status {
    Result<Statement> update =
        db_->prepare("UPDATE items SET state = 'corrupt', updated_at_ms = ?2 WHERE id = ?1");
    if (!update) return update.status();
    if (Status s = update->bind(1, itemId).bind(2, nowMs).run(); !s.isOk()) return s;
    nlohmann::json detail = {{"reason", reason}};
    if (!movedTo.empty()) detail["file"] = movedTo;
    return appendProvenance(itemId, nowMs, "corrupt", toJsonText(detail));
  });
  if (!status.isOk()) return status;
  core::log(LogLevel::kError, "spool-item-corrupt",
            {{"item", itemId}, {"reason", reason}, {"file", movedTo}});
  return Status::ok();
}

// ---- recovery ------------------------------------------------------------

Status SqliteSpool::recover() {
  Result<std::vector<std::string>> names = disk_.list(payloadDirectory_);
  if (!names) return names.status();
  std::set<std::string> files(names->begin(), names->end());

  struct Known {
    ItemState state;
    uint64_t size;
    std::string sha256;
  };
  std::map<std::string, Known> items;
  {
    Result<Statement> select = db_->prepare("SELECT id, state, size, sha256 FROM items");
    if (!select) return select.status();
    while (true) {
      Result<bool> row = select->step();
      if (!row) return row.status();
      if (!*row) break;
      items[select->columnText(0)] =
          Known{itemStateFromName(select->columnText(1)).value_or(ItemState::kCorrupt),
                static_cast<uint64_t>(select->columnInt(2)), select->columnText(3)};
    }
  }

  uint64_t temps = 0;
  uint64_t orphans = 0;
  uint64_t corruptItems = 0;
  for (const std::string& name : files) {
    std::string reason;
    if (name.size() > 5 && name.front() == '.' && name.ends_with(".tmp")) {
      reason = "incomplete write left by an interrupted process";
      ++temps;
    } else if (auto found = items.find(name); found == items.end()) {
      reason = "no spool record (written before a crash, never committed)";
      ++orphans;
    } else if (found->second.state == ItemState::kCorrupt) {
      // The item was marked corrupt but its file was not moved yet.
      reason = "payload of an item marked corrupt";
    } else {
      continue;
    }
    Result<std::string> moved = moveToCorrupt(name, reason);
    if (!moved) return moved.status();
  }

  for (const auto& [id, known] : items) {
    if (known.state == ItemState::kCorrupt) continue;
    std::string reason;
    if (!files.contains(id)) {
      reason = "payload file missing";
    } else if (known.state == ItemState::kReceived || known.state == ItemState::kHeld ||
               known.state == ItemState::kDelivering) {
      // Items that may still be processed are read and checked in full;
      // finished ones only by size, so that a large history opens quickly
      // (readPayload verifies them in full if they are ever replayed).
      Result<std::string> payload = readPayloadFile(
          disk_, options_.directory, id, std::max<uint64_t>(options_.maxItemBytes, known.size));
      if (!payload) {
        if (payload.status().code() != core::StatusCode::kCorruption) return payload.status();
        reason = payload.status().message();
      } else if (payload->size() != known.size || sha256Hex(*payload) != known.sha256) {
        reason = "payload " + id + ": content does not match the spool record";
      }
    } else {
      Result<FileInfo> info = disk_.stat(join(payloadDirectory_, id));
      if (!info) return info.status();
      if (info->size != known.size + kPayloadOverheadBytes) {
        reason = "payload " + id + ": file size " + std::to_string(info->size) +
                 " does not match the recorded payload size " + std::to_string(known.size);
      }
    }
    if (reason.empty()) continue;
    if (Status s = markCorrupt(id, reason); !s.isOk()) return s;
    ++corruptItems;
  }

  uint64_t received = 0;
  uint64_t pending = 0;
  {
    Result<Statement> counts = db_->prepare(
        "SELECT (SELECT COUNT(*) FROM items WHERE state = 'received'), "
        "(SELECT COUNT(*) FROM deliveries WHERE state = 'pending')");
    if (!counts) return counts.status();
    Result<bool> row = counts->step();
    if (!row) return row.status();
    received = static_cast<uint64_t>(counts->columnInt(0));
    pending = static_cast<uint64_t>(counts->columnInt(1));
  }
  core::log(temps + orphans + corruptItems > 0 ? LogLevel::kWarning : LogLevel::kInfo,
            "spool-recovered",
            {{"directory", options_.directory},
             {"temp_files_moved", std::to_string(temps)},
             {"orphan_files_moved", std::to_string(orphans)},
             {"items_marked_corrupt", std::to_string(corruptItems)},
             {"items_to_process", std::to_string(received)},
             {"deliveries_pending", std::to_string(pending)}});
  if (std::optional<Status> failure = db_->ioFailure()) return *failure;
  return Status::ok();
}

// ---- intake --------------------------------------------------------------

Result<std::vector<IntakeResult>> SqliteSpool::ingest(std::vector<Arrival> arrivals) {
  if (Status s = running(); !s.isOk()) return s;
  return guard(doIngest(std::move(arrivals)));
}

Result<std::vector<IntakeResult>> SqliteSpool::doIngest(std::vector<Arrival> arrivals) {
  // Over-size arrivals refuse the whole call before anything is written:
  // sources check the size first (options.maxItemBytes) and never offer
  // such a file, so this is a caller's bug or a file that grew.
  for (const Arrival& arrival : arrivals) {
    if (arrival.content.size() > options_.maxItemBytes) {
      std::string message = "file '";
      message.append(arrival.originalName);
      message.append("' from source '");
      message.append(arrival.source);
      message.append("' is ");
      message.append(std::to_string(arrival.content.size()));
      message.append(" bytes, more than the spool's limit of ");
      message.append(std::to_string(options_.maxItemBytes));
      message.append(" bytes; nothing in this batch was stored");
      return Status::resourceExhausted(std::move(message));
    }
  }

  int64_t nowMs = now();
  std::vector<IntakeResult> results(arrivals.size());
  std::vector<std::string> hashes(arrivals.size());
  std::vector<size_t> fresh;  // indexes of arrivals that become new items
  Result<Statement> existing = db_->prepare(
      "SELECT id FROM items WHERE source = ?1 AND original_name = ?2 AND sha256 = ?3 "
      "AND source_done = 0 AND state <> 'corrupt' ORDER BY id LIMIT 1");
  if (!existing) return existing.status();
  for (size_t i = 0; i < arrivals.size(); ++i) {
    const Arrival& arrival = arrivals[i];
    hashes[i] = sha256Hex(arrival.content);
    existing->reset();
    Result<bool> row =
        existing->bind(1, arrival.source).bind(2, arrival.originalName).bind(3, hashes[i]).step();
    if (!row) return row.status();
    if (*row) {
      results[i] = IntakeResult{existing->columnText(0), true};
      continue;
    }
    bool same = false;
    for (size_t j : fresh) {
      if (arrivals[j].source == arrival.source &&
          arrivals[j].originalName == arrival.originalName && hashes[j] == hashes[i]) {
        results[i] = IntakeResult{results[j].itemId, true};
        same = true;
        break;
      }
    }
    if (same) continue;
    std::string id;
    do {
      id = newItemId(nowMs);
    } while (
        std::any_of(fresh.begin(), fresh.end(), [&](size_t j) { return results[j].itemId == id; }));
    results[i] = IntakeResult{id, false};
    fresh.push_back(i);
  }
  existing->reset();
  if (fresh.empty()) return results;

  // D1: every payload fsynced and renamed, then one directory fsync, then
  // the commit. A failure before the commit removes what this call wrote.
  std::vector<std::string> written;
  auto removeWritten = [&] {
    for (const std::string& id : written) (void)disk_.remove(payloadPath(options_.directory, id));
  };
  for (size_t i : fresh) {
    if (Status s =
            stagePayloadFile(disk_, options_.directory, results[i].itemId, arrivals[i].content);
        !s.isOk()) {
      removeWritten();
      return s;
    }
    written.push_back(results[i].itemId);
  }
  if (Status s = disk_.syncDirectory(payloadDirectory_); !s.isOk()) {
    removeWritten();
    return s;
  }
  Status committed = transact([&]() -> Status {
    Result<Statement> insert = db_->prepare(
        "INSERT INTO items (id, source, original_name, size, sha256, state, received_at_ms, "
        "updated_at_ms) VALUES (?1, ?2, ?3, ?4, ?5, 'received', ?6, ?6)");
    if (!insert) return insert.status();
    for (size_t i : fresh) {
      const Arrival& arrival = arrivals[i];
      insert->reset();
      if (Status s = insert->bind(1, results[i].itemId)
                         .bind(2, arrival.source)
                         .bind(3, arrival.originalName)
                         .bind(4, static_cast<int64_t>(arrival.content.size()))
                         .bind(5, hashes[i])
                         .bind(6, nowMs)
                         .run();
          !s.isOk()) {
        return s;
      }
      nlohmann::json detail = {{"source", arrival.source},
                               {"name", arrival.originalName},
                               {"size", arrival.content.size()},
                               {"sha256", hashes[i]}};
      if (Status s = appendProvenance(results[i].itemId, nowMs, "arrival", toJsonText(detail));
          !s.isOk()) {
        return s;
      }
    }
    return Status::ok();
  });
  if (!committed.isOk()) {
    // Only a refused commit is certainly not durable. After an I/O error it
    // may have reached the disk, so its payloads stay: recovery keeps them
    // if it did and moves them to corrupt/ if it did not.
    if (committed.code() != core::StatusCode::kIoError) removeWritten();
    return committed;
  }
  return results;
}

Status SqliteSpool::markSourceDone(const std::string& itemId, const std::string& how) {
  if (Status s = running(); !s.isOk()) return s;
  int64_t nowMs = now();
  return guard(transact([&]() -> Status {
    Result<StoredItem> item = requireItem(itemId);
    if (!item) return item.status();
    Result<Statement> update = db_->prepare(
        "UPDATE items SET source_done = 1, updated_at_ms = ?2 WHERE id = ?1 AND source_done = 0");
    if (!update) return update.status();
    if (Status s = update->bind(1, itemId).bind(2, nowMs).run(); !s.isOk()) return s;
    if (db_->changes() == 0) return Status::ok();
    return appendProvenance(itemId, nowMs, "source-done", toJsonText({{"how", how}}));
  }));
}

Result<std::optional<IntakePause>> SqliteSpool::intakePause() {
  if (Status s = running(); !s.isOk()) return s;
  Result<Statement> active = db_->prepare(
      "SELECT COUNT(*), COALESCE(SUM(size), 0) FROM items "
      "WHERE state IN ('received', 'delivering')");
  if (!active) return guard(active.status());
  Result<bool> row = active->step();
  if (!row) return guard(row.status());
  uint64_t count = static_cast<uint64_t>(active->columnInt(0));
  uint64_t bytes = static_cast<uint64_t>(active->columnInt(1));
  active->reset();
  if (count >= options_.maxActiveItems) {
    return std::optional<IntakePause>(IntakePause{"active items " + std::to_string(count) + " >= " +
                                                  std::to_string(options_.maxActiveItems)});
  }
  if (bytes >= options_.maxActiveBytes) {
    return std::optional<IntakePause>(IntakePause{"active bytes " + formatBytes(bytes) +
                                                  " >= " + formatBytes(options_.maxActiveBytes)});
  }
  Result<uint64_t> free = disk_.freeBytes(options_.directory);
  if (!free) return guard(free.status());
  if (*free < options_.minFreeBytes) {
    return std::optional<IntakePause>(IntakePause{"free disk " + formatBytes(*free) + " < " +
                                                  formatBytes(options_.minFreeBytes) + " floor"});
  }
  return std::optional<IntakePause>();
}

// ---- processing ----------------------------------------------------------

Result<std::vector<StoredItem>> SqliteSpool::itemsToProcess(size_t limit) {
  if (Status s = running(); !s.isOk()) return s;
  std::string sql = "SELECT ";
  sql.append(kItemColumns);
  sql.append(" FROM items WHERE state = 'received' ORDER BY rowid LIMIT ?1");
  Result<Statement> select = db_->prepare(sql);
  if (!select) return guard(select.status());
  select->bind(1, static_cast<int64_t>(limit));
  std::vector<StoredItem> items;
  while (true) {
    Result<bool> row = select->step();
    if (!row) return guard(row.status());
    if (!*row) break;
    items.push_back(readItem(*select));
  }
  return items;
}

Result<std::string> SqliteSpool::readPayload(const StoredItem& item) {
  if (Status s = running(); !s.isOk()) return s;
  return guard(doReadPayload(item));
}

Result<std::string> SqliteSpool::doReadPayload(const StoredItem& item) {
  Result<StoredItem> current = requireItem(item.id);
  if (!current) return current.status();
  if (current->state == ItemState::kCorrupt) {
    return Status::corruption("payload " + item.id +
                              ": the item is corrupt; its payload was moved to corrupt/");
  }
  Result<std::string> payload = readPayloadFile(
      disk_, options_.directory, item.id, std::max<uint64_t>(options_.maxItemBytes, current->size));
  std::string reason;
  if (!payload) {
    core::StatusCode code = payload.status().code();
    if (code == core::StatusCode::kNotFound) {
      reason = "payload " + item.id + ": file missing";
    } else if (code == core::StatusCode::kCorruption) {
      reason = payload.status().message();
    } else {
      return payload.status();
    }
  } else if (payload->size() != current->size || sha256Hex(*payload) != current->sha256) {
    reason = "payload " + item.id + ": content does not match the spool record";
  }
  if (reason.empty()) return payload;
  if (Status s = markCorrupt(item.id, reason); !s.isOk()) return s;
  return Status::corruption(reason);
}

// ---- operations ----------------------------------------------------------

Result<std::vector<StoredItem>> SqliteSpool::list(const ItemFilter& filter) {
  if (Status s = running(); !s.isOk()) return s;
  std::string sql = "SELECT ";
  sql.append(kItemColumns);
  sql.append(" FROM items WHERE received_at_ms >= ?1");
  if (filter.state) sql.append(" AND state = ?2");
  if (!filter.partner.empty()) sql.append(" AND partner = ?3");
  sql.append(" ORDER BY rowid LIMIT ?4");
  Result<Statement> select = db_->prepare(sql);
  if (!select) return guard(select.status());
  select->bind(1, filter.sinceMs).bind(4, static_cast<int64_t>(filter.limit));
  if (filter.state) select->bind(2, itemStateName(*filter.state));
  if (!filter.partner.empty()) select->bind(3, filter.partner);
  std::vector<StoredItem> items;
  while (true) {
    Result<bool> row = select->step();
    if (!row) return guard(row.status());
    if (!*row) break;
    items.push_back(readItem(*select));
  }
  return items;
}

Result<ItemDetail> SqliteSpool::show(const std::string& itemId) {
  if (Status s = running(); !s.isOk()) return s;
  Result<StoredItem> item = guard(requireItem(itemId));
  if (!item) return item.status();
  ItemDetail detail;
  detail.item = std::move(*item);
  Result<Statement> extra = db_->prepare("SELECT partner, hold_reason FROM items WHERE id = ?1");
  if (!extra) return guard(extra.status());
  Result<bool> row = extra->bind(1, itemId).step();
  if (!row) return guard(row.status());
  if (*row) {
    detail.partner = extra->columnText(0);
    detail.holdReason = extra->columnText(1);
  }
  Result<Statement> deliveries = db_->prepare(
      "SELECT id, target, idempotency_key, kind, content_type, payload, attributes, attempts, "
      "first_attempt_ms, state, last_error FROM deliveries WHERE item_id = ?1 ORDER BY id");
  if (!deliveries) return guard(deliveries.status());
  deliveries->bind(1, itemId);
  while (true) {
    Result<bool> next = deliveries->step();
    if (!next) return guard(next.status());
    if (!*next) break;
    Delivery delivery;
    delivery.id = deliveries->columnInt(0);
    delivery.itemId = itemId;
    delivery.request.target = deliveries->columnText(1);
    delivery.request.idempotencyKey = deliveries->columnText(2);
    delivery.request.kind = deliveries->columnText(3);
    delivery.request.contentType = deliveries->columnText(4);
    delivery.request.payload = deliveries->columnBlob(5);
    delivery.request.attributesJson = deliveries->columnText(6);
    delivery.attempts = static_cast<uint32_t>(deliveries->columnInt(7));
    delivery.firstAttemptMs = deliveries->columnInt(8);
    std::string state = deliveries->columnText(9);
    detail.deliveryStates.push_back(state == "done"   ? DeliveryState::kDone
                                    : state == "dead" ? DeliveryState::kDead
                                                      : DeliveryState::kPending);
    detail.deliveryErrors.push_back(deliveries->columnText(10));
    detail.deliveries.push_back(std::move(delivery));
  }
  return detail;
}

Result<std::vector<ProvenanceEntry>> SqliteSpool::trace(const std::string& itemId) {
  if (Status s = running(); !s.isOk()) return s;
  Result<StoredItem> item = guard(requireItem(itemId));
  if (!item) return item.status();
  Result<Statement> select = db_->prepare(
      "SELECT seq, time_ms, event, detail FROM provenance WHERE item_id = ?1 ORDER BY seq");
  if (!select) return guard(select.status());
  select->bind(1, itemId);
  std::vector<ProvenanceEntry> entries;
  while (true) {
    Result<bool> row = select->step();
    if (!row) return guard(row.status());
    if (!*row) break;
    entries.push_back(ProvenanceEntry{select->columnInt(0), select->columnInt(1),
                                      select->columnText(2), select->columnText(3)});
  }
  return entries;
}

Result<std::string> SqliteSpool::replay(const std::string& itemId) {
  if (Status s = running(); !s.isOk()) return s;
  std::string answer;
  int64_t nowMs = now();
  Status status = transact([&]() -> Status {
    Result<StoredItem> item = requireItem(itemId);
    if (!item) return item.status();
    std::string_view state = itemStateName(item->state);
    if (item->state == ItemState::kReceived) {
      answer = "already queued (state received); nothing to do";
      return Status::ok();
    }
    if (item->state == ItemState::kCorrupt) {
      return Status::invalidArgument("item '" + itemId +
                                     "' is corrupt: its payload is in corrupt/ and cannot be "
                                     "processed again");
    }
    Result<Statement> update = db_->prepare(
        "UPDATE items SET state = 'received', hold_reason = '', updated_at_ms = ?2 WHERE id = ?1");
    if (!update) return update.status();
    if (Status s = update->bind(1, itemId).bind(2, nowMs).run(); !s.isOk()) return s;
    answer = "queued for processing again (was ";
    answer.append(state);
    answer.append(")");
    return appendProvenance(itemId, nowMs, "replay", toJsonText({{"from", state}}));
  });
  if (!guard(status).isOk()) return status;
  return answer;
}

Result<std::string> SqliteSpool::release(const std::string& itemId) {
  if (Status s = running(); !s.isOk()) return s;
  std::string answer;
  int64_t nowMs = now();
  Status status = transact([&]() -> Status {
    Result<StoredItem> item = requireItem(itemId);
    if (!item) return item.status();
    if (item->state != ItemState::kHeld) {
      answer =
          item->released && item->state == ItemState::kReceived ? "already released" : "not held";
      answer.append(" (state ");
      answer.append(itemStateName(item->state));
      answer.append("); nothing to do");
      return Status::ok();
    }
    Result<Statement> reason = db_->prepare("SELECT hold_reason FROM items WHERE id = ?1");
    if (!reason) return reason.status();
    Result<bool> row = reason->bind(1, itemId).step();
    if (!row) return row.status();
    std::string holdReason = *row ? reason->columnText(0) : std::string();
    reason->reset();
    Result<Statement> update = db_->prepare(
        "UPDATE items SET state = 'received', released = 1, hold_reason = '', updated_at_ms = ?2 "
        "WHERE id = ?1");
    if (!update) return update.status();
    if (Status s = update->bind(1, itemId).bind(2, nowMs).run(); !s.isOk()) return s;
    answer = "released; queued for processing";
    return appendProvenance(itemId, nowMs, "release", toJsonText({{"hold_reason", holdReason}}));
  });
  if (!guard(status).isOk()) return status;
  return answer;
}

Result<std::string> SqliteSpool::retry(const std::string& itemId) {
  if (Status s = running(); !s.isOk()) return s;
  std::string answer;
  int64_t nowMs = now();
  Status status = transact([&]() -> Status {
    Result<StoredItem> item = requireItem(itemId);
    if (!item) return item.status();
    Result<Statement> update = db_->prepare(
        "UPDATE deliveries SET state = 'pending', attempts = 0, first_attempt_ms = 0, "
        "due_at_ms = ?2 WHERE item_id = ?1 AND state = 'dead'");
    if (!update) return update.status();
    if (Status s = update->bind(1, itemId).bind(2, nowMs).run(); !s.isOk()) return s;
    int64_t revived = db_->changes();
    if (revived == 0) {
      answer = "nothing to retry (state ";
      answer.append(itemStateName(item->state));
      answer.append(", no dead deliveries)");
      return Status::ok();
    }
    if (item->state != ItemState::kHeld && item->state != ItemState::kReceived &&
        item->state != ItemState::kCorrupt) {
      Result<Statement> state =
          db_->prepare("UPDATE items SET state = 'delivering', updated_at_ms = ?2 WHERE id = ?1");
      if (!state) return state.status();
      if (Status s = state->bind(1, itemId).bind(2, nowMs).run(); !s.isOk()) return s;
    }
    answer = "retrying ";
    answer.append(std::to_string(revived));
    answer.append(revived == 1 ? " delivery" : " deliveries");
    return appendProvenance(itemId, nowMs, "retry", toJsonText({{"deliveries", revived}}));
  });
  if (!guard(status).isOk()) return status;
  return answer;
}

Result<uint64_t> SqliteSpool::purge(int64_t olderThanMs) {
  if (Status s = running(); !s.isOk()) return s;
  return guard(doPurge(olderThanMs));
}

Result<uint64_t> SqliteSpool::doPurge(int64_t olderThanMs) {
  int64_t cutoff = now() - olderThanMs;
  std::vector<std::string> ids;
  Status status = transact([&]() -> Status {
    Result<Statement> select = db_->prepare(
        "SELECT id FROM items WHERE state IN ('done', 'rejected', 'dead', 'held', 'corrupt') "
        "AND received_at_ms < ?1 ORDER BY id");
    if (!select) return select.status();
    select->bind(1, cutoff);
    while (true) {
      Result<bool> row = select->step();
      if (!row) return row.status();
      if (!*row) break;
      ids.push_back(select->columnText(0));
    }
    select->reset();
    Result<Statement> keys =
        db_->prepare("DELETE FROM duplicate_keys WHERE item_id = ?1 AND seen_at_ms < ?2");
    Result<Statement> item = db_->prepare("DELETE FROM items WHERE id = ?1");
    if (!keys) return keys.status();
    if (!item) return item.status();
    for (const std::string& id : ids) {
      keys->reset();
      item->reset();
      if (Status s = keys->bind(1, id).bind(2, cutoff).run(); !s.isOk()) return s;
      // Provenance and deliveries go with the item (ON DELETE CASCADE).
      if (Status s = item->bind(1, id).run(); !s.isOk()) return s;
    }
    return Status::ok();
  });
  if (!status.isOk()) return status;
  // Rows first, files second: a crash in between leaves payload files
  // without a record, which the next open moves to corrupt/.
  bool removed = false;
  for (const std::string& id : ids) {
    Status s = disk_.remove(payloadPath(options_.directory, id));
    if (s.isOk()) {
      removed = true;
    } else if (s.code() != core::StatusCode::kNotFound) {
      return s;
    }
  }
  if (removed) {
    if (Status s = disk_.syncDirectory(payloadDirectory_); !s.isOk()) return s;
  }
  return static_cast<uint64_t>(ids.size());
}

Status SqliteSpool::addProvenance(const std::string& itemId, const std::string& event,
                                  const std::string& detailJson) {
  if (Status s = running(); !s.isOk()) return s;
  int64_t nowMs = now();
  return guard(transact([&]() -> Status {
    Result<StoredItem> item = requireItem(itemId);
    if (!item) return item.status();
    return appendProvenance(itemId, nowMs, event, detailJson);
  }));
}

}  // namespace bridge::spool
