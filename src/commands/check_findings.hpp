#pragma once

#include "exlschema/commands/check_facts.hpp"

#include <string>
#include <vector>

// The judging half of `exlSchema check`: what was read -> one line per problem, each saying what
// to do. Problems make check exit 1; notes are printed but do not (they describe what some modes
// cannot do, not something wrong).
namespace exl::commands {

enum class Severity { Problem, Note };

struct Finding {
  Severity severity = Severity::Problem;
  std::string alias; // the cluster it is about
  std::string text;  // what is wrong and what to do, one line
};

std::vector<Finding> judge_cluster(const CheckedCluster& cluster, const CheckLimits& limits);

// The privileges a cluster in `role` needs: SELECT on the source; SELECT (audits), CREATE TABLE,
// INSERT, DROP on the target, and CREATE EXTERNAL CATALOG where the target has JDBC catalogs.
std::vector<starrocks::Privilege> needed_privileges(const CheckedCluster& cluster);

} // namespace exl::commands
