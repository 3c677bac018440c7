#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

// For incremental rounds (issue #10): what a partition looked like on each side the last time
// both sides were seen equal, so that a round can skip partitions that have not changed since.
namespace exl::state {

// Which copy of a table: source and target aliases and the source's `db.table`.
struct TableCopy {
  std::string source;
  std::string target;
  std::string table;
};

// One partition of a copy as SHOW PARTITIONS showed it on each side when the two were counted
// equal. A partition can only be taken as unchanged when its PartitionId and VisibleVersion are
// both the same on both sides: a load adds a version, while an INSERT OVERWRITE or a TRUNCATE
// swaps in a new partition (new id, version back to 1 or 2), so either alone can repeat.
struct PartitionVersion {
  std::string partition;
  std::int64_t source_version = 0;              // the source's VisibleVersion (SHOW PARTITIONS)
  std::optional<std::int64_t> target_version;   // the target's VisibleVersion, when known
  std::int64_t row_count = 0;                   // the rows both sides had
  std::chrono::system_clock::time_point seen{}; // when they were seen equal
  // The PartitionId of each side; nullopt in records written before schema version 2, which
  // therefore never count as unchanged.
  std::optional<std::int64_t> source_id;
  std::optional<std::int64_t> target_id;
  // Found equal by content checksum (issue #11), not only by row counts (schema version 3).
  bool content_checked = false;
  bool operator==(const PartitionVersion&) const = default;
};

} // namespace exl::state
