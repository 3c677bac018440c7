// information_schema.loads (v3.1+) from the INSERT jobs srsim records (load_records.hpp). Both
// column layouts are produced; virtual_tables.cpp keeps the release's own
// (info_schema_catalog.cpp). Values follow InsertLoadJob / LoadJob.toThrift for an INSERT: TYPE
// INSERT, PRIORITY NORMAL, PROGRESS "ETL:100%; LOAD:<progress>%" (0 while LOADING, 100 when
// FINISHED) or "ETL:N/A; LOAD:N/A" when CANCELLED, TASK_INFO "resource:N/A; timeout(s):N;
// max_filter_ratio:0.0", no finish time while LOADING; JOB_DETAILS / RUNTIME_DETAILS and
// PROPERTIES carry only what srsim knows (docs/srsim-engine.md).

#include "handlers.hpp"
#include "load_records.hpp"

namespace srsim::engine {

namespace {

std::optional<std::string> load_text(const std::string& v) {
  return v;
}

std::optional<std::string> num(std::int64_t v) {
  return std::to_string(v);
}

} // namespace

std::string load_progress(const std::string& state) {
  // LoadJob.getShowInfo / toThrift: CANCELLED -> "ETL:N/A; LOAD:N/A", otherwise (LOADING,
  // FINISHED) "ETL:100%; LOAD:<progress>%"; srsim reports no progress while running.
  if (state == "CANCELLED") {
    return "ETL:N/A; LOAD:N/A";
  }
  return state == "FINISHED" ? "ETL:100%; LOAD:100%" : "ETL:100%; LOAD:0%";
}

ResultSet info_schema_loads(Ctx& ctx) {
  ResultSet rs{{"ID",
                "JOB_ID",
                "LABEL",
                "PROFILE_ID",
                "DATABASE_NAME",
                "DB_NAME",
                "TABLE_NAME",
                "USER",
                "WAREHOUSE",
                "STATE",
                "PROGRESS",
                "TYPE",
                "PRIORITY",
                "SCAN_ROWS",
                "SCAN_BYTES",
                "FILTERED_ROWS",
                "UNSELECTED_ROWS",
                "SINK_ROWS",
                "ETL_INFO",
                "TASK_INFO",
                "RUNTIME_DETAILS",
                "JOB_DETAILS",
                "CREATE_TIME",
                "ETL_START_TIME",
                "ETL_FINISH_TIME",
                "LOAD_START_TIME",
                "LOAD_COMMIT_TIME",
                "LOAD_FINISH_TIME",
                "PROPERTIES",
                "ERROR_MSG",
                "TRACKING_URL",
                "TRACKING_SQL",
                "REJECTED_RECORD_PATH"},
               {}};
  for (const LoadRecord& r : load_records(ctx.conn)) {
    if (ctx.session.allowed && !ctx.session.allowed("SELECT", r.db)) {
      continue;
    }
    const bool done = r.state == "FINISHED";
    const bool running = r.state == "LOADING";
    std::string details = "{\"InternalTableLoadRows\":" + std::to_string(r.sink_rows) +
                          ",\"ScanRows\":" + std::to_string(r.scan_rows) + "}";
    std::string created = format_time(r.create_time);
    std::string finished = format_time(r.finish_time);
    rs.rows.push_back(
        {num(r.id),
         num(r.id),
         load_text(r.label),
         load_text(""),
         load_text(r.db),
         load_text(r.db),
         load_text(r.table),
         load_text(r.user),
         load_text("default_warehouse"),
         load_text(r.state),
         load_text(load_progress(r.state)),
         load_text("INSERT"),
         load_text("NORMAL"),
         num(r.scan_rows),
         num(0),
         num(r.filtered_rows),
         num(0),
         num(r.sink_rows),
         load_text(""),
         load_text("resource:N/A; timeout(s):" + std::to_string(r.timeout_s) +
                   "; max_filter_ratio:0.0"),
         load_text(details),
         load_text(details),
         load_text(created),
         load_text(created),
         load_text(created),
         load_text(created),
         done ? load_text(finished) : std::nullopt,
         running ? std::nullopt : load_text(finished),
         load_text("{\"timeout\":" + std::to_string(r.timeout_s) + ",\"max_filter_ratio\":0.0}"),
         done ? std::nullopt : load_text(r.error_msg),
         load_text(""),
         load_text(""),
         load_text("")});
  }
  return rs;
}

} // namespace srsim::engine
