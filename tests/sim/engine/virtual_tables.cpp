#include "virtual_tables.hpp"

#include "errors.hpp"
#include "handlers.hpp"

#include <regex>

namespace srsim::engine {

namespace {

// Column SQL types by name suffix: counts/ids/sizes are numbers, *_TIME datetimes.
std::string column_type(const std::string& name) {
  static const std::regex k_numeric(
      "PARTITION_ID|COMPACT_VERSION|VISIBLE_VERSION|NEXT_VERSION|DATA_VERSION|VERSION_EPOCH|"
      "BUCKETS|REPLICATION_NUM|IS_IN_MEMORY|IS_TEMP|DATA_SIZE|ROW_COUNT|ENABLE_DATACACHE|"
      "STORAGE_SIZE|METADATA_SWITCH_VERSION|ERROR_CODE|JOB_ID|TABLE_ROWS|AVG_ROW_LENGTH|DATA_"
      "LENGTH|"
      "MAX_DATA_LENGTH|INDEX_LENGTH|DATA_FREE|AUTO_INCREMENT|VERSION|CHECKSUM|ORDINAL_POSITION");
  static const std::regex k_float("AVG_CS|P50_CS|MAX_CS");
  static const std::regex k_time(".*_TIME");
  if (std::regex_match(name, k_numeric)) {
    return "BIGINT";
  }
  if (std::regex_match(name, k_float)) {
    return "DOUBLE";
  }
  if (std::regex_match(name, k_time) && name != "VISIBLE_VERSION_TIME_TEXT") {
    return "DATETIME";
  }
  return "TEXT";
}

std::string materialise(Ctx& ctx, const std::string& name, const ResultSet& rs) {
  std::string ref = "`__srsim`.`vt_" + name + "`";
  ctx.conn.exec("DROP TEMPORARY TABLE IF EXISTS " + ref);
  std::string cols;
  for (std::size_t i = 0; i < rs.columns.size(); ++i) {
    cols += (i ? ", " : "") + quote_ident(rs.columns[i]) + " " + column_type(rs.columns[i]);
  }
  ctx.conn.exec("CREATE TEMPORARY TABLE " + ref + " (" + cols + ") ENGINE=Aria");
  for (std::size_t start = 0; start < rs.rows.size(); start += 500) {
    std::string values;
    for (std::size_t r = start; r < rs.rows.size() && r < start + 500; ++r) {
      std::string row;
      for (std::size_t i = 0; i < rs.rows[r].size(); ++i) {
        row += (i ? ", " : "") + (rs.rows[r][i] ? quote_literal(*rs.rows[r][i]) : "NULL");
      }
      values += (values.empty() ? "(" : ", (") + row + ")";
    }
    ctx.conn.exec("INSERT INTO " + ref + " VALUES " + values);
  }
  return ref;
}

std::string equality_filter(const std::string& query, const std::string& column) {
  static const std::regex k_or("\\bor\\b", std::regex::icase);
  if (std::regex_search(query, k_or)) {
    return "";
  }
  std::smatch m;
  std::regex eq("\\b" + column + "\\s*=\\s*'([^']*)'", std::regex::icase);
  return std::regex_search(query, m, eq) ? m[1].str() : "";
}

} // namespace

std::string virtual_table(Ctx& ctx, const std::string& name, const std::string& query) {
  if (name == "partitions_meta") {
    if (!ctx.version().at_least(3, 3)) {
      fail_analyzing("Unknown table 'information_schema.partitions_meta'");
    }
    return materialise(ctx, name,
                       partitions_meta_rows(ctx, equality_filter(query, "DB_NAME"),
                                            equality_filter(query, "TABLE_NAME")));
  }
  if (name == "partitions") {
    // StarRocks keeps this MySQL-compatibility table empty (information_schema/partitions.md,
    // issue #48463); MariaDB's own would even show srsim's gap partitions.
    ResultSet empty = ctx.conn.query("SELECT * FROM information_schema.PARTITIONS LIMIT 0");
    empty.rows.clear();
    return materialise(ctx, name, empty);
  }
  if (name == "tables") {
    return materialise(ctx, name, info_schema_tables(ctx, equality_filter(query, "TABLE_SCHEMA")));
  }
  if (name == "columns") {
    return materialise(ctx, name, info_schema_columns(ctx, equality_filter(query, "TABLE_SCHEMA")));
  }
  if (name == "tasks") {
    return materialise(ctx, name, tasks_table(ctx));
  }
  if (name == "task_runs") {
    return materialise(ctx, name, task_runs_table(ctx));
  }
  return "";
}

} // namespace srsim::engine
