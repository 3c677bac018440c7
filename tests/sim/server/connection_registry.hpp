#pragma once

// The live client connections of one cluster: what KILL and SHOW PROCESSLIST look at.

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "sim_api.hpp"

namespace srsim::server {

struct ConnectionState {
  std::uint32_t id = 0;
  std::string host;                              // client address
  std::map<std::string, std::string> attributes; // CLIENT_CONNECT_ATTRS (program_name, ...)
  SessionContext session;
  std::chrono::system_clock::time_point connected_at = std::chrono::system_clock::now();

  // KILL CONNECTION from another thread: shuts the socket down so the owner's read fails.
  void shutdown_socket();
  // Called by the owning thread before it closes the descriptor.
  void mark_closed();
  bool is_closed() const;
  void set_socket(int fd);
  // What SHOW PROCESSLIST shows, copied here because other threads must not read `session`
  // while its owner changes it: the command ("Sleep"/"Query"), the statement, the database.
  struct Activity {
    std::string command;
    std::string info;
    std::string db;
  };
  void set_command(const std::string& command, const std::string& info);
  Activity activity() const;
  std::chrono::steady_clock::time_point command_started() const;

private:
  mutable std::mutex m_mutex;
  int m_fd = -1;
  bool m_closed = false;
  std::string m_command = "Sleep";
  std::string m_info;
  std::string m_db;
  std::chrono::steady_clock::time_point m_command_started = std::chrono::steady_clock::now();
};

class ConnectionRegistry {
public:
  void add(const std::shared_ptr<ConnectionState>& conn);
  void remove(std::uint32_t id);
  std::shared_ptr<ConnectionState> find(std::uint32_t id) const;
  std::vector<std::shared_ptr<ConnectionState>> list() const;
  // Shuts down every client socket (srsim is stopping).
  void shutdown_all();

private:
  mutable std::mutex m_mutex;
  std::map<std::uint32_t, std::shared_ptr<ConnectionState>> m_connections;
};

} // namespace srsim::server
