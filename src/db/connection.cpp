#include "exlschema/db/connection.hpp"

#include "exlschema/db/sql_error.hpp"
#include "exlschema/util/log.hpp"
#include "exlschema/util/redact.hpp"

#include <algorithm>
#include <cctype>
#include <errmsg.h>
#include <mysql.h>
#include <mysqld_error.h>

#include <sys/socket.h>

#include <memory>
#include <mutex>

namespace exl::db {
namespace {

struct ResultDeleter {
  void operator()(MYSQL_RES* res) const noexcept { mysql_free_result(res); }
};
using ResultPtr = std::unique_ptr<MYSQL_RES, ResultDeleter>;

// mysql_init is not thread-safe until the library is initialised; the app does it at start-up,
// but tests and tools may not, so do it once here as well (it is idempotent).
void ensure_library() {
  static std::once_flag once;
  std::call_once(once, [] { mysql_library_init(0, nullptr, nullptr); });
}

std::vector<std::string> column_names(MYSQL_RES* res) {
  std::vector<std::string> names;
  const unsigned int n = mysql_num_fields(res);
  const MYSQL_FIELD* fields = mysql_fetch_fields(res);
  names.reserve(n);
  for (unsigned int i = 0; i < n; ++i) {
    names.emplace_back(fields[i].name, fields[i].name_length);
  }
  return names;
}

RowValues row_values(MYSQL_RES* res, MYSQL_ROW row) {
  const unsigned int n = mysql_num_fields(res);
  const unsigned long* lengths = mysql_fetch_lengths(res);
  RowValues values;
  values.reserve(n);
  for (unsigned int i = 0; i < n; ++i) {
    if (row[i] == nullptr) {
      values.emplace_back(std::nullopt);
    } else {
      values.emplace_back(std::string(row[i], lengths[i]));
    }
  }
  return values;
}

} // namespace

void Connection::MysqlDeleter::operator()(st_mysql* handle) const noexcept {
  mysql_close(handle);
}

Connection::Connection(ConnectionParams params) : m_params(std::move(params)) {
  ensure_library();
  util::register_secret(m_params.password);
  m_mysql.reset(mysql_init(nullptr));
  if (!m_mysql) {
    throw SqlError(CR_OUT_OF_MEMORY, "HY000", "mysql_init failed", "");
  }
  set_options();
  connect();
  apply_session_variables();
}

Connection::~Connection() = default;
Connection::Connection(Connection&&) noexcept = default;
Connection& Connection::operator=(Connection&&) noexcept = default;

void Connection::set_options() {
  MYSQL* h = m_mysql.get();
  const auto timeout = [](int s) { return static_cast<unsigned int>(s > 0 ? s : 0); };
  const unsigned int connect_timeout = timeout(m_params.connect_timeout_s);
  const unsigned int read_timeout = timeout(m_params.read_timeout_s);
  const unsigned int write_timeout = timeout(m_params.write_timeout_s);
  const my_bool reconnect = 0;
  const unsigned int no_local_infile = 0;
  mysql_optionsv(h, MYSQL_OPT_CONNECT_TIMEOUT, &connect_timeout);
  if (read_timeout > 0) {
    mysql_optionsv(h, MYSQL_OPT_READ_TIMEOUT, &read_timeout);
  }
  if (write_timeout > 0) {
    mysql_optionsv(h, MYSQL_OPT_WRITE_TIMEOUT, &write_timeout);
  }
  mysql_optionsv(h, MYSQL_OPT_RECONNECT, &reconnect);
  mysql_optionsv(h, MYSQL_OPT_LOCAL_INFILE, &no_local_infile);
  mysql_optionsv(h, MYSQL_SET_CHARSET_NAME, "utf8mb4");
  mysql_optionsv(h, MYSQL_OPT_CONNECT_ATTR_ADD, "program_name", m_params.program_name.c_str());
}

void Connection::connect() {
  const bool use_socket = !m_params.socket.empty();
  const char* host = use_socket ? "localhost" : m_params.host.c_str();
  const char* db = m_params.database.empty() ? nullptr : m_params.database.c_str();
  if (mysql_real_connect(m_mysql.get(), host, m_params.user.c_str(), m_params.password.c_str(), db,
                         use_socket ? 0 : static_cast<unsigned int>(m_params.port),
                         use_socket ? m_params.socket.c_str() : nullptr, 0) == nullptr) {
    // The statement slot names where we tried to go (never the password).
    fail("connect to " +
         (use_socket ? m_params.socket : m_params.host + ":" + std::to_string(m_params.port)) +
         " as " + m_params.user);
  }
  util::log().debug("connected to {}:{} (server {}, connection id {})", m_params.host,
                    m_params.port, server_version(), thread_id());
}

// StarRocks bounds statements with `query_timeout` (and, from 3.4, DML with `insert_timeout`);
// MariaDB has neither (1193 Unknown system variable) but has `max_statement_time`, which the
// integration tests use. Each is tried on its own so that one unknown name does not block the
// others (starrocks-surface.md §"Timeouts", §10: unknown variable is 1193).
void Connection::apply_session_variables() {
  if (!m_params.time_zone.empty()) {
    apply_time_zone();
  }
  if (m_params.query_timeout_s <= 0) {
    return;
  }
  const std::string n = std::to_string(m_params.query_timeout_s);
  std::vector<std::string> statements = {"SET query_timeout = " + n, "SET insert_timeout = " + n};
  if (server_version().find("MariaDB") != std::string::npos) {
    statements.push_back("SET max_statement_time = " + n);
  }
  for (const auto& sql : statements) {
    try {
      run(sql);
    } catch (const SqlError& e) {
      if (e.breaks_connection()) {
        throw;
      }
      if (e.error_number() == ER_UNKNOWN_SYSTEM_VARIABLE) {
        util::log().debug("session variable not supported by this server: {}", sql);
      } else {
        util::log().warn("could not set session variable ({}): {}", sql, e.what());
      }
    }
  }
}

// The copy's sessions on both clusters use the source's time_zone, so that functions of time
// (now(), from_unixtime, date_trunc on DATETIME strings) give the same values on both sides. A
// value that cannot be set is an error: silently copying under another zone would shift data.
void Connection::apply_time_zone() {
  const std::string& tz = m_params.time_zone;
  const bool plain = std::all_of(tz.begin(), tz.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '/' || c == '_' || c == '+' ||
           c == '-' || c == ':';
  });
  if (!plain) {
    throw SqlError(0, "HY000", "refusing to set an unusual time_zone value: " + tz,
                   "SET time_zone");
  }
  run("SET time_zone = '" + tz + "'");
}

