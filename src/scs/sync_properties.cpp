#include "exlschema/scs/sync_properties.hpp"

#include "exlschema/config/password_cipher.hpp"

#include <algorithm>
#include <array>

namespace exl::scs {
namespace {

// Keys scs has that exlSchema leaves to the operator (`scs.properties:`), with the docs' defaults
// where the docs give one. The `enable_*_sync` switches are from the newer docs page
// (reference §12).
constexpr std::string_view k_storage_volume = "target_cluster_storage_volume"; // default: none
constexpr std::array<std::pair<std::string_view, std::string_view>, 7> k_tuning_defaults{{
    {"max_replication_data_size_per_job_in_gb", "-1"},
    {"meta_job_interval_seconds", "180"},
    {"meta_job_threads", "4"},
    {"ddl_job_interval_seconds", "10"},
    {"ddl_job_batch_size", "10"},
    {"replication_job_interval_seconds", "10"},
    {"replication_job_batch_size", "10"},
}};
constexpr std::array<std::string_view, 4> k_tuning_switches{
    "enable_materialized_view_sync", "enable_view_sync", "enable_bitmap_index_sync",
    "enable_table_property_sync"};

// Keys exlSchema derives from the run and the configuration.
constexpr std::array<std::string_view, 21> k_derived{"one_time_run_mode",
                                                     "source_fe_host",
                                                     "source_fe_query_port",
                                                     "source_cluster_user",
                                                     "source_cluster_password",
                                                     "source_cluster_password_secret_key",
                                                     "source_cluster_token",
                                                     "target_fe_host",
                                                     "target_fe_query_port",
                                                     "target_cluster_user",
                                                     "target_cluster_password",
                                                     "target_cluster_password_secret_key",
                                                     "include_data_list",
                                                     "exclude_data_list",
                                                     "target_cluster_replication_num",
                                                     "target_cluster_max_disk_used_percent",
                                                     "ddl_job_allow_drop_target_only",
                                                     "ddl_job_allow_drop_schema_change_table",
                                                     "ddl_job_allow_drop_inconsistent_partition",
                                                     "ddl_job_allow_drop_partition_target_only",
                                                     "report_interval_seconds"};

bool is_secret_key(std::string_view key) {
  return key.ends_with("_password") || key.ends_with("_secret_key") || key.ends_with("_token");
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) {
    out += (out.empty() ? "" : ",") + item;
  }
  return out;
}

std::string tuning_value(const SyncSettings& s, std::string_view key, std::string_view fallback) {
  for (const auto& [k, v] : s.tuning) {
    if (k == key) {
      return v;
    }
  }
  return std::string(fallback);
}

void add_login(Properties& p, const char* side, const ClusterLogin& login, const std::string& key) {
  const std::string prefix(side);
  p.emplace_back(prefix + "_fe_host", login.host);
  p.emplace_back(prefix + "_fe_query_port", std::to_string(login.query_port));
  p.emplace_back(prefix + "_cluster_user", login.user);
  p.emplace_back(prefix + "_cluster_password",
                 key.empty() ? login.password
                             : config::mysql_aes_encrypt_base64(login.password, key));
  p.emplace_back(prefix + "_cluster_password_secret_key", key);
}

} // namespace

Properties sync_properties(const SyncSettings& s) {
  Properties p;
  p.emplace_back("one_time_run_mode", s.one_time ? "true" : "false");
  add_login(p, "source", s.source, s.secret_key);
  p.emplace_back("source_cluster_token", s.source_token);
  add_login(p, "target", s.target, s.secret_key);
  p.emplace_back("include_data_list", joined(s.include));
  p.emplace_back("exclude_data_list", joined(s.exclude));
  p.emplace_back(std::string(k_storage_volume), tuning_value(s, k_storage_volume, ""));
  p.emplace_back("target_cluster_replication_num", std::to_string(s.replication_num));
  p.emplace_back("target_cluster_max_disk_used_percent", std::to_string(s.max_disk_used_percent));
  for (const auto& [key, fallback] : k_tuning_defaults) {
    p.emplace_back(std::string(key), tuning_value(s, key, fallback));
  }
  // scs never drops what the target holds unless -recreate asks for it: the docs' defaults drop
  // a table whose schema differs, a partition distributed differently and a target-only
  // partition; target-only databases and tables are never dropped.
  const std::string drops = s.allow_drops ? "true" : "false";
  p.emplace_back("ddl_job_allow_drop_target_only", "false");
  p.emplace_back("ddl_job_allow_drop_schema_change_table", drops);
  p.emplace_back("ddl_job_allow_drop_inconsistent_partition", drops);
  p.emplace_back("ddl_job_allow_drop_partition_target_only", drops);
  p.emplace_back("report_interval_seconds",
                 std::to_string(std::max(s.report_interval_s, k_min_report_interval_s)));
  for (const std::string_view key : k_tuning_switches) {
    const std::string value = tuning_value(s, key, "");
    if (!value.empty()) {
      p.emplace_back(std::string(key), value);
    }
  }
  return p;
}

std::string properties_text(const Properties& properties, bool masked) {
  std::string out = "# Written by exlSchema -o meta for this run; the previous file is restored "
                    "when the run ends.\n";
  for (const auto& [key, value] : properties) {
    out += key + "=" + (masked && is_secret_key(key) && !value.empty() ? "***" : value) + "\n";
  }
  return out;
}

std::string hosts_text(const Properties& hosts) {
  std::string out = "# <SOURCE/TARGET>_<domain>=<IP>\n";
  for (const auto& [from, to] : hosts) {
    out += from + "=" + to + "\n";
  }
  return out;
}

std::optional<std::string> tuning_key_problem(std::string_view key) {
  if (std::find(k_derived.begin(), k_derived.end(), key) != k_derived.end()) {
    return "exlSchema writes '" + std::string(key) +
           "' from the run itself (docs/modes.md \"-o meta\"); it cannot be set in scs.properties";
  }
  const bool tuning =
      key == k_storage_volume ||
      std::any_of(k_tuning_defaults.begin(), k_tuning_defaults.end(),
                  [&](const auto& entry) { return entry.first == key; }) ||
      std::find(k_tuning_switches.begin(), k_tuning_switches.end(), key) != k_tuning_switches.end();
  if (!tuning) {
    return "'" + std::string(key) + "' is not a starrocks-cluster-sync setting exlSchema knows";
  }
  return std::nullopt;
}

} // namespace exl::scs
