#include "server/front.hpp"

#include <exception>

#include "server/statements.hpp"

namespace srsim::server {
namespace {

std::string users_file(const ClusterConfig& cfg) {
  return cfg.data_dir.empty() ? std::string() : cfg.data_dir + "/users.txt";
}

std::string query_log_file(const ClusterConfig& cfg) {
  return cfg.data_dir.empty() ? std::string() : cfg.data_dir + "/query.log";
}

// FNV-1a, so that a version's fake commit id is stable across runs and builds.
std::uint32_t stable_hash(const std::string& text) {
  std::uint32_t h = 2166136261u;
  for (unsigned char c : text) {
    h = (h ^ c) * 16777619u;
  }
  return h;
}

} // namespace

Front::Front(FrontOptions options, std::unique_ptr<Engine> engine)
    : m_options(std::move(options)), m_engine(std::move(engine)),
      m_users(users_file(m_options.cluster), m_options.root_password),
      m_control(m_options.cluster.live), m_log(query_log_file(m_options.cluster)),
      m_variables(m_options.cluster.version), m_fe_config(m_options.cluster) {
  m_options.cluster.live->olap_external_delay_s = m_options.cluster.olap_external_delay_s;
  m_options.cluster.live->stats_interval_s = m_options.cluster.stats_interval_s;
  m_control.remember_startup_values();
  m_control.set_max_disk_used_pct(m_options.max_disk_used_pct);
  m_control.set_latency_ms(m_options.latency_ms);
  m_control.set_refuse_connections(m_options.refuse_connections);
  for (const auto& tail : m_options.faults) {
    apply_fault_option(*this, tail);
  }
}

void Front::init_session(ConnectionState& conn) {
  conn.session.connection_id = conn.id;
  conn.session.variables = m_variables.session_defaults();
  std::string user = conn.session.user;
  UserStore* users = &m_users;
  conn.session.allowed = [users, user](const std::string& privilege, const std::string& db) {
    return users->allowed(user, privilege, db);
  };
}

bool Front::is_control_statement(const std::string& sql) {
  TokenCursor c(tokenize(sql));
  return c.peek().is("ADMIN") &&
         (c.peek(1).is("SET") || c.peek(1).is("SHOW") || c.peek(1).is("CLEAR")) &&
         c.peek(2).is("SIM");
}

Reply Front::use_database(ConnectionState& conn, const std::string& db) {
  std::string before = conn.session.current_db;
  Reply reply = m_engine->use_database(conn.session, db);
  if (std::holds_alternative<OkReply>(reply) && conn.session.current_db == before) {
    conn.session.current_db = db;
  }
  return reply;
}

Reply Front::execute(ConnectionState& conn, const std::string& sql) {
  try {
    std::vector<Token> tokens = tokenize(sql);
    TokenCursor use(tokens);
    if (use.accept("USE") && use.peek().is_name() && use.peek(1).text.empty()) {
      return use_database(conn, use.peek().text);
    }
    for (auto handler : {handle_sim_statement, handle_account_statement, handle_variable_statement,
                         handle_system_statement}) {
      if (auto reply = handler(*this, conn, TokenCursor(tokens))) {
        return *reply;
      }
    }
    return m_engine->execute(conn.session, sql);
  } catch (const std::exception& e) {
    return ErrorReply{1064, "HY000", std::string("srsim internal error: ") + e.what()};
  }
}

std::string Front::short_commit() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%07x", stable_hash(config().version.text()) & 0xFFFFFFF);
  return buf;
}

std::string Front::current_version() const {
  return config().version.text() + " " + short_commit();
}

} // namespace srsim::server
