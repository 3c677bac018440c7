#pragma once

#include "exlschema/config/run_options.hpp"
#include "exlschema/modes/mode.hpp"

#include <memory>

// `-o meta` (PRODUCT.md §4.9, docs/modes.md "-o meta"): runs the official
// starrocks-cluster-sync with a configuration generated for the run, relays its progress, and
// decides itself, by exlSchema's own audit, when the data is in.
namespace exl::modes {

std::unique_ptr<Mode> make_meta_mode();

// Before anything connects (exit 2): scs.home configured and holding bin/start.sh, bin/stop.sh and
// conf/; no renaming -t entry (scs copies under the same names); no -p (scs copies whole
// tables); scs.properties keys that scs has and exlSchema does not derive.
void check_meta_options(const config::RunOptions& options);

} // namespace exl::modes
