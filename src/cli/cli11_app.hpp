#pragma once

#include "cli/bound_args.hpp"
#include "exlschema/modes/mode_info.hpp"

#include <CLI/CLI.hpp>

#include <span>
#include <string>
#include <vector>

// The CLI11 side of the flag table: one CLI11 option per row, bound to its BoundArgs field with
// the row's validators, default, exclusions and the "given at most once" policy.
namespace exl::cli {

// Adds every flag of the table and the `check` / `clean` / `history` sub-commands to `app`,
// bound to `args`;
// `-o` accepts the names of `modes`.
void bind_all(CLI::App& app, BoundArgs& args, std::span<const modes::ModeInfo> modes);

// Parses `tokens` (normalize_argv's output). Throws exl::UsageError with CLI11's one-line
// message for an unknown flag, a stray argument, a second sub-command, a value on a switch,
// a flag given twice, excluded flags together or a value a validator refuses.
ParsedArgs parse_with_cli11(const std::vector<std::string>& tokens,
                            std::span<const modes::ModeInfo> modes);

} // namespace exl::cli
