#include "exlschema/commands/check_command.hpp"

#include "check_findings.hpp"
#include "check_printer.hpp"
#include "check_probe.hpp"
#include "exlschema/util/redact.hpp"

#include <algorithm>

namespace exl::commands {

bool run_check(const CheckRequest& request, std::FILE* out) {
  std::vector<CheckedCluster> clusters;
  if (request.source) {
    clusters.push_back(probe_cluster(*request.source, ClusterRole::Source));
  }
  if (request.target) {
    clusters.push_back(probe_cluster(*request.target, ClusterRole::Target));
  }
  std::vector<Finding> findings;
  std::string text;
  for (const CheckedCluster& cluster : clusters) {
    text += render_cluster(cluster, request.limits) + "\n";
    const auto found = judge_cluster(cluster, request.limits);
    findings.insert(findings.end(), found.begin(), found.end());
  }
  text += render_findings(findings);
  std::fputs(util::redact(text).c_str(), out);
  std::fflush(out);
  return std::none_of(findings.begin(), findings.end(),
                      [](const Finding& f) { return f.severity == Severity::Problem; });
}

} // namespace exl::commands
