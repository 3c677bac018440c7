#include "audit/partition_counter.hpp"

#include <algorithm>
#include <charconv>
#include <limits>

namespace exl::audit {
namespace {

std::int64_t parse_count(const db::Value& value, const SideCount& side) {
  std::int64_t count = 0;
  const std::string text = value.value_or("");
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), count);
  if (text.empty() || error != std::errc() || end != text.data() + text.size() || count < 0) {
    throw AuditError("the " + std::string(side.side) + "'s count statement returned '" + text +
                     "' as a row count");
  }
  return count;
}

struct StatementCounts {
  std::int64_t outside = 0; // rows of the statement that no WHEN matched
  std::int64_t total = 0;   // every row the statement read
};

// Adds one statement's rows to `counts`.
StatementCounts add_answer(const db::ResultSet& answer, const SideCount& side,
                           std::unordered_map<std::string, std::int64_t>& counts) {
  const auto name_column = answer.column_index("exl_partition");
  const auto rows_column = answer.column_index("exl_rows");
  if (!name_column || !rows_column) {
    throw AuditError("the " + std::string(side.side) +
                     "'s count statement did not return exl_partition and exl_rows");
  }
  StatementCounts result;
  for (const db::RowValues& row : answer.rows) {
    const std::int64_t rows = parse_count(row.at(*rows_column), side);
    result.total += rows;
    const db::Value& name = row.at(*name_column);
    if (!name) {
      result.outside += rows;
      continue;
    }
    const auto found = counts.find(*name);
    if (found == counts.end()) {
      throw AuditError("the " + std::string(side.side) + "'s count statement returned partition '" +
                       *name + "', which it did not count");
    }
    found->second += rows;
  }
  return result;
}

} // namespace

void refuse_inexact(const starrocks::ParseError& error, std::string_view whose) {
  throw AuditError("cannot count the rows of each partition exactly (" + std::string(whose) +
                   ": expected " + error.expected + ", found " + error.found +
                   "); -o v1 -truncate copies the whole table without partition predicates");
}

std::unordered_map<std::string, std::int64_t>
count_partition_rows(const SideCount& side, const std::vector<starrocks::NamedBounds>& partitions,
                     bool some) {
  std::unordered_map<std::string, std::int64_t> counts;
  if (partitions.empty()) {
    return counts;
  }
  for (const starrocks::NamedBounds& partition : partitions) {
    counts.emplace(partition.name, 0);
  }
  const auto statements = some ? starrocks::build_partition_subset_count_queries(
                                     side.table, side.columns, partitions, side.where)
                               : starrocks::build_partition_count_queries(side.table, side.columns,
                                                                          partitions, side.where);
  if (!statements) {
    refuse_inexact(statements.error(), std::string("the ") + side.side + "'s partitions");
  }
  // Every statement reads the same rows and counts its own partitions; the rest of its rows
  // come back under NULL. Rows in no counted partition at all: the smallest statement total
  // (a load between two statements only adds rows) less everything counted.
  std::int64_t smallest_total = std::numeric_limits<std::int64_t>::max();
  for (const std::string& sql : statements.value()) {
    ++side.queries;
    smallest_total = std::min(smallest_total, add_answer(side.read(sql), side, counts).total);
  }
  std::int64_t counted = 0;
  for (const auto& [name, rows] : counts) {
    counted += rows;
  }
  if (smallest_total > counted) {
    throw AuditError(std::to_string(smallest_total - counted) + " row(s) of the " + side.side +
                     " belong to none of its partitions' predicates, so the counts per partition "
                     "would not be exact");
  }
  return counts;
}

} // namespace exl::audit
