#include "check_findings.hpp"

#include "check_printer.hpp"

#include "exlschema/starrocks/cluster_info_sql.hpp"

#include <utility>

namespace exl::commands {
namespace {

using starrocks::Holding;
using starrocks::NodeInfo;
using starrocks::NodeKind;
using starrocks::Privilege;

constexpr int k_login_denied = 1045; // ER_ACCESS_DENIED_ERROR at login

std::string node_name(const NodeInfo& node) {
  const char* kind = node.kind == NodeKind::Frontend      ? "FE"
                     : node.kind == NodeKind::ComputeNode ? "CN"
                                                          : "BE";
  return std::string(kind) + " " + node.host + ":" + node.port;
}

// The user as the server names it, else the configured login.
std::string user_of(const CheckedCluster& c) {
  return c.current_user.empty() ? "'" + c.login + "'@'%'" : c.current_user;
}

class Judge {
public:
  Judge(const CheckedCluster& cluster, const CheckLimits& limits)
      : m_cluster(cluster), m_limits(limits) {}

  void problem(std::string text) {
    m_out.push_back({Severity::Problem, m_cluster.alias, std::move(text)});
  }
  void note(std::string text) {
    m_out.push_back({Severity::Note, m_cluster.alias, std::move(text)});
  }
  std::vector<Finding> take() { return std::move(m_out); }

  void connection() {
    const ReadFailure& f = *m_cluster.connect_failure;
    if (f.error_number == k_login_denied) {
      problem("cannot log in to " + m_cluster.address + " as '" + m_cluster.login +
              "': " + f.message + " -- check the user and password configured for '" +
              m_cluster.alias + "'");
      return;
    }
    problem("cannot connect to " + m_cluster.address + ": " + f.message +
            " -- check the host and port configured for '" + m_cluster.alias +
            "' and that its FE is running and reachable from this host");
  }

  void failed_reads() {
    std::string denied;
    const ReadFailure* first_denied = nullptr;
    for (const ReadFailure& f : m_cluster.failures) {
      if (!f.access_denied) {
        problem("`" + f.statement + "` failed: " + f.message +
                " -- check the FE's log (fe.log) and run check again");
        continue;
      }
      denied += (denied.empty() ? "" : ", ") + f.statement;
      first_denied = first_denied == nullptr ? &f : first_denied;
    }
    if (first_denied != nullptr) {
      problem("user " + user_of(m_cluster) + " lacks the OPERATE privilege on SYSTEM (" +
              first_denied->message + "); refused: " + denied +
              " -- grant it: GRANT OPERATE ON SYSTEM TO USER " + user_of(m_cluster));
    }
  }

  void version() {
    if (!m_cluster.version_text.empty() && !m_cluster.version.known) {
      note("version '" + m_cluster.version_text +
           "' is not one exlSchema recognises; version-dependent features are assumed absent");
    }
  }

  void privileges() {
    if (!m_cluster.grants) {
      return; // SHOW GRANTS failed: already reported
    }
    if (!m_cluster.grants->readable) {
      note("SHOW GRANTS has a layout check does not read (StarRocks before 3.0); privileges not "
           "checked");
      return;
    }
    bool unknown = false;
    for (const Privilege p : needed_privileges(m_cluster)) {
      const auto check = starrocks::check_privilege(*m_cluster.grants, p);
      if (check.holding == Holding::No) {
        problem("user " + user_of(m_cluster) + " lacks " + std::string(privilege_name(p)) +
                " on the " + (m_cluster.role == ClusterRole::Source ? "source" : "target") +
                " -- grant it: " + starrocks::grant_hint(p, user_of(m_cluster)));
      }
      unknown = unknown || check.holding == Holding::Unknown;
    }
    if (unknown) {
      note("some privileges come from roles check does not expand (" + roles() +
           "); verify them with SHOW GRANTS FOR ROLE <role>");
    }
  }

