#pragma once

#include "exlschema/config/run_options.hpp"
#include "exlschema/modes/cluster_facts.hpp"
#include "exlschema/modes/gate.hpp"
#include "exlschema/modes/target_inventory.hpp"
#include "exlschema/modes/temp_objects.hpp"
#include "exlschema/runner/cancel_token.hpp"
#include "exlschema/starrocks/ddl_rewrite.hpp"

#include <functional>
#include <map>
#include <string>

namespace exl::state {
class StateStore;
}

// Everything a mode sees while it plans and runs (STYLE.md "A mode"): the immutable options, the
// one write gate, what was learnt about both clusters before planning, the temporary objects of
// the run and its cancel token.
namespace exl::modes {

struct RunContext {
  const config::RunOptions& options;
  Gate& gate;
  ClusterFacts source;
  ClusterFacts target;
  const TargetInventory& target_objects;
  starrocks::QueryRenames renames; // source -> target names, where the run renames (-t a=b)
  TempObjects& temps;
  const runner::CancelToken& cancel;
  int round = 0; // the incremental round, from 1 (one-time runs: 1)
  // Earlier recorded runs (not dry runs) per source `db.table`: a run's load labels use
  // round + that count, so a re-run never meets the labels of an earlier run (its audit sees
  // what they loaded) while a retry within the run reuses its own.
  std::map<std::string, int> earlier_runs;
  state::StateStore* store = nullptr; // the state store (cheap incremental audits); may be null
  // What StarRocks reports of the statement the calling task is waiting for (v3/v5: the
  // PROGRESS of its task run, e.g. `35%`), for the progress line; the task is the calling
  // thread's (util::thread_task_id). Empty outside a run with -r.
  std::function<void(const std::string& progress)> statement_progress;
};

} // namespace exl::modes
