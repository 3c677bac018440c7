#pragma once

#include "exlschema/commands/check_facts.hpp"
#include "exlschema/config/cluster_settings.hpp"

#include <cstdio>
#include <optional>

// `exlSchema check -source A [-target B]` (PRODUCT.md §1, docs/modes.md "check"): connects to each
// named cluster, prints what it found and one line per problem with what to do. It only reads:
// no statement it sends changes anything (src/commands/check_probe.hpp lists them).
namespace exl::commands {

struct CheckRequest {
  std::optional<config::ClusterSettings> source; // resolved before anything is connected
  std::optional<config::ClusterSettings> target;
  CheckLimits limits;
};

// Prints the report on `out` (every line through util::redact) and answers whether everything was
// fine: true -> exit 0, false -> exit 1.
bool run_check(const CheckRequest& request, std::FILE* out);

} // namespace exl::commands
