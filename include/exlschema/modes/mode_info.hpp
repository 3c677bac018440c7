#pragma once

#include <memory>
#include <span>
#include <string_view>

// One row of the mode table (mode_registry.hpp): what `-o NAME` is and which of the command
// line's mode-specific flags it takes. The CLI checks a run's flags against the row of its mode,
// so a mode's flag rules are written once, here, and not as mode names in src/cli.
namespace exl::config {
struct RunOptions;
}

namespace exl::modes {

class Mode;

struct ModeInfo {
  std::string_view name;    // the `-o` value
  std::string_view summary; // one line for `-h`
  bool writes;              // writes to a cluster (with -r)
  bool implemented;         // false: the run stops before connecting

  // The mode-specific flags (names without dashes, as in the CLI's flag table) this mode accepts;
  // given with a mode that does not list them they would be silently ignored, so they are refused.
  std::span<const std::string_view> mode_flags;

  // `-where` filters the source rows of a load. It is safe only where it cannot destroy target
  // rows: a one-time (`-i`) first load into tables the run creates or truncates. A repair that
  // overwrites partitions, or an incremental round (which overwrites partitions that changed),
  // would replace a whole partition with the filtered subset.
  bool where_ok_one_time;
  bool overwrites_partitions; // repairs by overwriting whole partitions (the `-where` reason)

  // Makes the mode's strategy (src/modes/<mode>.cpp); null while `implemented` is false.
  std::unique_ptr<Mode> (*make)() = nullptr;

  // Without -i the run repeats rounds every -interval seconds, each one replacing what changed
  // on the source (drive.hpp); with -i, or for a mode without rounds, it runs once.
  bool rounds = false;

  // Checks the run's options before anything connects (what the CLI cannot know: the
  // configuration, e.g. meta's scs home); throws UsageError with one line. Null: nothing to check.
  void (*check_options)(const config::RunOptions& options) = nullptr;

  // What the mode sends to which cluster, in order, in short (docs/modes.md has the whole
  // story): one `cluster: statement` per line. `exlSchema --man` prints it under MODES.
  std::string_view statements = {};
};

} // namespace exl::modes
