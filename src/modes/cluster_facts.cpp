#include "exlschema/modes/cluster_facts.hpp"

#include "exlschema/db/connection.hpp"
#include "exlschema/db/sql_error.hpp"
#include "exlschema/starrocks/cluster_info.hpp"
#include "exlschema/starrocks/cluster_info_sql.hpp"
#include "exlschema/starrocks/partition_sql.hpp"
#include "exlschema/starrocks/session_sql.hpp"
#include "exlschema/util/log.hpp"

namespace exl::modes {
namespace {

std::optional<std::string> variable(db::Connection& c, std::string_view name) {
  const db::ResultSet rs = c.query(starrocks::build_show_variable(name));
  return starrocks::variable_value(rs.columns, rs.rows, name);
}

// `run_mode` is an FE configuration item (shared_data / shared_nothing, reference §12); reading
// it needs the OPERATE privilege. Without it the cluster is taken as shared-nothing, which only
// decides whether shared-data-only table properties are kept.
bool read_shared_data(db::Connection& c, const std::string& alias) {
  try {
    const db::ResultSet rs =
        c.query(starrocks::build_show_frontend_config(starrocks::k_run_mode_config));
    return starrocks::parse_frontend_config_value(rs.columns, rs.rows, starrocks::k_run_mode_config)
               .value_or("") == "shared_data";
  } catch (const db::SqlError& e) {
    if (e.breaks_connection()) {
      throw;
    }
    util::log().warn("{}: cannot read run_mode ({}); taking the cluster as shared-nothing", alias,
                     e.what());
    return false;
  }
}

} // namespace

ClusterFacts read_cluster_facts(const std::string& alias, const db::ConnectionParams& params) {
  db::ConnectionParams quick = params;
  quick.query_timeout_s = 0;
  quick.time_zone.clear();
  db::Connection c(quick);
  ClusterFacts facts;
  facts.alias = alias;
  const db::ResultSet version = c.query(starrocks::build_current_version());
  if (version.rows.empty() || version.rows[0].empty() || !version.rows[0][0]) {
    throw db::SqlError(0, "HY000", "current_version() returned nothing",
                       starrocks::build_current_version());
  }
  facts.version_text = *version.rows[0][0];
  facts.version = starrocks::parse_version(facts.version_text);
  facts.time_zone = variable(c, "time_zone").value_or("");
  facts.shared_data = read_shared_data(c, alias);
  util::log().debug("{}: StarRocks {}, {}, time_zone {}", alias, facts.version_text,
                    facts.shared_data ? "shared-data" : "shared-nothing", facts.time_zone);
  return facts;
}

} // namespace exl::modes
