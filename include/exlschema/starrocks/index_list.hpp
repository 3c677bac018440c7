#pragma once

#include "exlschema/starrocks/partition_info.hpp"
#include "exlschema/starrocks/result.hpp"
#include "exlschema/starrocks/table_ref.hpp"

#include <string>
#include <vector>

// Rollups and synchronous materialized views: SHOW CREATE TABLE does not show them, so a copy
// lists them and reports per table that they were not copied.
//
// `DESC db.tbl ALL` (every release from 2.x on: StarRocks ShowStmtAnalyzer.visitDescTableStmt)
// lists every materialized index of an OLAP table or MV, the base index first and named as the
// table, each index's first row carrying IndexName and IndexKeysType. It reads the live indexes,
// unlike SHOW ALTER MATERIALIZED VIEW / SHOW ALTER TABLE ROLLUP, which list jobs (also those of
// indexes dropped since).
namespace exl::starrocks {

// DESC `db`.`tbl` ALL
std::string build_describe_all(const TableRef& table);

struct TableIndexes {
  std::string base;                // the base index (the table's own name)
  std::vector<std::string> others; // rollups and synchronous MVs, in the order listed
};

// The indexes in a DESC ... ALL result (`column_names` as the server sent them, `rows`). Refused
// when there is no IndexName column (not an OLAP table: a MySQL external table answers
// Host/Port/...) or no index at all.
Result<TableIndexes> parse_describe_all(const std::vector<std::string>& column_names,
                                        const std::vector<ResultRow>& rows);

} // namespace exl::starrocks
