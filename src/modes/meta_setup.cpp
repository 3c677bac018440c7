#include "modes/meta_setup.hpp"

#include "exlschema/db/sql_error.hpp"
#include "exlschema/modes/run_context.hpp"
#include "exlschema/modes/target_disk.hpp"
#include "exlschema/scs/data_lists.hpp"
#include "exlschema/starrocks/cluster_info.hpp"
#include "exlschema/starrocks/cluster_info_sql.hpp"
#include "exlschema/starrocks/partition_sql.hpp"
#include "exlschema/util/errors.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace exl::modes {
namespace {

// The tool's user needs the SYSTEM-level OPERATE privilege on both clusters (docs:
// source_cluster_user / target_cluster_user); exlSchema's reads of the node lists and the FE
// configuration need it too, so their refusal says so.
[[noreturn]] void refuse_without_operate(RunContext& ctx, Side side, const db::SqlError& e) {
  const auto& cluster = side == Side::Source ? ctx.options.source : ctx.options.target;
  throw FatalError("exlSchema: -o meta: user " + cluster.connection.user + " on the " +
                   side_name(side) + " '" + cluster.alias +
                   "' lacks the SYSTEM-level OPERATE privilege starrocks-cluster-sync needs (" +
                   e.what() + "); grant it: GRANT OPERATE ON SYSTEM TO USER '" +
                   cluster.connection.user + "'; nothing was started");
}

db::ResultSet operate_read(RunContext& ctx, Side side, const std::string& sql) {
  try {
    return ctx.gate.read(side, sql);
  } catch (const db::SqlError& e) {
    if (e.is_access_denied()) {
      refuse_without_operate(ctx, side, e);
    }
    throw;
  }
}

// Migration paths of the tool's docs (administration/data_migration_tool.md): from a
// shared-nothing source (of any version) to a shared-nothing or shared-data target of v3.1.8,
// v3.2.3 or later.
void check_versions(const RunContext& ctx) {
  if (ctx.source.shared_data) {
    throw FatalError("exlSchema: -o meta: the source '" + ctx.source.alias +
                     "' is a shared-data cluster; starrocks-cluster-sync copies only from "
                     "shared-nothing clusters (use -o files or -o pipe); nothing was started");
  }
  const starrocks::Version& v = ctx.target.version;
  const bool supported =
      v.known && (v.at_least(3, 3) || (v.major == 3 && v.minor == 2 && v.patch >= 3) ||
                  (v.major == 3 && v.minor == 1 && v.patch >= 8));
  if (!supported) {
    throw FatalError(
        "exlSchema: -o meta: the target '" + ctx.target.alias + "' runs StarRocks " +
        (v.known ? fmt::format("{}.{}.{}", v.major, v.minor, v.patch) : ctx.target.version_text) +
        "; starrocks-cluster-sync needs a target of v3.1.8, v3.2.3 or later; "
        "nothing was started");
  }
}

// The tool stops once any target BE's disk is over target_cluster_max_disk_used_percent; a run
// that would stop at once is refused before anything starts.
void check_disk(RunContext& ctx) {
  // The throttle's reader (empty on a shared-data target, whose data lives in object storage);
  // a refusal names the OPERATE privilege.
  const DiskReader reader = target_disk_reader(ctx.gate, ctx.target);
  if (!reader) {
    return;
  }
  std::optional<DiskUsage> fullest;
  try {
    fullest = reader();
  } catch (const db::SqlError& e) {
    if (e.is_access_denied()) {
      refuse_without_operate(ctx, Side::Target, e);
    }
    throw;
  }
  if (fullest && fullest->pct > ctx.options.max_disk_used_pct) {
    throw FatalError(fmt::format(
        "exlSchema: -o meta: target BE {} has a data disk {:.2f}% full, above "
        "target_cluster_max_disk_used_percent {} (defaults.max_disk_used_pct): "
        "starrocks-cluster-sync would stop at once; free space or raise the limit; nothing was "
        "started",
        fullest->backend, fullest->pct, ctx.options.max_disk_used_pct));
  }
}

std::string fe_config(RunContext& ctx, std::string_view key) {
  const db::ResultSet rs =
      operate_read(ctx, Side::Target, starrocks::build_show_frontend_config(key));
  return starrocks::parse_frontend_config_value(rs.columns, rs.rows, key).value_or("");
}

FeSetting fe_setting(std::string_view key, std::string_view value, std::string_view previous,
                     std::string why) {
  return FeSetting{
      Statement{Side::Target, starrocks::build_set_frontend_config(key, value), {}, true},
      Statement{Side::Target, starrocks::build_set_frontend_config(key, previous), {}, true},
      std::move(why)};
}

void plan_fe_settings(RunContext& ctx, MetaSetup& setup) {
  const std::string legacy(starrocks::k_legacy_replication_config);
  const std::string value = fe_config(ctx, legacy);
  if (value != "true") {
    setup.fe_settings.push_back(fe_setting(
        legacy, "true", "false",
        legacy + " is " + (value.empty() ? "not set" : value) +
            " on the target; the tool needs "
            "it true: the run sets it and turns it off at the end (do not keep it in fe.conf)"));
  }
  if (ctx.target.shared_data && !ctx.target.version.at_least(3, 3, 10)) {
    const std::string key(starrocks::k_lake_compaction_config);
    const std::string compaction = fe_config(ctx, key);
    if (compaction != "0") {
      setup.fe_settings.push_back(
          fe_setting(key, "0", compaction.empty() ? "-1" : compaction,
                     "the target is shared-data below v3.3.10: compaction is turned off during the "
                     "migration (" +
                         key + " = 0, as the tool's docs require) and set back to " +
                         (compaction.empty() ? "-1" : compaction) + " at the end"));
    }
  }
}

// Every source database with its objects, for the glob entries of -t / -x.
std::map<std::string, std::vector<std::string>> source_objects(RunContext& ctx) {
  std::map<std::string, std::vector<std::string>> out;
  for (const auto& row : ctx.gate.read(Side::Source, starrocks::build_show_databases()).rows) {
    if (row.empty() || !row[0]) {
      continue;
    }
    const std::string database = *row[0];
    if (database == "information_schema" || database == "_statistics_" || database == "sys") {
      continue;
    }
    auto& objects = out[database];
    for (const auto& t :
         ctx.gate.read(Side::Source, starrocks::build_show_full_tables(database)).rows) {
      if (!t.empty() && t[0]) {
        objects.push_back(*t[0]);
      }
    }
  }
  return out;
}

scs::ClusterLogin login_of(const config::ClusterSettings& cluster) {
  return scs::ClusterLogin{cluster.connection.host, cluster.connection.port,
                           cluster.connection.user, cluster.connection.password};
}

} // namespace

