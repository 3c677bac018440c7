#pragma once

#include "exlschema/config/run_options.hpp"
#include "exlschema/modes/cluster_facts.hpp"
#include "exlschema/modes/gate.hpp"
#include "exlschema/modes/target_inventory.hpp"
#include "exlschema/modes/temp_objects.hpp"
#include "exlschema/runner/cancel_token.hpp"
#include "exlschema/starrocks/ddl_rewrite.hpp"

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
  int round = 0;
};

} // namespace exl::modes
