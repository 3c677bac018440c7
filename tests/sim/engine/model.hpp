#pragma once

// The StarRocks-side description of every object the engine stores (tables, views, MVs,
// external tables). It is kept as JSON in `__srsim`.objects so that SHOW CREATE TABLE, SHOW
// PARTITIONS and partition versions survive sessions and restarts.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace srsim::engine {

struct ColumnDef {
  std::string name;
  std::string type;     // as StarRocks prints it: int(11), varchar(20), decimal64(10, 2)
  std::string sql_type; // the MariaDB column type
  std::string base;     // lower-case base kind: tinyint..largeint, date, datetime, varchar, ...
  bool nullable = true;
  std::string agg; // SUM, MAX, MIN, REPLACE, ... (AGGREGATE tables)
  bool auto_increment = false;
  bool has_default = false;
  std::string default_value;
  std::string comment;
};

struct IndexDef {
  std::string name;
  std::vector<std::string> columns;
  std::string using_type; // BITMAP, NGRAMBF, ...
  std::string comment;
};

struct PartitionDef {
  std::string name;
  std::int64_t id = 0;
  std::vector<std::string> lower;               // range bounds, one value per partition column
  std::vector<std::string> upper;               // "MAXVALUE" entries are unbounded
  std::vector<std::vector<std::string>> values; // list partitions: one tuple per IN item
  std::int64_t version = 1;
  std::int64_t version_time = 0; // epoch seconds
  int replication_num = 0;       // 0 = table default
};

struct PartitionSpec {
  std::string type = "NONE"; // NONE, RANGE, LIST, EXPR (date_trunc automatic), COLUMN (auto list)
  std::vector<std::string> columns;
  std::string expr_unit;                // EXPR: day, month, year, hour
  std::vector<PartitionDef> partitions; // NONE: exactly one, named like the table
};

using Properties = std::vector<std::pair<std::string, std::string>>;

struct TableModel {
  std::string db;
  std::string name;
  std::string kind = "OLAP"; // OLAP, VIEW, MV, MYSQL, OLAP_EXTERNAL
  std::int64_t id = 0;
  std::vector<ColumnDef> columns;
  std::vector<IndexDef> indexes;
  std::string key_type = "DUPLICATE"; // DUPLICATE, AGGREGATE, UNIQUE, PRIMARY
  std::vector<std::string> key_columns;
  std::string comment;
  PartitionSpec partition;
  std::string dist_type; // HASH, RANDOM or empty
  std::vector<std::string> dist_columns;
  int buckets = 0; // 0 = automatic (omitted when printed)
  std::vector<std::string> order_by;
  Properties properties;
  std::string definition;                // VIEW/MV: the AS query text
  std::vector<std::string> view_columns; // optional column list of a view
  std::string refresh;                   // MV refresh clause text, e.g. ASYNC or MANUAL
  std::int64_t create_time = 0;
  std::int64_t update_time = 0;
};

std::string to_json(const TableModel& model);
TableModel table_from_json(const std::string& text);

const std::string* find_property(const Properties& props, const std::string& key);
int replication_num(const TableModel& model);
const ColumnDef* find_column(const TableModel& model, const std::string& name);

} // namespace srsim::engine
