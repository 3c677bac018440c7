#pragma once

#include "cli/bound_args.hpp"
#include "exlschema/modes/mode_info.hpp"

#include <span>
#include <string>
#include <string_view>

// The checks of a run's flags against the registry row of its mode (exl::modes::ModeInfo):
// mode-specific switches only with a mode that lists them, `-where` only where it cannot destroy
// target rows. No mode is named here; the rows say it all.
namespace exl::cli {

// `mode` is the row of the run's `-o`; `modes` is the whole table (to name the modes a flag does
// apply to). Throws exl::UsageError with one line naming the flag, the mode and why.
void check_mode_rules(const ParsedArgs& parsed, const modes::ModeInfo& mode,
                      std::span<const modes::ModeInfo> modes);

// The names of the `modes` whose row lists the mode-specific `flag`, joined by `separator`
// ("v1 v2 v3 v4 v5"): what `-h`, the man page and the refusal of a misplaced flag say.
std::string modes_taking(std::string_view flag, std::span<const modes::ModeInfo> modes,
                         std::string_view separator);

} // namespace exl::cli
