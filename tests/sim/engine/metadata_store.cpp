#include "metadata_store.hpp"

#include "hash_functions.hpp"
#include "load_records.hpp"

#include <nlohmann/json.hpp>

namespace srsim::engine {

namespace {

const char* const k_schema[] = {
    "CREATE DATABASE IF NOT EXISTS `__srsim`",
    "CREATE DATABASE IF NOT EXISTS `__srsim_fed`",
    "CREATE DATABASE IF NOT EXISTS `_statistics_`",
    "CREATE TABLE IF NOT EXISTS `__srsim`.objects (db VARCHAR(256) NOT NULL, name VARCHAR(256) "
    "NOT NULL, kind VARCHAR(32) NOT NULL, model LONGTEXT NOT NULL, PRIMARY KEY (db, name)) "
    "ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin",
    "CREATE TABLE IF NOT EXISTS `__srsim`.labels (db VARCHAR(128) NOT NULL, label VARCHAR(512) "
    "NOT NULL, txn_id BIGINT NOT NULL, created DATETIME NOT NULL, PRIMARY KEY (db, label)) "
    "ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin",
    // load_records.hpp: INSERT jobs for information_schema.loads.
    "CREATE TABLE IF NOT EXISTS `__srsim`.load_jobs (id BIGINT NOT NULL PRIMARY KEY, db "
    "VARCHAR(128) NOT NULL, label VARCHAR(512) NOT NULL, tbl VARCHAR(256) NOT NULL, user_name "
    "VARCHAR(256) NOT NULL, state VARCHAR(16) NOT NULL, scan_rows BIGINT NOT NULL, filtered_rows "
    "BIGINT NOT NULL, sink_rows BIGINT NOT NULL, create_time BIGINT NOT NULL, finish_time BIGINT "
    "NOT NULL, timeout_s BIGINT NOT NULL, error_msg TEXT NOT NULL) ENGINE=InnoDB DEFAULT "
    "CHARSET=utf8mb4 COLLATE=utf8mb4_bin",
    "CREATE TABLE IF NOT EXISTS `__srsim`.catalogs (name VARCHAR(512) NOT NULL, comment TEXT, "
    "props LONGTEXT NOT NULL, PRIMARY KEY (name)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 "
    "COLLATE=utf8mb4_bin",
    "CREATE TABLE IF NOT EXISTS `__srsim`.partition_state (db VARCHAR(128) NOT NULL, tbl "
    "VARCHAR(256) NOT NULL, name VARCHAR(256) NOT NULL, id BIGINT NOT NULL, version BIGINT NOT "
    "NULL, version_time BIGINT NOT NULL, PRIMARY KEY (db, tbl, name)) ENGINE=InnoDB DEFAULT "
    "CHARSET=utf8mb4 COLLATE=utf8mb4_bin",
    "CREATE TABLE IF NOT EXISTS `__srsim`.counters (name VARCHAR(64) PRIMARY KEY, value BIGINT "
    "NOT NULL) ENGINE=InnoDB",
    "INSERT IGNORE INTO `__srsim`.counters VALUES ('id', 10000)",
};

} // namespace

MetadataStore::MetadataStore(const StorageConfig& storage) : m_conn(storage), m_id_conn(storage) {}

void MetadataStore::bootstrap() {
  std::lock_guard<std::mutex> lock(m_mutex);
  for (const char* sql : k_schema) {
    m_conn.exec(sql);
  }
  install_hash_functions(m_conn);
  cancel_orphaned_load_records(m_conn);
}

namespace {

std::string where_table(const std::string& db, const std::string& name) {
  return " WHERE db = " + quote_literal(db) + " AND tbl = " + quote_literal(name);
}

void overlay_state(Backend& conn, TableModel& model) {
  ResultSet rs =
      conn.query("SELECT name, id, version, version_time FROM `__srsim`.partition_state" +
                 where_table(model.db, model.name));
  std::map<std::string, const Row*> by_name;
  for (const Row& r : rs.rows) {
    by_name[*r[0]] = &r;
  }
  std::string missing;
  for (PartitionDef& p : model.partition.partitions) {
    auto it = by_name.find(p.name);
    if (it != by_name.end()) {
      p.id = std::stoll(*(*it->second)[1]);
      p.version = std::stoll(*(*it->second)[2]);
      p.version_time = std::stoll(*(*it->second)[3]);
    } else { // a model saved before partition_state existed: adopt its values
      missing += (missing.empty() ? "(" : ", (") + quote_literal(model.db) + ", " +
                 quote_literal(model.name) + ", " + quote_literal(p.name) + ", " +
                 std::to_string(p.id) + ", " + std::to_string(p.version) + ", " +
                 std::to_string(p.version_time) + ")";
    }
  }
  if (!missing.empty()) {
    conn.exec("INSERT IGNORE INTO `__srsim`.partition_state VALUES " + missing);
  }
}

} // namespace

std::optional<TableModel> MetadataStore::load(Backend& conn, const std::string& db,
                                              const std::string& name) {
  auto v = conn.scalar("SELECT model FROM `__srsim`.objects WHERE db = " + quote_literal(db) +
                       " AND name = " + quote_literal(name));
  if (!v) {
    return std::nullopt;
  }
  TableModel m = table_from_json(*v);
  overlay_state(conn, m);
  return m;
}

std::vector<TableModel> MetadataStore::load_db(Backend& conn, const std::string& db) {
  ResultSet rs = conn.query("SELECT model FROM `__srsim`.objects WHERE db = " + quote_literal(db) +
                            " ORDER BY name");
  std::vector<TableModel> out;
  for (const auto& row : rs.rows) {
    out.push_back(table_from_json(*row[0]));
    overlay_state(conn, out.back());
  }
  return out;
}

void MetadataStore::save(Backend& conn, const TableModel& model) {
  conn.exec("REPLACE INTO `__srsim`.objects VALUES (" + quote_literal(model.db) + ", " +
            quote_literal(model.name) + ", " + quote_literal(model.kind) + ", " +
            quote_literal(to_json(model)) + ")");
  std::string keep, values;
  for (const PartitionDef& p : model.partition.partitions) {
    keep += (keep.empty() ? "" : ", ") + quote_literal(p.name);
    values += (values.empty() ? "(" : ", (") + quote_literal(model.db) + ", " +
              quote_literal(model.name) + ", " + quote_literal(p.name) + ", " +
              std::to_string(p.id) + ", " + std::to_string(p.version) + ", " +
              std::to_string(p.version_time) + ")";
  }
  conn.exec("DELETE FROM `__srsim`.partition_state" + where_table(model.db, model.name) +
            (keep.empty() ? "" : " AND name NOT IN (" + keep + ")"));
  if (!values.empty()) {
    conn.exec("INSERT IGNORE INTO `__srsim`.partition_state VALUES " + values);
  }
}

void MetadataStore::set_partition_state(Backend& conn, const TableModel& model,
                                        const std::string& name, std::int64_t id,
                                        std::int64_t version) {
  conn.exec("UPDATE `__srsim`.partition_state SET id = " + std::to_string(id) +
            ", version = " + std::to_string(version) + ", version_time = UNIX_TIMESTAMP()" +
            where_table(model.db, model.name) + " AND name = " + quote_literal(name));
}

void MetadataStore::bump_versions(Backend& conn, const TableModel& model,
                                  const std::vector<std::string>& names) {
  if (names.empty()) {
    return;
  }
  std::string in;
  for (const std::string& n : names) {
    in += (in.empty() ? "" : ", ") + quote_literal(n);
  }
  conn.exec("UPDATE `__srsim`.partition_state SET version = version + 1, version_time = "
            "UNIX_TIMESTAMP()" +
            where_table(model.db, model.name) + " AND name IN (" + in + ")");
}

void MetadataStore::remove(Backend& conn, const std::string& db, const std::string& name) {
  conn.exec("DELETE FROM `__srsim`.objects WHERE db = " + quote_literal(db) +
            " AND name = " + quote_literal(name));
  conn.exec("DELETE FROM `__srsim`.partition_state" + where_table(db, name));
}

void MetadataStore::remove_db(Backend& conn, const std::string& db) {
  conn.exec("DELETE FROM `__srsim`.objects WHERE db = " + quote_literal(db));
  conn.exec("DELETE FROM `__srsim`.labels WHERE db = " + quote_literal(db));
  conn.exec("DELETE FROM `__srsim`.load_jobs WHERE db = " + quote_literal(db));
  conn.exec("DELETE FROM `__srsim`.partition_state WHERE db = " + quote_literal(db));
}

std::int64_t MetadataStore::next_id() {
  std::lock_guard<std::mutex> lock(m_id_mutex);
  m_id_conn.exec(
      "UPDATE `__srsim`.counters SET value = LAST_INSERT_ID(value + 1) WHERE name = 'id'");
  return std::stoll(m_id_conn.scalar("SELECT LAST_INSERT_ID()").value_or("0"));
}

bool MetadataStore::label_exists(Backend& conn, const std::string& db, const std::string& label) {
  return conn
      .scalar("SELECT 1 FROM `__srsim`.labels WHERE db = " + quote_literal(db) +
              " AND label = " + quote_literal(label))
      .has_value();
}

void MetadataStore::record_label(Backend& conn, const std::string& db, const std::string& label,
                                 std::int64_t txn_id) {
  conn.exec("INSERT INTO `__srsim`.labels VALUES (" + quote_literal(db) + ", " +
            quote_literal(label) + ", " + std::to_string(txn_id) + ", NOW())");
}

std::vector<CatalogDef> MetadataStore::catalogs() {
  std::lock_guard<std::mutex> lock(m_mutex);
  ResultSet rs = m_conn.query("SELECT name, comment, props FROM `__srsim`.catalogs ORDER BY name");
  std::vector<CatalogDef> out;
  for (const auto& row : rs.rows) {
    out.push_back(CatalogDef{*row[0], row[1].value_or(""), props_from_json(*row[2])});
  }
  return out;
}

std::optional<CatalogDef> MetadataStore::catalog(const std::string& name) {
  for (CatalogDef& c : catalogs()) {
    if (c.name == name) {
      return c;
    }
  }
  return std::nullopt;
}

void MetadataStore::save_catalog(const CatalogDef& def) {
  std::lock_guard<std::mutex> lock(m_mutex);
  m_conn.exec("INSERT INTO `__srsim`.catalogs VALUES (" + quote_literal(def.name) + ", " +
              quote_literal(def.comment) + ", " + quote_literal(props_to_json(def.properties)) +
              ")");
}

void MetadataStore::remove_catalog(const std::string& name) {
  std::lock_guard<std::mutex> lock(m_mutex);
  m_conn.exec("DELETE FROM `__srsim`.catalogs WHERE name = " + quote_literal(name));
}

std::string props_to_json(const Properties& props) {
  nlohmann::json j = nlohmann::json::array();
  for (const auto& [k, v] : props) {
    j.push_back({k, v});
  }
  return j.dump();
}

Properties props_from_json(const std::string& text) {
  Properties out;
  for (const auto& item : nlohmann::json::parse(text)) {
    out.emplace_back(item[0].get<std::string>(), item[1].get<std::string>());
  }
  return out;
}

} // namespace srsim::engine
