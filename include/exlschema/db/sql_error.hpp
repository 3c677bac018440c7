#pragma once

#include <exception>
#include <stdexcept>
#include <string>

// An error from the MySQL protocol layer: a server error (ER_*, < 2000 or StarRocks's 5xxx codes)
// or a client-library error (CR_*, 2000-2999 and 5000+ of libmariadb's errmsg.h).
namespace exl::db {

class SqlError : public std::runtime_error {
public:
  // `statement` is stored redacted; `message` is redacted too (a server may echo a literal).
  SqlError(int error_number, std::string sqlstate, const std::string& message,
           const std::string& statement);

  int error_number() const noexcept { return m_errno; }
  const std::string& sqlstate() const noexcept { return m_sqlstate; }
  const std::string& message() const noexcept { return m_message; }
  const std::string& statement() const noexcept { return m_statement; } // redacted

  // True for failures where running the statement again on a new connection is expected to work
  // and is safe (docs/runtime.md lists them): lost connection, server gone, connect failures,
  // too many connections, server shutting down. Never for SQL errors, KILL QUERY or timeouts
  // the server enforced (they would fail the same way again).
  bool is_retryable() const noexcept { return is_retryable_error_number(m_errno); }

  // True when the user lacks a privilege: ER_SPECIFIC_ACCESS_DENIED_ERROR 1227, StarRocks's
  // ERR_ACCESS_DENIED 5203, table and database access denied 1142 / 1044.
  bool is_access_denied() const noexcept;

  // True when the connection that raised this error cannot be used again (it is discarded, not
  // returned to the pool).
  bool breaks_connection() const noexcept;

  static bool is_retryable_error_number(int error_number) noexcept;

private:
  int m_errno;
  std::string m_sqlstate;
  std::string m_message;
  std::string m_statement;
};

// The retry classifier for database work: true when `e` is a retryable SqlError.
bool is_retryable(const std::exception& e) noexcept;

} // namespace exl::db
