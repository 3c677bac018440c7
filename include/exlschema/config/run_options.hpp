#pragma once

#include "exlschema/config/cluster_settings.hpp"
#include "exlschema/config/feishu_settings.hpp"
#include "exlschema/config/table_pattern.hpp"

#include <optional>
#include <string>
#include <vector>

// Everything a run needs to know, built once from the command line and the configuration file
// (src/app) and never changed afterwards. Run state (counters, results) lives in the runner and
// the report, not here.
namespace exl::config {

struct RunOptions {
  std::string run_id; // e.g. `20261121T120000-a1b2`; names temporary objects `exl_tmp_<runid>_`
  std::string mode;   // `-o`: mysql, starrocks, meta, ghost, v1..v5, pipe

  ClusterSettings source;
  ClusterSettings target;

  Level level = Level::Table;          // `-level`
  std::vector<TablePattern> tables;    // `-t`
  std::vector<TablePattern> excludes;  // `-x`, applied after `-t`
  std::vector<std::string> partitions; // `-p`; empty: all
  std::string where;                   // `-where`; empty: none

  bool execute = false;        // `-r`: without it only the plan is printed
  bool once = false;           // `-i`: one round, then exit
  int interval_s = 300;        // `-interval`
  int threads = 3;             // `-thread` (else `defaults.thread`)
  double speed_gb = 1.0;       // `-speed` (else `defaults.speed_gb`)
  bool create_catalog = false; // `-a`
  bool add_partitions = false; // `-add`
  bool batch = false;          // `-batch`
  bool batch_check = false;    // `-batchcheck`
  bool truncate = false;       // `-truncate`
  bool complement = false;     // `-complement`
  bool recreate = false;       // `-recreate`
  int replication = -1;        // `-replication`; -1: same as source
  int query_timeout_s = 3600;  // `defaults.query_timeout`

  std::string json_path;   // `-json`; empty: none
  std::string log_path;    // `-log`; empty: none
  std::string config_path; // the configuration file actually read

  std::optional<FeishuSettings> feishu; // nullopt: not configured, or `-nonotify`
  std::string scs_home;                 // `scs.home`, for -o meta; empty: not configured
};

} // namespace exl::config
