#pragma once

// One Stream Load body turned into staged rows of a table (stream_txns.hpp keeps them per
// transaction until commit). Per row, in StarRocks's order (be/src/exec/file_scanner +
// OlapTableSink): fields mapped by `columns`, values converted (a failure filters the row in
// strict mode, else the value is NULL; NULL in a NOT NULL column filters), `where` (rows it drops
// are "unselected", not errors: starrocks-surface.md §13.19), then the partition (rows outside
// every partition, or outside `partitions` / `temporary_partitions`, are filtered with
// "The row is out of partition ranges").

#include "engine_state.hpp"
#include "model.hpp"

#include <string>
#include <vector>

namespace srsim::engine {

struct StagedRows {
  std::vector<std::string> chunks; // `VALUES (..), (..)` texts of at most ~4 MiB, table order
  std::int64_t total = 0;
  std::int64_t filtered = 0;
  std::int64_t unselected = 0;
  std::int64_t loaded = 0;
  std::int64_t bytes = 0;
  std::string error_log;               // "Error: ... Row: ..." lines
  std::vector<std::string> temp_parts; // temporary_partitions of the loads (empty: formal ones)
  bool has_data = false;               // at least one load request reached the transaction
  double max_filter_ratio = 0;         // of the last load request (STREAM_LOAD.md default 0)
  bool strict = false;
};

// Converts `request`'s body into `staged` rows of `model`. Throws LoadFailure (a header or the
// `columns` / `where` StarRocks would refuse) or EngineError (unknown partitions).
void load_batch(Ctx& ctx, TableModel model, const LoadRequest& request, StagedRows& staged);

} // namespace srsim::engine
