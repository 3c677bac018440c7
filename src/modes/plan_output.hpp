#pragma once

#include "exlschema/config/run_options.hpp"
#include "exlschema/modes/mode.hpp"

#include <ostream>
#include <string>
#include <vector>

// The plan printed without -r (issue #9): per table, every write in the order it would be sent,
// each tagged with the cluster (alias) that would receive it, passwords as `***`, then the one
// line saying what would happen and the warnings; a summary at the end.
namespace exl::modes {

// `databases`: CREATE DATABASE statements sent before any table.
void print_plan(std::ostream& out, const config::RunOptions& options,
                const std::vector<std::string>& preamble, const std::vector<Statement>& databases,
                const std::vector<TablePlan>& plans);

// The alias of the cluster `side` names in this run.
const std::string& cluster_alias(const config::RunOptions& options, Side side);

} // namespace exl::modes
