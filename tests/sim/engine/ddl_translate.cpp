#include "ddl_translate.hpp"

#include "backend.hpp"
#include "errors.hpp"
#include "sql_lexer.hpp"

#include "list_keys.hpp"
#include "partitions.hpp"
#include "types.hpp"
#include <algorithm>

namespace srsim::engine {

namespace {

std::string tuple_sql(const std::vector<std::string>& bases, const std::vector<std::string>& v) {
  if (!v.empty() && v[0] == "MAXVALUE") {
    std::string out;
    for (std::size_t i = 0; i < bases.size(); ++i) {
      out += (i ? ", " : "") + std::string("MAXVALUE");
    }
    return "(" + out + ")";
  }
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) {
    out += (i ? ", " : "") + sql_value(bases[i], v[i]);
  }
  return "(" + out + ")";
}

bool indexable(const TableModel& m, const std::vector<std::string>& cols) {
  for (const std::string& c : cols) {
    const ColumnDef* col = find_column(m, c);
    if (!col || col->sql_type.find("TEXT") != std::string::npos ||
        col->sql_type.find("BLOB") != std::string::npos) {
      return false;
    }
  }
  return !cols.empty();
}

std::string column_sql(const TableModel& m, const ColumnDef& c) {
  std::string out = quote_ident(c.name) + " " + c.sql_type;
  bool key = m.key_type == "PRIMARY" &&
             std::find(m.key_columns.begin(), m.key_columns.end(), c.name) != m.key_columns.end();
  out += (c.nullable && !key) ? " NULL" : " NOT NULL";
  if (c.auto_increment) {
    out += " AUTO_INCREMENT";
  }
  if (c.has_default) {
    bool fn = to_upper(c.default_value) == "CURRENT_TIMESTAMP";
    out += " DEFAULT " + (fn ? std::string("CURRENT_TIMESTAMP") : quote_literal(c.default_value));
  }
  return out;
}

std::string partition_clause(const TableModel& m) {
  const PartitionSpec& p = m.partition;
  if (p.type == "NONE" || m.kind != "OLAP") {
    return "";
  }
  std::string kind = p.type == "LIST" ? "LIST" : "RANGE";
  // LIST keys MariaDB cannot take go through hidden hash columns (list_keys.hpp).
  std::vector<std::string> cols = p.type == "LIST" ? list_routing_columns(m) : p.columns;
  std::string out = "\nPARTITION BY " + kind + " COLUMNS(" + join_idents(cols) + ") (";
  std::vector<LayoutEntry> layout = desired_layout(m);
  for (std::size_t i = 0; i < layout.size(); ++i) {
    out += (i ? ",\n" : "\n") + std::string("PARTITION ") + quote_ident(layout[i].name) + " " +
           layout[i].clause;
  }
  return out + ")";
}

} // namespace

std::string join_idents(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    out += (i ? ", " : "") + quote_ident(names[i]);
  }
  return out;
}

bool is_gap_partition(const std::string& name) {
  return name.rfind("gap__", 0) == 0;
}

std::string table_ref(const std::string& db, const std::string& name) {
  return quote_ident(db) + "." + quote_ident(name);
}

std::vector<LayoutEntry> desired_layout(const TableModel& m) {
  std::vector<LayoutEntry> out;
  auto bases = column_bases(m);
  if (m.partition.type == "LIST") {
    for (const PartitionDef& p : m.partition.partitions) {
      std::string in;
      for (std::size_t i = 0; i < p.values.size(); ++i) {
        std::string item;
        for (std::size_t j = 0; j < p.values[i].size(); ++j) {
          item += (j ? ", " : "") + list_key_sql(m, j, p.values[i][j]);
        }
        // Single-column LIST COLUMNS takes bare values, several columns take row tuples.
        in += (i ? ", " : "") + (bases.size() == 1 ? item : "(" + item + ")");
      }
      out.push_back({p.name, "VALUES IN (" + in + ")"});
    }
    return out;
  }
  std::vector<std::string> cur;
  for (std::size_t i = 0; i < bases.size(); ++i) {
    cur.push_back(type_min_value(bases[i]));
  }
  for (const PartitionDef& p : m.partition.partitions) {
    if (compare_tuple(bases, p.lower, cur) > 0) {
      out.push_back({"gap__" + p.name, "VALUES LESS THAN " + tuple_sql(bases, p.lower)});
    }
    out.push_back({p.name, "VALUES LESS THAN " + tuple_sql(bases, p.upper)});
    cur = p.upper;
  }
  if (cur.empty() || cur[0] != "MAXVALUE") {
    out.push_back({"gap__max", "VALUES LESS THAN " + tuple_sql(bases, {"MAXVALUE"})});
  }
  return out;
}

