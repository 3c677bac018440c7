#pragma once

#include "exlschema/starrocks/checksum_sql.hpp"
#include "exlschema/starrocks/table_model.hpp"
#include "exlschema/starrocks/table_ref.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// Bisection of a partition whose content checksums differ (issue #11, audit::Bisector): the
// statements that cut a key range into ranges, checksum every range, and fetch the rows of the
// small ones. Each is run natively on each cluster.
//
// A range is cut at bound tuples b1 < b2 < ... < bn of the key columns by
//   CASE WHEN <key <= b1> THEN 0 WHEN <key <= b2> THEN 1 ... ELSE n END
// (tuples compared lexicographically: (`a` < x OR (`a` = x AND `b` <= y))). A CASE gives every
// row exactly one value, NULL key parts included (a comparison with NULL is not TRUE, so the row
// goes on to a later arm or to ELSE), and both clusters apply the same three-valued logic, so
// child j of a range is exactly `<parent predicate> AND (<CASE>) = j` on both sides.
namespace exl::starrocks {

// One value per key column, as the server printed it. Bounds never hold NULL (a bound with a
// NULL part is not used).
using KeyTuple = std::vector<std::string>;

// `value` of `column` as a literal: numbers (and BOOLEAN's 0/1) bare when they are plain numeric
// text, anything else through quote_string.
std::string key_literal(const Column& column, const std::string& value);

// The key tuple is at most `bound`: `k` <= 5, or (`a` < 1 OR (`a` = 1 AND `b` <= 'x')) for
// several columns.
std::string key_at_most(const std::vector<Column>& keys, const KeyTuple& bound);

// CASE WHEN <key <= bounds[0]> THEN first WHEN ... ELSE first + bounds.size() END: the number of
// each row's range when a range is cut at `bounds` (ascending, distinct, at least one).
std::string range_case(const std::vector<Column>& keys, const std::vector<KeyTuple>& bounds,
                       int first = 0);

// A range being cut: its exact predicate ("" for the whole partition) and its bounds.
struct RangeSplit {
  std::string predicate;
  std::vector<KeyTuple> bounds; // ascending, distinct, at least one
};

// The exact predicate of child `index` (0 .. bounds.size()) of `split`:
// "<parent> AND (<range_case>) = index", or "(<range_case>) = index" under the whole partition.
std::string child_predicate(const std::vector<Column>& keys, const RangeSplit& split, int index);

// A readable description of the keys between `lower` (exclusive) and `upper` (inclusive):
// "`id` > 100 AND `id` <= 200", "(`a`, `b`) <= (1, \"x\")", "`id` > 200 OR `id` IS NULL" (one
// nullable column without an upper bound: where its NULLs go), "every row" without bounds.
// For people; the exact predicate is child_predicate's.
std::string describe_key_range(const std::vector<Column>& keys,
                               const std::optional<KeyTuple>& lower,
                               const std::optional<KeyTuple>& upper);

// One range whose bounds are sought: every `step`-th row of it in key order is a bound.
struct BoundsRange {
  std::string predicate; // exact; "" for the whole partition
  std::int64_t step = 1;
};

// The bounds of each of `ranges` (numbered 0.. as exl_parent), in one statement:
//   SELECT exl_parent, <keys> FROM (SELECT exl_parent, <keys>, ROW_NUMBER() OVER (PARTITION BY
//   exl_parent ORDER BY <keys>) AS exl_rn FROM (SELECT <parent number> AS exl_parent, <keys> FROM
//   <table> WHERE <partition> AND <ranges>) AS exl_p) AS exl_b WHERE exl_rn % <step of
//   exl_parent> = 0 ORDER BY exl_parent, exl_rn
// `partition`: the partition's exact predicate ("TRUE" or "" when unpartitioned).
std::string build_bisect_bounds(const TableRef& table, const std::vector<Column>& keys,
                                std::string_view partition, const std::vector<BoundsRange>& ranges);

// Rows, count and checksum sums of every child of every range of `splits`, in one statement:
//   SELECT exl_range, COUNT(*) AS exl_rows<checksum_aggregates> FROM (SELECT <range number> AS
//   exl_range, <row_hash_select> FROM <table> WHERE <partition> AND <ranges>) AS exl_bisect
//   GROUP BY exl_range
// Children are numbered on from 0 in order: child j of splits[s] is number j plus the children
// of the splits before s (bounds.size() + 1 each). A child without rows has no result row.
std::string build_bisect_checksums(const TableRef& table, const std::vector<Column>& keys,
                                   const RowHash& hash, std::string_view partition,
                                   const std::vector<RangeSplit>& splits);

// SELECT <keys>, <row_hash_select> FROM <table> WHERE <partition> AND <ranges>: each row of the
// ranges of `predicates` (exact, disjoint; "" for the whole partition) with its hash.
std::string build_bisect_rows(const TableRef& table, const std::vector<Column>& keys,
                              const RowHash& hash, std::string_view partition,
                              const std::vector<std::string>& predicates);

} // namespace exl::starrocks
