#pragma once

#include "check_findings.hpp"
#include "exlschema/commands/check_facts.hpp"

#include <string>
#include <vector>

// The text `exlSchema check` prints: a short report per cluster, then the problems and notes,
// one line each, then a one-line verdict. Not yet redacted: the caller prints through
// util::redact().
namespace exl::commands {

// `44.72 %`, the SHOW BACKENDS way of writing a percentage.
std::string format_percent(double value);

std::string render_cluster(const CheckedCluster& cluster, const CheckLimits& limits);

std::string render_findings(const std::vector<Finding>& findings);

} // namespace exl::commands
