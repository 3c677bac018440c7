// SHOW BACKENDS / COMPUTE NODES / FRONTENDS / PROCESSLIST, ADMIN SHOW/SET FRONTEND CONFIG and
// KILL, with the columns of starrocks-surface.md §8 (src: common/proc/BackendsProcDir.java,
// ComputeNodeProcDir.java, FrontendsProcNode.java, sql/ast/AdminShowConfigStmt.java). One FE and
// one BE per cluster; a --shared-data cluster also lists its BE as a compute node.
//
// The node lists need the SYSTEM-level OPERATE or NODE privilege and ADMIN SHOW FRONTEND CONFIG
// needs OPERATE (src: sql/analyzer/AuthorizerStmtVisitor.java visitShowBackendsStatement,
// visitShowComputeNodes, visitShowFrontendsStatement, visitAdminShowConfigStatement; docs:
// SHOW_BACKENDS.md, SHOW_COMPUTE_NODES.md). srsim's coarse ADMIN privilege stands for both.

#include <chrono>
#include <ctime>

#include "server/front.hpp"
#include "server/statements.hpp"

namespace srsim::server {
namespace {

using Row = std::vector<std::optional<std::string>>;

std::string datetime(std::chrono::system_clock::time_point t) {
  std::time_t secs = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  localtime_r(&secs, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
  return buf;
}

std::string fixed(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

const auto k_started = std::chrono::system_clock::now();

ResultSet show_backends(Front& front) {
  const ClusterConfig& cfg = front.config();
  const Version& v = cfg.version;
  ResultSet rs;
  rs.columns = {"BackendId",
                "IP",
                "HeartbeatPort",
                "BePort",
                "HttpPort",
                "BrpcPort",
                "LastStartTime",
                "LastHeartbeat",
                "Alive",
                "SystemDecommissioned",
                "ClusterDecommissioned",
                "TabletNum",
                "DataUsedCapacity",
                "AvailCapacity",
                "TotalCapacity",
                "UsedPct",
                "MaxDiskUsedPct",
                "ErrMsg",
                "Version",
                "Status",
                "DataTotalCapacity",
                "DataUsedPct",
                "CpuCores"};
  double pct = front.control().max_disk_used_pct();
  double total_gb = 100.0;
  std::string pct_text = fixed(pct, 2) + " %"; // `44.72 %` (BackendsProcDir)
  std::string now = datetime(std::chrono::system_clock::now());
  Row row = {"10001",
             "127.0.0.1",
             "9050",
             "9060",
             std::to_string(cfg.be_http_port),
             "8060",
             datetime(k_started),
             now,
             "true",
             "false",
             "false",
             "0",
             fixed(total_gb * pct / 100, 3) + " GB",
             fixed(total_gb * (100 - pct) / 100, 3) + " GB",
             fixed(total_gb, 3) + " GB",
             pct_text,
             pct_text,
             "",
             v.text() + "-" + front.short_commit(),
             "{\"lastSuccessReportTabletsTime\":\"" + now + "\"}",
             fixed(total_gb, 3) + " GB",
             pct_text,
             "2"};
  // 2.x ends at CpuCores; later columns per the current source (the exact version each one
  // appeared in is unconfirmed, §8).
  if (v.at_least(3, 1)) {
    rs.columns.insert(rs.columns.end(), {"MemLimit", "NumRunningQueries", "MemUsedPct",
                                         "CpuUsedPct", "DataCacheMetrics", "Location"});
    row.insert(row.end(), {"8.000 GB", "0", "1.00 %", "0.0 %",
                           "Status: Normal, DiskUsage: 0B/0B, MemUsage: 0B/0B", ""});
  }
  if (v.at_least(3, 4)) {
    rs.columns.push_back("StatusCode");
    row.push_back("OK");
  }
  if (cfg.shared_data) {
    rs.columns.insert(rs.columns.end(), {"StarletPort", "WorkerId", "WarehouseName"});
    row.insert(row.end(), {"9070", "1", "default_warehouse"});
  }
  rs.rows.push_back(row);
  return rs;
}

// Columns of ComputeNodeProcDir.TITLE_NAMES (+ _SHARED_DATA on a shared-data cluster). Before 3.4
// the list of the SHOW_COMPUTE_NODES docs (no MemLimit, DataCacheMetrics, StatusCode); the exact
// release of the change is unconfirmed. A shared-nothing cluster has no compute node here.
ResultSet show_compute_nodes(Front& front) {
  const ClusterConfig& cfg = front.config();
  const bool newer = cfg.version.at_least(3, 4);
  ResultSet rs;
  rs.columns = {"ComputeNodeId",
                "IP",
                "HeartbeatPort",
                "BePort",
                "HttpPort",
                "BrpcPort",
                "LastStartTime",
                "LastHeartbeat",
                "Alive",
                "SystemDecommissioned",
                "ClusterDecommissioned",
                "ErrMsg",
                "Version",
                "CpuCores"};
  std::string now = datetime(std::chrono::system_clock::now());
  Row row = {"10001",
             "127.0.0.1",
             "9050",
             "9060",
             std::to_string(cfg.be_http_port),
             "8060",
             datetime(k_started),
             now,
             "true",
             "false",
             "false",
             "",
             cfg.version.text() + "-" + front.short_commit(),
             "2"};
  if (newer) {
    rs.columns.insert(rs.columns.end(),
                      {"MemLimit", "NumRunningQueries", "MemUsedPct", "CpuUsedPct",
                       "DataCacheMetrics", "HasStoragePath", "StatusCode"});
    row.insert(row.end(), {"8.000 GB", "0", "1.00 %", "0.0 %",
                           "Status: Normal, DiskUsage: 0B/0B, MemUsage: 0B/0B", "true", "OK"});
  } else {
    rs.columns.insert(rs.columns.end(),
                      {"NumRunningQueries", "MemUsedPct", "CpuUsedPct", "HasStoragePath"});
    row.insert(row.end(), {"0", "1.00 %", "0.0 %", "true"});
  }
  if (cfg.shared_data) {
    rs.columns.insert(rs.columns.end(), {"StarletPort", "WorkerId", "WarehouseName", "TabletNum"});
    row.insert(row.end(), {"9070", "1", "default_warehouse", "0"});
    rs.rows.push_back(row);
  }
  return rs;
}

ResultSet show_frontends(Front& front) {
  const ClusterConfig& cfg = front.config();
  ResultSet rs;
  rs.columns = {
      "Name",     "IP",        "EditLogPort", "HttpPort", "QueryPort",         "RpcPort",
      "Role",     "ClusterId", "Join",        "Alive",    "ReplayedJournalId", "LastHeartbeat",
      "IsHelper", "ErrMsg",    "StartTime",   "Version"};
  rs.rows.push_back(
      {"127.0.0.1_9010_" + std::to_string(std::chrono::system_clock::to_time_t(k_started)),
       "127.0.0.1", "9010", std::to_string(cfg.http_port), std::to_string(cfg.query_port),
       std::to_string(cfg.rpc_port), "LEADER", "1787326145", "true", "true", "1000",
       datetime(std::chrono::system_clock::now()), "true", "", datetime(k_started),
       cfg.version.text() + "-" + front.short_commit()});
  return rs;
}

Reply show_processlist(Front& front, ConnectionState& conn) {
  ResultSet rs;
  rs.columns = {"Id",   "User",  "Host", "Db", "Command", "ConnectionStartTime",
                "Time", "State", "Info"};
  bool admin = conn.session.allowed("ADMIN", "");
  for (const auto& other : front.connections().list()) {
    if (!admin && other->session.user != conn.session.user) {
      continue;
    }
    auto [command, info, db] = other->activity();
    auto secs = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() -
                                                                 other->command_started())
                    .count();
    rs.rows.push_back({std::to_string(other->id), other->session.user, other->host, db, command,
                       datetime(other->connected_at), std::to_string(secs), "", info});
  }
  return rs;
}

Reply show_config(Front& front, TokenCursor& c) {
  std::optional<std::string> like;
  if (c.accept("LIKE")) {
    if (c.peek().kind != Token::Kind::String) {
      return syntax_error("ADMIN SHOW FRONTEND CONFIG [LIKE '<pattern>']");
    }
    like = c.next().text;
  }
  // Newer AdminShowConfigStmt titles vs. the older docs' layout (§8); the switch version is
  // unconfirmed, srsim uses 3.3.
  bool newer = front.config().version.at_least(3, 3);
  ResultSet rs;
  rs.columns =
      newer
          ? std::vector<std::string>{"Key", "AliasNames", "Value", "Type", "IsMutable", "Comment"}
          : std::vector<std::string>{"Key", "Value", "Type", "IsMutable", "MasterOnly", "Comment"};
  for (auto item : front.fe_config().items()) {
    if (like && !like_match(*like, item.key)) {
      continue;
    }
    std::string is_mutable = item.mutable_ ? "true" : "false";
    if (item.key == "tablet_stat_update_interval_second") { // follows ADMIN SET SIM STATS INTERVAL
      item.value = std::to_string(front.control().live().stats_interval_s.load());
    }
    if (newer) {
      rs.rows.push_back({item.key, "[]", item.value, item.type, is_mutable, item.comment});
    } else {
      rs.rows.push_back({item.key, item.value, item.type, is_mutable,
                         item.master_only ? "true" : "false", item.comment});
    }
  }
  return rs;
}

Reply set_config(Front& front, ConnectionState& conn, TokenCursor& c) {
  if (!conn.session.allowed("ADMIN", "")) {
    return access_denied("OPERATE", "SYSTEM");
  }
  bool paren = c.accept_symbol("(");
  if (c.peek().kind != Token::Kind::String) {
    return syntax_error("ADMIN SET FRONTEND CONFIG (\"key\" = \"value\")");
  }
  std::string key = c.next().text;
  if (!c.accept_symbol("=") ||
      (c.peek().kind != Token::Kind::String && c.peek().kind != Token::Kind::Number &&
       c.peek().kind != Token::Kind::Word)) {
    return syntax_error("ADMIN SET FRONTEND CONFIG (\"key\" = \"value\")");
  }
  std::string value = c.next().text;
  if ((paren && !c.accept_symbol(")")) || !(c.at_end() || c.accept_words({"WITH", "PERSISTENT"}))) {
    return syntax_error("ADMIN SET FRONTEND CONFIG (\"key\" = \"value\") [WITH PERSISTENT]");
  }
  if (auto err = front.fe_config().set(key, value)) {
    return *err;
  }
  return OkReply{};
}

Reply kill(Front& front, ConnectionState& conn, TokenCursor& c) {
  bool query = c.accept("QUERY");
  if (!query) {
    c.accept("CONNECTION");
  }
  if (c.peek().kind != Token::Kind::Number) {
    return syntax_error("KILL [QUERY | CONNECTION] <connection id>");
  }
  std::string id_text = c.next().text;
  auto id = parse_integer(id_text);
  auto target = id ? front.connections().find(static_cast<std::uint32_t>(*id)) : nullptr;
  if (!target) {
    return ErrorReply{1094, "HY000", "Unknown thread id: " + id_text};
  }
  if (target->session.user != conn.session.user && !conn.session.allowed("ADMIN", "")) {
    return ErrorReply{1095, "HY000", "You are not owner of thread " + id_text};
  }
  // KILL CONNECTION also interrupts the statement that runs, as in MySQL/StarRocks.
  target->session.kill_query = true;
  front.engine().kill_query(target->id);
  if (!query) {
    target->shutdown_socket();
  }
  return OkReply{};
}

} // namespace

std::optional<Reply> handle_system_statement(Front& front, ConnectionState& conn, TokenCursor c) {
  const bool operate = conn.session.allowed("ADMIN", "");
  if (c.accept_words({"SHOW", "BACKENDS"}) && c.at_end()) {
    return operate ? Reply(show_backends(front)) : access_denied("OPERATE OR NODE", "SYSTEM");
  }
  if (c.accept_words({"SHOW", "COMPUTE", "NODES"}) && c.at_end()) {
    return operate ? Reply(show_compute_nodes(front)) : access_denied("OPERATE OR NODE", "SYSTEM");
  }
  if (c.accept_words({"SHOW", "FRONTENDS"}) && c.at_end()) {
    return operate ? Reply(show_frontends(front)) : access_denied("OPERATE OR NODE", "SYSTEM");
  }
  if ((c.accept_words({"SHOW", "PROCESSLIST"}) ||
       c.accept_words({"SHOW", "FULL", "PROCESSLIST"})) &&
      c.at_end()) {
    return show_processlist(front, conn);
  }
  if (c.accept_words({"ADMIN", "SHOW", "FRONTEND", "CONFIG"})) {
    return operate ? show_config(front, c) : Reply(access_denied("OPERATE", "SYSTEM"));
  }
  if (c.accept_words({"ADMIN", "SET", "FRONTEND", "CONFIG"})) {
    return set_config(front, conn, c);
  }
  if (c.accept("KILL")) {
    return kill(front, conn, c);
  }
  return std::nullopt;
}

ErrorReply access_denied(const std::string& privilege, const std::string& on) {
  // ErrorCode ERR_ACCESS_DENIED-style text (starrocks-surface.md §10).
  return ErrorReply{1227, "42000",
                    "Access denied; you need (at least one of) the " + privilege +
                        " privilege(s) on " + on + " for this operation"};
}

ErrorReply syntax_error(const std::string& detail) {
  return ErrorReply{1064, "HY000", "Getting syntax error. Detail message: " + detail + "."};
}

ResultSet single_column(const std::string& column, const std::vector<std::string>& values) {
  ResultSet rs;
  rs.columns = {column};
  for (const auto& v : values) {
    rs.rows.push_back({v});
  }
  return rs;
}

} // namespace srsim::server
