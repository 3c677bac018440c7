#include "cli/combinations.hpp"

#include "exlschema/util/errors.hpp"

#include <algorithm>
#include <array>
#include <string>

namespace exl::cli {
namespace {

[[noreturn]] void fail(const std::string& message) {
  throw UsageError("exlSchema: " + message);
}

std::string mode_names(std::span<const ModeChoice> modes) {
  std::string names;
  for (const auto& mode : modes) {
    names += (names.empty() ? "" : ", ") + std::string(mode.name);
  }
  return names;
}

void check_mode_known(const CliArgs& args, std::span<const ModeChoice> modes) {
  const bool known = std::any_of(modes.begin(), modes.end(),
                                 [&](const ModeChoice& m) { return m.name == args.mode; });
  if (!known) {
    fail("unknown mode -o '" + args.mode + "' (known: " + mode_names(modes) + ")");
  }
}

// Switches that only mean something in some modes (PRODUCT.md §1). Given with another mode they
// would be silently ignored, which hides a mistake in a script, so they are refused.
struct ModeOnlySwitch {
  bool CliArgs::*flag;
  std::string_view name;
  std::string_view modes; // space-separated, with spaces around for whole-word search
};

constexpr std::array k_mode_only{
    ModeOnlySwitch{&CliArgs::batch, "-batch", " v1 "},
    ModeOnlySwitch{&CliArgs::batch_check, "-batchcheck", " v1 "},
    ModeOnlySwitch{&CliArgs::complement, "-complement", " v1 "},
    ModeOnlySwitch{&CliArgs::create_catalog, "-a", " v1 v2 v3 v4 v5 "},
    ModeOnlySwitch{&CliArgs::truncate, "-truncate", " v1 v2 v4 "},
};

void check_mode_switches(const CliArgs& args) {
  const std::string word = " " + args.mode + " ";
  for (const auto& rule : k_mode_only) {
    if (args.*rule.flag && rule.modes.find(word) == std::string_view::npos) {
      std::string allowed(rule.modes.substr(1, rule.modes.size() - 2));
      fail(std::string(rule.name) + " only applies to -o " + allowed + " (got -o " + args.mode +
           ")");
    }
  }
}

// exlSchema has no rename option, so the same alias on both sides means every table would be
// read and written in place.
void check_not_onto_itself(const CliArgs& args) {
  if (args.source == args.target) {
    fail("-source and -target are both '" + args.source +
         "': the tables would be copied onto themselves");
  }
}

} // namespace

void check_combinations(const CliArgs& args, std::span<const ModeChoice> modes) {
  check_mode_known(args, modes);
  check_mode_switches(args);
  check_not_onto_itself(args);
}

} // namespace exl::cli
