#pragma once

// One libmariadb connection to the cluster's storage server, with the few calls the engine needs.
// Errors surface as BackendError carrying MariaDB's errno so callers can translate them into
// StarRocks texts.

#include "sim_api.hpp"

#include <mysql.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace srsim::engine {

class BackendError : public std::runtime_error {
public:
  BackendError(unsigned code, const std::string& message)
      : std::runtime_error(message), m_code(code) {}
  unsigned code() const { return m_code; }

private:
  unsigned m_code;
};

// StarRocks compares strings byte for byte, trailing spaces included ('a' <> 'A', 'a' <> 'a ').
// Every table, database and connection of the storage server uses this collation so that
// filters, GROUP BY, keys and LIST partition routing in srsim do the same.
inline constexpr const char* k_collation = "utf8mb4_nopad_bin";
inline const std::string k_table_charset =
    std::string("DEFAULT CHARSET=utf8mb4 COLLATE=") + k_collation;

using Row = std::vector<std::optional<std::string>>;

class Backend {
public:
  // Connects to `storage`; `database` may be empty. `max_packet` (bytes, 0 = libmariadb's
  // default) bounds the statements this client may send. Throws BackendError.
  Backend(const StorageConfig& storage, const std::string& database = "",
          unsigned long max_packet = 0);

  // Runs a statement that returns no rows; answers the affected row count.
  std::uint64_t exec(const std::string& sql);
  // The info string of the last statement's OK packet (mysql_info), e.g. an INSERT's
  // {'label':..}; empty when there was none.
  std::string info() const;
  // Runs a query and returns all rows (values as text).
  ResultSet query(const std::string& sql);
  // First column of the first row, or nullopt.
  std::optional<std::string> scalar(const std::string& sql);
  unsigned long thread_id() const;
  // False when the server connection is gone (mysql_ping).
  bool alive();
  // Quotes a literal with this connection's escaping rules: 'text'.
  std::string quote(const std::string& text) const;

private:
  struct Closer {
    void operator()(MYSQL* handle) const { mysql_close(handle); }
  };
  [[noreturn]] void fail(const std::string& sql) const;
  // query() through a prepared statement: FLOAT and DOUBLE values from their binary form
  // (float_text.hpp), every other column as the text libmariadb converts it to.
  ResultSet query_binary(const std::string& sql);
  std::unique_ptr<MYSQL, Closer> m_handle;
};

// Backquotes an identifier (embedded backquotes doubled).
std::string quote_ident(const std::string& name);
// Single-quoted SQL literal with backslash and quote escaping, independent of a connection.
std::string quote_literal(const std::string& text);

} // namespace srsim::engine
