#pragma once

#include "exlschema/config/table_pattern.hpp"

#include <optional>
#include <string>
#include <vector>

// The command line after parsing and validation (src/cli): typed, every value checked, nothing
// resolved against the configuration yet. Values that have a configuration default
// (`-thread`, `-speed`) stay nullopt when the flag was not given.
namespace exl::cli {

enum class Command { Run, Check, Clean, Help, Version };
enum class Verbosity { Quiet, Normal, Verbose };

struct CliArgs {
  Command command = Command::Run;
  std::string source; // `-source` alias
  std::string target; // `-target` alias
  std::string mode;   // `-o`
  config::Level level = config::Level::Table;
  std::vector<config::TablePattern> tables;   // `-t`
  std::vector<config::TablePattern> excludes; // `-x`
  std::vector<std::string> partitions;        // `-p`
  std::string where;                          // `-where`

  bool execute = false;        // `-r`
  bool once = false;           // `-i`
  bool create_catalog = false; // `-a`
  bool add_partitions = false; // `-add`
  bool batch = false;          // `-batch`
  bool batch_check = false;    // `-batchcheck`
  bool truncate = false;       // `-truncate`
  bool complement = false;     // `-complement`
  bool recreate = false;       // `-recreate`
  bool no_notify = false;      // `-nonotify`

  int interval_s = 300;           // `-interval`
  std::optional<int> threads;     // `-thread`; nullopt: `defaults.thread`
  std::optional<double> speed_gb; // `-speed`; nullopt: `defaults.speed_gb`
  int replication = -1;           // `-replication`

  std::string config_path; // `-config`; empty: search (PRODUCT.md §3)
  std::string json_path;   // `-json`
  std::string log_path;    // `-log`
  Verbosity verbosity = Verbosity::Normal;
};

} // namespace exl::cli
