#include "check_probe.hpp"

#include "exlschema/db/connection.hpp"
#include "exlschema/db/sql_error.hpp"
#include "exlschema/starrocks/cluster_info_sql.hpp"
#include "exlschema/starrocks/partition_sql.hpp"
#include "exlschema/util/log.hpp"

#include <algorithm>

namespace exl::commands {
namespace {

ReadFailure failure_of(const std::string& statement, const db::SqlError& e) {
  return {statement, e.error_number(), e.message(), e.is_access_denied()};
}

// Runs one read at a time on the cluster's session; a failure is recorded and answered with
// nullopt. Once the session is broken the remaining reads are not attempted (the first failure
// already says why).
class Reader {
public:
  Reader(db::Connection& connection, CheckedCluster& out) : m_connection(connection), m_out(out) {}

  std::optional<db::ResultSet> read(const std::string& sql) {
    if (m_connection.broken()) {
      return std::nullopt;
    }
    try {
      return m_connection.query(sql);
    } catch (const db::SqlError& e) {
      m_out.failures.push_back(failure_of(sql, e));
      return std::nullopt;
    }
  }

  // The first cell of `sql`'s first row.
  std::optional<std::string> scalar(const std::string& sql) {
    const auto rs = read(sql);
    if (!rs || rs->empty() || rs->rows[0].empty() || !rs->rows[0][0]) {
      return std::nullopt;
    }
    return rs->rows[0][0];
  }

  // The Value of FE configuration item `key`: "" when the FE has no such item, nullopt when the
  // statement failed.
  std::optional<std::string> frontend_config(std::string_view key) {
    const auto rs = read(starrocks::build_show_frontend_config(key));
    if (!rs) {
      return std::nullopt;
    }
    return starrocks::parse_frontend_config_value(rs->columns, rs->rows, key).value_or("");
  }

private:
  db::Connection& m_connection;
  CheckedCluster& m_out;
};

void read_identity(Reader& reader, CheckedCluster& out) {
  if (const auto version = reader.scalar(starrocks::build_current_version())) {
    out.version_text = *version;
    out.version = starrocks::parse_version(*version);
  }
  out.current_user = reader.scalar(starrocks::build_current_user()).value_or("");
  if (const auto rs = reader.read(starrocks::build_show_grants())) {
    out.grants = starrocks::parse_show_grants(rs->columns, rs->rows);
  }
}

void read_nodes(Reader& reader, CheckedCluster& out) {
  // run_mode exists from v3.0; an FE without it is shared-nothing.
  if (const auto run_mode = reader.frontend_config(starrocks::k_run_mode_config)) {
    out.shared_data = starrocks::is_shared_data_run_mode(*run_mode);
  }
  const bool shared = out.shared_data.value_or(false);
  const auto kind = shared ? starrocks::NodeKind::ComputeNode : starrocks::NodeKind::Backend;
  if (const auto rs = reader.read(shared ? starrocks::build_show_compute_nodes()
                                         : starrocks::build_show_backends())) {
    out.backends = starrocks::parse_nodes(kind, rs->columns, rs->rows);
  }
  if (const auto rs = reader.read(starrocks::build_show_frontends())) {
    out.frontends = starrocks::parse_nodes(starrocks::NodeKind::Frontend, rs->columns, rs->rows);
  }
}

} // namespace

CheckedCluster probe_cluster(const config::ClusterSettings& cluster, ClusterRole role) {
  CheckedCluster out;
  out.alias = cluster.alias;
  out.role = role;
  out.address = cluster.connection.host + ":" + std::to_string(cluster.connection.port);
  out.login = cluster.connection.user;
  std::optional<db::Connection> connection;
  try {
    connection.emplace(cluster.connection);
  } catch (const db::SqlError& e) {
    out.connect_failure = failure_of("connect", e);
    return out;
  }
  Reader reader(*connection, out);
  read_identity(reader, out);
  read_nodes(reader, out);
  if (role == ClusterRole::Target) {
    out.legacy_replication = reader.frontend_config(starrocks::k_legacy_replication_config);
  }
  util::log().debug("check {}: {} failed read(s)", out.alias, out.failures.size());
  return out;
}

} // namespace exl::commands
