#pragma once

#include "exlschema/cli/cli_args.hpp"
#include "exlschema/cli/command_line.hpp"

#include <span>

namespace exl::cli {

// Checks of a run's flags taken together: the mode is one of `modes`, mode-specific switches are
// used with their mode, and the run does not copy tables onto themselves. Throws exl::UsageError.
void check_combinations(const CliArgs& args, std::span<const ModeChoice> modes);

} // namespace exl::cli
