#pragma once

#include "exlschema/config/table_pattern.hpp"

#include <string>
#include <vector>

// What the command line says about the job itself: which tables, which mode, which switches.
// The parsed command line (cli::CliArgs) and the resolved run (config::RunOptions) both carry it,
// so it is declared and copied once instead of field by field.
namespace exl::config {

struct JobFlags {
  std::string mode;                    // `-o`: mysql, starrocks, meta, ghost, v1..v5, pipe, files
  Level level = Level::Table;          // `-level`
  std::vector<TablePattern> tables;    // `-t`
  std::vector<TablePattern> excludes;  // `-x`, applied after `-t`
  std::vector<std::string> partitions; // `-p`; empty: all
  std::string where;                   // `-where`; empty: none

  bool execute = false;        // `-r`: without it only the plan is printed
  bool once = false;           // `-i`: one round, then exit
  int interval_s = 300;        // `-interval`
  bool create_catalog = false; // `-a`
  bool add_partitions = false; // `-add`
  bool batch = false;          // `-batch`
  bool batch_check = false;    // `-batchcheck`
  bool truncate = false;       // `-truncate`
  bool complement = false;     // `-complement`
  bool recreate = false;       // `-recreate`
  int replication = -1;        // `-replication`; -1: same as source
  bool checksum = false;       // `-checksum`: audits compare content checksums too (issue #11)
  bool keep_files = false;     // `-keep-files`: -o files leaves the run's objects in the bucket
  int bisect_rows = 1000;      // `verify -bisect-rows`: list the keys of ranges this small
  int bisect_depth = 6;        // `verify -bisect-depth`: bisection levels per partition

  bool quiet = false;       // `-q`: the console shows problems only (cron)
  std::string json_path;    // `-json`; empty: none
  std::string metrics_path; // `-metrics`: a Prometheus textfile-collector file; empty: none
  std::string log_path;     // `-log`; empty: none

  // The throttle's control files (modes/throttle.hpp); empty: none.
  std::string pause_file; // `-pause-file`: while it exists no new task starts
  std::string panic_file; // `-panic-file`: once it exists the run stops cleanly
};

} // namespace exl::config
