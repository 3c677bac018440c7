#include "exlschema/modes/mode_registry.hpp"

#include <array>

namespace exl::modes {
namespace {

// Summaries follow PRODUCT.md §4.2-4.10. No mode is implemented in this build yet (issue #2 lays
// the foundation); each later issue flips its row when the mode lands.
constexpr std::array k_modes{
    ModeInfo{"mysql", "copy through a temporary MySQL external table on the target", true, false},
    ModeInfo{"starrocks", "copy through a temporary StarRocks (OLAP) external table on the source",
             true, false},
    ModeInfo{"meta", "run the official starrocks-cluster-sync with generated configuration", true,
             false},
    ModeInfo{"ghost", "clone structure only (tables, views, materialized views), no data", true,
             false},
    ModeInfo{"v1", "JDBC catalog: INSERT ... SELECT per table, optionally in capacity batches",
             true, false},
    ModeInfo{"v2", "audit both sides, overwrite each differing partition, one at a time", true,
             false},
    ModeInfo{"v3", "audit both sides, overwrite differing partitions in batched async tasks", true,
             false},
    ModeInfo{"v4", "audit the target only, load missing or empty partitions one at a time", true,
             false},
    ModeInfo{"v5", "audit the target only, load missing or empty partitions in batches", true,
             false},
    ModeInfo{"pipe", "stream through this host: SELECT from the source, Stream Load the target",
             true, false},
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
  return nullptr;
}

} // namespace exl::modes
