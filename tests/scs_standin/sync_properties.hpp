#pragma once

// conf/sync.properties and conf/hosts.properties of an scs home, read the way the real tool
// documents them (starrocks-cluster-sync docs, "第二步：配置工具"): every key of the default file
// with its default, `include_data_list` / `exclude_data_list` as comma-separated `db` or
// `db.tbl`, and `SOURCE_<host>=<ip>` / `TARGET_<host>=<ip>` address mappings.

#include <map>
#include <string>
#include <vector>

namespace scs_standin {

struct ClusterProperties {
  std::string fe_host;
  int fe_query_port = 9030;
  std::string user = "root";
  std::string password; // as written: encrypted when `password_secret_key` is set
  std::string password_secret_key;
};

struct SyncProperties {
  bool one_time_run_mode = false;
  ClusterProperties source;
  std::string source_cluster_token;
  ClusterProperties target;
  std::vector<std::string> include_data_list;
  std::vector<std::string> exclude_data_list;
  std::string target_cluster_storage_volume;
  int target_cluster_replication_num = -1;
  double target_cluster_max_disk_used_percent = 80;
  long long max_replication_data_size_per_job_in_gb = -1;
  int meta_job_interval_seconds = 180;
  int meta_job_threads = 4;
  int ddl_job_interval_seconds = 10;
  int ddl_job_batch_size = 10;
  bool ddl_job_allow_drop_target_only = false;
  bool ddl_job_allow_drop_schema_change_table = true;
  bool ddl_job_allow_drop_inconsistent_partition = true;
  bool ddl_job_allow_drop_partition_target_only = true;
  int replication_job_interval_seconds = 10;
  int replication_job_batch_size = 10;
  int report_interval_seconds = 300;
};

struct LoadedProperties {
  SyncProperties properties;
  std::vector<std::string> warnings; // unknown keys, one line each
};

// Reads `path` (java.util.Properties syntax: `key=value`, `#`/`!` comments). Throws
// std::runtime_error naming the key for a value of the wrong type, or when the file is missing.
LoadedProperties load_sync_properties(const std::string& path);

// `SOURCE_<host>` / `TARGET_<host>` -> address, keys as written. A missing file is empty.
std::map<std::string, std::string> load_hosts_properties(const std::string& path);

// The selection rule of include_data_list / exclude_data_list: include first (empty = every
// database but the system ones), then exclude.
bool is_selected(const SyncProperties& p, const std::string& db, const std::string& table);
// Whether any table of `db` can be selected (to skip listing databases that cannot be).
bool may_select_database(const SyncProperties& p, const std::string& db);
bool is_system_database(const std::string& db);

} // namespace scs_standin
