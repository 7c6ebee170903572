#include "spool/database.h"

#include <sqlite3.h>

#include <utility>

namespace bridge::spool {

namespace {

using core::Result;
using core::Status;

constexpr int kBusyTimeoutMs = 5000;

// "INSERT INTO items (id, source, ..." for messages: the first line, shortened.
std::string describeSql(std::string_view sql) {
  std::string text;
  bool space = false;
  for (char c : sql) {
    if (c == '\n' || c == '\t' || c == ' ') {
      space = !text.empty();
      continue;
    }
    if (space) text.push_back(' ');
    space = false;
    text.push_back(c);
    if (text.size() >= 60) {
      text.append("...");
      break;
    }
  }
  return text;
}

}  // namespace

Status Database::error(int rc, std::string_view action) const {
  if (std::optional<Status> failure = vfs_.firstIoError()) return *failure;
  std::string message = "SQL ";
  message.append(action);
  message.append(" failed: ");
  message.append(handle_ != nullptr ? sqlite3_errmsg(handle_) : sqlite3_errstr(rc));
  std::optional<Status> cause = vfs_.lastError();
  vfs_.clearLastError();
  int primary = rc & 0xff;
  if ((primary == SQLITE_FULL || primary == SQLITE_IOERR) && cause) {
    message.append(" (");
    message.append(cause->message());
    message.append(")");
  }
  switch (primary) {
    case SQLITE_FULL:
    case SQLITE_NOMEM:
      return Status::resourceExhausted(std::move(message));
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_PERM:
      return Status::ioError(std::move(message));
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return Status::corruption(std::move(message));
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Status::unavailable(std::move(message));
    default:
      return Status::internal(std::move(message));
  }
}

Statement::Statement(Database* database, sqlite3_stmt* statement, std::string sql)
    : database_(database), statement_(statement), sql_(std::move(sql)) {}

Statement::Statement(Statement&& other) noexcept
    : database_(std::exchange(other.database_, nullptr)),
      statement_(std::exchange(other.statement_, nullptr)),
      sql_(std::move(other.sql_)),
      bindStatus_(std::move(other.bindStatus_)) {}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(statement_);
    database_ = std::exchange(other.database_, nullptr);
    statement_ = std::exchange(other.statement_, nullptr);
    sql_ = std::move(other.sql_);
    bindStatus_ = std::move(other.bindStatus_);
  }
  return *this;
}

Statement::~Statement() { sqlite3_finalize(statement_); }

void Statement::noteBind(int rc, int index) {
  if (rc == SQLITE_OK || !bindStatus_.isOk()) return;
  std::string action = "bind of parameter ";
  action.append(std::to_string(index));
  action.append(" of '");
  action.append(sql_);
  action.append("'");
  bindStatus_ = database_->error(rc, action);
}

Statement& Statement::bind(int index, int64_t value) {
  noteBind(sqlite3_bind_int64(statement_, index, value), index);
  return *this;
}

Statement& Statement::bind(int index, std::string_view text) {
  noteBind(sqlite3_bind_text64(statement_, index, text.data(), text.size(), SQLITE_TRANSIENT,
                               SQLITE_UTF8),
           index);
  return *this;
}

Statement& Statement::bindBlob(int index, std::string_view bytes) {
  // A zero-length blob must still be a blob, not NULL: pass a valid pointer.
  static const char kEmpty = 0;
  noteBind(sqlite3_bind_blob64(statement_, index, bytes.empty() ? &kEmpty : bytes.data(),
                               bytes.size(), SQLITE_TRANSIENT),
           index);
  return *this;
}

Statement& Statement::bindNull(int index) {
  noteBind(sqlite3_bind_null(statement_, index), index);
  return *this;
}

Result<bool> Statement::step() {
  if (!bindStatus_.isOk()) return bindStatus_;
  int rc = sqlite3_step(statement_);
  if (std::optional<Status> failure = database_->ioFailure()) {
    sqlite3_reset(statement_);
    return *failure;
  }
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  std::string action = "step of '";
  action.append(sql_);
  action.append("'");
  Status status = database_->error(rc, action);
  sqlite3_reset(statement_);
  return status;
}

Status Statement::run() {
  while (true) {
    Result<bool> row = step();
    if (!row) return row.status();
    if (!*row) return Status::ok();
  }
}

void Statement::reset() { sqlite3_reset(statement_); }

