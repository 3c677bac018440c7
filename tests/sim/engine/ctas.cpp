// CREATE TABLE ... AS SELECT (also the v2.5 body of SUBMIT TASK): MariaDB creates and fills the
// table from the rewritten query; the StarRocks model is derived from the resulting columns
// (MariaDB type -> the StarRocks type a CTAS would infer), unpartitioned, DUPLICATE KEY on the
// leading columns, RANDOM distribution unless given. The fill counts as one load (version 2).

#include "create_table_parser.hpp"
#include "ddl_translate.hpp"
#include "errors.hpp"
#include "handlers.hpp"
#include "types.hpp"

namespace srsim::engine {

namespace {

// A StarRocks type text for a MariaDB COLUMN_TYPE.
std::string starrocks_type(const std::string& data_type, const std::string& column_type) {
  std::string t = to_lower(data_type);
  if (t == "tinyint" && column_type.rfind("tinyint(1)", 0) == 0)
    return "BOOLEAN";
  if (t == "tinyint" || t == "smallint" || t == "bigint")
    return to_upper(t);
  if (t == "mediumint" || t == "int")
    return "INT";
  if (t == "decimal")
    return column_type == "decimal(39,0)" ? "LARGEINT" : to_upper(column_type);
  if (t == "float" || t == "double" || t == "date")
    return to_upper(t);
  if (t == "datetime" || t == "timestamp")
    return "DATETIME";
  if (t == "char" || t == "varchar")
    return to_upper(column_type);
  if (t.find("blob") != std::string::npos || t == "varbinary" || t == "binary")
    return "VARBINARY";
  return "STRING";
}

} // namespace

Reply create_table_as_select(Ctx& ctx, CreateTableStmt& st) {
  TableModel& m = st.model;
  if (m.partition.type != "NONE" || !st.partitions.empty() || !m.columns.empty()) {
    fail_unsupported("CREATE TABLE ... AS SELECT with columns or partitions");
  }
  std::string query = rewrite_query(ctx, st.as_select);
  // The fill runs outside the store mutex, so a long CTAS blocks no other DDL, and under the
  // watchdog: CTAS is bounded like INSERT (insert_timeout from v3.4, query_timeout before:
  // System_variable.md, starrocks-surface.md §4 "Timeouts"), and KILL / DROP TASK interrupt it.
  // MariaDB drops the table of an interrupted CREATE TABLE ... SELECT (atomic since 10.6); the
  // DROP below only makes sure nothing of it stays.
  try {
    run_watched(ctx, deadline_for(ctx, true), true, [&] {
      ctx.conn.exec("CREATE TABLE " + table_ref(m.db, m.name) + " ENGINE=InnoDB AS " + query);
    });
  } catch (const EngineError&) {
    ctx.conn.exec("DROP TABLE IF EXISTS " + table_ref(m.db, m.name));
    throw;
  }
  std::lock_guard<std::mutex> lock(ctx.state.store.mutex());
  ResultSet cols = ctx.conn.query(
      "SELECT COLUMN_NAME, DATA_TYPE, COLUMN_TYPE, IS_NULLABLE FROM information_schema.COLUMNS "
      "WHERE TABLE_SCHEMA = " +
      quote_literal(m.db) + " AND TABLE_NAME = " + quote_literal(m.name) +
      " ORDER BY ORDINAL_POSITION");
  for (const auto& r : cols.rows) {
    ColumnDef c;
    c.name = *r[0];
    Cursor type(starrocks_type(*r[1], *r[2]));
    parse_column_type(type, c);
    c.nullable = r[3] != "NO";
    m.columns.push_back(c);
  }
  if (m.key_columns.empty() && !m.columns.empty()) {
    m.key_columns = {m.columns[0].name};
  }
  if (m.dist_type.empty()) {
    m.dist_type = "RANDOM";
  }
  m.id = ctx.state.store.next_id();
  m.create_time = m.update_time = ctx.now();
  PartitionDef p;
  p.name = m.name;
  p.id = ctx.state.store.next_id();
  p.version = ctx.conn.scalar("SELECT 1 FROM " + table_ref(m.db, m.name) + " LIMIT 1") ? 2 : 1;
  p.version_time = m.create_time;
  m.partition.partitions = {p};
  ctx.state.store.save(ctx.conn, m);
  return OkReply{};
}

} // namespace srsim::engine
