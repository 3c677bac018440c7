#include "exlschema/commands/clean_command.hpp"

#include "exlschema/db/pool.hpp"
#include "exlschema/db/sql_error.hpp"
#include "exlschema/modes/cluster_facts.hpp"
#include "exlschema/modes/gate.hpp"
#include "exlschema/modes/source_catalog.hpp"
#include "exlschema/starrocks/catalog_sql.hpp"
#include "exlschema/starrocks/names.hpp"
#include "exlschema/starrocks/object_sql.hpp"
#include "exlschema/starrocks/partition_sql.hpp"
#include "exlschema/starrocks/task_sql.hpp"
#include "exlschema/util/redact.hpp"

namespace exl::commands {
namespace {

using modes::Side;
using modes::Statement;

bool temporary(const std::string& name) {
  return name.rfind(starrocks::temp_name_prefix(), 0) == 0;
}

std::vector<std::string> first_column(const db::ResultSet& rs) {
  std::vector<std::string> out;
  for (const auto& row : rs.rows) {
    if (!row.empty() && row[0]) {
      out.push_back(*row[0]);
    }
  }
  return out;
}

// Tasks first (one may be writing into a temporary table), then tables and views, then catalogs.
std::vector<Statement> leftovers(modes::Gate& gate, const starrocks::Version& version,
                                 bool source_catalogs) {
  std::vector<Statement> drops;
  const std::string prefix = starrocks::temp_name_prefix();
  for (const auto& task :
       first_column(gate.read(Side::Target, starrocks::build_list_tasks(prefix)))) {
    if (temporary(task)) {
      drops.push_back({Side::Target, starrocks::build_drop_task(task, version), {}, false});
    }
  }
  const db::ResultSet tables = gate.read(Side::Target, starrocks::build_list_tables_like(prefix));
  for (std::size_t i = 0; i < tables.rows.size(); ++i) {
    const std::string db = tables.value(i, "TABLE_SCHEMA").value_or("");
    const std::string name = tables.value(i, "TABLE_NAME").value_or("");
    if (!temporary(name)) {
      continue;
    }
    const starrocks::TableRef ref{{}, db, name};
    const bool view = tables.value(i, "TABLE_TYPE").value_or("") == "VIEW";
    drops.push_back({Side::Target,
                     view ? starrocks::build_drop_view(ref) : starrocks::build_drop_table(ref),
                     {},
                     true});
  }
  const auto catalogs =
      first_column(gate.read(Side::Target, starrocks::build_show_catalogs(version, prefix)));
  for (const auto& catalog : starrocks::catalogs_with_prefix(catalogs, prefix)) {
    drops.push_back({Side::Target, starrocks::build_drop_catalog(catalog, version), {}, true});
  }
  if (source_catalogs) {
    const std::string kept = modes::source_catalog_prefix();
    const auto all =
        first_column(gate.read(Side::Target, starrocks::build_show_catalogs(version, kept)));
    for (const auto& catalog : starrocks::catalogs_with_prefix(all, kept)) {
      drops.push_back({Side::Target, starrocks::build_drop_catalog(catalog, version), {}, true});
    }
  }
  return drops;
}

// A DROP TASK of a task that is already gone is not a failure.
bool drop(modes::Gate& gate, const Statement& statement, std::ostream& out) {
  try {
    gate.mutate(statement);
    out << "  dropped: " << util::redact(statement.sql) << "\n";
    return true;
  } catch (const db::SqlError& e) {
    if (starrocks::task_missing_error(e.what())) {
      return true;
    }
    out << "  FAILED: " << util::redact(statement.sql) << ": " << util::redact(e.what()) << "\n";
    return false;
  }
}

bool clean_cluster(const config::ClusterSettings& cluster, const CleanRequest& request,
                   std::ostream& out) {
  const modes::ClusterFacts facts = modes::read_cluster_facts(cluster.alias, cluster.connection);
  db::Pool pool(cluster.connection, 1, cluster.alias);
  modes::Gate gate(nullptr, pool, request.execute, runner::RetryPolicy{}, request.cancel);
  const std::vector<Statement> drops = leftovers(gate, facts.version, request.catalogs);
  out << cluster.alias << ": " << drops.size() << " temporary object(s) left by exlSchema runs\n";
  bool ok = true;
  for (const Statement& statement : drops) {
    if (request.execute) {
      ok = drop(gate, statement, out) && ok;
    } else {
      out << "  " << util::redact(statement.sql) << "\n";
    }
  }
  if (!request.execute && !drops.empty()) {
    out << "  (nothing was dropped; add -r to drop them)\n";
  }
  return ok;
}

} // namespace

int run_clean(const CleanRequest& request, std::ostream& out) {
  bool ok = true;
  for (const config::ClusterSettings& cluster : request.clusters) {
    try {
      ok = clean_cluster(cluster, request, out) && ok;
    } catch (const std::exception& e) {
      out << cluster.alias << ": cannot be cleaned: " << util::redact(e.what()) << "\n";
      ok = false;
    }
  }
  ok = clean_storage(request, out) && ok;
  return ok ? 0 : 1;
}

} // namespace exl::commands
