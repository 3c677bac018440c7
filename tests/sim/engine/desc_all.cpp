// DESC [db.]tbl ALL: one block of rows per materialized index, the base index first.
//
// StarRocks: ShowStmtAnalyzer.visitDescTableStmt (fe-core sql/analyzer/ShowStmtAnalyzer.java)
// and the result columns of ShowResultMetaFactory / DescribeStmt (OLAP: IndexName,
// IndexKeysType, Field, Type, Null, Key, Default, Extra). For a native table or materialized view
// it lists the base index, then every other index of indexIdToSchema (rollups and synchronous
// materialized views); the first row of each index carries IndexName (the base index is named as
// the table) and IndexKeysType (KeysType: DUP_KEYS, AGG_KEYS, UNIQUE_KEYS, PRIMARY_KEYS); an
// empty row separates indexes. Extra holds the aggregation type (not on primary key tables) and
// BLOOM_FILTER. A MySQL external table answers Host/Port/User/Password/Database/Table; other
// kinds are ERR_UNKNOWN_STORAGE_ENGINE. srsim keeps no rollups or synchronous MVs, so an OLAP
// table or MV answers its base index alone: what StarRocks answers for a table without rollups.

#include "errors.hpp"
#include "handlers.hpp"

#include <algorithm>
#include <sstream>

namespace srsim::engine {
namespace {

std::string keys_type(const std::string& key_type) {
  if (key_type == "AGGREGATE") {
    return "AGG_KEYS";
  }
  if (key_type == "UNIQUE") {
    return "UNIQUE_KEYS";
  }
  return key_type == "PRIMARY" ? "PRIMARY_KEYS" : "DUP_KEYS";
}

std::vector<std::string> bloom_filter_columns(const TableModel& m) {
  std::vector<std::string> out;
  if (const std::string* value = find_property(m.properties, "bloom_filter_columns")) {
    std::stringstream in(*value);
    std::string item;
    while (std::getline(in, item, ',')) {
      item.erase(0, item.find_first_not_of(' '));
      item.erase(item.find_last_not_of(' ') + 1);
      out.push_back(item);
    }
  }
  return out;
}

ResultSet base_index_rows(const TableModel& m) {
  ResultSet out{{"IndexName", "IndexKeysType", "Field", "Type", "Null", "Key", "Default", "Extra"},
                {}};
  const std::vector<std::string> bloom = bloom_filter_columns(m);
  for (std::size_t i = 0; i < m.columns.size(); ++i) {
    const ColumnDef& c = m.columns[i];
    const bool key =
        std::find(m.key_columns.begin(), m.key_columns.end(), c.name) != m.key_columns.end();
    std::string extra = m.key_type == "PRIMARY" ? "" : c.agg;
    if (std::find(bloom.begin(), bloom.end(), c.name) != bloom.end()) {
      extra += (extra.empty() ? "" : ",") + std::string("BLOOM_FILTER");
    }
    std::optional<std::string> def;
    if (c.has_default) {
      def = c.default_value;
    }
    // Type as srsim's plain DESC prints it (describe_table).
    out.rows.push_back({i == 0 ? m.name : "", i == 0 ? keys_type(m.key_type) : "", c.name, c.type,
                        std::string(c.nullable ? "YES" : "NO"), std::string(key ? "true" : "false"),
                        def, extra});
  }
  return out;
}

ResultSet mysql_rows(const TableModel& m) {
  auto prop = [&](const char* key) -> std::optional<std::string> {
    const std::string* v = find_property(m.properties, key);
    return v != nullptr ? std::optional<std::string>(*v) : std::nullopt;
  };
  return ResultSet{{"Host", "Port", "User", "Password", "Database", "Table"},
                   {{prop("host"), prop("port"), prop("user"), prop("password"), prop("database"),
                     prop("table")}}};
}

} // namespace

bool is_describe_all(const Cursor& cur) {
  std::size_t last = 0;
  while (cur.peek(last + 1).kind != TokenKind::End) {
    ++last;
  }
  return last > 0 && cur.is_kw("ALL", last);
}

Reply describe_all(Ctx& ctx, Cursor& cur) {
  QualifiedName q = cur.qualified_name();
  cur.expect_kw("ALL");
  std::string db = ctx.db_or_current(q.db);
  ctx.require("SELECT", db);
  TableModel m = load_table(ctx, db, q.name);
  if (m.kind == "OLAP" || m.kind == "MV") {
    return base_index_rows(m);
  }
  if (m.kind == "MYSQL") {
    return mysql_rows(m);
  }
  // ErrorCode.ERR_UNKNOWN_STORAGE_ENGINE (1286): "Unknown storage engine '%s'".
  fail_plain(1286, "Unknown storage engine '" + m.kind + "'");
}

} // namespace srsim::engine
