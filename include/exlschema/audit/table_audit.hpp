#pragma once

#include "exlschema/starrocks/partition_info.hpp"
#include "exlschema/starrocks/partition_predicate.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// What the partition auditor (auditor.hpp) found for one table: per partition, the row counts of
// both sides and what they mean; per table, the totals and the mode the shape calls for.
// How the counts are made and what is trusted: docs/audit.md.
namespace exl::audit {

enum class PartitionState {
  Equal,           // the same row count on both sides (more than 0)
  Differs,         // a partition of that name on both sides, different counts
  ContentDiffers,  // the same row count, different content checksums (a checksum audit only)
  MissingOnTarget, // no partition of that name on the target, and source rows to copy
  TargetOnly,      // a partition only the target has (never touched by v4/v5)
  EmptyOnBoth,     // 0 and 0, or no partition on the target and 0 rows on the source
};

// "equal", "count differs", "content differs", "missing on target", "target only",
// "empty on both".
const char* state_name(PartitionState state);

struct PartitionAudit {
  std::string name; // the source's name (the target's for a target-only partition)
  PartitionState state = PartitionState::Equal;
  // Rows counted, or remembered when `unchanged`. nullopt: not counted on that side (a
  // target-only partition on the source; in a target-only audit, the source of a partition the
  // target holds rows of).
  std::optional<std::int64_t> source_rows;
  std::optional<std::int64_t> target_rows;
  // SHOW PARTITIONS of each side (bounds, id, version, data size); nullopt: no such partition.
  std::optional<starrocks::PartitionInfo> source;
  std::optional<starrocks::PartitionInfo> target;
  // Equal without counting: PartitionId and VisibleVersion of both sides are those recorded in
  // the state store when the two were last counted equal; the rows are the ones recorded then.
  bool unchanged = false;
  // A checksum audit (AuditRequest::checksum): each side's content checksums (exl_sum1[, ...] as
  // decimal integers), empty when that side was not checksummed (unchanged, not counted, or a
  // count-only audit).
  std::vector<std::string> source_sums;
  std::vector<std::string> target_sums;
};

struct TableAudit {
  std::vector<PartitionAudit> partitions; // source order, then the target-only ones
  std::int64_t source_rows = 0;           // sums of what was counted or remembered
  std::int64_t target_rows = 0;
  // The partition columns, for each partition's exact predicate
  // (starrocks::partition_predicate(columns, partition.source->bounds)).
  std::vector<starrocks::PartitionColumn> columns;
  // The mode the table's shape calls for: "v4" when the target holds partitions the source lacks
  // (audits of both sides only). The caller decides what to do with it.
  std::optional<std::string> recommended_mode;
  bool checksummed = false; // the counts carried content checksums (AuditRequest::checksum)
  int queries_source = 0;   // statements sent to each side (SHOW PARTITIONS and counts)
  int queries_target = 0;

  // Every partition Equal or EmptyOnBoth.
  bool equal() const;
  // The partition called `name` (case-insensitive, as StarRocks names partitions); null if none.
  const PartitionAudit* find(std::string_view name) const;
  // How many partitions are in `state`.
  int count(PartitionState state) const;
};

} // namespace exl::audit
