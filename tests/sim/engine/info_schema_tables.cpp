// information_schema.tables and .columns as StarRocks fills them (starrocks-surface.md §8):
// StarRocks types, key kinds, TABLE_ROWS / DATA_LENGTH from the lagging statistics (all replicas
// counted in DATA_LENGTH), and only the databases the user may see.

#include "handlers.hpp"
#include "types.hpp"

#include <algorithm>

namespace srsim::engine {

namespace {

std::optional<std::string> table_text(const std::string& v) {
  return v;
}

std::vector<TableModel> visible_models(Ctx& ctx, const std::string& only_db) {
  std::vector<TableModel> out;
  ResultSet dbs = ctx.conn.query("SELECT DISTINCT db FROM `__srsim`.objects ORDER BY db");
  for (const auto& row : dbs.rows) {
    const std::string& db = *row[0];
    if ((!only_db.empty() && db != only_db) ||
        (ctx.session.allowed && !ctx.session.allowed("SELECT", db))) {
      continue;
    }
    for (TableModel& m : ctx.state.store.load_db(ctx.conn, db)) {
      out.push_back(std::move(m));
    }
  }
  return out;
}

std::string engine_name(const TableModel& m) {
  if (m.kind == "MYSQL")
    return "MySQL";
  if (m.kind == "VIEW")
    return "";
  return "StarRocks";
}

std::string key_kind(const TableModel& m, const std::string& column) {
  if (std::find(m.key_columns.begin(), m.key_columns.end(), column) == m.key_columns.end()) {
    return "";
  }
  if (m.key_type == "PRIMARY")
    return "PRI";
  if (m.key_type == "UNIQUE")
    return "UNI";
  if (m.key_type == "AGGREGATE")
    return "AGG";
  return "DUP";
}

} // namespace

ResultSet info_schema_tables(Ctx& ctx, const std::string& only_db) {
  ResultSet rs{{"TABLE_CATALOG",  "TABLE_SCHEMA",    "TABLE_NAME",      "TABLE_TYPE",
                "ENGINE",         "VERSION",         "ROW_FORMAT",      "TABLE_ROWS",
                "AVG_ROW_LENGTH", "DATA_LENGTH",     "MAX_DATA_LENGTH", "INDEX_LENGTH",
                "DATA_FREE",      "AUTO_INCREMENT",  "CREATE_TIME",     "UPDATE_TIME",
                "CHECK_TIME",     "TABLE_COLLATION", "CHECKSUM",        "CREATE_OPTIONS",
                "TABLE_COMMENT"},
               {}};
  for (const TableModel& m : visible_models(ctx, only_db)) {
    bool view = m.kind == "VIEW" || m.kind == "MV";
    std::optional<std::string> rows, avg, length;
    if (m.kind == "OLAP" || m.kind == "MV") {
      PartitionStats t;
      for (const auto& [name, s] : table_stats(ctx, m)) {
        t.rows += s.rows;
        t.bytes += s.bytes;
      }
      std::int64_t all = t.bytes * replication_num(m);
      rows = std::to_string(t.rows);
      length = std::to_string(all);
      avg = std::to_string(t.rows ? all / t.rows : 0);
    }
    rs.rows.push_back({table_text("def"),
                       m.db,
                       m.name,
                       table_text(view ? "VIEW" : "BASE TABLE"),
                       table_text(engine_name(m)),
                       std::nullopt,
                       std::nullopt,
                       rows,
                       avg,
                       length,
                       std::nullopt,
                       std::nullopt,
                       std::nullopt,
                       std::nullopt,
                       table_text(format_time(m.create_time)),
                       table_text(format_time(m.update_time ? m.update_time : m.create_time)),
                       std::nullopt,
                       table_text("utf8_general_ci"),
                       std::nullopt,
                       std::nullopt,
                       table_text(m.comment.empty() ? (view ? "VIEW" : "OLAP") : m.comment)});
  }
  return rs;
}

ResultSet info_schema_columns(Ctx& ctx, const std::string& only_db) {
  ResultSet rs{{"TABLE_CATALOG",
                "TABLE_SCHEMA",
                "TABLE_NAME",
                "COLUMN_NAME",
                "ORDINAL_POSITION",
                "COLUMN_DEFAULT",
                "IS_NULLABLE",
                "DATA_TYPE",
                "CHARACTER_MAXIMUM_LENGTH",
                "CHARACTER_OCTET_LENGTH",
                "NUMERIC_PRECISION",
                "NUMERIC_SCALE",
                "DATETIME_PRECISION",
                "CHARACTER_SET_NAME",
                "COLLATION_NAME",
                "COLUMN_TYPE",
                "COLUMN_KEY",
                "EXTRA",
                "PRIVILEGES",
                "COLUMN_COMMENT",
                "COLUMN_SIZE",
                "DECIMAL_DIGITS",
                "GENERATION_EXPRESSION",
                "SRS_ID"},
               {}};
  for (const TableModel& m : visible_models(ctx, only_db)) {
    std::size_t pos = 0;
    auto add = [&](const std::string& name, const std::optional<std::string>& base,
                   const std::optional<std::string>& type, bool nullable,
                   const std::optional<std::string>& def, const std::string& comment) {
      rs.rows.push_back({std::nullopt,
                         m.db,
                         m.name,
                         name,
                         std::to_string(++pos),
                         def,
                         table_text(nullable ? "YES" : "NO"),
                         base,
                         std::nullopt,
                         std::nullopt,
                         std::nullopt,
                         std::nullopt,
                         std::nullopt,
                         std::nullopt,
                         std::nullopt,
                         type,
                         table_text(key_kind(m, name)),
                         table_text(""),
                         table_text("SELECT"),
                         table_text(comment),
                         std::nullopt,
                         std::nullopt,
                         std::nullopt,
                         std::nullopt});
    };
    if (m.columns.empty()) {
      for (const std::string& c : m.view_columns) {
        add(c, std::nullopt, std::nullopt, true, std::nullopt, "");
      }
      continue;
    }
    for (const ColumnDef& c : m.columns) {
      std::string data_type = c.type.substr(0, c.type.find_first_of("(<"));
      std::optional<std::string> def;
      if (c.has_default) {
        def = c.default_value;
      }
      add(c.name, data_type, c.type, c.nullable, def, c.comment);
    }
  }
  return rs;
}

} // namespace srsim::engine
