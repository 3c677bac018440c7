#include "server/connection.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <spdlog/spdlog.h>

#include <thread>

#include "server/front.hpp"
#include "server/sql_text.hpp"
#include "server/wire.hpp"

namespace srsim::server {
namespace {

constexpr char k_com_quit = 0x01;
constexpr char k_com_init_db = 0x02;
constexpr char k_com_query = 0x03;
constexpr char k_com_ping = 0x0E;
constexpr char k_com_reset_connection = 0x1F;

std::string connect_description(const ConnectionState& state, const std::string& db) {
  std::string text = "CONNECT";
  for (const char* key : {"program_name", "_client_name"}) {
    auto it = state.attributes.find(key);
    if (it != state.attributes.end()) {
      text += std::string(" ") + key + "=" + it->second;
    }
  }
  if (!db.empty()) {
    text += " db=" + db;
  }
  return text;
}

} // namespace

Connection::Connection(Front& front, int fd, std::uint32_t id, std::string host,
                       const std::atomic<bool>& stopping, bool rpc_port)
    : m_front(front), m_fd(fd), m_channel(fd), m_state(std::make_shared<ConnectionState>()),
      m_stopping(stopping) {
  m_state->id = id;
  m_state->session.rpc_port = rpc_port;
  m_state->host = std::move(host);
  m_state->set_socket(fd);
}

Connection::~Connection() {
  m_state->mark_closed();
  ::close(m_fd);
}

void Connection::run() {
  // authenticate() registers the connection before it answers OK, so that a client that has
  // its connection id can always find it in SHOW PROCESSLIST and KILL it.
  if (!authenticate()) {
    m_front.connections().remove(m_state->id);
    return;
  }
  while (!m_stopping) {
    m_channel.reset_sequence();
    auto packet = m_channel.read_packet();
    if (!packet || packet->empty() || !handle_command(*packet)) {
      break;
    }
  }
  m_front.connections().remove(m_state->id);
  m_front.engine().close_session(m_state->session);
}

bool Connection::authenticate() {
  std::string scramble = wire::make_scramble();
  m_channel.write_packet(wire::handshake_packet(k_mysql_server_version, m_state->id, scramble));
  if (!m_channel.flush()) {
    return false;
  }
  auto packet = m_channel.read_packet();
  auto response = packet ? wire::parse_handshake_response(*packet) : std::nullopt;
  if (!response) {
    m_channel.write_packet(wire::err_packet({1043, "08S01", "Bad handshake"}));
    m_channel.flush();
    return false;
  }
  m_deprecate_eof = (response->capabilities & wire::k_deprecate_eof) != 0;
  m_state->attributes = response->attributes;
  m_state->session.user = response->user;
  std::string token = response->auth_response;
  if (!response->plugin.empty() && response->plugin != wire::k_native_plugin) {
    m_channel.write_packet(wire::auth_switch_packet(scramble));
    auto answer = m_channel.flush() ? m_channel.read_packet() : std::nullopt;
    if (!answer) {
      return false;
    }
    token = *answer;
  }
  std::string what = connect_description(*m_state, response->database);
  if (!m_front.users().verify(response->user, scramble, token)) {
    // MySQL/StarRocks text for a failed login (ER_ACCESS_DENIED_ERROR 1045, SQLSTATE 28000).
    ErrorReply err{1045, "28000",
                   "Access denied for user '" + response->user + "'@'" + m_state->host +
                       "' (using password: " + (token.empty() ? "NO" : "YES") + ")"};
    log(what, "ERR 1045");
    m_channel.write_packet(wire::err_packet(err));
    m_channel.flush();
    return false;
  }
  m_front.init_session(*m_state);
  if (!response->database.empty() && !connect_database(response->database)) {
    log(what, "ERR");
    return false;
  }
  log(what, "OK");
  m_front.connections().add(m_state);
  m_channel.write_packet(wire::ok_packet(OkReply{}));
  return m_channel.flush();
}

bool Connection::connect_database(const std::string& db) {
  Reply reply = m_front.use_database(*m_state, db);
  if (const auto* err = std::get_if<ErrorReply>(&reply)) {
    m_channel.write_packet(wire::err_packet(*err));
    m_channel.flush();
    return false;
  }
  return true;
}

bool Connection::handle_command(const std::string& packet) {
  std::string body = packet.substr(1);
  switch (packet[0]) {
  case k_com_quit:
    return false;
  case k_com_ping:
    send_reply(OkReply{});
    return true;
  case k_com_reset_connection: // mysql_reset_connection(): session variables back to defaults
    m_front.init_session(*m_state);
    send_reply(OkReply{});
    return true;
  case k_com_init_db: {
    Reply reply = m_front.use_database(*m_state, body);
    log("USE `" + body + "`", QueryLog::describe(reply));
    m_state->set_command("Sleep", "");
    send_reply(reply);
    return true;
  }
  case k_com_query:
    return handle_query(strip_statement(body));
  default:
    send_reply(ErrorReply{1047, "08S01",
                          "srsim: command " +
                              std::to_string(static_cast<unsigned char>(packet[0])) +
                              " is not supported"});
    return true;
  }
}

bool Connection::handle_query(const std::string& sql) {
  m_state->session.kill_query = false;
  m_state->set_command("Query", sql);
  std::optional<Reply> reply;
  bool close_after_run = false;
  if (!Front::is_control_statement(sql) && !apply_faults(sql, reply, close_after_run)) {
    return false;
  }
  if (!reply && has_multiple_statements(sql)) {
    reply = ErrorReply{1064, "HY000",
                       "srsim: several statements in one query are not supported; send them one "
                       "at a time"};
  }
  if (!reply) {
    reply = m_front.execute(*m_state, sql);
  }
  // Log and go back to Sleep before answering: once the client has its answer, another client
  // must see the statement in the query log and no longer running in SHOW PROCESSLIST.
  log(sql, QueryLog::describe(*reply) + (close_after_run ? " DROPPED" : ""));
  m_state->set_command("Sleep", "");
  if (close_after_run) {
    return false; // CLOSE AFTER COMMIT: the statement ran; its answer is never sent
  }
  send_reply(*reply);
  return !m_state->is_closed();
}

// Applies latency, drop, stall and fail-Nth; false when the connection must close. `reply` gets
// the injected error, if any; `close_after_run` is set when the statement is to run and its
// connection then close unanswered (CLOSE AFTER COMMIT).
bool Connection::apply_faults(const std::string& sql, std::optional<Reply>& reply,
                              bool& close_after_run) {
  FaultDecision d = m_front.control().on_statement(sql);
  close_after_run = d.close_after_run;
  if (d.drop_connection) {
    log(sql, "DROPPED");
    return false;
  }
  if (d.stall) {
    auto give_up = [this] { return m_stopping || client_gone() || m_state->session.kill_query; };
    if (!m_front.control().wait_stall(d.generation, give_up)) {
      log(sql, "STALLED");
      if (m_state->session.kill_query && !client_gone()) {
        reply = ErrorReply{1317, "70100", "Query execution was interrupted"};
        return true;
      }
      return false;
    }
  }
  if (d.latency_ms > 0) {
    std::this_thread::sleep_for(std::chrono::milliseconds(d.latency_ms)); // the injected fault
  }
  if (d.fail) {
    reply = *d.fail;
  }
  return true;
}

bool Connection::client_gone() const {
  pollfd p{m_fd, POLLIN | POLLRDHUP, 0};
  if (::poll(&p, 1, 0) <= 0) {
    return false;
  }
  if (p.revents & (POLLRDHUP | POLLHUP | POLLERR | POLLNVAL)) {
    return true;
  }
  char c;
  return ::recv(m_fd, &c, 1, MSG_PEEK | MSG_DONTWAIT) == 0;
}

void Connection::send_reply(const Reply& reply) {
  if (const auto* ok = std::get_if<OkReply>(&reply)) {
    m_channel.write_packet(wire::ok_packet(*ok));
  } else if (const auto* err = std::get_if<ErrorReply>(&reply)) {
    m_channel.write_packet(wire::err_packet(*err));
  } else {
    send_result_set(std::get<ResultSet>(reply));
  }
  m_channel.flush();
}

void Connection::send_result_set(const ResultSet& rs) {
  std::string count;
  wire::put_lenenc_int(count, rs.columns.size());
  m_channel.write_packet(count);
  for (const auto& name : rs.columns) {
    m_channel.write_packet(wire::column_definition(name));
  }
  if (!m_deprecate_eof) {
    m_channel.write_packet(wire::eof_packet());
  }
  for (const auto& row : rs.rows) {
    m_channel.write_packet(wire::text_row(row));
  }
  m_channel.write_packet(m_deprecate_eof
                             ? wire::ok_packet(OkReply{}, wire::k_status_autocommit, true)
                             : wire::eof_packet());
}

void Connection::log(const std::string& statement, const std::string& result) {
  m_front.query_log().append(m_state->id, m_state->session.user, statement, result);
}

} // namespace srsim::server
