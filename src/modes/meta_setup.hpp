#pragma once

#include "exlschema/modes/mode.hpp"
#include "exlschema/scs/sync_properties.hpp"

#include <string>
#include <vector>

// What `-o meta` checks and prepares before starrocks-cluster-sync starts (docs/modes.md
// "-o meta"): the preconditions of the tool's docs, read on both clusters, and the settings its
// configuration is generated from. Reads only.
namespace exl::modes {

struct RunContext;

// An FE setting the run changes on the target for the tool and sets back at its end.
struct FeSetting {
  Statement set;
  Statement restore;
  std::string why; // for the plan and the log
};

struct MetaSetup {
  scs::SyncSettings settings;
  std::vector<FeSetting> fe_settings; // in the order they are set
  std::vector<std::string> notes;     // what the plan and the report say about the preparation
};

// Throws FatalError (exit 1, nothing started) when a precondition fails: a version the tool does
// not support, a shared-data source, a user without the SYSTEM-level OPERATE privilege, a target
// BE disk over the threshold.
MetaSetup plan_meta_setup(RunContext& ctx);

} // namespace exl::modes
