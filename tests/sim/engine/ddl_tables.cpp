// CREATE/DROP DATABASE, CREATE/DROP/TRUNCATE TABLE: the StarRocks model is saved in `__srsim`,
// the data lives in a MariaDB database of the same name.

#include "backend.hpp"
#include "create_table_parser.hpp"
#include "ddl_translate.hpp"
#include "dynamic_partitions.hpp"
#include "errors.hpp"
#include "handlers.hpp"
#include "name_rules.hpp"
#include "temp_partitions.hpp"

#include <algorithm>

namespace srsim::engine {

bool is_system_db(const std::string& db) {
  static const char* const k_system[] = {"mysql",   "performance_schema", "sys",
                                         "__srsim", "__srsim_fed",        "information_schema"};
  return std::any_of(std::begin(k_system), std::end(k_system),
                     [&](const char* s) { return to_lower(db) == s; });
}

bool db_exists(Ctx& ctx, const std::string& db) {
  if (is_system_db(db) && db != "information_schema") {
    return false;
  }
  return ctx.conn
      .scalar("SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = " + quote_literal(db))
      .has_value();
}

void require_db(Ctx& ctx, const std::string& db) {
  if (!db_exists(ctx, db)) {
    throw EngineError(ErrorReply{1049, "42000", unknown_db_text(db)});
  }
}

TableModel load_table(Ctx& ctx, const std::string& db, const std::string& name) {
  require_db(ctx, db);
  auto model = ctx.state.store.load(ctx.conn, db, name);
  if (!model) {
    fail_analyzing("Unknown table '" + db + "." + name + "'");
  }
  return *model;
}

Reply use_db(Ctx& ctx, const std::string& db) {
  if (db == "information_schema" || !db_exists(ctx, db)) {
    if (db != "information_schema") {
      throw EngineError(ErrorReply{1049, "42000", unknown_db_text(db)});
    }
  }
  ctx.conn.exec("USE " + quote_ident(db));
  ctx.session.current_db = db;
  return OkReply{};
}

Reply create_database(Ctx& ctx, Cursor& cur) {
  bool if_not_exists = cur.accept_kws({"IF", "NOT", "EXISTS"});
  std::string db = cur.identifier();
  check_db_name(db); // CreateDbAnalyzer: FeNameFormat.checkDbName
  ctx.require("CREATE", "");
  if (db_exists(ctx, db) || is_system_db(db)) {
    if (if_not_exists) {
      return OkReply{};
    }
    fail_plain(1007, "Can't create database '" + db + "'; database exists");
  }
  ctx.conn.exec("CREATE DATABASE " + quote_ident(db) + " CHARACTER SET utf8mb4 COLLATE " +
                k_collation);
  return OkReply{};
}

Reply drop_database(Ctx& ctx, Cursor& cur) {
  bool if_exists = cur.accept_kws({"IF", "EXISTS"});
  std::string db = cur.identifier();
  cur.accept_kw("FORCE");
  ctx.require("DROP", db);
  if (!db_exists(ctx, db) || db == "information_schema" || db == "_statistics_") {
    if (if_exists) {
      return OkReply{};
    }
    fail_plain(1008, "Can't drop database '" + db + "'; database doesn't exist");
  }
  std::lock_guard<std::mutex> lock(ctx.state.store.mutex());
  for (const TableModel& m : ctx.state.store.load_db(ctx.conn, db)) {
    drop_all_temp_partitions(ctx.conn, m); // their storage lives in `__srsim`
  }
  ctx.state.store.remove_db(ctx.conn, db);
  ctx.conn.exec("DROP DATABASE " + quote_ident(db));
  if (ctx.session.current_db == db) {
    ctx.session.current_db.clear();
  }
  return OkReply{};
}

namespace {

void fill_new_table(Ctx& ctx, CreateTableStmt& st) {
  TableModel& m = st.model;
  m.id = ctx.state.store.next_id();
  m.create_time = m.update_time = ctx.now();
  for (const std::string& c : m.partition.columns) {
    if (!find_column(m, c)) {
      fail_analyzing("Partition column[" + c + "] does not exist in column list");
    }
  }
  for (const std::string& c : m.key_columns) {
    if (!find_column(m, c)) {
      fail_analyzing("Key column[" + c + "] does not exist in column list");
    }
  }
  if (m.dist_type.empty() && !ctx.version().at_least(3, 1)) {
    // Random bucketing, the default without DISTRIBUTED BY, arrived in v3.1
    // (feature-support-data-distribution.md); before that the analyzer refuses the table.
    fail_analyzing("Create olap table should contain distribution desc");
  }
  if (m.dist_type.empty()) {
    m.dist_type = m.key_type == "DUPLICATE" ? "RANDOM" : "HASH";
    if (m.dist_type == "HASH") {
      m.dist_columns = m.key_columns;
    }
  }
  if (m.partition.type == "NONE") {
    PartitionDef p;
    p.name = m.name;
    p.id = ctx.state.store.next_id();
    p.version_time = m.create_time;
    m.partition.partitions = {p};
    return;
  }
  auto ids = [&] { return ctx.state.store.next_id(); };
  for (const PartitionDesc& d : st.partitions) {
    add_partitions(m, d, false, ids, m.create_time);
  }
}

TableModel copy_for_like(Ctx& ctx, const CreateTableStmt& st, const std::string& db) {
  std::string src_db = ctx.db_or_current(st.like.db);
  TableModel m = load_table(ctx, src_db, st.like.name);
  if (m.kind != "OLAP") {
    fail_analyzing("CREATE TABLE LIKE only supports OLAP tables");
  }
  m.db = db;
  m.name = st.model.name;
  m.id = ctx.state.store.next_id();
  m.create_time = m.update_time = ctx.now();
  for (PartitionDef& p : m.partition.partitions) {
    p.id = ctx.state.store.next_id();
    p.version = 1;
    p.version_time = m.create_time;
    if (m.partition.type == "NONE") {
      p.name = m.name;
    }
  }
  return m;
}

} // namespace

void run_dynamic_partitions(Ctx& ctx, const TableModel& model) {
  for (const std::string& sql : dynamic_partition_statements(model, std::time(nullptr))) {
    Cursor cur(sql);
    cur.expect_kw("ALTER");
    cur.expect_kw("TABLE");
    try {
      alter_table(ctx, cur);
    } catch (const EngineError&) {
      // A range that overlaps a hand-made partition, or the last partition: StarRocks's
      // scheduler skips those too.
    }
  }
}

Reply create_table(Ctx& ctx, Cursor& cur, bool external) {
  CreateTableStmt st = parse_create_table(cur, external);
  // CreateTableAnalyzer checks the name, then each column (FeNameFormat.checkTableName /
  // checkColumnName); partition names are checked as their descriptions are parsed.
  check_table_name(st.model.name, ctx.version());
  for (const ColumnDef& c : st.model.columns) {
    check_column_name(c.name, ctx.version());
  }
  std::string db = ctx.db_or_current(st.model.db);
  st.model.db = db;
  ctx.require("CREATE", db);
  require_db(ctx, db);
  if (ctx.state.store.load(ctx.conn, db, st.model.name)) {
    if (st.if_not_exists) {
      return OkReply{};
    }
    fail_plain(1050, "Table '" + st.model.name + "' already exists");
  }
  if (!st.as_select.empty()) {
    return create_table_as_select(ctx, st);
  }
  if (st.external || st.model.kind != "OLAP") {
    return create_external_table(ctx, st);
  }
  TableModel m;
  if (!st.like.name.empty()) {
    m = copy_for_like(ctx, st, db);
  } else {
    fill_new_table(ctx, st);
    m = st.model;
  }
  {
    std::lock_guard<std::mutex> lock(ctx.state.store.mutex());
    try {
      ctx.conn.exec(mariadb_create_table(m));
    } catch (const BackendError& e) {
      fail_analyzing("srsim could not create the table in MariaDB: " + std::string(e.what()));
    }
    ctx.state.store.save(ctx.conn, m);
  }
  // Like executeDynamicPartitionFirstTime: dynamic partitions exist right after CREATE.
  run_dynamic_partitions(ctx, m);
  return OkReply{};
}

Reply drop_table(Ctx& ctx, Cursor& cur) {
  bool if_exists = cur.accept_kws({"IF", "EXISTS"});
  QualifiedName q = cur.qualified_name();
  cur.accept_kw("FORCE");
  std::string db = ctx.db_or_current(q.db);
  ctx.require("DROP", db);
  require_db(ctx, db);
  std::lock_guard<std::mutex> lock(ctx.state.store.mutex());
  auto model = ctx.state.store.load(ctx.conn, db, q.name);
  if (!model) {
    if (if_exists) {
      return OkReply{};
    }
    fail_analyzing("Unknown table '" + db + "." + q.name + "'");
  }
  if (model->kind == "VIEW" || model->kind == "MYSQL") { // a MYSQL external table is a view
    ctx.conn.exec("DROP VIEW IF EXISTS " + table_ref(db, q.name));
  } else {
    ctx.conn.exec("DROP TABLE IF EXISTS " + table_ref(db, q.name));
  }
  drop_all_temp_partitions(ctx.conn, *model); // they go with their table
  ctx.state.store.remove(ctx.conn, db, q.name);
  return OkReply{};
}

Reply truncate_table(Ctx& ctx, Cursor& cur) {
  QualifiedName q = cur.qualified_name();
  std::string db = ctx.db_or_current(q.db);
  ctx.require("DELETE", db);
  std::vector<std::string> names;
  if (cur.accept_kw("PARTITION") || cur.accept_kw("PARTITIONS")) {
    names = cur.ident_list();
  }
  std::lock_guard<std::mutex> lock(ctx.state.store.mutex());
  TableModel m = load_table(ctx, db, q.name);
  if (m.kind != "OLAP") {
    fail_analyzing("Only OLAP tables can be truncated");
  }
  for (const std::string& n : names) {
    if (m.partition.type == "NONE" || !find_partition(m, n)) {
      fail_analyzing("Partition '" + n + "' doesn't exist");
    }
  }
  if (names.empty()) {
    drop_all_temp_partitions(ctx.conn, m); // TRUNCATE TABLE drops them (Temporary_partition.md)
    ctx.conn.exec("TRUNCATE TABLE " + table_ref(db, m.name));
  } else if (m.partition.type == "NONE") {
    ctx.conn.exec("TRUNCATE TABLE " + table_ref(db, m.name));
  } else {
    ctx.conn.exec("ALTER TABLE " + table_ref(db, m.name) + " TRUNCATE PARTITION " +
                  join_idents(names));
  }
  // StarRocks truncates by swapping in new empty partitions: fresh ids, version 1.
  for (PartitionDef& p : m.partition.partitions) {
    bool hit = names.empty() || std::any_of(names.begin(), names.end(), [&](const auto& n) {
                 return to_lower(n) == to_lower(p.name);
               });
    if (hit) {
      ctx.state.store.set_partition_state(ctx.conn, m, p.name, ctx.state.store.next_id(), 1);
    }
  }
  return OkReply{};
}

} // namespace srsim::engine
