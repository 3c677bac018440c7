#pragma once

// One client connection on the query or rpc port: handshake v10, mysql_native_password
// authentication, then COM_QUERY / COM_INIT_DB / COM_PING / COM_QUIT until the client leaves.

#include <atomic>
#include <memory>
#include <string>

#include "server/connection_registry.hpp"
#include "server/packet_channel.hpp"
#include "sim_api.hpp"

namespace srsim::server {

class Front;

class Connection {
public:
  // Takes ownership of `fd`. `rpc_port`: the connection came in on the rpc port (another
  // cluster's OLAP external table; SessionContext::rpc_port).
  Connection(Front& front, int fd, std::uint32_t id, std::string host,
             const std::atomic<bool>& stopping, bool rpc_port = false);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  void run();

private:
  bool authenticate();
  bool connect_database(const std::string& db);
  // false when the connection must close.
  bool handle_command(const std::string& packet);
  bool handle_query(const std::string& sql);
  bool apply_faults(const std::string& sql, std::optional<Reply>& reply, bool& close_after_run);
  bool client_gone() const;
  void send_reply(const Reply& reply);
  void send_result_set(const ResultSet& rs);
  void log(const std::string& statement, const std::string& result);

  Front& m_front;
  int m_fd;
  PacketChannel m_channel;
  std::shared_ptr<ConnectionState> m_state;
  const std::atomic<bool>& m_stopping;
  bool m_deprecate_eof = false;
};

} // namespace srsim::server