MetaSetup plan_meta_setup(RunContext& ctx) {
  check_versions(ctx);
  operate_read(ctx, Side::Source, starrocks::build_show_backends());
  check_disk(ctx);
  MetaSetup setup;
  plan_fe_settings(ctx, setup);
  const config::ScsSettings& scs = ctx.options.scs;
  scs::SyncSettings& s = setup.settings;
  s.source = login_of(ctx.options.source);
  s.target = login_of(ctx.options.target);
  s.secret_key = scs.secret_key;
  s.source_token = scs.source_token;
  const scs::DataLists lists =
      scs::data_lists(ctx.options.tables, ctx.options.excludes, source_objects(ctx));
  s.include = lists.include;
  s.exclude = lists.exclude;
  s.one_time = ctx.options.once;
  s.replication_num = ctx.options.replication;
  s.max_disk_used_percent = ctx.options.max_disk_used_pct;
  s.report_interval_s = scs.report_interval_s;
  s.allow_drops = ctx.options.recreate;
  s.tuning = scs.properties;
  if (scs.secret_key.empty()) {
    setup.notes.push_back("scs.secret_key_env is not set: the passwords are written in clear "
                          "into conf/sync.properties (mode 0600, restored at the end of the run)");
  }
  for (const FeSetting& f : setup.fe_settings) {
    setup.notes.push_back(f.why);
  }
  return setup;
}

} // namespace exl::modes
