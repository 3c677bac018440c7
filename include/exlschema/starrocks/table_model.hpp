#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// The StarRocks table, view and materialized-view model that SHOW CREATE text parses into and the
// DDL printer prints from. Plain data; equality is structural (property order is not ignored by
// operator==; use model_compare.hpp for "same structure").
namespace exl::starrocks {

// A partition bound or list value: a value (text exactly as StarRocks prints it, unquoted),
// MAXVALUE, or NULL (list partitions only).
struct Literal {
  enum class Kind { Value, MaxValue, Null };
  Kind kind = Kind::Value;
  std::string text;

  static Literal value(std::string t) { return {Kind::Value, std::move(t)}; }
  static Literal max_value() { return {Kind::MaxValue, {}}; }
  static Literal null() { return {Kind::Null, {}}; }
  bool operator==(const Literal&) const = default;
};

using Tuple = std::vector<Literal>; // one literal per partition column

// Where one partition's rows lie. Range: [lower, upper) compared as tuples; an empty `lower`
// means "from the type minimum" (a partition written with VALUES LESS THAN). List: the value
// tuples of VALUES IN. Kind None: the unpartitioned table's single partition.
struct PartitionBounds {
  enum class Kind { None, Range, List };
  Kind kind = Kind::None;
  Tuple lower;
  Tuple upper;
  std::vector<Tuple> values;
  bool operator==(const PartitionBounds&) const = default;
};

using Properties = std::vector<std::pair<std::string, std::string>>;

// A column type as StarRocks prints it: `base` lower-case (int, decimal64, varchar, array, ...),
// numeric `args` (display width, length, precision/scale), `children` for array/map/struct and
// `field_names` for struct fields.
struct ColumnType {
  std::string base;
  std::vector<long long> args;
  std::vector<ColumnType> children;
  std::vector<std::string> field_names;

  std::optional<long long> length() const; // char/varchar/binary length
  std::optional<long long> precision() const;
  std::optional<long long> scale() const;
  bool is_integer() const;
  bool is_numeric() const;
  bool is_date_like() const;
  bool operator==(const ColumnType&) const = default;
};

// DEFAULT "literal", DEFAULT CURRENT_TIMESTAMP, DEFAULT (expr).
struct ColumnDefault {
  enum class Kind { Literal, Expression };
  Kind kind = Kind::Literal;
  std::string text;
  bool operator==(const ColumnDefault&) const = default;
};

struct Column {
  std::string name;
  ColumnType type;
  std::string aggregate; // SUM, MAX, MIN, REPLACE, REPLACE_IF_NOT_NULL, HLL_UNION, ... or empty
  bool nullable = true;
  std::optional<ColumnDefault> default_value;
  bool auto_increment = false;
  std::string generated; // expression of a generated column (`AS expr`), empty if none
  std::string comment;
  bool operator==(const Column&) const = default;
};

struct Index {
  std::string name;
  std::vector<std::string> columns;
  std::string using_type; // BITMAP, NGRAMBF, GIN, ... or empty
  std::string comment;
  Properties properties;
  bool operator==(const Index&) const = default;
};

enum class KeyType { None, Duplicate, Aggregate, Unique, Primary };

struct PartitionDef {
  std::string name;
  PartitionBounds bounds;
  Properties properties; // per-partition overrides, e.g. replication_num
  bool operator==(const PartitionDef&) const = default;
};

// Expression partitioning is normalised to `expression` = canonical text
// (date_trunc('day', `dt`), time_slice(`dt`, INTERVAL 7 day), or the whitespace-normalised
// original for forms exlSchema does not interpret) and `columns` = the column it reads when known.
struct Partitioning {
  enum class Kind { None, Range, List, Expression, ColumnList };
  Kind kind = Kind::None;
  std::vector<std::string> columns;
  std::string expression;
  std::vector<PartitionDef> partitions;
  bool operator==(const Partitioning&) const = default;
};

struct Distribution {
  enum class Kind { None, Hash, Random };
  Kind kind = Kind::None;
  std::vector<std::string> columns;
  std::optional<long long> buckets; // nullopt: automatic bucketing
  bool operator==(const Distribution&) const = default;
};

struct TableModel {
  std::string name;
  bool external = false;
  std::string engine = "OLAP"; // upper-case: OLAP, MYSQL, OLAP_EXTERNAL, ...
  std::vector<Column> columns;
  std::vector<Index> indexes;
  KeyType key_type = KeyType::None;
  std::vector<std::string> key_columns;
  std::optional<std::string> comment;
  Partitioning partitioning;
  Distribution distribution;
  std::vector<std::string> order_by;
  Properties properties;

  const Column* find_column(std::string_view column_name) const; // case-insensitive
  bool operator==(const TableModel&) const = default;
};

struct ViewColumn {
  std::string name;
  std::optional<std::string> comment;
  bool operator==(const ViewColumn&) const = default;
};

struct ViewModel {
  std::string name;
  std::vector<ViewColumn> columns;
  std::optional<std::string> comment;
  // SECURITY INVOKER (secure views, 3.4.1+); SECURITY NONE, the default, or no clause = false.
  bool security_invoker = false;
  std::string definition; // the query after AS, without a trailing ';'
  bool operator==(const ViewModel&) const = default;
};

struct MaterializedViewModel {
  std::string name;
  std::vector<ViewColumn> columns;
  std::optional<std::string> comment;
  std::string partition_by; // the text after PARTITION BY, whitespace-normalised, or empty
  Distribution distribution;
  std::vector<std::string> order_by;
  std::string refresh; // the text after REFRESH (ASYNC ..., MANUAL, DEFERRED ...), or empty
  Properties properties;
  std::string definition;
  bool operator==(const MaterializedViewModel&) const = default;
};

// Property helpers: keys compare exactly (StarRocks property keys are lower-case).
const std::string* find_property(const Properties& properties, std::string_view key);
void set_property(Properties& properties, std::string_view key, std::string_view value);
bool erase_property(Properties& properties, std::string_view key);

std::string_view key_type_keyword(KeyType type); // "DUPLICATE KEY", ... or ""

} // namespace exl::starrocks
