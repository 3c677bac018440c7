#include "cluster_link.hpp"

#include "exlschema/config/password_cipher.hpp"

#include <algorithm>
#include <stdexcept>

namespace scs_standin {

std::string quote_ident(const std::string& name) {
  std::string out = "`";
  for (char c : name) {
    out += c == '`' ? std::string("``") : std::string(1, c);
  }
  return out + "`";
}

std::string quote_string(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    switch (c) {
    case '\'':
      out += "\\'";
      break;
    case '\\':
      out += "\\\\";
      break;
    case '\0':
      out += "\\0";
      break;
    case '\n':
      out += "\\n";
      break;
    case '\r':
      out += "\\r";
      break;
    default:
      out += c;
    }
  }
  return out + "'";
}

std::string table_ref(const std::string& db, const std::string& table) {
  return quote_ident(db) + "." + quote_ident(table);
}

ClusterLink::ClusterLink(std::string side, const ClusterProperties& props,
                         const std::map<std::string, std::string>& hosts)
    : m_side(std::move(side)) {
  m_params.host = props.fe_host;
  auto mapped = hosts.find(m_side + "_" + props.fe_host);
  if (mapped != hosts.end()) {
    m_params.host = mapped->second;
    m_mapped = true;
  }
  m_params.port = props.fe_query_port;
  m_params.user = props.user;
  m_params.password = props.password;
  if (!props.password_secret_key.empty() && !props.password.empty()) {
    auto plain = exl::config::mysql_aes_decrypt_base64(props.password, props.password_secret_key);
    if (!plain) {
      throw std::runtime_error(m_side == "SOURCE" ? "cannot decrypt source_cluster_password with "
                                                    "source_cluster_password_secret_key"
                                                  : "cannot decrypt target_cluster_password with "
                                                    "target_cluster_password_secret_key");
    }
    m_params.password = *plain;
  }
  m_params.program_name = "scs_standin";
  m_params.connect_timeout_s = 10;
  m_params.read_timeout_s = 600;
  m_params.write_timeout_s = 600;
  m_params.query_timeout_s = 0; // the servers' own defaults
}

std::string ClusterLink::address() const {
  return m_params.host + ":" + std::to_string(m_params.port);
}

exl::db::Connection& ClusterLink::conn() {
  if (m_conn && m_conn->broken()) {
    m_conn.reset();
  }
  if (!m_conn) {
    m_conn = std::make_unique<exl::db::Connection>(m_params);
  }
  return *m_conn;
}

std::vector<std::string> ClusterLink::databases() {
  std::vector<std::string> out;
  for (const auto& row : conn().query("SHOW DATABASES").rows) {
    out.push_back(row.at(0).value_or(""));
  }
  return out;
}

std::vector<std::string> ClusterLink::base_tables(const std::string& db) {
  exl::db::ResultSet rs = conn().query("SHOW FULL TABLES FROM " + quote_ident(db));
  std::vector<std::string> out;
  for (std::size_t i = 0; i < rs.rows.size(); ++i) {
    // Views and materialized views are listed as VIEW (starrocks-surface.md §13.14).
    if (rs.value(i, "Table_type").value_or("") == "BASE TABLE") {
      out.push_back(rs.rows[i].at(0).value_or(""));
    }
  }
  return out;
}

std::vector<PartitionInfo> ClusterLink::partitions(const std::string& db,
                                                   const std::string& table) {
  exl::db::ResultSet rs = conn().query("SHOW PARTITIONS FROM " + table_ref(db, table));
  std::vector<PartitionInfo> out;
  for (std::size_t i = 0; i < rs.rows.size(); ++i) {
    PartitionInfo p;
    p.name = rs.value(i, "PartitionName").value_or("");
    p.visible_version = std::stoll(rs.value(i, "VisibleVersion").value_or("0"));
    p.layout = rs.value(i, "Range").value_or("") + "|" + rs.value(i, "List").value_or("") + "|" +
               rs.value(i, "DistributionKey").value_or("");
    out.push_back(std::move(p));
  }
  return out;
}

std::string ClusterLink::show_create_table(const std::string& db, const std::string& table) {
  exl::db::ResultSet rs = conn().query("SHOW CREATE TABLE " + table_ref(db, table));
  if (rs.rows.empty()) {
    throw std::runtime_error("SHOW CREATE TABLE " + db + "." + table + " returned no row");
  }
  return rs.value(0, "Create Table").value_or(rs.rows[0].back().value_or(""));
}

std::string ClusterLink::schema_of(const std::string& db, const std::string& table) {
  exl::db::ResultSet rs = conn().query("DESC " + table_ref(db, table));
  std::string out;
  for (std::size_t i = 0; i < rs.rows.size(); ++i) {
    for (const char* col : {"Field", "Type", "Null", "Key"}) {
      out += rs.value(i, col).value_or("NULL") + "\t";
    }
    out += "\n";
  }
  return out;
}

std::optional<std::string> ClusterLink::fe_config(const std::string& key) {
  exl::db::ResultSet rs = conn().query("ADMIN SHOW FRONTEND CONFIG LIKE " + quote_string(key));
  for (std::size_t i = 0; i < rs.rows.size(); ++i) {
    if (rs.value(i, "Key").value_or("") == key) {
      return rs.value(i, "Value");
    }
  }
  return std::nullopt;
}

double ClusterLink::max_disk_used_pct() {
  exl::db::ResultSet rs = conn().query("SHOW BACKENDS");
  double fullest = 0;
  for (std::size_t i = 0; i < rs.rows.size(); ++i) {
    std::string text = rs.value(i, "MaxDiskUsedPct").value_or("0");
    fullest = std::max(fullest, std::stod(text)); // `44.72 %`: stod stops at the space
  }
  return fullest;
}

std::string ClusterLink::version() {
  exl::db::ResultSet rs = conn().query("SELECT current_version()");
  std::string text = rs.rows.empty() ? "" : rs.rows[0].at(0).value_or("");
  return text.substr(0, text.find(' '));
}

} // namespace scs_standin
