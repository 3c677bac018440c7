#pragma once

#include "exlschema/starrocks/partition_info.hpp"
#include "exlschema/starrocks/table_model.hpp"
#include "exlschema/starrocks/table_ref.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

// The WHERE predicate that selects exactly one partition's rows, and the auditor's per-partition
// count query built from those predicates. Pure string building; see docs/starrocks-layer.md.
//
// Semantics encoded (reference §3: ranges are left-closed, right-open):
// - Range [lower, upper) on columns (c1..cn) is a lexicographic tuple comparison, expanded into
//   AND/OR of per-column comparisons (no row-value syntax, which StarRocks does not document):
//   (c) >= (x) is c1 > x1 OR (c1 = x1 AND (c2..) >= (x2..)), the last column c_n >= x_n.
// - MAXVALUE: c < MAXVALUE is always true, c >= / > / = MAXVALUE never; so a MAXVALUE upper bound
//   means "no upper bound".
// - NULL in a range column sorts as the type minimum (StarRocks keeps NULL keys in the partition
//   that starts at the minimum; Doris lineage, not stated in the reference: treated as such and
//   tested here). So a lower bound at the type minimum (0000-01-01, -2147483648, ...) adds no
//   condition and keeps NULLs; any other upper bound `c < x` is `(c < x OR c IS NULL)`.
// - List: c IN (...) per column tuple; NULL only when NULL is listed (`c IS NULL`).
// - Values are literals: numbers bare for numeric columns, everything else through quote_string
//   (dates and datetimes as strings), so the SQL is valid on StarRocks and on MariaDB.
namespace exl::starrocks {

struct PartitionColumn {
  std::string name;
  std::optional<ColumnType> type; // unknown: literals are quoted, every known minimum is accepted
  bool nullable = true;
};

// The partition columns of `table` with their types, checked against the SHOW PARTITIONS rows
// `partitions` of the same table. Exact or refused, never a guess (a wrong predicate would make
// INSERT OVERWRITE empty a partition or copy rows into the wrong one):
// - range/list columns and column-expression lists: those columns;
// - date_trunc('unit', c) and time_slice(c, INTERVAL n unit[, floor]): the column c, because such
//   a function f is a floor (f(v) <= v, f monotone, f(b) = b for every boundary b), so for
//   boundaries L, U: L <= f(v) < U exactly when L <= v < U. Every partition's bounds are checked to
//   be such boundaries (aligned to the unit; time_slice counts from 0001-01-01 00:00:00); a bound
//   that is not (a partition added by hand) is refused, as is time_slice(.., ceil);
// - any other expression (str2date(s, '%Y%m%d'), from_unixtime(..), ...) is refused: its values
//   are not the column's values, so a predicate on the column would select the wrong rows;
// - the PartitionKey of every row must name the same columns as the model (case-insensitively).
// The error's `expected` says what exlSchema can match exactly and `found` what the table has.
Result<std::vector<PartitionColumn>>
partition_columns(const TableModel& table, const std::vector<PartitionInfo>& partitions);

// The time unit and step of an automatic (expression) partitioning `expression`, in the DDL
// parser's canonical form: {"day", 1} for date_trunc('day', `dt`), {"hour", 6} for
// time_slice(`dt`, INTERVAL 6 hour); nullopt for any other expression (and time_slice .., ceil).
struct TimeStep {
  std::string unit;
  long long count = 1;
};
std::optional<TimeStep> expression_time_step(std::string_view expression);

// True when the date/datetime bounds [`lower`, `upper`) are exactly one step of the automatic
// partitioning `expression`: both values of its floor, `upper` the next one after `lower`.
bool is_one_step(std::string_view expression, std::string_view lower, std::string_view upper);

// True when `literal` is the minimum value StarRocks uses as the lower bound of a first range
// partition written with LESS THAN, for `type` (or for any type when unknown).
bool is_type_minimum(const Literal& literal, const std::optional<ColumnType>& type);

// A boolean SQL expression true exactly for the rows of a partition with `bounds`;
// "TRUE" for the single partition of an unpartitioned table (Kind::None with no `columns`) and
// "FALSE" for an empty range. An error, never a guess, when `columns` does not cover the bounds
// (no column, or fewer columns than the bound tuples have values) or when a partitioned table's
// partition has no bounds (Kind::None with `columns`): a wrong predicate would make INSERT
// OVERWRITE empty a partition or copy the whole table into one.
Result<std::string> partition_predicate(const std::vector<PartitionColumn>& columns,
                                        const PartitionBounds& bounds);

struct NamedBounds {
  std::string name;
  PartitionBounds bounds;
};

std::vector<NamedBounds> named_bounds(const std::vector<PartitionInfo>& partitions);

// Row counts per partition in one statement per `max_partitions_per_query` partitions (one
// statement for every table up to that size). Each returns columns (exl_partition, exl_rows);
// rows that match none of the statement's partitions come back under exl_partition NULL.
// `extra_where`, when not empty, is ANDed in (the operator's -where filter). Refused when a
// partition has no bounds (Kind::None) but is not the only one: every row would count for it.
Result<std::vector<std::string>>
build_partition_count_queries(const TableRef& table, const std::vector<PartitionColumn>& columns,
                              const std::vector<NamedBounds>& partitions,
                              std::string_view extra_where = {},
                              std::size_t max_partitions_per_query = 1000);

// The rows of any of `partitions`: their predicates ORed ("TRUE" when one of them is TRUE, as
// for an unpartitioned table). Refused as partition_predicate refuses, naming the partition.
Result<std::string> any_partition_predicate(const std::vector<PartitionColumn>& columns,
                                            const std::vector<NamedBounds>& partitions);

// As build_partition_count_queries for `partitions`, some of the table's partitions (the
// auditor counts only those that changed since the sides were last seen equal): the WHERE also
// keeps only the rows of those partitions (any_partition_predicate), so that StarRocks prunes
// the others instead of reading the whole table. With several statements, the rows of another
// statement's partitions still come back under NULL.
Result<std::vector<std::string>> build_partition_subset_count_queries(
    const TableRef& table, const std::vector<PartitionColumn>& columns,
    const std::vector<NamedBounds>& partitions, std::string_view extra_where = {},
    std::size_t max_partitions_per_query = 1000);

struct RowHash; // checksum_sql.hpp

// As build_partition_count_queries, with the content checksum of each partition: the columns
// (exl_partition, exl_rows, exl_sum1[, exl_sum2]) of checksum_columns(hash), in the same one
// statement per table per side (docs/verify.md).
Result<std::vector<std::string>>
build_partition_checksum_queries(const TableRef& table, const std::vector<PartitionColumn>& columns,
                                 const std::vector<NamedBounds>& partitions, const RowHash& hash,
                                 std::string_view extra_where = {},
                                 std::size_t max_partitions_per_query = 1000);

// As build_partition_subset_count_queries, with the checksums.
Result<std::vector<std::string>> build_partition_subset_checksum_queries(
    const TableRef& table, const std::vector<PartitionColumn>& columns,
    const std::vector<NamedBounds>& partitions, const RowHash& hash,
    std::string_view extra_where = {}, std::size_t max_partitions_per_query = 1000);

} // namespace exl::starrocks
