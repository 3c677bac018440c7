#pragma once

#include "exlschema/db/connection_params.hpp"
#include "exlschema/db/result_set.hpp"

#include <functional>
#include <memory>
#include <string>

struct st_mysql; // MYSQL from <mysql.h>; kept out of this header so that callers need not include
                 // it

// One connection to one MySQL-protocol server (a StarRocks FE). Not thread-safe: one thread uses
// it at a time (the pool hands it out). Every failure throws db::SqlError with the redacted
// statement. Auto-reconnect is off: a broken connection stays broken, and the caller (the pool,
// the retry loop) decides when to open a new one.
namespace exl::db {

class Connection {
public:
  // Called for each streamed row with the column names and the values; return false to stop
  // early. The protocol has no way to skip the rest of a result except reading it, so stopping
  // early closes the connection instead (the server stops sending when its writes fail) and the
  // connection becomes broken().
  using RowCallback =
      std::function<bool(const std::vector<std::string>& columns, const RowValues& row)>;

  // Connects with `params`: connect/read/write timeouts, connection attribute
  // program_name=`params.program_name`, utf8mb4, then the session variables (docs/runtime.md).
  explicit Connection(ConnectionParams params);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  Connection(Connection&&) noexcept;
  Connection& operator=(Connection&&) noexcept;

  // Runs `sql` and buffers its whole result (mysql_store_result).
  ResultSet query(const std::string& sql);

  // Runs a statement that returns no rows (DDL, INSERT, SET ...).
  ExecResult execute(const std::string& sql);

  // Runs `sql` and hands each row to `on_row` as it arrives (mysql_use_result): memory stays
  // bounded whatever the result size. Returns the number of rows delivered. The connection must
  // not be used for anything else until this returns; after an early stop it cannot be used at
  // all (broken()).
  std::uint64_t stream(const std::string& sql, const RowCallback& on_row);

  // Round trip to check the connection; throws SqlError (2006/2013) when it is dead.
  void ping();

  std::string server_version() const; // e.g. `10.11.6-MariaDB-0+deb12u1` or `5.1.0` (StarRocks)
  unsigned long thread_id() const;    // the server's connection id (for KILL, processlist)

  // True once the connection cannot be used again: a connection-breaking error
  // (SqlError::breaks_connection) or a stream stopped early. Every later statement throws 2006
  // without touching the network; the pool discards such a connection instead of reusing it.
  bool broken() const noexcept { return m_broken; }
  const ConnectionParams& params() const noexcept { return m_params; }

private:
  struct MysqlDeleter {
    void operator()(st_mysql* handle) const noexcept;
  };

  void connect();
  void set_options();
  void apply_session_variables();
  void apply_time_zone();
  void run(const std::string& sql);
  void require_usable(const std::string& sql) const;
  void close_mid_result() noexcept;
  [[noreturn]] void fail(const std::string& sql);

  ConnectionParams m_params;
  std::unique_ptr<st_mysql, MysqlDeleter> m_mysql;
  bool m_broken = false;
};

} // namespace exl::db
