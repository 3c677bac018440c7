#pragma once

#include "exlschema/cli/cli_args.hpp"

#include <span>
#include <string>
#include <string_view>
#include <vector>

// argv -> CliArgs. The only part of exlSchema that knows CLI11. Every long flag is accepted with
// one or two dashes (`-thread 5`, `--thread 5`, `--thread=5`); `-t`, `-x`, `-o`, `-r`, `-i`,
// `-a`, `-p`, `-q`, `-v`, `-h` are short flags and `-add` is a long flag of its own.
namespace exl::cli {

// A mode `-o` accepts, with its one-line summary for `-h` (the list comes from src/modes, so
// that the CLI does not depend on the modes).
struct ModeChoice {
  std::string_view name;
  std::string_view summary;
};

// Parses and validates `args` (argv without the program name) against the known `modes`.
// Throws exl::UsageError with one line naming the problem (unknown flag, missing required flag,
// bad number, malformed list, invalid name, unknown mode, ...). Nothing connects.
CliArgs parse_command_line(const std::vector<std::string>& args, std::span<const ModeChoice> modes);

// The `-h` text: every flag in both spellings with its default and meaning, and the modes.
std::string help_text(std::span<const ModeChoice> modes);

// The CLI11 version this build was compiled with (for `--version`).
std::string cli11_version();

} // namespace exl::cli
