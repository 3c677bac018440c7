#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// starrocks-cluster-sync's configuration files as `-o meta` writes them (docs/modes.md "-o meta").
// Every key and default is the official docs' (administration/data_migration_tool.md, "Configure
// the tool"; ../shared/seeds/starrocks-cluster-sync-docs.zh.md); nothing here does I/O.
namespace exl::scs {

using Properties = std::vector<std::pair<std::string, std::string>>;

// One cluster as scs reaches it: an FE and its query port, the user and the password.
struct ClusterLogin {
  std::string host;
  int query_port = 9030;
  std::string user;
  std::string password; // clear; written encrypted when SyncSettings::secret_key is set
};

struct SyncSettings {
  ClusterLogin source;
  ClusterLogin target;
  // *_cluster_password_secret_key: the passwords are written as
  // TO_BASE64(AES_ENCRYPT(password, key)), the form scs decrypts. Empty: clear passwords.
  std::string secret_key;
  std::string source_token;         // source_cluster_token; empty: not set
  std::vector<std::string> include; // include_data_list entries (`db`, `db.tbl`)
  std::vector<std::string> exclude; // exclude_data_list entries
  bool one_time = false;            // one_time_run_mode (-i)
  int replication_num = -1;         // target_cluster_replication_num (-replication)
  int max_disk_used_percent = 80;   // target_cluster_max_disk_used_percent
  int report_interval_s = 300;      // report_interval_seconds
  bool allow_drops = false;         // -recreate: scs may drop target tables and partitions
  Properties tuning;                // checked with tuning_key_problem
};

// Every key of conf/sync.properties, in the order of the docs' file, with its value for
// `settings`. Passwords and the secret key are the values scs needs (callers print them only
// through plan_text / util::redact).
Properties sync_properties(const SyncSettings& settings);

// The file's text: a header comment, then `key=value` lines. `masked`: passwords, the secret key
// and the token shown as `***` (the plan).
std::string properties_text(const Properties& properties, bool masked);

// conf/hosts.properties: the documented header line, then `SOURCE_<addr>=<ip>` lines.
std::string hosts_text(const Properties& hosts);

// Why `key` cannot be given in `scs.properties:` (a key exlSchema writes from the run, or one
// scs does not have); nullopt when it is a tuning key that may be.
std::optional<std::string> tuning_key_problem(std::string_view key);

// The lower bound of report_interval_seconds exlSchema writes (feishu.progress_interval below it
// is raised to it): scs's progress report is what exlSchema relays, and a report every second
// would only fill scs's log.
inline constexpr int k_min_report_interval_s = 5;

} // namespace exl::scs
