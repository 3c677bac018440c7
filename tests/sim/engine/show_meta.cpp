// SHOW DATABASES, SHOW [FULL] TABLES, SHOW CREATE TABLE/VIEW/MATERIALIZED VIEW, DESC
// (starrocks-surface.md §1, §8).

#include "errors.hpp"
#include "handlers.hpp"
#include "info_schema_catalog.hpp"
#include "show_create.hpp"

#include <algorithm>

namespace srsim::engine {

// SHOW ... LIKE 'pattern' with % and _ wildcards, case-insensitive like StarRocks.
bool like_match(const std::string& text, const std::string& pattern) {
  // Pattern items: a literal char (`\x` escapes x), `_` any char, `%` any run.
  struct Item {
    char ch;
    bool any_one, any_run;
  };
  std::vector<Item> items;
  std::string p = to_lower(pattern);
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (p[i] == '\\' && i + 1 < p.size()) {
      items.push_back({p[++i], false, false});
    } else {
      items.push_back({p[i], p[i] == '_', p[i] == '%'});
    }
  }
  std::string t = to_lower(text);
  std::size_t ti = 0, pi = 0, star = std::string::npos, mark = 0;
  while (ti < t.size()) {
    if (pi < items.size() && !items[pi].any_run && (items[pi].any_one || items[pi].ch == t[ti])) {
      ++ti;
      ++pi;
    } else if (pi < items.size() && items[pi].any_run) {
      star = pi++;
      mark = ti;
    } else if (star != std::string::npos) {
      pi = star + 1;
      ti = ++mark;
    } else {
      return false;
    }
  }
  while (pi < items.size() && items[pi].any_run) {
    ++pi;
  }
  return pi == items.size();
}

namespace {

std::string optional_like(Cursor& cur) {
  if (cur.accept_kw("LIKE")) {
    return cur.string_literal();
  }
  return "%";
}

} // namespace

Reply show_databases(Ctx& ctx, Cursor& cur) {
  if (cur.accept_kw("FROM") || cur.accept_kw("IN")) {
    std::string catalog = cur.identifier();
    if (catalog != "default_catalog") {
      fail_unsupported("SHOW DATABASES FROM " + catalog);
    }
  }
  std::string pattern = optional_like(cur);
  ResultSet rs = ctx.conn.query("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA");
  std::vector<std::string> names;
  for (const auto& row : rs.rows) {
    std::string db = row[0].value_or("");
    bool visible = !ctx.session.allowed || db == "information_schema" ||
                   ctx.session.allowed("SELECT", db) || ctx.session.allowed("INSERT", db);
    if ((!is_system_db(db) || db == "information_schema") && visible && like_match(db, pattern)) {
      names.push_back(db);
    }
  }
  std::sort(names.begin(), names.end());
  ResultSet out{{"Database"}, {}};
  for (const std::string& n : names) {
    out.rows.push_back({n});
  }
  return out;
}

Reply show_tables(Ctx& ctx, Cursor& cur, bool full) {
  std::string db;
  if (cur.accept_kw("FROM") || cur.accept_kw("IN")) {
    QualifiedName q = cur.qualified_name();
    db = q.name;
    if (!q.db.empty() && q.db != "default_catalog") {
      fail_unsupported("SHOW TABLES FROM " + q.db + "." + q.name);
    }
  }
  db = ctx.db_or_current(db);
  require_db(ctx, db);
  std::string pattern = optional_like(cur);
  ResultSet out;
  out.columns = {"Tables_in_" + db};
  if (full) {
    out.columns.push_back("Table_type");
  }
  if (db == "information_schema") {
    return out;
  }
  for (const TableModel& m : ctx.state.store.load_db(ctx.conn, db)) {
    if (!like_match(m.name, pattern)) {
      continue;
    }
    // Table.getMysqlType(): views and materialized views are both VIEW.
    std::string type = (m.kind == "VIEW" || m.kind == "MV") ? "VIEW" : "BASE TABLE";
    Row row{m.name};
    if (full) {
      row.push_back(type);
    }
    out.rows.push_back(row);
  }
  return out;
}

Reply show_create(Ctx& ctx, Cursor& cur) {
  std::string what = "TABLE";
  if (cur.accept_kw("VIEW")) {
    what = "VIEW";
  } else if (cur.accept_kws({"MATERIALIZED", "VIEW"})) {
    what = "MV";
  } else if (cur.accept_kw("CATALOG")) {
    return show_create_catalog(ctx, cur);
  } else {
    cur.expect_kw("TABLE");
  }
  QualifiedName q = cur.qualified_name();
  std::string db = ctx.db_or_current(q.db);
  ctx.require("SELECT", db);
  TableModel m = load_table(ctx, db, q.name);
  if (what == "VIEW" && m.kind != "VIEW" && m.kind != "MV") {
    fail_analyzing("The specified table is not a view");
  }
  if (what == "MV" && m.kind != "MV") {
    fail_analyzing("Materialized view " + q.name + " not found");
  }
  if (m.kind == "VIEW" || (what == "VIEW" && m.kind == "MV")) {
    std::string text = m.kind == "VIEW" ? view_ddl(m, ctx.version()) : mv_ddl(m, ctx.version());
    return ResultSet{{"View", "Create View", "character_set_client", "collation_connection"},
                     {{m.name, text, std::string("utf8"), std::string("utf8_general_ci")}}};
  }
  if (m.kind == "MV") {
    std::string col = what == "MV" ? "Materialized View" : "Table";
    std::string col2 = what == "MV" ? "Create Materialized View" : "Create Table";
    return ResultSet{{col, col2}, {{m.name, mv_ddl(m, ctx.version())}}};
  }
  return ResultSet{{"Table", "Create Table"},
                   {{m.name, table_ddl(m, ctx.version(), ctx.state.config.shared_data)}}};
}

namespace {

// DESC of an information_schema table srsim fills: StarRocks declares every column of a system
// table nullable, not a key and without default (SchemaTable.Builder / SystemTable.Builder:
// new Column(name, type, false, null, true, null, "")).
ResultSet describe_info_schema(const std::string& name, const std::vector<InfoSchemaColumn>& cols) {
  if (cols.empty()) {
    fail_analyzing("Unknown table 'information_schema." + name + "'");
  }
  ResultSet out{{"Field", "Type", "Null", "Key", "Default", "Extra"}, {}};
  for (const InfoSchemaColumn& c : cols) {
    out.rows.push_back(
        {c.name, c.type, std::string("YES"), std::string("false"), std::nullopt, std::string("")});
  }
  return out;
}

} // namespace

Reply describe_table(Ctx& ctx, Cursor& cur) {
  QualifiedName q = cur.qualified_name();
  std::string db = ctx.db_or_current(q.db);
  if (to_lower(db) == "information_schema") {
    if (auto columns = info_schema_columns_of(to_lower(q.name), ctx.version())) {
      return describe_info_schema(q.name, *columns);
    }
  }
  ctx.require("SELECT", db);
  TableModel m = load_table(ctx, db, q.name);
  ResultSet out{{"Field", "Type", "Null", "Key", "Default", "Extra"}, {}};
  for (const ColumnDef& c : m.columns) {
    bool key = std::find(m.key_columns.begin(), m.key_columns.end(), c.name) != m.key_columns.end();
    std::optional<std::string> def;
    if (c.has_default) {
      def = c.default_value;
    }
    out.rows.push_back({c.name, c.type, std::string(c.nullable ? "YES" : "NO"),
                        std::string(key ? "true" : "false"), def, c.agg});
  }
  return out;
}

} // namespace srsim::engine
