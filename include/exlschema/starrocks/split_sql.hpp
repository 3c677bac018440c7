#pragma once

#include "exlschema/starrocks/table_model.hpp"
#include "exlschema/starrocks/table_ref.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

// v1 -batch: cutting one partition (or an unpartitioned table) that is larger than -speed into
// key ranges of similar size, chosen from the split column's distribution (PRODUCT.md §4.5).
namespace exl::starrocks {

// SELECT MAX(`c`) AS exl_bound FROM (SELECT `c`, NTILE(n) OVER (ORDER BY `c`) AS exl_tile
//   FROM <table> WHERE (<predicate>) AND `c` IS NOT NULL) AS exl_split
//   GROUP BY exl_tile ORDER BY exl_tile
// The upper bound of each of `pieces` equal-count tiles of `column`; run natively on the source.
std::string build_split_bounds(const TableRef& table, std::string_view column,
                               std::string_view predicate, int pieces);

// The predicates of the ranges cut at `bounds` (ascending, duplicates removed by the caller or
// here): `c` <= b1 OR `c` IS NULL; b1 < `c` <= b2; ...; `c` > bk. Every row satisfies exactly
// one. Values are literals of `type` (numbers bare, anything else quoted). One bound or none:
// a single "TRUE" range.
std::vector<std::string> split_predicates(std::string_view column,
                                          const std::optional<ColumnType>& type,
                                          std::vector<std::string> bounds);

// SELECT 1 AS exl_any FROM <table> LIMIT 1: whether a table holds any row.
std::string build_any_row(const TableRef& table);

} // namespace exl::starrocks
