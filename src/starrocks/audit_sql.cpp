#include "exlschema/starrocks/checksum_sql.hpp"
#include "exlschema/starrocks/partition_predicate.hpp"
#include "exlschema/starrocks/quote.hpp"

#include <algorithm>

// The auditor's count query: one statement per table per side (PRODUCT.md §5).
//
//   SELECT exl_partition, COUNT(*) AS exl_rows
//   FROM (SELECT CASE WHEN <pred p1> THEN "p1" WHEN <pred p2> THEN "p2" ... END AS exl_partition
//         FROM <table> [WHERE <extra>]) AS exl_audit
//   GROUP BY exl_partition
//
// Why it is correct: StarRocks partitions are disjoint and each predicate selects exactly its
// partition's rows (partition_predicate.hpp), so at most one WHEN matches a row and the CASE order
// does not matter; COUNT(*) per CASE value is then the per-partition row count. Rows matching no
// WHEN (none in a consistent StarRocks table) are counted under NULL instead of being lost.
// A derived table is used instead of GROUP BY <alias> or GROUP BY 1 so that the statement is plain
// SQL that both StarRocks and MariaDB (the test simulator's engine) run unchanged.
//
// Size: each partition adds one WHEN of about 60-200 bytes; 1000 partitions stay well under the
// FE's default statement and expression limits (expr_children_limit 10000, System_limit docs).
// Tables with more partitions get one statement per chunk of `max_partitions_per_query`.
//
// A count of some partitions only (build_partition_subset_count_queries) adds
//   WHERE [(<extra>) AND] (<pred p1>) OR (<pred p2>) ...
// so that the FE prunes every other partition (partition pruning works on WHERE conditions over
// the partition columns, not on a CASE), and those rows are not read at all.
namespace exl::starrocks {
namespace {

Result<std::string> count_statement(const TableRef& table,
                                    const std::vector<PartitionColumn>& columns,
                                    const std::vector<NamedBounds>& partitions, std::size_t begin,
                                    std::size_t end, std::string_view extra_where,
                                    const RowHash* hash) {
  std::string where = extra_where.empty() ? "" : " WHERE (" + std::string(extra_where) + ")";
  if (partitions.size() == 1 && partitions[0].bounds.kind == PartitionBounds::Kind::None) {
    if (hash != nullptr) { // the same derived table, so that the sums read the row hashes
      return "SELECT " + quote_string(partitions[0].name) +
             " AS exl_partition, COUNT(*) AS exl_rows" + checksum_aggregates(*hash) +
             " FROM (SELECT " + row_hash_select(*hash) + " FROM " + table.sql() + where +
             ") AS exl_audit";
    }
    return "SELECT " + quote_string(partitions[0].name) +
           " AS exl_partition, COUNT(*) AS exl_rows" + " FROM " + table.sql() + where;
  }
  std::string cases = "CASE";
  for (std::size_t i = begin; i < end; ++i) {
    Result<std::string> predicate = partition_predicate(columns, partitions[i].bounds);
    if (!predicate) {
      ParseError error = predicate.error();
      error.expected = "partition " + partitions[i].name + ": " + error.expected;
      return error;
    }
    cases += " WHEN " + predicate.value() + " THEN " + quote_string(partitions[i].name);
  }
  cases += " END";
  const std::string sums = hash == nullptr ? "" : checksum_aggregates(*hash);
  const std::string hashes = hash == nullptr ? "" : ", " + row_hash_select(*hash);
  return "SELECT exl_partition, COUNT(*) AS exl_rows" + sums + " FROM (SELECT " + cases +
         " AS exl_partition" + hashes + " FROM " + table.sql() + where +
         ") AS exl_audit GROUP BY exl_partition";
}

Result<std::vector<std::string>>
statements_of(const TableRef& table, const std::vector<PartitionColumn>& columns,
              const std::vector<NamedBounds>& partitions, std::string_view extra_where,
              std::size_t max_partitions_per_query, const RowHash* hash) {
  std::vector<std::string> statements;
  if (partitions.empty()) {
    return statements;
  }
  for (const NamedBounds& partition : partitions) {
    if (partitions.size() > 1 && partition.bounds.kind == PartitionBounds::Kind::None) {
      // Its predicate would be TRUE: every row would count for it and none for the others.
      return ParseError{0, "partition " + partition.name + ": bounds, or no other partition",
                        std::to_string(partitions.size()) + " partitions"};
    }
  }
  std::size_t chunk = max_partitions_per_query == 0 ? partitions.size() : max_partitions_per_query;
  for (std::size_t begin = 0; begin < partitions.size(); begin += chunk) {
    std::size_t end = std::min(partitions.size(), begin + chunk);
    Result<std::string> statement =
        count_statement(table, columns, partitions, begin, end, extra_where, hash);
    if (!statement) {
      return statement.error();
    }
    statements.push_back(std::move(statement).value());
  }
  return statements;
}

// The WHERE of a statement over some partitions only.
Result<std::string> subset_where(const std::vector<PartitionColumn>& columns,
                                 const std::vector<NamedBounds>& partitions,
                                 std::string_view extra_where) {
  Result<std::string> any = any_partition_predicate(columns, partitions);
  if (!any) {
    return any.error();
  }
  std::string where(extra_where);
  if (any.value() != "TRUE") {
    where = where.empty() ? any.value() : "(" + where + ") AND (" + any.value() + ")";
  }
  return where;
}

} // namespace

Result<std::vector<std::string>>
build_partition_count_queries(const TableRef& table, const std::vector<PartitionColumn>& columns,
                              const std::vector<NamedBounds>& partitions,
                              std::string_view extra_where, std::size_t max_partitions_per_query) {
  return statements_of(table, columns, partitions, extra_where, max_partitions_per_query, nullptr);
}

Result<std::vector<std::string>>
build_partition_checksum_queries(const TableRef& table, const std::vector<PartitionColumn>& columns,
                                 const std::vector<NamedBounds>& partitions, const RowHash& hash,
                                 std::string_view extra_where,
                                 std::size_t max_partitions_per_query) {
  return statements_of(table, columns, partitions, extra_where, max_partitions_per_query, &hash);
}

Result<std::string> any_partition_predicate(const std::vector<PartitionColumn>& columns,
                                            const std::vector<NamedBounds>& partitions) {
  std::vector<std::string> predicates;
  for (const NamedBounds& partition : partitions) {
    Result<std::string> predicate = partition_predicate(columns, partition.bounds);
    if (!predicate) {
      ParseError error = predicate.error();
      error.expected = "partition " + partition.name + ": " + error.expected;
      return error;
    }
    if (predicate.value() == "TRUE") {
      return std::string("TRUE");
    }
    predicates.push_back(std::move(predicate).value());
  }
  if (predicates.empty()) {
    return std::string("FALSE");
  }
  if (predicates.size() == 1) {
    return predicates[0];
  }
  std::string any;
  for (const std::string& predicate : predicates) {
    any += (any.empty() ? "(" : " OR (") + predicate + ")";
  }
  return any;
}

Result<std::vector<std::string>> build_partition_subset_count_queries(
    const TableRef& table, const std::vector<PartitionColumn>& columns,
    const std::vector<NamedBounds>& partitions, std::string_view extra_where,
    std::size_t max_partitions_per_query) {
  Result<std::string> where = subset_where(columns, partitions, extra_where);
  if (!where) {
    return where.error();
  }
  return build_partition_count_queries(table, columns, partitions, where.value(),
                                       max_partitions_per_query);
}

Result<std::vector<std::string>> build_partition_subset_checksum_queries(
    const TableRef& table, const std::vector<PartitionColumn>& columns,
    const std::vector<NamedBounds>& partitions, const RowHash& hash, std::string_view extra_where,
    std::size_t max_partitions_per_query) {
  Result<std::string> where = subset_where(columns, partitions, extra_where);
  if (!where) {
    return where.error();
  }
  return build_partition_checksum_queries(table, columns, partitions, hash, where.value(),
                                          max_partitions_per_query);
}

} // namespace exl::starrocks
