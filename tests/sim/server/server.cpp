#include "server/server.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <spdlog/spdlog.h>

#include <cstring>
#include <stdexcept>

#include "server/connection.hpp"
#include "server/front.hpp"
#include "server/http_service.hpp"

namespace srsim::server {
namespace {

int listen_on(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    throw std::runtime_error("socket: " + std::string(std::strerror(errno)));
  }
  int one = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(fd, 128) != 0) {
    std::string why = std::strerror(errno);
    ::close(fd);
    throw std::runtime_error("cannot listen on 127.0.0.1:" + std::to_string(port) + ": " + why);
  }
  return fd;
}

int bound_port(int fd) {
  sockaddr_in addr{};
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  return ntohs(addr.sin_port);
}

std::string peer_host(const sockaddr_in& addr) {
  char buf[INET_ADDRSTRLEN] = {};
  ::inet_ntop(AF_INET, &addr.sin_addr, buf, sizeof buf);
  return buf;
}

} // namespace

Server::Server() = default;

Server::~Server() {
  stop();
}

Ports Server::bind(const Ports& requested) {
  if (::pipe2(m_wake, O_CLOEXEC) != 0) {
    throw std::runtime_error("pipe failed");
  }
  for (int port : {requested.query, requested.http, requested.rpc, requested.be_http}) {
    m_listen_fds.push_back(listen_on(port));
  }
  return Ports{bound_port(m_listen_fds[0]), bound_port(m_listen_fds[1]),
               bound_port(m_listen_fds[2]), bound_port(m_listen_fds[3])};
}

void Server::start(Front& front) {
  m_front = &front;
  m_http = std::make_unique<HttpService>(front);
  for (std::size_t i = 0; i < m_listen_fds.size(); ++i) {
    m_acceptors.emplace_back([this, i] { accept_loop(m_listen_fds[i], static_cast<Listener>(i)); });
  }
}

void Server::accept_loop(int listen_fd, Listener kind) {
  while (!m_stopping) {
    pollfd fds[2] = {{listen_fd, POLLIN, 0}, {m_wake[0], POLLIN, 0}};
    if (::poll(fds, 2, -1) < 0 || (fds[1].revents & POLLIN)) {
      if (errno == EINTR && !m_stopping) {
        continue;
      }
      return;
    }
    sockaddr_in addr{};
    socklen_t len = sizeof addr;
    int fd = ::accept4(listen_fd, reinterpret_cast<sockaddr*>(&addr), &len, SOCK_CLOEXEC);
    if (fd < 0) {
      continue;
    }
    // REFUSE CONNECTIONS stands for the FE going away (a leader change): the old leader's query,
    // http (Stream Load's first hop) and rpc ports all stop answering; the BE's http port, where
    // the FE's 307 points, belongs to another process and keeps answering. The client sees the
    // connection drop before a handshake (query, rpc) or before any answer (http).
    if (kind != Listener::BeHttp && m_front->control().refuse_connections()) {
      ::close(fd);
      continue;
    }
    int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    spawn(fd, kind, peer_host(addr));
  }
}

void Server::spawn(int fd, Listener kind, std::string host) {
  {
    std::lock_guard lock(m_mutex);
    ++m_active;
  }
  bool http = kind == Listener::Http || kind == Listener::BeHttp;
  std::uint32_t id = http ? 0 : m_next_id++;
  std::thread([this, fd, kind, id, host = std::move(host)] {
    try {
      if (kind == Listener::Http) {
        m_http->serve_fe(fd, host);
      } else if (kind == Listener::BeHttp) {
        m_http->serve_be(fd, host);
      } else {
        Connection(*m_front, fd, id, host, m_stopping, kind == Listener::Rpc).run();
      }
    } catch (const std::exception& e) {
      spdlog::error("connection {}: {}", id, e.what());
    }
    std::lock_guard lock(m_mutex);
    if (--m_active == 0) {
      m_idle.notify_all();
    }
  }).detach();
}

bool Server::stop() {
  if (m_stopping.exchange(true)) {
    return true;
  }
  if (m_wake[1] >= 0) {
    char c = 'x';
    [[maybe_unused]] ssize_t ignored = ::write(m_wake[1], &c, 1);
  }
  for (auto& t : m_acceptors) {
    t.join();
  }
  for (int fd : m_listen_fds) {
    ::close(fd);
  }
  if (m_front != nullptr) {
    m_front->connections().shutdown_all();
  }
  std::unique_lock lock(m_mutex);
  return m_idle.wait_for(lock, std::chrono::seconds(5), [this] { return m_active == 0; });
}

} // namespace srsim::server
