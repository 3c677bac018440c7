#pragma once

#include "exlschema/config/cluster_settings.hpp"
#include "exlschema/config/feishu_settings.hpp"
#include "exlschema/config/job_flags.hpp"
#include "exlschema/storage/storage_location.hpp"

#include <optional>
#include <string>
#include <utility>
#include <vector>

// Everything a run needs to know, built once from the command line and the configuration file
// (src/app) and never changed afterwards. Run state (counters, results) lives in the runner and
// the report, not here.
namespace exl::config {

// `scs:` resolved for a meta run (config_file.hpp ScsEntry): the secrets read from their variables
// and registered as secrets.
struct ScsSettings {
  std::string home; // empty: not configured
  std::string secret_key;
  std::string source_token;
  std::vector<std::pair<std::string, std::string>> hosts;
  std::vector<std::pair<std::string, std::string>> properties;
  int stall_timeout_s = 1800;
  int stop_timeout_s = 60;
  int report_interval_s = 300; // report_interval_seconds: feishu.progress_interval, else 300
};

// `storage:` resolved for a files run (config_file.hpp StorageEntry): keys read from their
// variables and registered as secrets. `target` nullopt: the target reads the source's bucket.
struct StorageSettings {
  std::string format = "auto";
  std::optional<storage::StorageLocation> source;
  std::optional<storage::StorageLocation> target;
  // Where the target reads: `target` when set, else `source`.
  const storage::StorageLocation& load_location() const { return target ? *target : *source; }
};

struct RunOptions : JobFlags {
  std::string run_id; // e.g. `20261121T120000-a1b2`; names temporary objects `exl_tmp_<run>__`

  ClusterSettings source;
  ClusterSettings target;

  int threads = 3;            // `-thread` (else `defaults.thread`)
  double speed_gb = 1.0;      // `-speed` (else `defaults.speed_gb`)
  int query_timeout_s = 3600; // `defaults.query_timeout`

  // The throttle on the target's fullest BE data disk (modes/throttle.hpp): above the first no
  // new task starts, above the second the run stops. `defaults.max_disk_used_pct` /
  // `defaults.critical_disk_used_pct`, whole percents.
  int max_disk_used_pct = 80;
  int critical_disk_used_pct = 90;
  int external_metadata_wait_s = 120; // `defaults.external_metadata_wait_s` (-o starrocks)

  std::string config_path; // the configuration file actually read

  std::optional<FeishuSettings> feishu; // nullopt: not configured, or `-nonotify`
  std::string jdbc_driver_url;          // `jdbc.driver_url`, for the JDBC catalog of v1-v5
  std::string jdbc_driver_class;        // `jdbc.driver_class`
  ScsSettings scs;                      // `scs:`, for -o meta (resolved for meta runs only)
  StorageSettings storage;              // `storage:`, for -o files (resolved for files runs only)
  std::string state_path; // the run history (`state:`, else state::default_state_path())
};

} // namespace exl::config
