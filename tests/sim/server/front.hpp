#pragma once

// The front of one simulated cluster: everything a client connection needs besides the socket
// (accounts, session defaults, fault injection, the query log, FE config, live connections) and
// the dispatch of one statement: control and system statements are answered here, everything
// else goes to the engine (sim_api.hpp).

#include <memory>
#include <string>
#include <vector>

#include "server/connection_registry.hpp"
#include "server/fe_config.hpp"
#include "server/query_log.hpp"
#include "server/sim_control.hpp"
#include "server/user_store.hpp"
#include "server/variables.hpp"
#include "sim_api.hpp"

namespace srsim::server {

struct FrontOptions {
  ClusterConfig cluster;
  std::string root_password;
  double max_disk_used_pct = 44.72;
  int latency_ms = 0;
  bool refuse_connections = false;
  std::vector<std::string> faults; // `ADMIN SET SIM` statement tails from --fault
};

// The MySQL-compatible version StarRocks reports in the handshake and for version()/@@version:
// its FE config mysql_server_version, documented as 5.1.0 (docs: sql-functions/utility-functions/
// version.md, `select version()` -> 5.1.0).
inline constexpr const char* k_mysql_server_version = "5.1.0";

class Front {
public:
  Front(FrontOptions options, std::unique_ptr<Engine> engine);

  const ClusterConfig& config() const { return m_options.cluster; }
  Engine& engine() { return *m_engine; }
  UserStore& users() { return m_users; }
  SimControl& control() { return m_control; }
  QueryLog& query_log() { return m_log; }
  ConnectionRegistry& connections() { return m_connections; }
  VariableCatalog& variables() { return m_variables; }
  FeConfig& fe_config() { return m_fe_config; }

  // Fills a new session's variables and privilege callback once `conn.session.user` is known.
  void init_session(ConnectionState& conn);
  // Answers one statement (already stripped of the trailing `;`).
  Reply execute(ConnectionState& conn, const std::string& sql);
  // COM_INIT_DB and USE.
  Reply use_database(ConnectionState& conn, const std::string& db);
  // ADMIN SET/SHOW/CLEAR SIM ...: exempt from fault injection.
  static bool is_control_statement(const std::string& sql);

  // `<version> <short commit>` as current_version() answers, e.g. `3.3.5 1a2b3c4`.
  std::string current_version() const;
  std::string short_commit() const;

private:
  FrontOptions m_options;
  std::unique_ptr<Engine> m_engine;
  UserStore m_users;
  SimControl m_control;
  QueryLog m_log;
  ConnectionRegistry m_connections;
  VariableCatalog m_variables;
  FeConfig m_fe_config;
};

} // namespace srsim::server
