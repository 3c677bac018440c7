#include "backend.hpp"

#include "float_text.hpp"

namespace srsim::engine {

namespace {
struct ResultFree {
  void operator()(MYSQL_RES* res) const { mysql_free_result(res); }
};
} // namespace

Backend::Backend(const StorageConfig& storage, const std::string& database,
                 unsigned long max_packet)
    : m_handle(mysql_init(nullptr)) {
  if (!m_handle) {
    throw BackendError(2008, "mysql_init failed");
  }
  unsigned int timeout = 10;
  mysql_optionsv(m_handle.get(), MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
  if (max_packet > 0) {
    mysql_optionsv(m_handle.get(), MYSQL_OPT_MAX_ALLOWED_PACKET, &max_packet);
  }
  mysql_optionsv(m_handle.get(), MYSQL_SET_CHARSET_NAME, "utf8mb4");
  const char* socket = storage.socket.empty() ? nullptr : storage.socket.c_str();
  const char* host = socket ? "localhost" : storage.host.c_str();
  if (!mysql_real_connect(m_handle.get(), host, storage.user.c_str(), storage.password.c_str(),
                          database.empty() ? nullptr : database.c_str(),
                          static_cast<unsigned>(storage.port), socket, 0)) {
    throw BackendError(mysql_errno(m_handle.get()), mysql_error(m_handle.get()));
  }
  exec(std::string("SET collation_connection = ") + k_collation); // literals compare as columns
}

void Backend::fail(const std::string& sql) const {
  (void)sql;
  throw BackendError(mysql_errno(m_handle.get()), mysql_error(m_handle.get()));
}

std::uint64_t Backend::exec(const std::string& sql) {
  if (mysql_real_query(m_handle.get(), sql.data(), sql.size()) != 0) {
    fail(sql);
  }
  std::unique_ptr<MYSQL_RES, ResultFree> res(mysql_store_result(m_handle.get()));
  return mysql_affected_rows(m_handle.get());
}

std::string Backend::info() const {
  const char* text = mysql_info(m_handle.get());
  return text ? std::string(text) : std::string();
}

ResultSet Backend::query(const std::string& sql) {
  if (mysql_real_query(m_handle.get(), sql.data(), sql.size()) != 0) {
    fail(sql);
  }
  std::unique_ptr<MYSQL_RES, ResultFree> res(mysql_store_result(m_handle.get()));
  ResultSet out;
  if (!res) {
    if (mysql_field_count(m_handle.get()) != 0) {
      fail(sql);
    }
    return out;
  }
  unsigned n = mysql_num_fields(res.get());
  MYSQL_FIELD* fields = mysql_fetch_fields(res.get());
  bool has_float = false;
  for (unsigned i = 0; i < n; ++i) {
    out.columns.emplace_back(fields[i].name);
    has_float = has_float || fields[i].type == MYSQL_TYPE_FLOAT;
  }
  if (has_float) {
    // MariaDB's text of a FLOAT keeps six significant digits: the statement again, through the
    // binary protocol, which carries the float itself.
    res.reset();
    return query_binary(sql);
  }
  while (MYSQL_ROW row = mysql_fetch_row(res.get())) {
    unsigned long* lengths = mysql_fetch_lengths(res.get());
    Row values;
    for (unsigned i = 0; i < n; ++i) {
      if (!row[i]) {
        values.emplace_back(std::nullopt);
      } else if (fields[i].type == MYSQL_TYPE_DOUBLE) {
        std::string text(row[i], lengths[i]);
        values.emplace_back(restyle_double_text(text).value_or(text));
      } else {
        values.emplace_back(std::string(row[i], lengths[i]));
      }
    }
    out.rows.push_back(std::move(values));
  }
  return out;
}

std::optional<std::string> Backend::scalar(const std::string& sql) {
  ResultSet rs = query(sql);
  if (rs.rows.empty() || rs.rows[0].empty()) {
    return std::nullopt;
  }
  return rs.rows[0][0];
}

bool Backend::alive() {
  return mysql_ping(m_handle.get()) == 0;
}

unsigned long Backend::thread_id() const {
  return mysql_thread_id(m_handle.get());
}

std::string Backend::quote(const std::string& text) const {
  std::string buf(text.size() * 2 + 1, '\0');
  unsigned long n = mysql_real_escape_string(m_handle.get(), buf.data(), text.data(),
                                             static_cast<unsigned long>(text.size()));
  buf.resize(n);
  return "'" + buf + "'";
}

std::string quote_ident(const std::string& name) {
  std::string out = "`";
  for (char c : name) {
    out += c;
    if (c == '`') {
      out += '`';
    }
  }
  return out + "`";
}

std::string quote_literal(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'' || c == '\\') {
      out += '\\';
    }
    if (c == '\0') {
      out += "\\0";
      continue;
    }
    out += c;
  }
  return out + "'";
}

} // namespace srsim::engine
