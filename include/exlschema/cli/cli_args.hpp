#pragma once

#include "exlschema/config/job_flags.hpp"

#include <optional>
#include <string>
#include <vector>

// The command line after parsing and validation (src/cli): typed, every value checked, nothing
// resolved against the configuration yet. Values that have a configuration default
// (`-thread`, `-speed`) stay nullopt when the flag was not given.
namespace exl::cli {

// Help, Version, Man, Completion and ListAliases print something and exit; they connect nowhere.
enum class Command {
  Run,
  Check,
  Clean,
  History,
  Verify,
  Help,
  Version,
  Man,
  Completion,
  ListAliases
};
enum class Verbosity { Quiet, Normal, Verbose };

struct CliArgs : config::JobFlags {
  Command command = Command::Run;
  std::string source;     // `-source` alias
  std::string target;     // `-target` alias
  bool no_notify = false; // `-nonotify`

  std::optional<int> threads;     // `-thread`; nullopt: `defaults.thread`
  std::optional<double> speed_gb; // `-speed`; nullopt: `defaults.speed_gb`

  std::string config_path;     // `-config`; empty: search (PRODUCT.md §3)
  int history_runs = 10;       // `history -n`: how many past runs to show
  bool clean_catalogs = false; // `clean -catalogs`: also the exl_src_* JDBC catalogs
  Verbosity verbosity = Verbosity::Normal;

  std::string help_topic;       // `check -h`: "check"; empty: the whole program's `-h`
  std::string completion_shell; // `--completion`: "bash" or "zsh"
};

} // namespace exl::cli
