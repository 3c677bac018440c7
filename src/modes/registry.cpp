#include "exlschema/modes/mode_registry.hpp"

#include "modes/ghost.hpp"
#include "modes/meta.hpp"
#include "modes/mysql.hpp"
#include "modes/pipe.hpp"
#include "modes/repair_mode.hpp"
#include "modes/starrocks.hpp"
#include "modes/v1.hpp"
#include "modes/verify.hpp"

#include <array>

namespace exl::modes {
namespace {

// Mode-specific flags per PRODUCT.md §1: `-batch`, `-batchcheck` and `-complement` belong to
// v1, `-a` (the JDBC catalog) to v1-v5, `-add` (create missing partitions) to v2/v3 (v4/v5 load
// missing partitions by definition), `-truncate` to v1's first load only (v2-v5 overwrite whole
// partitions, so emptying the table first would only widen the window in which it is empty).
constexpr std::array<std::string_view, 6> k_v1_flags{"a",          "batch",    "batchcheck",
                                                     "complement", "truncate", "checksum"};
constexpr std::array<std::string_view, 3> k_catalog_add_flags{"a", "add", "checksum"};
constexpr std::array<std::string_view, 2> k_catalog_flags{"a", "checksum"};
// -o mysql / -o starrocks / -o pipe: -truncate empties a non-empty target before the first load,
// -add creates the range/list partitions the target lacks.
constexpr std::array<std::string_view, 3> k_external_flags{"truncate", "add", "checksum"};

// Summaries follow PRODUCT.md §4.2-4.10. A row whose mode has not landed yet says so
// (`implemented` false) and the run stops before connecting. `-where` is allowed on
// the first (one-time) load of v1 and of the external-table and pipe modes; v2-v5 overwrite
// partitions and ghost/meta copy no rows through a SELECT of exlSchema's.
constexpr std::array k_modes{
    ModeInfo{"mysql", "copy through a temporary MySQL external table on the target", true, true,
             k_external_flags, true, false, make_mysql_mode, true},
    ModeInfo{"starrocks", "copy through a temporary StarRocks (OLAP) external table on the source",
             true, true, k_external_flags, true, false, make_starrocks_mode, true},
    ModeInfo{"meta",
             "run the official starrocks-cluster-sync with generated configuration",
             true,
             true,
             {},
             false,
             false,
             make_meta_mode,
             false,
             check_meta_options},
    ModeInfo{"ghost",
             "clone structure only (tables, views, materialized views), no data",
             true,
             true,
             {},
             false,
             false,
             make_ghost_mode},
    ModeInfo{"v1", "JDBC catalog: INSERT ... SELECT per table, optionally in capacity batches",
             true, true, k_v1_flags, true, false, make_v1_mode},
    ModeInfo{"v2", "audit both sides, overwrite each differing partition, one at a time", true,
             true, k_catalog_add_flags, false, true, make_v2_mode, true},
    ModeInfo{"v3", "audit both sides, overwrite differing partitions in batched async tasks", true,
             true, k_catalog_add_flags, false, true, make_v3_mode, true},
    ModeInfo{"v4", "audit the target only, load missing or empty partitions one at a time", true,
             true, k_catalog_flags, false, true, make_v4_mode, true},
    ModeInfo{"v5", "audit the target only, load missing or empty partitions in batches", true, true,
             k_catalog_flags, false, true, make_v5_mode, true},
    ModeInfo{"pipe", "stream through this host: SELECT from the source, Stream Load the target",
             true, true, k_external_flags, true, false, make_pipe_mode, true},
};

} // namespace

std::span<const ModeInfo> mode_table() {
  return k_modes;
}

const ModeInfo* find_mode(std::string_view name) {
  for (const ModeInfo& mode : k_modes) {
    if (mode.name == name) {
      return &mode;
    }
  }
  // `exlSchema verify` runs as a read-only mode of its own; it is not an -o value.
  return name == verify_mode_info().name ? &verify_mode_info() : nullptr;
}

} // namespace exl::modes
