#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// `.exlSchema.yaml` as read from disk (PRODUCT.md §3), before any secret is resolved: passwords
// stay "sources" (an env var name, a ciphertext) until a run needs that cluster, so that an unset
// variable of an unused cluster does not stop a run. Every entry remembers where it was written
// (`file:line`) for error messages.
namespace exl::config {

struct PasswordSource {
  enum class Kind { None, Plain, Env, Encrypted };
  Kind kind = Kind::None;
  std::string value;   // the password (Plain), the variable name (Env), base64 (Encrypted)
  std::string key_env; // Encrypted: the variable holding the AES key
  std::string where;   // "file:line: clusters.a.password_env"
};

struct ClusterEntry {
  std::string alias;
  std::string host;
  int port = 9030;
  int http_port = 8030;
  int rpc_port = 9020;
  std::string user;
  PasswordSource password;
  std::string where; // "file:line: clusters.a"
};

// `registry:`: a table of cluster login info (alias, host, port, http_port, rpc_port, user,
// password) on a cluster named by alias or given inline.
struct RegistrySettings {
  std::string cluster;                // an alias of `clusters:`; empty when `server` is set
  std::optional<ClusterEntry> server; // inline host/port/user/password
  std::string database;               // from `table: db.tbl`
  std::string table;
  // `password_column_key_env`: when set, the password column holds password_enc values
  // (TO_BASE64(AES_ENCRYPT(pw, key))) and this variable holds the key.
  std::string column_key_env;
  std::string where;
};

struct FeishuEntry {
  std::string webhook; // full URL, or
  std::string key;     // just the hook key
  std::string secret_env;
  std::string proxy;
  int progress_interval_s = 300;
  std::string where;
};

struct Defaults {
  int thread = 3;
  double speed_gb = 1.0;
  int query_timeout_s = 3600;
  // `exlSchema check` reports a backend whose fullest data disk (SHOW BACKENDS MaxDiskUsedPct) is
  // above this, and a run starts no new task while the target's is; 80 as the official migration
  // tool's target_cluster_max_disk_used_percent.
  int max_disk_used_pct = 80;
  // A run stops (no new task starts, the others fail) once the target's fullest disk is above
  // this. Never below max_disk_used_pct: when not written it is 90, or max_disk_used_pct when
  // that is higher.
  int critical_disk_used_pct = 90;
  // -o starrocks: how long a write through a new OLAP external table is retried (with backoff)
  // while the target's metadata has not reached the source's FE yet (StarRocks syncs it about
  // every 10 s), before that table fails.
  int external_metadata_wait_s = 120;
};

// `jdbc:` the MySQL JDBC driver a JDBC catalog on the target loads (CREATE EXTERNAL CATALOG's
// driver_url and driver_class, reference §6). The FE downloads the jar when the catalog is created
// and the BEs at first use, so the URL must be reachable from the target cluster, not from here.
struct JdbcDriver {
  std::string url = std::string(k_default_jdbc_driver_url);
  std::string class_name = "com.mysql.cj.jdbc.Driver";
  // The JDBC catalog examples of the StarRocks docs (data_source/catalog/jdbc_catalog.md).
  static constexpr std::string_view k_default_jdbc_driver_url =
      "https://repo1.maven.org/maven2/mysql/mysql-connector-java/8.0.28/"
      "mysql-connector-java-8.0.28.jar";
};

// `scs:` the official starrocks-cluster-sync for `-o meta` (docs/modes.md "-o meta"). Secrets stay
// sources (variable names) until a meta run resolves them.
struct ScsEntry {
  std::string home;             // the unpacked tool: bin/start.sh, bin/stop.sh, conf/
  std::string secret_key_env;   // a variable holding the key sync.properties' passwords are
                                // encrypted with (*_password_secret_key); empty: clear passwords
  std::string source_token_env; // a variable holding source_cluster_token; empty: not written
  // conf/hosts.properties: `SOURCE_<address>` / `TARGET_<address>` -> a reachable address.
  std::vector<std::pair<std::string, std::string>> hosts;
  // Tuning keys of sync.properties written as given (meta_job_interval_seconds, ...); the keys
  // exlSchema derives from the run are refused here.
  std::vector<std::pair<std::string, std::string>> properties;
  int stall_timeout_s = 1800; // no progress (log nor audit) for this long: the run fails
  int stop_timeout_s = 60;    // bin/stop.sh gets this long before the process group is killed
  std::string where;
};

// `storage:` for -o files (issue #17): where the source exports (`source`) and, when the target
// cannot read that bucket, where it loads from (`target`; exlSchema copies the objects between
// them). Keys stay variable names until a files run resolves them.
struct StorageLocationEntry {
  std::string endpoint; // http(s)://host[:port]; empty: AWS S3 of `region`
  std::string bucket;
  std::string prefix = "exlschema";
  std::string region = "us-east-1";
  bool path_style = true;
  std::string access_key_env;
  std::string secret_key_env;
  std::string where;
};
struct StorageEntry {
  std::string format = "auto"; // auto | parquet | csv
  StorageLocationEntry source;
  std::optional<StorageLocationEntry> target;
  std::string where;
};

struct ConfigFile {
  std::string path;
  std::map<std::string, ClusterEntry> clusters;
  std::optional<RegistrySettings> registry;
  std::optional<FeishuEntry> feishu;
  std::optional<ScsEntry> scs;
  std::optional<StorageEntry> storage;
  Defaults defaults;
  JdbcDriver jdbc;
  std::string state_path; // `state:`, `~` expanded, absolute; empty: the default place
};

// Reads and checks `path`. Throws exl::ConfigError naming the file, the line and the key for a
// missing file, malformed YAML, a missing key, an unknown key or a wrong type.
ConfigFile load_config_file(const std::string& path);

// The same on `text`, reported as `path` (for tests and for `-config -`-like uses).
ConfigFile parse_config_text(const std::string& text, const std::string& path);

} // namespace exl::config
