#pragma once

#include "exlschema/cli/cli_args.hpp"

#include <string>

// `exlSchema history [-t LIST] [-n N] [-json PATH] [-config PATH]` (docs/history.md).
namespace exl::commands {

// The state store `history` reads: the configuration's `state:` when a configuration file is
// found (a named one, -config or $EXLSCHEMA_CONFIG, must exist), else state::default_state_path().
// history needs no configuration file at all.
std::string history_state_path(const std::string& cli_config_path);

// Prints the history to stdout (and writes `-json`) and returns the exit code: 0. Throws
// exl::ConfigError for a state store that cannot be opened or is corrupt.
int run_history(const cli::CliArgs& args);

} // namespace exl::commands
