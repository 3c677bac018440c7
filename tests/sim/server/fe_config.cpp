#include "server/fe_config.hpp"

#include "server/sql_text.hpp"

#include <algorithm>
#include <cstdint>

namespace srsim::server {
namespace {

std::vector<FeConfigItem> defaults(const ClusterConfig& c) {
  // Defaults from the FE configuration docs (administration/management/FE_configuration.md);
  // the ports are this cluster's.
  std::vector<FeConfigItem> items = {
      {"enable_legacy_compatibility_for_replication", "false", "boolean", true, false, ""},
      {"tablet_stat_update_interval_second", std::to_string(c.stats_interval_s), "int", false,
       false, ""},
      {"dynamic_partition_check_interval_seconds", "600", "long", true, false, ""},
      {"dynamic_partition_enable", "true", "boolean", true, false, ""},
      {"enable_display_shadow_partitions", "false", "boolean", true, false, ""},
      {"label_keep_max_second", "259200", "long", true, true, ""},
      {"stream_load_default_timeout_second", "600", "int", true, true, ""},
      {"insert_load_default_timeout_second", "3600", "int", true, true, ""},
      {"max_stream_load_timeout_second", "259200", "int", true, true, ""},
      {"task_ttl_second", "86400", "int", true, false, ""},
      {"task_runs_ttl_second", "86400", "int", true, false, ""},
      // Config.java: @ConfField(mutable = true) task_runs_concurrency = 4 in the 2.5 - 3.x
      // copies read (an older copy has 20); the task runner honours it (LiveSettings).
      {"task_runs_concurrency", "4", "int", true, false, ""},
      {"task_runs_queue_length", "500", "int", true, false, ""},
      {"task_min_schedule_interval_s", "10", "int", true, false, ""},
      {"catalog_trash_expire_second", "86400", "long", true, true, ""},
      {"max_partitions_in_one_batch", "4096", "long", true, true, ""},
      {"auto_partition_max_creation_number_per_load", "4096", "long", true, true, ""},
      {"default_replication_num", "3", "short", true, true, ""},
      {"mysql_server_version", "5.1.0", "String", true, false, ""},
      {"check_java_version", "true", "boolean", false, false, ""},
      {"http_port", std::to_string(c.http_port), "int", false, false, ""},
      {"query_port", std::to_string(c.query_port), "int", false, false, ""},
      {"rpc_port", std::to_string(c.rpc_port), "int", false, false, ""},
      {"edit_log_port", "9010", "int", false, false, ""},
      {"meta_dir", "/opt/starrocks/fe/meta", "String", false, false, ""},
      {"run_mode", c.shared_data ? "shared_data" : "shared_nothing", "String", false, false, ""},
  };
  // lake_compaction_max_tasks: FE_configuration.md "lake_compaction_max_tasks" (default -1 =
  // alive CNs x 16, 0 disables compaction; type Int; dynamic; introduced v3.1.0), and the 3.1
  // release notes (made dynamic). It only acts on a shared-data cluster (CompactionScheduler
  // .compactionTaskLimit), but it is a plain Config.java field, so every 3.1+ FE lists it and
  // accepts ADMIN SET FRONTEND CONFIG for it whatever its run_mode.
  if (c.version.at_least(3, 1)) {
    items.push_back({"lake_compaction_max_tasks", "-1", "int", true, false, ""});
  }
  return items;
}

bool fits_type(const std::string& type, const std::string& value) {
  if (type == "boolean") {
    std::string v = to_lower(value);
    return v == "true" || v == "false";
  }
  if (type == "int" || type == "long" || type == "short") {
    return parse_integer(value).has_value();
  }
  return true;
}

} // namespace

FeConfig::FeConfig(const ClusterConfig& cluster)
    : m_items(defaults(cluster)), m_live(cluster.live) {}

std::vector<FeConfigItem> FeConfig::items() const {
  std::lock_guard lock(m_mutex);
  return m_items;
}

std::optional<std::string> FeConfig::get(const std::string& key) const {
  std::lock_guard lock(m_mutex);
  for (const auto& item : m_items) {
    if (item.key == key) {
      return item.value;
    }
  }
  return std::nullopt;
}

std::optional<ErrorReply> FeConfig::set(const std::string& key, const std::string& value) {
  std::lock_guard lock(m_mutex);
  for (auto& item : m_items) {
    if (item.key == key && item.mutable_) {
      if (!fits_type(item.type, value)) {
        return ErrorReply{1064, "HY000", "Invalid config value: " + value + " for config " + key};
      }
      item.value = item.type == "boolean" ? to_lower(value) : value;
      if (key == "task_runs_concurrency") {
        // Read by TaskRunScheduler at each scheduling round, so later runs follow it at once.
        long long n = *parse_integer(value);
        m_live->task_runs_concurrency =
            static_cast<int>(std::clamp<long long>(n, INT32_MIN, INT32_MAX));
      }
      return std::nullopt;
    }
  }
  // ErrorCode ERR_CONFIG_NOT_EXIST-style text (starrocks-surface.md §8).
  return ErrorReply{1064, "HY000", "Config '" + key + "' does not exist or is not mutable"};
}

} // namespace srsim::server
