#include "cli/mode_rules.hpp"

#include "cli/flag_table.hpp"
#include "exlschema/util/errors.hpp"

#include <algorithm>
#include <functional>
#include <string>

namespace exl::cli {
namespace {

[[noreturn]] void fail(const std::string& message) {
  throw UsageError("exlSchema: " + message);
}

bool lists_flag(const modes::ModeInfo& mode, std::string_view flag) {
  return std::find(mode.mode_flags.begin(), mode.mode_flags.end(), flag) != mode.mode_flags.end();
}

// The names of the modes `keep` selects, joined by `separator`.
std::string mode_names(std::span<const modes::ModeInfo> modes,
                       const std::function<bool(const modes::ModeInfo&)>& keep,
                       std::string_view separator) {
  std::string names;
  for (const auto& mode : modes) {
    if (keep(mode)) {
      names += (names.empty() ? "" : std::string(separator)) + std::string(mode.name);
    }
  }
  return names;
}

// A mode-specific switch given with another mode would be silently ignored, which hides a
// mistake in a script, so it is refused.
void check_mode_flags(const ParsedArgs& parsed, const modes::ModeInfo& mode,
                      std::span<const modes::ModeInfo> modes) {
  for (const FlagSpec& spec : flag_table()) {
    if (spec.mode_specific && parsed.has(spec.name) && !lists_flag(mode, spec.name)) {
      fail(display_name(spec) + " only applies to -o " + modes_taking(spec.name, modes, " ") +
           " (got -o " + std::string(mode.name) + ")");
    }
  }
}

// The one rule for `-where` (docs/cli.md): it filters the rows a load reads, so wherever a load
// replaces existing target rows it would replace them with the filtered subset.
void check_where(const CliArgs& args, const modes::ModeInfo& mode,
                 std::span<const modes::ModeInfo> modes) {
  if (args.where.empty()) {
    return;
  }
  const auto takes_where = [](const modes::ModeInfo& m) { return m.where_ok_one_time; };
  const std::string where_modes = mode_names(modes, takes_where, ", ");
  const std::string mode_name(mode.name);
  if (mode.overwrites_partitions) {
    fail("-where cannot be used with -o " + mode_name +
         ": it overwrites whole partitions, and a filtered SELECT would replace each with a "
         "subset of its rows (-where is for a one-time -i load with -o " +
         where_modes + ")");
  }
  if (!mode.where_ok_one_time) {
    fail("-where only applies to a one-time -i load with -o " + where_modes + " (got -o " +
         mode_name + ")");
  }
  if (!args.once) {
    fail("-where needs -i: incremental rounds overwrite the partitions that changed, and a "
         "filtered SELECT would replace each with a subset of its rows");
  }
}

} // namespace

std::string modes_taking(std::string_view flag, std::span<const modes::ModeInfo> modes,
                         std::string_view separator) {
  return mode_names(
      modes, [&](const modes::ModeInfo& m) { return lists_flag(m, flag); }, separator);
}

void check_mode_rules(const ParsedArgs& parsed, const modes::ModeInfo& mode,
                      std::span<const modes::ModeInfo> modes) {
  check_mode_flags(parsed, mode, modes);
  check_where(parsed.args, mode, modes);
}

} // namespace exl::cli
