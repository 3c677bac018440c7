#include "remote_storage.hpp"

#include "backend.hpp"
#include "ddl_translate.hpp"
#include "errors.hpp"

#include <openssl/evp.h>

#include <regex>

namespace srsim::engine {

namespace {

std::string short_hash(const std::string& text) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  EVP_Digest(text.data(), text.size(), md, &n, EVP_sha256(), nullptr);
  static const char* const k_hex = "0123456789abcdef";
  std::string out;
  for (unsigned i = 0; i < 6; ++i) {
    out += k_hex[md[i] >> 4];
    out += k_hex[md[i] & 15];
  }
  return out;
}

} // namespace

HostPort parse_jdbc_uri(const std::string& uri) {
  static const std::regex k_uri(R"(jdbc:(mysql|mariadb)://([^:/?]+):(\d+)(/[^?]*)?(\?.*)?)");
  std::smatch m;
  if (!std::regex_match(uri, m, k_uri)) {
    fail_analyzing("Malformed database URL, failed to parse the main URL sections");
  }
  return HostPort{m[2].str(), std::stoi(m[3].str())};
}

StorageConfig resolve_storage(const std::string& host, int port, const std::string& user,
                              const std::string& password) {
  StorageConfig direct{host, port, "", user, password};
  std::unique_ptr<Backend> conn;
  try {
    conn = std::make_unique<Backend>(direct);
  } catch (const BackendError& e) {
    fail_plain(1064, "Failed to connect to " + host + ":" + std::to_string(port) + ": " +
                         std::string(e.what()));
  }
  try {
    ResultSet rs = conn->query("ADMIN SHOW SIM STORAGE");
    if (rs.rows.size() == 1 && rs.columns.size() >= 5) {
      const Row& r = rs.rows[0];
      return StorageConfig{r[0].value_or("127.0.0.1"), std::stoi(r[1].value_or("0")), "",
                           r[3].value_or(""), r[4].value_or("")};
    }
  } catch (const BackendError&) {
    // Not a srsim: a MySQL-compatible server we read directly.
  }
  return direct;
}

StorageConfig resolve_catalog_storage(Ctx& ctx, const CatalogDef& catalog) {
  {
    std::lock_guard<std::mutex> lock(ctx.state.catalog_mutex);
    auto it = ctx.state.catalog_storage.find(catalog.name);
    if (it != ctx.state.catalog_storage.end()) {
      return it->second;
    }
  }
  HostPort hp = parse_jdbc_uri(*find_property(catalog.properties, "jdbc_uri"));
  StorageConfig s = resolve_storage(hp.host, hp.port, *find_property(catalog.properties, "user"),
                                    *find_property(catalog.properties, "password"));
  std::lock_guard<std::mutex> lock(ctx.state.catalog_mutex);
  ctx.state.catalog_storage[catalog.name] = s;
  return s;
}

namespace {

// The local name of a FederatedX table (MariaDB names hold at most 64 characters).
std::string fed_name(const std::string& name) {
  return name.size() > 64 ? name.substr(0, 50) + "_" + short_hash(name) : name;
}

// FederatedX reads the remote rows as text, and MariaDB's text of a FLOAT keeps six significant
// digits, where StarRocks's JDBC and MySQL scanners receive the float itself. A table with FLOAT
// columns is therefore read through a view on the remote server that widens each FLOAT to DOUBLE
// (exact), declared DOUBLE locally; storing it into a FLOAT column gives back the same float.
// Answers the remote "db/table" the FederatedX table reads.
std::string remote_source(Backend& remote, const ResultSet& cols, const std::string& db,
                          const std::string& table, const std::string& name) {
  bool has_float = false;
  std::string select;
  for (const auto& r : cols.rows) {
    const bool is_float = r[3] == "float";
    has_float = has_float || is_float;
    select += (select.empty() ? "" : ", ") +
              (is_float ? "CAST(" + quote_ident(*r[0]) + " AS DOUBLE) AS " + quote_ident(*r[0])
                        : quote_ident(*r[0]));
  }
  if (!has_float) {
    return db + "/" + table;
  }
  const std::string view = fed_name(name + "__exact");
  remote.exec(std::string("CREATE DATABASE IF NOT EXISTS ") + k_fed_db);
  remote.exec("CREATE OR REPLACE VIEW " + table_ref(k_fed_db, view) + " AS SELECT " + select +
              " FROM " + table_ref(db, table));
  return std::string(k_fed_db) + "/" + view;
}

} // namespace

std::string make_federated_table(Ctx& ctx, const StorageConfig& remote, const std::string& prefix,
                                 const std::string& db, const std::string& table) {
  Backend conn(remote);
  ResultSet cols = conn.query(
      "SELECT COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, DATA_TYPE FROM information_schema.COLUMNS "
      "WHERE TABLE_SCHEMA = " +
      quote_literal(db) + " AND TABLE_NAME = " + quote_literal(table) +
      // srsim's hidden LIST routing columns (list_keys.hpp) are not the table's.
      " AND EXTRA NOT LIKE '%INVISIBLE%' ORDER BY ORDINAL_POSITION");
  if (cols.rows.empty()) {
    fail_analyzing("Unknown table '" + prefix + "." + db + "." + table + "'");
  }
  std::string defs;
  for (const auto& r : cols.rows) {
    defs += (defs.empty() ? "" : ", ") + quote_ident(*r[0]) + " " +
            (r[3] == "float" ? std::string("DOUBLE") : *r[1]) +
            (r[2] == "NO" ? " NOT NULL" : " NULL");
  }
  const std::string name = prefix + "__" + db + "__" + table;
  const std::string ref = table_ref(k_fed_db, fed_name(name));
  std::string url = "mysql://" + remote.user + ":" + remote.password + "@" + remote.host + ":" +
                    std::to_string(remote.port) + "/" + remote_source(conn, cols, db, table, name);
  ctx.conn.exec("CREATE OR REPLACE TABLE " + ref + " (" + defs + ") ENGINE=FEDERATED " +
                k_table_charset + " CONNECTION=" + quote_literal(url));
  return ref;
}

} // namespace srsim::engine
