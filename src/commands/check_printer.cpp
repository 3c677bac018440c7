#include "check_printer.hpp"

#include "exlschema/starrocks/cluster_info_sql.hpp"

#include <algorithm>
#include <array>
#include <cstdio>

namespace exl::commands {
namespace {

using starrocks::Holding;
using starrocks::NodeInfo;

std::string line(std::string_view label, const std::string& value) {
  std::string out = "  " + std::string(label);
  out.resize(std::max<std::size_t>(out.size() + 1, 16), ' ');
  return out + value + "\n";
}

std::string storage(const CheckedCluster& c) {
  if (!c.shared_data) {
    return "unknown (the FE configuration could not be read)";
  }
  return *c.shared_data ? "shared-data (SHOW COMPUTE NODES)" : "shared-nothing (SHOW BACKENDS)";
}

std::string holding_text(Holding h) {
  return h == Holding::Yes ? "yes" : h == Holding::No ? "no" : "unknown";
}

std::string privileges(const CheckedCluster& c) {
  if (!c.grants) {
    return "not read";
  }
  std::string out;
  for (const auto p : needed_privileges(c)) {
    const auto check = starrocks::check_privilege(*c.grants, p);
    out += (out.empty() ? "" : ", ") + std::string(privilege_name(p)) + " " +
           holding_text(check.holding);
  }
  return out;
}

std::string user(const CheckedCluster& c) {
  std::string out = c.current_user.empty() ? "'" + c.login + "'" : c.current_user;
  if (c.grants && !c.grants->roles.empty()) {
    std::string roles;
    for (const std::string& role : c.grants->roles) {
      roles += (roles.empty() ? "" : ", ") + role;
    }
    out += ", roles: " + roles;
  }
  return out;
}

std::string nodes(const std::vector<NodeInfo>& list) {
  std::size_t alive = 0;
  std::string names;
  for (const NodeInfo& node : list) {
    alive += node.alive ? 1 : 0;
    names += (names.empty() ? "" : ", ") + node.host + ":" + node.port +
             (node.role.empty() ? "" : " " + node.role) + (node.alive ? "" : " (dead)");
  }
  return std::to_string(alive) + " of " + std::to_string(list.size()) + " alive" +
         (names.empty() ? "" : ": " + names);
}

std::string disk(const CheckedCluster& c, const CheckLimits& limits) {
  if (c.shared_data.value_or(false)) {
    return "no local data disks (shared-data)";
  }
  const NodeInfo* fullest = starrocks::fullest_backend(*c.backends);
  if (fullest == nullptr) {
    return "not reported";
  }
  return format_percent(*fullest->max_disk_used_pct) + " on " + fullest->host + ":" +
         fullest->port + " (limit " + std::to_string(limits.max_disk_used_pct) + " %)";
}

std::string target_lines(const CheckedCluster& c) {
  std::string out;
  if (c.version.known) {
    out += line("JDBC catalog", starrocks::supports(c.version, starrocks::Feature::JdbcCatalog)
                                    ? "can be created (3.0+)"
                                    : "not available before 3.0");
  }
  if (c.legacy_replication) {
    out += line("replication",
                std::string(starrocks::k_legacy_replication_config) + " = " +
                    (c.legacy_replication->empty() ? "(absent)" : *c.legacy_replication));
  }
  return out;
}

} // namespace

std::string format_percent(double value) {
  std::array<char, 32> buf{};
  std::snprintf(buf.data(), buf.size(), "%.2f %%", value);
  return buf.data();
}

std::string render_cluster(const CheckedCluster& c, const CheckLimits& limits) {
  const char* role = c.role == ClusterRole::Source ? "source" : "target";
  std::string out = std::string(role) + " " + c.alias + ": " + c.address + " as " + c.login + "\n";
  if (c.connect_failure) {
    return out + line("reachable", "no");
  }
  out += line("reachable", "yes");
  out += line("version", c.version_text.empty() ? "unknown" : c.version_text);
  out += line("storage", storage(c));
  out += line("user", user(c));
  out += line("privileges", privileges(c));
  if (c.frontends) {
    out += line("frontends", nodes(*c.frontends));
  }
  if (c.backends) {
    out += line(c.shared_data.value_or(false) ? "compute nodes" : "backends", nodes(*c.backends));
    out += line("fullest disk", disk(c, limits));
  }
  if (c.role == ClusterRole::Target) {
    out += target_lines(c);
  }
  return out;
}

std::string render_findings(const std::vector<Finding>& findings) {
  std::string problems;
  std::string notes;
  std::size_t count = 0;
  for (const Finding& f : findings) {
    if (f.severity == Severity::Problem) {
      problems += "  " + f.alias + ": " + f.text + "\n";
      ++count;
    } else {
      notes += "  " + f.alias + ": " + f.text + "\n";
    }
  }
  std::string out;
  if (!problems.empty()) {
    out += "Problems:\n" + problems;
  }
  if (!notes.empty()) {
    out += "Notes:\n" + notes;
  }
  out += count == 0
             ? "check: all good\n"
             : "check: " + std::to_string(count) + (count == 1 ? " problem" : " problems") + "\n";
  return out;
}

} // namespace exl::commands
