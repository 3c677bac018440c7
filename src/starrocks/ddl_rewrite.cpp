#include "exlschema/starrocks/ddl_rewrite.hpp"

#include <algorithm>
#include <array>

namespace exl::starrocks {
namespace {

constexpr std::array<std::string_view, 5> k_shared_data_only = {
    "storage_volume", "datacache.enable", "datacache.partition_duration", "enable_async_write_back",
    "persistent_index_type"};

void drop_with_warning(TableModel& table, std::string_view key, std::string_view why,
                       std::vector<std::string>& warnings) {
  if (const std::string* value = find_property(table.properties, key)) {
    warnings.push_back("dropped \"" + std::string(key) + "\" = \"" + *value +
                       "\": " + std::string(why));
    erase_property(table.properties, key);
  }
}

void set_replication(TableModel& table, int replication, std::vector<std::string>& warnings) {
  std::string value = std::to_string(replication);
  const std::string* old = find_property(table.properties, "replication_num");
  if (old == nullptr || *old != value) {
    warnings.push_back("replication_num set to " + value +
                       (old != nullptr ? " (source: " + *old + ")" : std::string()));
  }
  set_property(table.properties, "replication_num", value);
  if (find_property(table.properties, "dynamic_partition.replication_num") != nullptr) {
    set_property(table.properties, "dynamic_partition.replication_num", value);
  }
  for (PartitionDef& partition : table.partitioning.partitions) {
    if (find_property(partition.properties, "replication_num") != nullptr) {
      set_property(partition.properties, "replication_num", value);
    }
  }
}

void drop_replication(TableModel& table, std::vector<std::string>& warnings) {
  drop_with_warning(table, "replication_num", "a shared-data target manages replicas itself",
                    warnings);
  erase_property(table.properties, "replicated_storage");
  erase_property(table.properties, "dynamic_partition.replication_num");
  for (PartitionDef& partition : table.partitioning.partitions) {
    erase_property(partition.properties, "replication_num");
  }
}

// Settings under which the target's scheduler drops partitions, and so the history copied from
// the source (CREATE_TABLE.md, expression_partitioning.md):
// - dynamic_partition.start: partitions before the offset are dropped (default Integer.MIN_VALUE,
//   never; reference §3);
// - partition_live_number: only the N most recent partitions are kept (automatic partitioning,
//   documented with it from v3.0);
// - partition_ttl (and the older MV-style partition_ttl_number): partitions older than the TTL
//   are dropped (first release for tables unconfirmed; accepted by tables in 3.5, StarRocks SQL
//   test test_partition_ttl);
// - partition_retention_condition: partitions not matching the condition are dropped (v3.5.0,
//   "Common Partition Expression TTL"; the empty string disables it).
constexpr std::array<std::string_view, 4> k_history_droppers = {
    "partition_live_number", "partition_ttl", "partition_ttl_number",
    "partition_retention_condition"};

constexpr std::string_view k_never_drop_start = "-2147483648";

void neutralise(TableModel& table, std::string_view key, RewriteResult& result) {
  const std::string* value = find_property(table.properties, key);
  if (value == nullptr || (key == "dynamic_partition.start" && *value == k_never_drop_start)) {
    return;
  }
  result.warnings.push_back("removed \"" + std::string(key) + "\" = \"" + *value +
                            "\" so that the target does not drop partitions of the copied "
                            "history; set it again once the data is in: ALTER TABLE .. SET (\"" +
                            std::string(key) + "\" = \"" + *value + "\")");
  result.deferred.emplace_back(key, *value);
  erase_property(table.properties, key);
}

// A colocation group takes its bucket count from its first member; a source that prints no count
// (automatic buckets) leaves the target to choose one.
void check_colocation(const TableModel& table, std::vector<std::string>& warnings) {
  const std::string* group = find_property(table.properties, "colocate_with");
  if (group != nullptr && !table.distribution.buckets) {
    warnings.push_back("\"colocate_with\" = \"" + *group +
                       "\" kept, but the source prints no bucket count: the group's first table "
                       "on the target sets one, which may differ from the source's");
  }
}

} // namespace

RewriteResult rewrite_for_target(TableModel table, const TargetRewriteOptions& options) {
  RewriteResult result;
  std::vector<std::string>& warnings = result.warnings;
  check_colocation(table, warnings);
  if (options.target_shared_data) {
    drop_replication(table, warnings);
  } else {
    for (std::string_view key : k_shared_data_only) {
      drop_with_warning(table, key, "the target is not a shared-data cluster", warnings);
    }
    if (options.replication_num) {
      set_replication(table, *options.replication_num, warnings);
    }
  }
  neutralise(table, "dynamic_partition.start", result);
  for (std::string_view key : k_history_droppers) {
    neutralise(table, key, result);
  }
  result.table = std::move(table);
  return result;
}

} // namespace exl::starrocks
