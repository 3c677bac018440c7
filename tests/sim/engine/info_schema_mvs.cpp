// information_schema.materialized_views from srsim's MVs (ShowMaterializedViewStatus fields; the
// release's columns are picked by virtual_tables.cpp from info_schema_catalog.cpp).
//
// What srsim knows: id, database, name, refresh type, the DDL StarRocks prints (the `text` of
// SHOW MATERIALIZED VIEWS is getMaterializedViewDdlStmt(true), srsim's mv_ddl), row count (the
// lagging statistics), and the time of the last (creation or REFRESH) fill. An srsim MV is always
// active, unpartitioned (PartitionType UNPARTITIONED) and its last refresh succeeded (srsim fills
// it synchronously). Its refresh task is named as TaskBuilder.getMvTaskName names it, `mv-<id>`;
// srsim keeps no such task, so TASK_ID is the MV's id and the refresh details are the values of
// a successful non-forced refresh (docs/srsim-engine.md, known differences).

#include "handlers.hpp"
#include "show_create.hpp"

namespace srsim::engine {

namespace {

std::optional<std::string> mv_text(const std::string& v) {
  return v;
}

// The RefreshType word of the MV's REFRESH clause (ASYNC, MANUAL, INCREMENTAL; DEFERRED and
// IMMEDIATE are the moment, START/EVERY the schedule); MANUAL when the clause is absent.
std::string refresh_type(const std::string& clause) {
  std::string lower = to_lower(clause);
  for (const char* type : {"async", "incremental", "manual"}) {
    if (lower.find(type) != std::string::npos) {
      return to_upper(type);
    }
  }
  return "MANUAL";
}

std::vector<TableModel> mvs_of(Ctx& ctx, const std::string& only_db) {
  std::vector<std::string> dbs;
  if (!only_db.empty()) {
    dbs.push_back(only_db);
  } else {
    ResultSet rs = ctx.conn.query("SELECT DISTINCT db FROM `__srsim`.objects ORDER BY db");
    for (const auto& row : rs.rows) {
      dbs.push_back(row[0].value_or(""));
    }
  }
  std::vector<TableModel> out;
  for (const std::string& db : dbs) {
    if (ctx.session.allowed && !ctx.session.allowed("SELECT", db)) {
      continue;
    }
    for (TableModel& m : ctx.state.store.load_db(ctx.conn, db)) {
      if (m.kind == "MV") {
        out.push_back(std::move(m));
      }
    }
  }
  return out;
}

} // namespace

ResultSet info_schema_materialized_views(Ctx& ctx, const std::string& only_db) {
  ResultSet rs{{"MATERIALIZED_VIEW_ID",
                "TABLE_SCHEMA",
                "TABLE_NAME",
                "REFRESH_TYPE",
                "IS_ACTIVE",
                "INACTIVE_REASON",
                "PARTITION_TYPE",
                "TASK_ID",
                "TASK_NAME",
                "LAST_REFRESH_START_TIME",
                "LAST_REFRESH_FINISHED_TIME",
                "LAST_REFRESH_DURATION",
                "LAST_REFRESH_STATE",
                "LAST_REFRESH_FORCE_REFRESH",
                "LAST_REFRESH_START_PARTITION",
                "LAST_REFRESH_END_PARTITION",
                "LAST_REFRESH_BASE_REFRESH_PARTITIONS",
                "LAST_REFRESH_MV_REFRESH_PARTITIONS",
                "LAST_REFRESH_ERROR_CODE",
                "LAST_REFRESH_ERROR_MESSAGE",
                "TABLE_ROWS",
                "MATERIALIZED_VIEW_DEFINITION",
                "EXTRA_MESSAGE",
                "QUERY_REWRITE_STATUS",
                "CREATOR",
                "LAST_REFRESH_PROCESS_TIME",
                "LAST_REFRESH_JOB_ID"},
               {}};
  // The 3.3-era MaterializedViewsSystemTable.evaluate sets params.db to the session's database
  // unless TABLE_SCHEMA = '..' names one; older releases list every database's MVs.
  std::string db = only_db;
  if (db.empty() && ctx.version().at_least(3, 3)) {
    if (ctx.session.current_db.empty()) {
      return rs;
    }
    db = ctx.session.current_db;
  }
  for (const TableModel& m : mvs_of(ctx, db)) {
    std::int64_t rows = 0;
    for (const auto& [name, s] : table_stats(ctx, m)) {
      rows += s.rows;
    }
    std::int64_t filled =
        m.partition.partitions.empty() ? m.create_time : m.partition.partitions[0].version_time;
    std::string id = std::to_string(m.id);
    std::string when = format_time(filled);
    rs.rows.push_back({mv_text(id),
                       mv_text(m.db),
                       mv_text(m.name),
                       mv_text(refresh_type(m.refresh)),
                       mv_text("true"),
                       mv_text(""),
                       mv_text("UNPARTITIONED"),
                       mv_text(id),
                       mv_text("mv-" + id),
                       mv_text(when),
                       mv_text(when),
                       mv_text("0"),
                       mv_text("SUCCESS"),
                       mv_text("false"),
                       mv_text(""),
                       mv_text(""),
                       mv_text(""),
                       mv_text(""),
                       mv_text("0"),
                       mv_text(""),
                       mv_text(std::to_string(rows)),
                       mv_text(mv_ddl(m, ctx.version())),
                       mv_text(""),
                       mv_text(""),
                       mv_text(""),
                       mv_text(when),
                       mv_text("")});
  }
  return rs;
}

} // namespace srsim::engine
