// INSERT INTO / INSERT OVERWRITE (starrocks-surface.md §4, §13.1-4, §13.12).
// A load runs in three steps: (1) the rows are computed into a staging copy of the table
// (`__srsim`.stage_<txn>, same partitions, so MariaDB checks that every row has a partition and
// tells which partitions receive rows); (2) one InnoDB transaction deletes the overwritten
// partitions, copies the staged rows in, records the label and bumps partition versions in the
// metadata; (3) COMMIT. A failure anywhere rolls the transaction back, so OVERWRITE is atomic.

#include "backend_errors.hpp"
#include "ddl_translate.hpp"
#include "errors.hpp"
#include "files_table_function.hpp"
#include "handlers.hpp"
#include "insert_parser.hpp"
#include "load_job.hpp"
#include "name_rules.hpp"
#include "olap_external_insert.hpp"
#include "sql_lexer.hpp"

#include <set>

namespace srsim::engine {

namespace {

// BY NAME (InsertAnalyzer, StarRocks PR #54120): the query's output names, lowercased, become the
// column list; a VALUES source has no names and two equal names (case-insensitive) are refused.
void resolve_by_name(Ctx& ctx, InsertStmt& st) {
  if (!st.columns.empty()) {
    fail_unsupported("INSERT ... (column list) BY NAME");
  }
  std::vector<Token> t = tokenize(st.source);
  if (!t.empty() && t[0].kind == TokenKind::Word && t[0].upper == "VALUES") {
    fail_analyzing("Insert match column by name does not support values()");
  }
  // ErrorCode.ERR_DUP_FIELDNAME "Duplicate column name '%s'"; MariaDB refuses a derived table
  // with two equal names (case-insensitive too) with its own 1060 and the same text.
  ResultSet probe;
  try {
    probe = ctx.conn.query("SELECT * FROM (" + rewrite_query(ctx, st.source) + ") AS q LIMIT 0");
  } catch (const BackendError& e) {
    if (e.code() == 1060) {
      fail_analyzing(e.what());
    }
    throw EngineError(translate_backend_error(e, ctx.version()));
  }
  std::set<std::string> seen;
  for (const std::string& c : probe.columns) {
    if (!seen.insert(to_lower(c)).second) {
      fail_analyzing("Duplicate column name '" + c + "'");
    }
    st.columns.push_back(to_lower(c));
  }
}

} // namespace

Reply insert_statement(Ctx& ctx, Cursor& cur) {
  // INSERT {INTO | OVERWRITE} FILES (..) query: an unload (files_unload.cpp).
  if ((cur.is_kw("INTO", 1) || cur.is_kw("OVERWRITE", 1)) && cur.is_kw("FILES", 2) &&
      cur.is_sym("(", 3)) {
    check_hint_places(cur);
    bool overwrite = cur.is_kw("OVERWRITE", 1);
    cur.seek(2);
    return insert_into_files(ctx, cur, overwrite);
  }
  InsertStmt st = parse_insert(cur);
  // FILES(..) relations of the query become scratch tables for this statement (dropped when it
  // ends); the rows then go through the load below like any query's.
  FilesRelations files(ctx);
  st.source = files.materialize(st.source);
  // StarRocks checks the properties before it looks at the target (InsertAnalyzer.analyze).
  st.options = analyze_insert_properties(st.properties);
  if (!st.target.catalog.empty() && st.target.catalog != "default_catalog") {
    fail_unsupported("INSERT into external catalog " + st.target.catalog);
  }
  std::string db = ctx.db_or_current(st.target.db);
  ctx.require("INSERT", db);
  if (st.by_name) {
    resolve_by_name(ctx, st);
  }
  TableModel model = load_table(ctx, db, st.target.name);
  if (!st.label.empty()) {
    check_label(st.label); // GlobalTransactionMgr.beginTransaction: FeNameFormat.checkLabel
  }
  if (model.kind == "OLAP_EXTERNAL") {
    return OlapExternalInsert(ctx, std::move(model), std::move(st)).run();
  }
  if (model.kind != "OLAP") {
    fail_analyzing("Only support insert into OLAP table, " + model.name + " is a " + model.kind +
                   " table");
  }
  LoadJob job(ctx, std::move(model), std::move(st));
  return job.run();
}

} // namespace srsim::engine
