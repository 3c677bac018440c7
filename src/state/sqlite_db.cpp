#include "state/sqlite_db.hpp"

namespace exl::state {
namespace {

[[noreturn]] void fail(sqlite3* db, const std::string& what, int code) {
  const std::string message = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(code);
  throw SqliteError(what + ": " + message, code);
}

} // namespace

SqliteError::SqliteError(const std::string& what, int code)
    : std::runtime_error(what), m_code(code) {}

Database::Database(const std::string& path) {
  sqlite3* raw = nullptr;
  const int rc =
      sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  m_db.reset(raw); // closed even when the open failed (SQLite allocates a handle for the message)
  if (rc != SQLITE_OK) {
    fail(raw, "cannot open", rc);
  }
  sqlite3_extended_result_codes(raw, 1);
}

void Database::exec(const std::string& sql) {
  char* raw_message = nullptr;
  const int rc = sqlite3_exec(m_db.get(), sql.c_str(), nullptr, nullptr, &raw_message);
  const std::unique_ptr<char, decltype(&sqlite3_free)> message(raw_message, &sqlite3_free);
  if (rc != SQLITE_OK) {
    throw SqliteError(message ? message.get() : sqlite3_errstr(rc), rc);
  }
}

std::int64_t Database::query_int(const std::string& sql) {
  Statement statement(*this, sql);
  return statement.step() ? statement.column_int(0) : 0;
}

Statement::Statement(Database& db, std::string_view sql) : m_db(db.handle()) {
  sqlite3_stmt* raw = nullptr;
  const int rc = sqlite3_prepare_v2(m_db, sql.data(), static_cast<int>(sql.size()), &raw, nullptr);
  m_stmt.reset(raw);
  if (rc != SQLITE_OK) {
    fail(m_db, "cannot prepare a statement", rc);
  }
}

Statement& Statement::bind(int index, std::string_view text) {
  const int rc = sqlite3_bind_text(m_stmt.get(), index, text.data(), static_cast<int>(text.size()),
                                   SQLITE_TRANSIENT);
  if (rc != SQLITE_OK) {
    fail(m_db, "cannot bind a value", rc);
  }
  return *this;
}

Statement& Statement::bind(int index, std::int64_t value) {
  const int rc = sqlite3_bind_int64(m_stmt.get(), index, value);
  if (rc != SQLITE_OK) {
    fail(m_db, "cannot bind a value", rc);
  }
  return *this;
}

Statement& Statement::bind(int index, std::optional<std::int64_t> value) {
  return value ? bind(index, *value) : bind_null(index);
}

Statement& Statement::bind_null(int index) {
  const int rc = sqlite3_bind_null(m_stmt.get(), index);
  if (rc != SQLITE_OK) {
    fail(m_db, "cannot bind a value", rc);
  }
  return *this;
}

bool Statement::step() {
  const int rc = sqlite3_step(m_stmt.get());
  if (rc == SQLITE_ROW) {
    return true;
  }
  if (rc == SQLITE_DONE) {
    return false;
  }
  const SqliteError error(sqlite3_errmsg(m_db), rc);
  sqlite3_reset(m_stmt.get());
  throw error;
}

void Statement::run() {
  while (step()) {
  }
  sqlite3_reset(m_stmt.get());
  sqlite3_clear_bindings(m_stmt.get());
}

std::string Statement::column_text(int index) const {
  const auto* text = sqlite3_column_text(m_stmt.get(), index);
  if (text == nullptr) {
    return {};
  }
  return {reinterpret_cast<const char*>(text),
          static_cast<std::size_t>(sqlite3_column_bytes(m_stmt.get(), index))};
}

std::int64_t Statement::column_int(int index) const {
  return sqlite3_column_int64(m_stmt.get(), index);
}

std::optional<std::int64_t> Statement::column_optional_int(int index) const {
  if (sqlite3_column_type(m_stmt.get(), index) == SQLITE_NULL) {
    return std::nullopt;
  }
  return column_int(index);
}

WriteTransaction::WriteTransaction(Database& db) : m_db(db) {
  m_db.exec("BEGIN IMMEDIATE");
}

WriteTransaction::~WriteTransaction() {
  if (m_open) {
    // A failed rollback leaves nothing to do here: SQLite rolls back on close anyway.
    sqlite3_exec(m_db.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
  }
}

void WriteTransaction::commit() {
  m_db.exec("COMMIT");
  m_open = false;
}

std::int64_t to_epoch_ms(std::chrono::system_clock::time_point time) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(time.time_since_epoch()).count();
}

std::chrono::system_clock::time_point from_epoch_ms(std::int64_t ms) {
  return std::chrono::system_clock::time_point(
      std::chrono::duration_cast<std::chrono::system_clock::duration>(
          std::chrono::milliseconds(ms)));
}

} // namespace exl::state
