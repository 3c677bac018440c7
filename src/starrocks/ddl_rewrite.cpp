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

} // namespace

RewriteResult rewrite_for_target(TableModel table, const TargetRewriteOptions& options) {
  RewriteResult result;
  std::vector<std::string>& warnings = result.warnings;
  drop_with_warning(table, "colocate_with", "colocation groups exist per cluster", warnings);
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
  const std::string* start = find_property(table.properties, "dynamic_partition.start");
  if (start != nullptr && *start != "-2147483648") {
    drop_with_warning(table, "dynamic_partition.start",
                      "the target would drop the history copied from the source", warnings);
  }
  result.table = std::move(table);
  return result;
}

} // namespace exl::starrocks
