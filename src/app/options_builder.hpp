#pragma once

#include "exlschema/cli/cli_args.hpp"
#include "exlschema/config/cluster_directory.hpp"
#include "exlschema/config/config_file.hpp"
#include "exlschema/config/run_options.hpp"

#include <string>

namespace exl::app {

// The immutable options of a run: `args` over the file's defaults, both aliases resolved through
// `directory` (file first, then the registry table), Feishu settings unless `-nonotify`.
// Throws exl::ConfigError for an unknown alias or an unresolvable secret.
config::RunOptions build_run_options(const cli::CliArgs& args, const config::ConfigFile& file,
                                     config::ClusterDirectory& directory,
                                     const std::string& run_id);

} // namespace exl::app