  void nodes() {
    if (m_cluster.frontends) {
      for (const NodeInfo& fe : *m_cluster.frontends) {
        if (!fe.alive) {
          problem(node_name(fe) + " (" + fe.role + ") is not alive" + reason(fe) +
                  " -- restart it or drop it from the cluster (ALTER SYSTEM DROP ...)");
        }
      }
    }
    if (!m_cluster.backends) {
      return;
    }
    const bool shared = m_cluster.shared_data.value_or(false);
    if (m_cluster.backends->empty()) {
      problem(std::string("no ") + (shared ? "compute node" : "backend") +
              " is registered -- add one (ALTER SYSTEM ADD " +
              (shared ? "COMPUTE NODE" : "BACKEND") + ") before copying");
    }
    for (const NodeInfo& node : *m_cluster.backends) {
      if (!node.alive) {
        problem(node_name(node) + " is not alive" + reason(node) +
                " -- restart it; queries and loads that need it fail meanwhile");
      }
    }
    disk();
  }

  void disk() {
    const NodeInfo* fullest = starrocks::fullest_backend(*m_cluster.backends);
    if (fullest == nullptr || *fullest->max_disk_used_pct <= m_limits.max_disk_used_pct) {
      return;
    }
    const std::string text = node_name(*fullest) + " data disk is " +
                             format_percent(*fullest->max_disk_used_pct) + " full, above " +
                             std::to_string(m_limits.max_disk_used_pct) +
                             " % (defaults.max_disk_used_pct)";
    if (m_cluster.role == ClusterRole::Target) {
      problem(text + " -- free space or add backends before copying into this cluster");
    } else {
      note(text + "; the source is only read, so copies are not stopped by it");
    }
  }

  void target_features() {
    if (m_cluster.role != ClusterRole::Target || m_cluster.connect_failure) {
      return;
    }
    if (m_cluster.version.known &&
        !starrocks::supports(m_cluster.version, starrocks::Feature::JdbcCatalog)) {
      note("StarRocks " + m_cluster.version.text +
           " cannot create a JDBC catalog (3.0+): -o v1..v5 cannot write to it; use -o mysql, "
           "-o starrocks or -o pipe");
    }
    const std::string key(starrocks::k_legacy_replication_config);
    if (m_cluster.legacy_replication && m_cluster.legacy_replication->empty()) {
      note("this FE has no " + key +
           " setting: -o meta (starrocks-cluster-sync) cannot use it "
           "as a target");
    } else if (m_cluster.legacy_replication && *m_cluster.legacy_replication != "true") {
      note(key + " is " + *m_cluster.legacy_replication +
           ": only -o meta needs it true (with -r it sets it itself); by hand: ADMIN SET "
           R"(FRONTEND CONFIG (")" +
           key + R"(" = "true"))");
    }
  }

private:
  static std::string reason(const NodeInfo& node) {
    return node.error.empty() ? "" : " (" + node.error + ")";
  }

  [[nodiscard]] std::string roles() const {
    std::string out;
    for (const std::string& role : m_cluster.grants->roles) {
      out += (out.empty() ? "" : ", ") + role;
    }
    return out;
  }

  const CheckedCluster& m_cluster;
  const CheckLimits& m_limits;
  std::vector<Finding> m_out;
};

} // namespace

std::vector<Privilege> needed_privileges(const CheckedCluster& cluster) {
  if (cluster.role == ClusterRole::Source) {
    return {Privilege::Select};
  }
  std::vector<Privilege> out = {Privilege::Select, Privilege::Create, Privilege::Insert,
                                Privilege::Drop};
  if (!cluster.version.known ||
      starrocks::supports(cluster.version, starrocks::Feature::JdbcCatalog)) {
    out.push_back(Privilege::CreateCatalog);
  }
  return out;
}

std::vector<Finding> judge_cluster(const CheckedCluster& cluster, const CheckLimits& limits) {
  Judge judge(cluster, limits);
  if (cluster.connect_failure) {
    judge.connection();
    return judge.take();
  }
  judge.failed_reads();
  judge.version();
  judge.privileges();
  judge.nodes();
  judge.target_features();
  return judge.take();
}

} // namespace exl::commands
