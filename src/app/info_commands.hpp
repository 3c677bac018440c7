#pragma once

#include "exlschema/cli/cli_args.hpp"

#include <optional>

// The commands that print something and exit without connecting anywhere: `-h` (also per
// sub-command), `--version`, `--man`, `--completion bash|zsh` and `--list-aliases`.
namespace exl::app {

// Runs `args`' command when it is one of them and returns its exit code; nullopt for every
// other command. Throws what the configuration search throws for `--list-aliases` (exit 2).
std::optional<int> run_info_command(const cli::CliArgs& args);

} // namespace exl::app
