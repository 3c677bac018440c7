// Views and materialized views. A view is a MariaDB view over the rewritten query; an MV is a
// MariaDB table filled from its query at creation and on REFRESH (one transaction, so readers
// see the old or the new contents). The StarRocks text is kept for SHOW CREATE (§1).

#include "create_table_parser.hpp"
#include "ddl_translate.hpp"
#include "errors.hpp"
#include "handlers.hpp"
#include "mv_define_sql.hpp"
#include "name_rules.hpp"
#include "show_create.hpp"

namespace srsim::engine {

namespace {

std::vector<std::string> mariadb_columns(Ctx& ctx, const std::string& db, const std::string& name) {
  ResultSet rs =
      ctx.conn.query("SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = " +
                     quote_literal(db) + " AND TABLE_NAME = " + quote_literal(name) +
                     " ORDER BY ORDINAL_POSITION");
  std::vector<std::string> out;
  for (const auto& row : rs.rows) {
    out.push_back(row[0].value_or(""));
  }
  return out;
}

// Returns true when the statement should go on (the name is free or may be replaced).
bool check_new_name(Ctx& ctx, const std::string& db, const std::string& name, bool if_not_exists,
                    bool or_replace, const char* kind) {
  auto existing = ctx.state.store.load(ctx.conn, db, name);
  if (!existing) {
    return true;
  }
  if (if_not_exists) {
    return false;
  }
  if (or_replace && existing->kind == kind) {
    return true;
  }
  fail_plain(1050, "Table '" + name + "' already exists");
}

std::string refresh_clause(Cursor& cur) {
  std::size_t from = cur.position();
  while (!cur.at_end() && !cur.is_kw("AS") && !cur.is_kw("PROPERTIES") &&
         !cur.is_kw("DISTRIBUTED") && !cur.is_kw("PARTITION") && !cur.is_kw("ORDER")) {
    cur.is_sym("(") ? cur.skip_group() : (void)cur.next();
  }
  return cur.text_between(from, cur.position());
}

// Gives the MV table the declared column names (CREATE TABLE ... AS keeps the query's names).
void rename_columns(Ctx& ctx, const TableModel& m) {
  std::vector<std::string> actual = mariadb_columns(ctx, m.db, m.name);
  if (actual.size() != m.view_columns.size()) {
    ctx.conn.exec("DROP TABLE " + table_ref(m.db, m.name));
    fail_analyzing("The number of columns of the materialized view does not match its query");
  }
  std::string alter;
  for (std::size_t i = 0; i < actual.size(); ++i) {
    if (actual[i] != m.view_columns[i]) {
      alter += (alter.empty() ? "" : ", ") + std::string("RENAME COLUMN ") +
               quote_ident(actual[i]) + " TO " + quote_ident(m.view_columns[i]);
    }
  }
  if (!alter.empty()) {
    ctx.conn.exec("ALTER TABLE " + table_ref(m.db, m.name) + " " + alter);
  }
}

// `[SECURITY {NONE | INVOKER}]` after the view's COMMENT, from v3.4.1 (docs
// View/CREATE_VIEW.md: "From v3.4.1 onwards, StarRocks supports secure view"; grammar
// StarRocks.g4 createViewStatement). Before 3.4.1 the word is a syntax error there. A view has
// no properties in StarRocks, so the choice is kept in the model's properties under
// k_view_security (read back by view_ddl).
void parse_view_security(Ctx& ctx, Cursor& cur, TableModel& m) {
  if (!cur.is_kw("SECURITY")) {
    return;
  }
  if (!ctx.version().at_least(3, 4, 1)) {
    cur.syntax_error();
  }
  cur.next();
  if (cur.accept_kw("INVOKER")) {
    m.properties.emplace_back(k_view_security, "INVOKER");
  } else if (!cur.accept_kw("NONE")) {
    cur.syntax_error();
  }
}

Reply drop_object(Ctx& ctx, Cursor& cur, const std::string& kind) {
  bool if_exists = cur.accept_kws({"IF", "EXISTS"});
  QualifiedName q = cur.qualified_name();
  std::string db = ctx.db_or_current(q.db);
  ctx.require("DROP", db);
  require_db(ctx, db);
  std::lock_guard<std::mutex> lock(ctx.state.store.mutex());
  auto m = ctx.state.store.load(ctx.conn, db, q.name);
  if (!m || m->kind != kind) {
    if (if_exists) {
      return OkReply{};
    }
    if (kind == "MV") {
      fail_analyzing("Materialized view " + q.name + " is not found");
    }
    fail_analyzing("Unknown table '" + db + "." + q.name + "'");
  }
  ctx.conn.exec(std::string(kind == "VIEW" ? "DROP VIEW IF EXISTS " : "DROP TABLE IF EXISTS ") +
                table_ref(db, q.name));
  ctx.state.store.remove(ctx.conn, db, q.name);
  return OkReply{};
}

} // namespace

Reply create_view(Ctx& ctx, Cursor& cur, bool or_replace) {
  bool if_not_exists = cur.accept_kws({"IF", "NOT", "EXISTS"});
  QualifiedName q = cur.qualified_name();
  TableModel m;
  m.db = ctx.db_or_current(q.db);
  m.name = q.name;
  check_table_name(m.name, ctx.version()); // CreateViewAnalyzer: FeNameFormat.checkTableName
  m.kind = "VIEW";
  if (cur.accept_sym("(")) {
    do {
      m.view_columns.push_back(cur.identifier());
      if (cur.accept_kw("COMMENT")) {
        cur.string_literal();
      }
    } while (cur.accept_sym(","));
    cur.expect_sym(")");
  }
  if (cur.accept_kw("COMMENT")) {
    m.comment = cur.string_literal();
  }
  parse_view_security(ctx, cur, m);
  cur.expect_kw("AS");
  m.definition = cur.rest_from(cur.position());
  ctx.require("CREATE", m.db);
  require_db(ctx, m.db);
  std::string query = rewrite_query(ctx, m.definition); // may resolve catalogs: before locking
  // StarRocks keeps the view's query re-rendered with tables qualified (inline view def).
  m.definition = qualified_define_sql(m.definition, ctx.session.current_db);
  std::lock_guard<std::mutex> lock(ctx.state.store.mutex());
  if (!check_new_name(ctx, m.db, m.name, if_not_exists, or_replace, "VIEW")) {
    return OkReply{};
  }
  std::string cols = join_idents(m.view_columns);
  ctx.conn.exec("CREATE OR REPLACE VIEW " + table_ref(m.db, m.name) +
                (cols.empty() ? "" : " (" + cols + ")") + " AS " + query);
  m.view_columns = mariadb_columns(ctx, m.db, m.name);
  m.id = ctx.state.store.next_id();
  m.create_time = ctx.now();
  ctx.state.store.save(ctx.conn, m);
  return OkReply{};
}

Reply drop_view(Ctx& ctx, Cursor& cur) {
  return drop_object(ctx, cur, "VIEW");
}

Reply create_mv(Ctx& ctx, Cursor& cur) {
  bool if_not_exists = cur.accept_kws({"IF", "NOT", "EXISTS"});
  QualifiedName q = cur.qualified_name();
  TableModel m;
  m.db = ctx.db_or_current(q.db);
  m.name = q.name;
  check_table_name(m.name, ctx.version()); // MaterializedViewAnalyzer: checkTableName
  m.kind = "MV";
  m.key_type = "DUPLICATE";
  if (cur.is_sym("(")) { // column names, as SHOW CREATE MATERIALIZED VIEW prints them
    m.view_columns = cur.ident_list();
  }
  for (;;) {
    if (cur.accept_kw("COMMENT")) {
      m.comment = cur.string_literal();
    } else if (cur.accept_kw("DISTRIBUTED")) {
      parse_distribution(cur, m);
    } else if (cur.accept_kw("REFRESH")) {
      m.refresh = refresh_clause(cur);
    } else if (cur.accept_kw("PROPERTIES")) {
      m.properties = parse_properties(cur);
    } else if (cur.is_kw("PARTITION") || cur.is_kw("ORDER")) {
      fail_unsupported("CREATE MATERIALIZED VIEW ... " + cur.peek().text + " BY");
    } else {
      break;
    }
  }
  cur.expect_kw("AS");
  m.definition = cur.rest_from(cur.position());
  ctx.require("CREATE", m.db);
  require_db(ctx, m.db);
  std::string query = rewrite_query(ctx, m.definition); // may resolve catalogs: before locking
  // Kept as StarRocks keeps it: tables qualified by their database (also what REFRESH runs).
  m.definition = qualified_define_sql(m.definition, ctx.session.current_db);
  std::lock_guard<std::mutex> lock(ctx.state.store.mutex());
  if (!check_new_name(ctx, m.db, m.name, if_not_exists, false, "MV")) {
    return OkReply{};
  }
  // Named columns rename the query's columns: wrap it so MariaDB takes the names positionally.
  const bool named = !m.view_columns.empty();
  std::string body = named ? "SELECT * FROM (" + query + ") AS mv_src" : query;
  ctx.conn.exec("CREATE TABLE " + table_ref(m.db, m.name) + " ENGINE=InnoDB AS " + body);
  if (named) {
    rename_columns(ctx, m);
  }
  m.view_columns = mariadb_columns(ctx, m.db, m.name);
  m.id = ctx.state.store.next_id();
  m.create_time = ctx.now();
  PartitionDef p;
  p.name = m.name;
  p.id = ctx.state.store.next_id();
  p.version = 2; // created and refreshed once
  p.version_time = m.create_time;
  m.partition.partitions = {p};
  ctx.state.store.save(ctx.conn, m);
  return OkReply{};
}

Reply drop_mv(Ctx& ctx, Cursor& cur) {
  return drop_object(ctx, cur, "MV");
}

Reply refresh_mv(Ctx& ctx, Cursor& cur) {
  QualifiedName q = cur.qualified_name();
  std::string db = ctx.db_or_current(q.db);
  ctx.require("ALTER", db);
  TableModel m = load_table(ctx, db, q.name);
  if (m.kind != "MV") {
    fail_analyzing("Materialized view " + q.name + " is not found");
  }
  std::string sql = rewrite_query(ctx, m.definition);
  ctx.conn.exec("START TRANSACTION");
  try {
    ctx.conn.exec("DELETE FROM " + table_ref(db, m.name));
    ctx.conn.exec("INSERT INTO " + table_ref(db, m.name) + " " + sql);
    ctx.state.store.bump_versions(ctx.conn, m, {m.name});
    ctx.conn.exec("COMMIT");
  } catch (...) {
    ctx.conn.exec("ROLLBACK");
    throw;
  }
  return OkReply{};
}

} // namespace srsim::engine