std::string mariadb_create_table(const TableModel& m) {
  std::string out = "CREATE TABLE " + table_ref(m.db, m.name) + " (\n";
  for (std::size_t i = 0; i < m.columns.size(); ++i) {
    out += (i ? ",\n  " : "  ") + column_sql(m, m.columns[i]);
  }
  std::string helpers = list_key_column_defs(m);
  out += helpers;
  // MariaDB wants every partitioning column in each unique key, and no generated column in a
  // PRIMARY KEY: with hash helpers the key becomes UNIQUE and takes them (same uniqueness, the
  // helper being a function of its column).
  std::vector<std::string> key = m.key_columns;
  if (!helpers.empty()) {
    for (const std::string& c : list_routing_columns(m)) {
      if (std::find(key.begin(), key.end(), c) == key.end()) {
        key.push_back(c);
      }
    }
  }
  if (m.key_type == "PRIMARY" && helpers.empty() && indexable(m, m.key_columns)) {
    out += ",\n  PRIMARY KEY (" + join_idents(key) + ")";
  } else if (m.key_type != "DUPLICATE" && indexable(m, m.key_columns)) {
    out += ",\n  UNIQUE KEY srsim_key (" + join_idents(key) + ")";
  }
  for (const ColumnDef& c : m.columns) {
    if (c.auto_increment) { // MariaDB wants an index led by the AUTO_INCREMENT column
      out += ",\n  KEY " + quote_ident("srsim_ai_" + c.name) + " (" + quote_ident(c.name) + ")";
    }
  }
  out += "\n) ENGINE=InnoDB " + k_table_charset;
  return out + partition_clause(m);
}

void sync_layout(Backend& conn, const TableModel& m) {
  std::vector<LayoutEntry> want = desired_layout(m);
  ResultSet rs =
      conn.query("SELECT PARTITION_NAME FROM information_schema.PARTITIONS WHERE TABLE_SCHEMA = " +
                 quote_literal(m.db) + " AND TABLE_NAME = " + quote_literal(m.name) +
                 " ORDER BY PARTITION_ORDINAL_POSITION");
  std::vector<std::string> have;
  for (const auto& row : rs.rows) {
    have.push_back(row[0].value_or(""));
  }
  if (m.partition.type == "LIST") {
    std::string alter;
    for (const std::string& h : have) {
      bool keep = std::any_of(want.begin(), want.end(), [&](const auto& w) { return w.name == h; });
      if (!keep) {
        conn.exec("ALTER TABLE " + table_ref(m.db, m.name) + " DROP PARTITION " + quote_ident(h));
      }
    }
    for (const LayoutEntry& w : want) {
      if (std::find(have.begin(), have.end(), w.name) == have.end()) {
        conn.exec("ALTER TABLE " + table_ref(m.db, m.name) + " ADD PARTITION (PARTITION " +
                  quote_ident(w.name) + " " + w.clause + ")");
      }
    }
    return;
  }
  std::size_t a = 0;
  while (a < have.size() && a < want.size() && have[a] == want[a].name) {
    ++a;
  }
  std::size_t b = 0;
  while (b < have.size() - a && b < want.size() - a &&
         have[have.size() - 1 - b] == want[want.size() - 1 - b].name) {
    ++b;
  }
  if (a == have.size() && a == want.size()) {
    return;
  }
  // REORGANIZE needs at least one source and one target partition.
  if (have.size() - a - b == 0 || want.size() - a - b == 0) {
    if (b == 0) {
      fail_plain(1064, "srsim: cannot map the partition change onto MariaDB");
    }
    --b;
  }
  std::string from, into;
  for (std::size_t i = a; i < have.size() - b; ++i) {
    from += (i > a ? ", " : "") + quote_ident(have[i]);
  }
  for (std::size_t i = a; i < want.size() - b; ++i) {
    into += (i > a ? ",\n" : "") + std::string("PARTITION ") + quote_ident(want[i].name) + " " +
            want[i].clause;
  }
  conn.exec("ALTER TABLE " + table_ref(m.db, m.name) + " REORGANIZE PARTITION " + from + " INTO (" +
            into + ")");
}

} // namespace srsim::engine
