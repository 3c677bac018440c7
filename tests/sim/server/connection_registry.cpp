#include "server/connection_registry.hpp"

#include <sys/socket.h>

namespace srsim::server {

void ConnectionState::shutdown_socket() {
  std::lock_guard lock(m_mutex);
  if (!m_closed && m_fd >= 0) {
    ::shutdown(m_fd, SHUT_RDWR);
  }
}

void ConnectionState::mark_closed() {
  std::lock_guard lock(m_mutex);
  m_closed = true;
}

bool ConnectionState::is_closed() const {
  std::lock_guard lock(m_mutex);
  return m_closed;
}

void ConnectionState::set_socket(int fd) {
  std::lock_guard lock(m_mutex);
  m_fd = fd;
}

void ConnectionState::set_command(const std::string& command, const std::string& info) {
  std::lock_guard lock(m_mutex);
  m_command = command;
  m_info = info;
  m_db = session.current_db; // called by the owning thread only
  m_command_started = std::chrono::steady_clock::now();
}

ConnectionState::Activity ConnectionState::activity() const {
  std::lock_guard lock(m_mutex);
  return {m_command, m_info, m_db};
}

std::chrono::steady_clock::time_point ConnectionState::command_started() const {
  std::lock_guard lock(m_mutex);
  return m_command_started;
}

void ConnectionRegistry::add(const std::shared_ptr<ConnectionState>& conn) {
  std::lock_guard lock(m_mutex);
  m_connections[conn->id] = conn;
}

void ConnectionRegistry::remove(std::uint32_t id) {
  std::lock_guard lock(m_mutex);
  m_connections.erase(id);
}

std::shared_ptr<ConnectionState> ConnectionRegistry::find(std::uint32_t id) const {
  std::lock_guard lock(m_mutex);
  auto it = m_connections.find(id);
  return it == m_connections.end() ? nullptr : it->second;
}

std::vector<std::shared_ptr<ConnectionState>> ConnectionRegistry::list() const {
  std::lock_guard lock(m_mutex);
  std::vector<std::shared_ptr<ConnectionState>> out;
  for (const auto& [id, conn] : m_connections) {
    out.push_back(conn);
  }
  return out;
}

void ConnectionRegistry::shutdown_all() {
  for (const auto& conn : list()) {
    conn->shutdown_socket();
  }
}

} // namespace srsim::server
