// Database: a small RAII wrapper over the sqlite3 C API for the spool's state
// database: a connection opened through the spool's VFS (sqlite_vfs.h) with
// WAL, synchronous=FULL and foreign keys on; prepared statements with bind,
// step and column helpers; and Transaction, which begins IMMEDIATE and rolls
// back unless committed.
//
// Every error is a Status naming the SQL action and sqlite3_errmsg: SQLITE_FULL
// is kResourceExhausted, SQLITE_IOERR* kIoError, SQLITE_CORRUPT and
// SQLITE_NOTADB kCorruption, SQLITE_BUSY and SQLITE_LOCKED kUnavailable. An
// I/O error the VFS saw (even one SQLite swallowed) turns the next result of
// step, exec or commit into that kIoError (D8).
//
// Thread-safety: not thread-safe; one connection per thread.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "bridge/core/status.h"
#include "spool/sqlite_vfs.h"

struct sqlite3;
struct sqlite3_stmt;

namespace bridge::spool {

class Database;

class Statement {
 public:
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  // Binders take 1-based parameter indexes. A failed bind is reported by the
  // next step() or run().
  Statement& bind(int index, int64_t value);
  Statement& bind(int index, std::string_view text);
  Statement& bindBlob(int index, std::string_view bytes);
  Statement& bindNull(int index);

  // True when a row is ready, false when the statement is done.
  [[nodiscard]] core::Result<bool> step();
  // Steps to the end, ignoring rows.
  [[nodiscard]] core::Status run();
  // Makes the statement ready to run again; bindings are kept.
  void reset();

  int64_t columnInt(int column) const;
  std::string columnText(int column) const;
  std::string columnBlob(int column) const;
  bool columnIsNull(int column) const;

 private:
  friend class Database;
  Statement(Database* database, sqlite3_stmt* statement, std::string sql);
  void noteBind(int rc, int index);

  Database* database_ = nullptr;
  sqlite3_stmt* statement_ = nullptr;
  std::string sql_;
  core::Status bindStatus_;
};

class Database {
 public:
  // Opens (creating if needed) `path` through `vfs` and applies the PRAGMAs.
  // REQUIRES: vfs outlives the database.
  [[nodiscard]] static core::Result<std::unique_ptr<Database>> open(const std::string& path,
                                                                    SqliteVfs& vfs);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Runs one or more statements without results; `action` names them in errors.
  [[nodiscard]] core::Status exec(std::string_view sql, std::string_view action);
  [[nodiscard]] core::Result<Statement> prepare(std::string_view sql);

  int64_t changes() const;
  int64_t lastInsertRowId() const;
  bool inTransaction() const;

  // A Status for SQLite result code `rc` (not SQLITE_OK/ROW/DONE) of `action`.
  core::Status error(int rc, std::string_view action) const;
  // The I/O error the VFS recorded, if any (D8: it outranks any success).
  std::optional<core::Status> ioFailure() const { return vfs_.firstIoError(); }

 private:
  Database(sqlite3* handle, SqliteVfs& vfs) : handle_(handle), vfs_(vfs) {}

  sqlite3* handle_;
  SqliteVfs& vfs_;
};

// BEGIN IMMEDIATE on construction; ROLLBACK in the destructor unless
// commit() succeeded.
class Transaction {
 public:
  [[nodiscard]] static core::Result<Transaction> begin(Database& database);
  Transaction(Transaction&& other) noexcept;
  Transaction& operator=(Transaction&&) = delete;
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();

  [[nodiscard]] core::Status commit();
  void rollback();
  bool active() const { return database_ != nullptr; }

 private:
  explicit Transaction(Database* database) : database_(database) {}

  Database* database_;
};

}  // namespace bridge::spool
