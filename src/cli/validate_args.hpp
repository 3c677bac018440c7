#pragma once

#include "cli/bound_args.hpp"
#include "exlschema/cli/cli_args.hpp"
#include "exlschema/modes/mode_info.hpp"

#include <span>

namespace exl::cli {

// What CLI11 cannot check flag by flag: the required flags of each command, the `-t`/`-x`/`-p`
// lists (their shape depends on `-level`), the run's flags against the registry row of its mode
// (one of `modes`) and a copy onto itself. Turns `parsed` into CliArgs. Throws exl::UsageError
// with one line naming the first problem found.
CliArgs validate_args(const ParsedArgs& parsed, std::span<const modes::ModeInfo> modes);

} // namespace exl::cli
