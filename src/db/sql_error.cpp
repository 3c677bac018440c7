#include "exlschema/db/sql_error.hpp"

#include "exlschema/util/redact.hpp"

#include <errmsg.h>

namespace exl::db {
namespace {

// Server error numbers (mysqld_error.h) that are transient by nature.
constexpr int k_er_con_count_error = 1040;   // Too many connections
constexpr int k_er_server_shutdown = 1053;   // Server shutdown in progress
constexpr int k_er_connection_killed = 1927; // MariaDB: Connection was killed (KILL CONNECTION)

std::string compose(int error_number, const std::string& sqlstate, const std::string& message,
                    const std::string& statement) {
  std::string text = "error " + std::to_string(error_number);
  if (!sqlstate.empty()) {
    text += " (" + sqlstate + ")";
  }
  text += ": " + message;
  if (!statement.empty()) {
    text += " [statement: " + statement + "]";
  }
  return text;
}

} // namespace

SqlError::SqlError(int error_number, std::string sqlstate, const std::string& message,
                   const std::string& statement)
    : std::runtime_error(
          compose(error_number, sqlstate, util::redact(message), util::redact(statement))),
      m_errno(error_number), m_sqlstate(std::move(sqlstate)), m_message(util::redact(message)),
      m_statement(util::redact(statement)) {}

bool SqlError::is_access_denied() const noexcept {
  return m_errno == 1227 || m_errno == 5203 || m_errno == 1142 || m_errno == 1044;
}

bool SqlError::is_retryable_error_number(int error_number) noexcept {
  switch (error_number) {
  case CR_CONNECTION_ERROR:     // 2002: cannot connect through the socket (server restarting)
  case CR_CONN_HOST_ERROR:      // 2003: cannot connect to host:port (FE restarting)
  case CR_SERVER_GONE_ERROR:    // 2006: the connection died between statements
  case CR_SERVER_LOST:          // 2013: the connection died during a statement / read timeout
  case CR_SERVER_LOST_EXTENDED: // 2055: as 2013, with the system error
  case k_er_con_count_error:
  case k_er_server_shutdown:
  case k_er_connection_killed:
    return true;
  default:
    return false;
  }
}

bool SqlError::breaks_connection() const noexcept {
  // Every client-side error (2000-2999) leaves the protocol state unknown; the transient server
  // errors above mean the server is closing the session anyway. libmariadb's own 5000+ codes are
  // not counted: StarRocks uses 5xxx for server errors (5024 query timeout), and the two ranges
  // cannot be told apart by number.
  return (m_errno >= CR_MIN_ERROR && m_errno <= CR_MAX_ERROR) || is_retryable();
}

bool is_retryable(const std::exception& e) noexcept {
  const auto* sql = dynamic_cast<const SqlError*>(&e);
  return sql != nullptr && sql->is_retryable();
}

} // namespace exl::db
