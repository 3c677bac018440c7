#pragma once

#include "exlschema/audit/auditor.hpp"
#include "exlschema/starrocks/partition_predicate.hpp"
#include "exlschema/starrocks/result.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

// Row counts per partition on one side, with the auditor's one statement per table per side
// (starrocks::build_partition_count_queries), sent through that side's reader.
namespace exl::audit {

// One partition's rows and, in a checksum audit, its content sums (exl_sum1[, ...]).
struct PartitionTally {
  std::int64_t rows = 0;
  std::vector<__int128> sums;
};

struct SideCount {
  const SideReader& read;
  const starrocks::TableRef& table;
  const std::vector<starrocks::PartitionColumn>& columns;
  std::string_view where;                       // -where, or empty
  const char* side;                             // "source" / "target", for messages
  int& queries;                                 // incremented per statement sent
  const starrocks::RowHash* checksum = nullptr; // also sum this row hash per partition
};

// Rows (and sums) of each of `partitions` (by the name given; 0 when none), in one statement per
// 1000 partitions; nothing is sent when `partitions` is empty. `some`: the side has other
// partitions that are not counted, so the statement reads only these partitions' rows. Throws
// AuditError when the statement cannot be exact, when rows belong to none of the counted partitions
// (their predicates would not be exact), or when the answer is not the statement's shape.
std::unordered_map<std::string, PartitionTally>
count_partition_rows(const SideCount& side, const std::vector<starrocks::NamedBounds>& partitions,
                     bool some);

// The refusal of a table whose partitions have no exact predicate: why, and the mode that
// copies it without partition predicates.
// An exact integer sum as the clusters print it (exact_integer.hpp). Anything else is an
// AuditError naming `side`.
__int128 parse_sum(const std::string& text, std::string_view side);

[[noreturn]] void refuse_inexact(const starrocks::ParseError& error, std::string_view whose);

} // namespace exl::audit
