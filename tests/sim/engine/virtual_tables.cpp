#include "virtual_tables.hpp"

#include "errors.hpp"
#include "handlers.hpp"
#include "info_schema_catalog.hpp"

#include <algorithm>
#include <optional>
#include <regex>

namespace srsim::engine {

namespace {

// Materialises `rs` with the version's column list of information_schema.<name> (names, order
// and types from info_schema_catalog.cpp); a column the producer does not fill is NULL. Tables
// srsim does not describe (partitions, MariaDB's own) keep the producer's columns as TEXT.
std::string materialise(Ctx& ctx, const std::string& name, const ResultSet& rs) {
  std::vector<InfoSchemaColumn> columns;
  if (auto known = info_schema_columns_of(name, ctx.version())) {
    columns = *known;
  } else {
    for (const std::string& c : rs.columns) {
      columns.push_back({c, "TEXT", "TEXT"});
    }
  }
  std::vector<std::optional<std::size_t>> source;
  for (const InfoSchemaColumn& c : columns) {
    auto it = std::find(rs.columns.begin(), rs.columns.end(), c.name);
    source.push_back(it == rs.columns.end() ? std::nullopt
                                            : std::optional<std::size_t>(it - rs.columns.begin()));
  }
  // Strings compare byte for byte like StarRocks (and the rest of srsim, k_collation).
  std::string ref = "`__srsim`.`vt_" + name + "`";
  ctx.conn.exec("DROP TEMPORARY TABLE IF EXISTS " + ref);
  std::string cols;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    cols += (i ? ", " : "") + quote_ident(columns[i].name) + " " + columns[i].backend_type;
  }
  ctx.conn.exec("CREATE TEMPORARY TABLE " + ref + " (" + cols + ") ENGINE=Aria " + k_table_charset);
  for (std::size_t start = 0; start < rs.rows.size(); start += 500) {
    std::string values;
    for (std::size_t r = start; r < rs.rows.size() && r < start + 500; ++r) {
      std::string row;
      for (std::size_t i = 0; i < source.size(); ++i) {
        const auto& cell = source[i] ? rs.rows[r][*source[i]] : std::nullopt;
        row += (i ? ", " : "") + (cell ? quote_literal(*cell) : "NULL");
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
  auto known = info_schema_columns_of(name, ctx.version());
  if (known && known->empty()) {
    fail_analyzing("Unknown table 'information_schema." + name + "'");
  }
  if (name == "partitions_meta") {
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
  if (name == "materialized_views") {
    return materialise(ctx, name,
                       info_schema_materialized_views(ctx, equality_filter(query, "TABLE_SCHEMA")));
  }
  if (name == "loads") {
    return materialise(ctx, name, info_schema_loads(ctx));
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
