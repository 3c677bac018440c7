#pragma once

#include "exlschema/cli/cli_args.hpp"
#include "exlschema/modes/mode_info.hpp"

#include <span>
#include <string>
#include <string_view>
#include <vector>

// argv -> CliArgs. The only part of exlSchema that knows CLI11. Every long flag is accepted with
// one or two dashes (`-thread 5`, `--thread 5`, `--thread=5`); `-t`, `-x`, `-o`, `-r`, `-i`,
// `-a`, `-p`, `-q`, `-v`, `-h` are short flags and `-add` is a long flag of its own.
//
// `modes` is the mode table (exl::modes::mode_table(), passed in by the app so that the CLI does
// not link the modes): `-o` accepts its names, `-h` lists them, and each run's flags are checked
// against the row of its mode.
namespace exl::cli {

// Parses and validates `args` (argv without the program name) against the known `modes`.
// Throws exl::UsageError with one line naming the problem (unknown flag, missing required flag,
// bad number, malformed list, invalid name, unknown mode, a flag its mode does not take, ...).
// Nothing connects.
CliArgs parse_command_line(const std::vector<std::string>& args,
                           std::span<const modes::ModeInfo> modes);

// The `-h` text: every flag in both spellings with its default and meaning, and the modes.
std::string help_text(std::span<const modes::ModeInfo> modes);

// The help of one sub-command (`exlSchema check -h`): its usage, what it does and its flags from
// the flag table. Throws exl::UsageError for a `name` that is no sub-command.
std::string subcommand_help_text(std::string_view name, std::span<const modes::ModeInfo> modes);

// `exlSchema --man`: the manual page exlSchema(1) in roff (man(7) macros), generated from the
// flag table, the sub-command table and `modes` (their statements), so it cannot drift from `-h`.
std::string man_page(std::span<const modes::ModeInfo> modes);

// `exlSchema --completion bash|zsh`: the completion script for `shell` ("bash" or "zsh"), from
// the same tables. Cluster aliases are read when completing, with `exlSchema --list-aliases`.
std::string completion_script(std::string_view shell, std::span<const modes::ModeInfo> modes);

// The CLI11 version this build was compiled with (for `--version`).
std::string cli11_version();

} // namespace exl::cli