int64_t Statement::columnInt(int column) const { return sqlite3_column_int64(statement_, column); }

std::string Statement::columnText(int column) const {
  const unsigned char* text = sqlite3_column_text(statement_, column);
  if (text == nullptr) return std::string();
  return std::string(reinterpret_cast<const char*>(text),
                     static_cast<size_t>(sqlite3_column_bytes(statement_, column)));
}

std::string Statement::columnBlob(int column) const {
  const void* blob = sqlite3_column_blob(statement_, column);
  if (blob == nullptr) return std::string();
  return std::string(static_cast<const char*>(blob),
                     static_cast<size_t>(sqlite3_column_bytes(statement_, column)));
}

bool Statement::columnIsNull(int column) const {
  return sqlite3_column_type(statement_, column) == SQLITE_NULL;
}

Result<std::unique_ptr<Database>> Database::open(const std::string& path, SqliteVfs& vfs) {
  sqlite3* handle = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                           vfs.name().c_str());
  std::unique_ptr<Database> database(new Database(handle, vfs));
  if (rc != SQLITE_OK) {
    std::string action = "open of '";
    action.append(path);
    action.append("'");
    return database->error(rc, action);
  }
  sqlite3_extended_result_codes(handle, 1);
  sqlite3_busy_timeout(handle, kBusyTimeoutMs);

  // journal_mode answers with the mode in force; anything but "wal" means
  // the durability rules of docs/spool-format.md would not hold.
  Result<Statement> mode = database->prepare("PRAGMA journal_mode=WAL");
  if (!mode) return mode.status();
  Result<bool> row = mode->step();
  if (!row) return row.status();
  if (!*row || mode->columnText(0) != "wal") {
    std::string message = "cannot put '";
    message.append(path);
    message.append("' in WAL mode (journal mode is '");
    message.append(*row ? mode->columnText(0) : std::string());
    message.append("')");
    return Status::ioError(std::move(message));
  }
  mode->reset();
  if (Status s = database->exec(
          "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY;",
          "PRAGMA synchronous, foreign_keys, temp_store");
      !s.isOk()) {
    return s;
  }
  return database;
}

Database::~Database() {
  // close_v2 defers the close until every statement is finalized; the
  // spool's statements never outlive a call, so this closes now.
  if (handle_ != nullptr) sqlite3_close_v2(handle_);
}

Status Database::exec(std::string_view sql, std::string_view action) {
  std::string text(sql);
  int rc = sqlite3_exec(handle_, text.c_str(), nullptr, nullptr, nullptr);
  if (std::optional<Status> failure = ioFailure()) return *failure;
  if (rc != SQLITE_OK) return error(rc, action);
  return Status::ok();
}

Result<Statement> Database::prepare(std::string_view sql) {
  sqlite3_stmt* statement = nullptr;
  int rc =
      sqlite3_prepare_v2(handle_, sql.data(), static_cast<int>(sql.size()), &statement, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(statement);
    std::string action = "prepare of '";
    action.append(describeSql(sql));
    action.append("'");
    return error(rc, action);
  }
  return Statement(this, statement, describeSql(sql));
}

int64_t Database::changes() const { return sqlite3_changes64(handle_); }

int64_t Database::lastInsertRowId() const { return sqlite3_last_insert_rowid(handle_); }

bool Database::inTransaction() const { return sqlite3_get_autocommit(handle_) == 0; }

Result<Transaction> Transaction::begin(Database& database) {
  if (Status s = database.exec("BEGIN IMMEDIATE", "BEGIN IMMEDIATE"); !s.isOk()) return s;
  return Transaction(&database);
}

Transaction::Transaction(Transaction&& other) noexcept
    : database_(std::exchange(other.database_, nullptr)) {}

Transaction::~Transaction() { rollback(); }

Status Transaction::commit() {
  if (database_ == nullptr) return Status::internal("commit of a transaction that is not active");
  if (Status s = database_->exec("COMMIT", "COMMIT"); !s.isOk()) return s;
  database_ = nullptr;
  return Status::ok();
}

void Transaction::rollback() {
  if (database_ == nullptr) return;
  // After some errors SQLite has already rolled back; ROLLBACK would then
  // fail harmlessly, so it is skipped.
  if (database_->inTransaction()) (void)database_->exec("ROLLBACK", "ROLLBACK");
  database_ = nullptr;
}

}  // namespace bridge::spool
