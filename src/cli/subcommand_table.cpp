#include "cli/subcommand_table.hpp"

#include <array>

namespace exl::cli {
namespace {

constexpr std::array<std::string_view, 7> k_check_flags{"source", "target", "config", "log",
                                                        "q",      "v",      "h"};
constexpr std::array<std::string_view, 9> k_clean_flags{
    "target", "source", "catalogs", "r", "config", "log", "q", "v", "h"};
constexpr std::array<std::string_view, 8> k_history_flags{"t",   "n", "json", "config",
                                                          "log", "q", "v",    "h"};
constexpr std::array<std::string_view, 18> k_verify_flags{"source",   "target",      "t",
                                                          "x",        "level",       "p",
                                                          "where",    "bisect-rows", "bisect-depth",
                                                          "thread",   "json",        "metrics",
                                                          "nonotify", "config",      "log",
                                                          "q",        "v",           "h"};

// Texts as in docs/modes.md ("check", "clean", "verify") and docs/history.md.
constexpr std::array k_subcommands{
    SubcommandSpec{"check", "connectivity and versions of the clusters",
                   "-source ALIAS [-target ALIAS]",
                   "Reports for each named cluster whether it is fit for a copy: the address "
                   "answers, the version, shared-nothing or shared-data, the user and the "
                   "privileges the modes need, FEs and BEs alive, the fullest BE disk against "
                   "defaults.max_disk_used_pct, JDBC catalog support and, on the target, "
                   "enable_legacy_compatibility_for_replication. Reads only (SELECT, SHOW, ADMIN "
                   "SHOW). Exit 0 when all is good, 1 when there is a problem, 2 for bad input.",
                   k_check_flags},
    SubcommandSpec{"clean", "drop exlSchema's temporary objects left by a crashed run",
                   "-target ALIAS [-source ALIAS] [-catalogs] [-r]",
                   "Lists every task, table, view and catalog whose name starts with exl_tmp_ on "
                   "the named clusters (with -catalogs also the exl_src_* JDBC catalogs of v1-v5, "
                   "which hold the source's password) and the DROP statements that would remove "
                   "them; with -r it sends them, tasks first. Objects with other names are never "
                   "touched. Exit 0 when nothing is left (or the plan was printed), 1 when a drop "
                   "failed or a cluster could not be read.",
                   k_clean_flags},
    SubcommandSpec{"history", "past runs per table, from the state store",
                   "[-t LIST] [-n N] [-json PATH]",
                   "Shows the last N runs recorded in the state store (plan-only runs marked), "
                   "then per table of -t its last runs: status, rows moved, partitions rewritten, "
                   "failures with their reason. Needs no configuration file (a state: key in one "
                   "moves the store) and connects nowhere.",
                   k_history_flags},
    SubcommandSpec{
        "verify", "compare the rows of source and target tables by content checksum",
        "-source ALIAS -target ALIAS -t LIST [-p LIST] [-where EXPR] [-bisect-rows N] "
        "[-bisect-depth N]",
        "Read-only: compares every partition's row count and content checksum on both "
        "sides (xx_hash3_64 from StarRocks 3.2, else murmur_hash3_32), then bisects each "
        "differing partition down to the keys that differ (only on the source, only on "
        "the target, content differs); -json lists every differing key. Exit 0 when "
        "every table is equal, 3 when any differs, 1 when a table could not be "
        "compared.",
        k_verify_flags},
};

} // namespace

std::span<const SubcommandSpec> subcommand_table() {
  return k_subcommands;
}

const SubcommandSpec* find_subcommand(std::string_view name) {
  for (const SubcommandSpec& spec : k_subcommands) {
    if (spec.name == name) {
      return &spec;
    }
  }
  return nullptr;
}

} // namespace exl::cli