void Connection::run(const std::string& sql) {
  require_usable(sql);
  util::log().debug("sql: {}", util::redact(sql));
  if (mysql_real_query(m_mysql.get(), sql.data(), sql.size()) != 0) {
    fail(sql);
  }
}

void Connection::require_usable(const std::string& sql) const {
  if (m_broken) {
    throw SqlError(CR_SERVER_GONE_ERROR, "HY000",
                   "the connection was closed after an earlier connection error or an "
                   "early-stopped stream",
                   sql);
  }
}

void Connection::fail(const std::string& sql) {
  MYSQL* h = m_mysql.get();
  SqlError error(static_cast<int>(mysql_errno(h)), mysql_sqlstate(h), mysql_error(h), sql);
  m_broken = m_broken || error.breaks_connection();
  throw error;
}

// Shuts the socket down under an unread result: the drain in mysql_free_result then ends at
// once, and the server's next write fails, which ends the statement on its side (MariaDB and the
// StarRocks FE abort a query whose client is gone). The connection is broken from here on.
void Connection::close_mid_result() noexcept {
  m_broken = true;
  const auto fd = mysql_get_socket(m_mysql.get());
  if (fd >= 0) {
    ::shutdown(fd, SHUT_RDWR);
  }
}

ResultSet Connection::query(const std::string& sql) {
  run(sql);
  ResultPtr res(mysql_store_result(m_mysql.get()));
  ResultSet out;
  if (!res) {
    if (mysql_field_count(m_mysql.get()) != 0) {
      fail(sql); // a result was expected but could not be read
    }
    return out;
  }
  out.columns = column_names(res.get());
  out.rows.reserve(mysql_num_rows(res.get()));
  while (MYSQL_ROW row = mysql_fetch_row(res.get())) {
    out.rows.push_back(row_values(res.get(), row));
  }
  return out;
}

ExecResult Connection::execute(const std::string& sql) {
  run(sql);
  // A statement that unexpectedly returns rows: read and drop them to keep the protocol in sync.
  ResultPtr res(mysql_store_result(m_mysql.get()));
  if (!res && mysql_field_count(m_mysql.get()) != 0) {
    fail(sql);
  }
  ExecResult out;
  const auto affected = mysql_affected_rows(m_mysql.get());
  out.affected_rows = affected == static_cast<my_ulonglong>(-1) ? 0 : affected;
  if (const char* info = mysql_info(m_mysql.get())) {
    out.info = info;
  }
  return out;
}

std::uint64_t Connection::stream(const std::string& sql, const RowCallback& on_row) {
  run(sql);
  ResultPtr res(mysql_use_result(m_mysql.get()));
  if (!res) {
    if (mysql_field_count(m_mysql.get()) != 0) {
      fail(sql);
    }
    return 0;
  }
  const auto columns = column_names(res.get());
  std::uint64_t count = 0;
  while (MYSQL_ROW row = mysql_fetch_row(res.get())) {
    ++count;
    bool go_on = false;
    try {
      go_on = on_row(columns, row_values(res.get(), row));
    } catch (...) {
      close_mid_result(); // as for an early stop: do not read the rest to free the result
      throw;
    }
    if (!go_on) {
      // Draining the rest (what mysql_free_result does) could read millions of rows.
      util::log().debug("stream stopped after {} rows: closing the connection", count);
      close_mid_result();
      return count;
    }
  }
  // mysql_fetch_row returns null both at the end and on error (lost connection mid-stream).
  if (mysql_errno(m_mysql.get()) != 0) {
    fail(sql);
  }
  return count;
}

void Connection::ping() {
  require_usable("ping");
  if (mysql_ping(m_mysql.get()) != 0) {
    fail("ping");
  }
}

std::string Connection::server_version() const {
  const char* v = mysql_get_server_info(m_mysql.get());
  return v != nullptr ? v : "";
}

unsigned long Connection::thread_id() const {
  return mysql_thread_id(m_mysql.get());
}

std::vector<Row> fetch_all(const ConnectionParams& params, const std::string& sql) {
  Connection connection(params);
  return connection.query(sql).to_rows();
}

} // namespace exl::db
