#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

// For incremental rounds (issue #10): what a partition looked like the last time both sides were
// seen equal, so that a round can skip partitions whose source has not changed since.
namespace exl::state {

// Which copy of a table: source and target aliases and the source's `db.table`.
struct TableCopy {
  std::string source;
  std::string target;
  std::string table;
};

struct PartitionVersion {
  std::string partition;
  std::int64_t source_version = 0;              // the source's VisibleVersion (SHOW PARTITIONS)
  std::optional<std::int64_t> target_version;   // the target's VisibleVersion, when known
  std::int64_t row_count = 0;                   // the rows both sides had
  std::chrono::system_clock::time_point seen{}; // when they were seen equal
};

} // namespace exl::state
