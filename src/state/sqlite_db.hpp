#pragma once

#include <sqlite3.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

// Thin RAII wrappers over SQLite's C API, private to src/state: one connection, one prepared
// statement, one write transaction. Values only ever reach SQL as bound parameters.
namespace exl::state {

// The text of a failed call: `what` plus SQLite's message and primary result code name.
class SqliteError : public std::runtime_error {
public:
  SqliteError(const std::string& what, int code);
  [[nodiscard]] int code() const { return m_code; }

private:
  int m_code;
};

struct DbCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct StmtFinalizer {
  void operator()(sqlite3_stmt* stmt) const { sqlite3_finalize(stmt); }
};

class Database {
public:
  // Opens (creating when absent) `path` read-write. Throws SqliteError.
  explicit Database(const std::string& path);

  // Runs `sql` (one or more statements without parameters, e.g. DDL). Throws SqliteError.
  void exec(const std::string& sql);

  // The single integer `sql` returns (a PRAGMA, a count). Throws SqliteError.
  std::int64_t query_int(const std::string& sql);

  [[nodiscard]] sqlite3* handle() const { return m_db.get(); }

private:
  std::unique_ptr<sqlite3, DbCloser> m_db;
};

// One prepared statement; `bind` numbers parameters from 1, `column_*` from 0.
class Statement {
public:
  Statement(Database& db, std::string_view sql);

  Statement& bind(int index, std::string_view text);
  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, std::optional<std::int64_t> value); // nullopt: NULL
  Statement& bind_null(int index);

  // Steps once: true while a row is available, false when done. Throws SqliteError.
  bool step();
  // Steps to the end (an INSERT / UPDATE), then resets for the next set of bindings.
  void run();

  [[nodiscard]] std::string column_text(int index) const;
  [[nodiscard]] std::int64_t column_int(int index) const;
  [[nodiscard]] std::optional<std::int64_t> column_optional_int(int index) const;

private:
  sqlite3* m_db;
  std::unique_ptr<sqlite3_stmt, StmtFinalizer> m_stmt;
};

// BEGIN IMMEDIATE on construction (the write lock is taken up front, so two writers wait on the
// busy timeout instead of failing on a lock upgrade); ROLLBACK on destruction unless committed.
class WriteTransaction {
public:
  explicit WriteTransaction(Database& db);
  ~WriteTransaction();
  WriteTransaction(const WriteTransaction&) = delete;
  WriteTransaction& operator=(const WriteTransaction&) = delete;

  void commit();

private:
  Database& m_db;
  bool m_open = true;
};

// Times in the store: milliseconds since the Unix epoch (UTC).
std::int64_t to_epoch_ms(std::chrono::system_clock::time_point time);
std::chrono::system_clock::time_point from_epoch_ms(std::int64_t ms);

} // namespace exl::state
