#include "spool/schema.h"

#include <string>

namespace bridge::spool {

namespace {

// Text states are stored by name (itemStateName, deliveryStateName) so that
// the database stays readable with the sqlite3 shell.
constexpr std::string_view kCreateTables = R"sql(
CREATE TABLE IF NOT EXISTS meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS items (
  id TEXT PRIMARY KEY,
  source TEXT NOT NULL,
  original_name TEXT NOT NULL,
  size INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  state TEXT NOT NULL,
  hold_reason TEXT NOT NULL DEFAULT '',
  partner TEXT NOT NULL DEFAULT '',
  released INTEGER NOT NULL DEFAULT 0,
  source_done INTEGER NOT NULL DEFAULT 0,
  received_at_ms INTEGER NOT NULL,
  updated_at_ms INTEGER NOT NULL,
  final_state TEXT NOT NULL DEFAULT 'done'
);
CREATE INDEX IF NOT EXISTS items_by_state ON items (state);
CREATE INDEX IF NOT EXISTS items_by_source ON items (source, original_name, sha256);
CREATE TABLE IF NOT EXISTS provenance (
  item_id TEXT NOT NULL REFERENCES items (id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  time_ms INTEGER NOT NULL,
  event TEXT NOT NULL,
  detail TEXT NOT NULL,
  PRIMARY KEY (item_id, seq)
);
CREATE TABLE IF NOT EXISTS deliveries (
  id INTEGER PRIMARY KEY,
  item_id TEXT NOT NULL REFERENCES items (id) ON DELETE CASCADE,
  target TEXT NOT NULL,
  idempotency_key TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  content_type TEXT NOT NULL,
  payload BLOB NOT NULL,
  attributes TEXT NOT NULL,
  state TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  first_attempt_ms INTEGER NOT NULL DEFAULT 0,
  due_at_ms INTEGER NOT NULL,
  last_error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS deliveries_due ON deliveries (state, due_at_ms, id);
CREATE INDEX IF NOT EXISTS deliveries_by_item ON deliveries (item_id);
CREATE TABLE IF NOT EXISTS duplicate_keys (
  key TEXT PRIMARY KEY,
  item_id TEXT NOT NULL,
  seen_at_ms INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS duplicate_keys_by_item ON duplicate_keys (item_id);
CREATE TABLE IF NOT EXISTS control_numbers (
  partner TEXT NOT NULL,
  kind TEXT NOT NULL,
  value INTEGER NOT NULL,
  PRIMARY KEY (partner, kind)
);
)sql";

}  // namespace

core::Status prepareSchema(Database& database, const std::string& path) {
  core::Result<Transaction> transaction = Transaction::begin(database);
  if (!transaction) return transaction.status();
  if (core::Status s = database.exec(kCreateTables, "CREATE TABLE (spool schema)"); !s.isOk()) {
    return s;
  }
  core::Result<Statement> select =
      database.prepare("SELECT value FROM meta WHERE key = 'schema_version'");
  if (!select) return select.status();
  core::Result<bool> row = select->step();
  if (!row) return row.status();
  bool known = *row;
  std::string version = known ? select->columnText(0) : std::string();
  select->reset();
  if (!known) {
    core::Result<Statement> insert =
        database.prepare("INSERT INTO meta (key, value) VALUES ('schema_version', ?1)");
    if (!insert) return insert.status();
    if (core::Status s = insert->bind(1, std::to_string(kSchemaVersion)).run(); !s.isOk()) {
      return s;
    }
  } else {
    if (version != std::to_string(kSchemaVersion)) {
      std::string message = "the spool database '";
      message.append(path);
      message.append("' has schema version ");
      message.append(version);
      message.append(", but this edi-bridge understands only version ");
      message.append(std::to_string(kSchemaVersion));
      message.append("; run the edi-bridge release that wrote it");
      return core::Status::invalidArgument(std::move(message));
    }
  }
  return transaction->commit();
}

}  // namespace bridge::spool
