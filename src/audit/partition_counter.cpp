#include "audit/partition_counter.hpp"

#include "audit/exact_integer.hpp"

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

std::vector<std::size_t> sum_columns(const db::ResultSet& answer, const SideCount& side) {
  std::vector<std::size_t> out;
  if (side.checksum == nullptr) {
    return out;
  }
  for (const std::string& name : starrocks::checksum_columns(*side.checksum)) {
    const auto index = answer.column_index(name);
    if (!index) {
      throw AuditError("the " + std::string(side.side) + "'s checksum statement did not return " +
                       name);
    }
    out.push_back(*index);
  }
  return out;
}

struct StatementCounts {
  std::int64_t outside = 0; // rows of the statement that no WHEN matched
  std::int64_t total = 0;   // every row the statement read
};

// Adds one statement's rows to `counts`.
StatementCounts add_answer(const db::ResultSet& answer, const SideCount& side,
                           std::unordered_map<std::string, PartitionTally>& counts) {
  const auto name_column = answer.column_index("exl_partition");
  const auto rows_column = answer.column_index("exl_rows");
  if (!name_column || !rows_column) {
    throw AuditError("the " + std::string(side.side) +
                     "'s count statement did not return exl_partition and exl_rows");
  }
  const std::vector<std::size_t> sums = sum_columns(answer, side);
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
    found->second.rows += rows;
    found->second.sums.resize(sums.size(), 0);
    for (std::size_t i = 0; i < sums.size(); ++i) {
      // Unsigned: the wrap-around of a sum past 2^127 (never reached) stays defined.
      found->second.sums[i] = static_cast<__int128>(
          static_cast<unsigned __int128>(found->second.sums[i]) +
          static_cast<unsigned __int128>(parse_sum(row.at(sums[i]).value_or(""), side.side)));
    }
  }
  return result;
}

starrocks::Result<std::vector<std::string>>
statements_for(const SideCount& side, const std::vector<starrocks::NamedBounds>& partitions,
               bool some) {
  if (side.checksum != nullptr) {
    return some ? starrocks::build_partition_subset_checksum_queries(
                      side.table, side.columns, partitions, *side.checksum, side.where)
                : starrocks::build_partition_checksum_queries(side.table, side.columns, partitions,
                                                              *side.checksum, side.where);
  }
  return some ? starrocks::build_partition_subset_count_queries(side.table, side.columns,
                                                                partitions, side.where)
              : starrocks::build_partition_count_queries(side.table, side.columns, partitions,
                                                         side.where);
}

} // namespace

__int128 parse_sum(const std::string& text, std::string_view side) {
  const std::optional<__int128> value = parse_int128(text);
  if (!value) {
    throw AuditError("the " + std::string(side) + "'s checksum statement returned '" + text +
                     "' as a sum");
  }
  return *value;
}

void refuse_inexact(const starrocks::ParseError& error, std::string_view whose) {
  throw AuditError("cannot count the rows of each partition exactly (" + std::string(whose) +
                   ": expected " + error.expected + ", found " + error.found +
                   "); -o v1 -truncate copies the whole table without partition predicates");
}

std::unordered_map<std::string, PartitionTally>
count_partition_rows(const SideCount& side, const std::vector<starrocks::NamedBounds>& partitions,
                     bool some) {
  std::unordered_map<std::string, PartitionTally> counts;
  if (partitions.empty()) {
    return counts;
  }
  for (const starrocks::NamedBounds& partition : partitions) {
    counts.emplace(partition.name, PartitionTally{});
  }
  const auto statements = statements_for(side, partitions, some);
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
  for (const auto& [name, tally] : counts) {
    counted += tally.rows;
  }
  if (smallest_total > counted) {
    throw AuditError(std::to_string(smallest_total - counted) + " row(s) of the " + side.side +
                     " belong to none of its partitions' predicates, so the counts per partition "
                     "would not be exact");
  }
  return counts;
}

} // namespace exl::audit
