#pragma once

// The listening sockets of one simulated cluster (loopback only): the query port and the rpc port
// speak the MySQL protocol (OLAP external tables of another cluster connect to the rpc port);
// the http port is the FE's REST port and the be_http port the simulated BE's (Stream Load,
// http_service.hpp). One thread per listener and per connection.

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace srsim::server {

class Front;
class HttpService;

struct Ports {
  int query = 0;
  int http = 0;
  int rpc = 0;
  int be_http = 0;
};

enum class Listener { Query, Http, Rpc, BeHttp };

class Server {
public:
  Server();
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds 127.0.0.1 on the requested ports (0 = any free port); throws std::runtime_error.
  Ports bind(const Ports& requested);
  // Starts accepting; `front` must outlive stop().
  void start(Front& front);
  // Closes the listeners and every connection; waits (bounded) for their threads. False when
  // some connection thread is still busy (e.g. inside a long engine call).
  bool stop();

private:
  void accept_loop(int listen_fd, Listener kind);
  void spawn(int fd, Listener kind, std::string host);

  Front* m_front = nullptr;
  std::unique_ptr<HttpService> m_http;
  std::vector<int> m_listen_fds; // query, http, rpc, be_http
  int m_wake[2] = {-1, -1};
  std::vector<std::thread> m_acceptors;
  std::atomic<bool> m_stopping{false};
  std::atomic<std::uint32_t> m_next_id{1};
  std::mutex m_mutex;
  std::condition_variable m_idle;
  int m_active = 0;
};

} // namespace srsim::server
