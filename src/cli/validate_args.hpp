#pragma once

#include "cli/raw_args.hpp"
#include "exlschema/cli/cli_args.hpp"
#include "exlschema/cli/command_line.hpp"

#include <span>

namespace exl::cli {

// Turns the strings of `raw` into typed, checked CliArgs: numbers, lists, names, the mode (one
// of `modes`), required flags per command and the combinations that make no sense. Throws
// exl::UsageError with one line naming the first problem found.
CliArgs validate_args(const RawArgs& raw, std::span<const ModeChoice> modes);

} // namespace exl::cli
