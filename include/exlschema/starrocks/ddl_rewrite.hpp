#pragma once

#include "exlschema/starrocks/table_model.hpp"

#include <optional>
#include <string>
#include <vector>

// The source table's model rewritten for creation on the target (PRODUCT.md §4.1).
namespace exl::starrocks {

struct TargetRewriteOptions {
  std::optional<int> replication_num; // -replication N (N >= 1); nullopt keeps the source's
  bool target_shared_data = false;    // the target runs in shared-data (cloud-native) mode
};

struct RewriteResult {
  TableModel table;
  std::vector<std::string> warnings; // one line per dropped or changed property
};

// Rules:
// - replication_num (table, per-partition and dynamic_partition.replication_num) := the override;
//   dropped on shared-data targets, which do not take it;
// - colocate_with dropped (a colocation group is per cluster);
// - storage_volume and the other shared-data-only properties (datacache.*,
//   enable_async_write_back, persistent_index_type) kept only for shared-data targets;
// - dynamic_partition.start dropped, so the target's scheduler never drops the history copied
//   from the source (the default start is Integer.MIN_VALUE = never drop, reference §3);
// - a table written by the source's dynamic partitioning keeps its partitions as fixed ranges.
RewriteResult rewrite_for_target(TableModel table, const TargetRewriteOptions& options);

} // namespace exl::starrocks
