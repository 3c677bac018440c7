#include "http_receiver.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <stdexcept>

namespace exl::test {
namespace {

bool send_all(int fd, const std::string& data) {
  std::size_t off = 0;
  while (off < data.size()) {
    const ssize_t n = ::send(fd, data.data() + off, data.size() - off, MSG_NOSIGNAL);
    if (n <= 0) {
      return false;
    }
    off += static_cast<std::size_t>(n);
  }
  return true;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// Parses the head (request line + headers) of `raw` into `req`.
void parse_head(const std::string& head, HttpRequest& req) {
  std::size_t pos = head.find("\r\n");
  const std::string line = head.substr(0, pos);
  const auto sp1 = line.find(' ');
  const auto sp2 = line.find(' ', sp1 + 1);
  req.method = line.substr(0, sp1);
  req.target = line.substr(sp1 + 1, sp2 - sp1 - 1);
  while (pos != std::string::npos && pos + 2 < head.size()) {
    const auto next = head.find("\r\n", pos + 2);
    const std::string h = head.substr(pos + 2, next - pos - 2);
    const auto colon = h.find(':');
    if (colon != std::string::npos) {
      std::string value = h.substr(colon + 1);
      value.erase(0, value.find_first_not_of(' '));
      req.headers[lower(h.substr(0, colon))] = value;
    }
    pos = next;
  }
}

// Reads one request from `fd` (head, then Content-Length bytes of body). False on EOF/error.
bool read_request(int fd, HttpRequest& req, std::string& raw) {
  std::array<char, 4096> buf{};
  std::size_t head_end = std::string::npos;
  bool continued = false;
  for (;;) {
    if (head_end == std::string::npos) {
      head_end = raw.find("\r\n\r\n");
      if (head_end != std::string::npos) {
        parse_head(raw.substr(0, head_end), req);
      }
    }
    if (head_end != std::string::npos) {
      // curl asks before sending larger bodies; answer at once instead of letting it wait 1 s.
      if (!continued && lower(req.headers["expect"]) == "100-continue") {
        send_all(fd, "HTTP/1.1 100 Continue\r\n\r\n");
        continued = true;
      }
      const auto length =
          static_cast<std::size_t>(std::atol(req.headers["content-length"].c_str()));
      if (raw.size() >= head_end + 4 + length) {
        req.body = raw.substr(head_end + 4, length);
        return true;
      }
    }
    const ssize_t n = ::recv(fd, buf.data(), buf.size(), 0);
    if (n <= 0) {
      return false;
    }
    raw.append(buf.data(), static_cast<std::size_t>(n));
  }
}

std::string response(int status, const std::string& reason, const std::string& body) {
  return "HTTP/1.1 " + std::to_string(status) + " " + reason +
         "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
         "\r\nConnection: close\r\n\r\n" + body;
}

// Holds the connection open without answering until stop() shuts the socket down.
void hang(int fd) {
  std::array<char, 256> buf{};
  while (::recv(fd, buf.data(), buf.size(), 0) > 0) {
  }
}

void forward(int client_fd, const HttpRequest& req, const std::string& raw) {
  // Absolute-form target: http://a.b.c.d:port/path
  const std::string prefix = "http://";
  const auto host_begin = prefix.size();
  const auto path_begin = req.target.find('/', host_begin);
  const std::string authority = req.target.substr(host_begin, path_begin - host_begin);
  const auto colon = authority.find(':');
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(
      colon == std::string::npos ? 80 : std::atoi(authority.c_str() + colon + 1)));
  if (req.target.rfind(prefix, 0) != 0 ||
      ::inet_pton(AF_INET, authority.substr(0, colon).c_str(), &addr.sin_addr) != 1) {
    send_all(client_fd, response(502, "Bad Gateway", "{}"));
    return;
  }
  const int origin = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (::connect(origin, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(origin);
    send_all(client_fd, response(502, "Bad Gateway", "{}"));
    return;
  }
  // Rewrite the request line to origin-form; the rest (headers, body) goes as received.
  const auto line_end = raw.find("\r\n");
  send_all(origin,
           req.method + " " + req.target.substr(path_begin) + " HTTP/1.1" + raw.substr(line_end));
  std::array<char, 4096> buf{};
  for (ssize_t n; (n = ::recv(origin, buf.data(), buf.size(), 0)) > 0;) {
    send_all(client_fd, std::string(buf.data(), static_cast<std::size_t>(n)));
  }
  ::close(origin);
}

} // namespace

HttpReceiver::HttpReceiver(Mode mode) : m_mode(mode) {
  m_listen_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  const int one = 1;
  ::setsockopt(m_listen_fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  if (::bind(m_listen_fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::listen(m_listen_fd, 64) != 0 ||
      ::getsockname(m_listen_fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0 ||
      ::pipe(m_wake) != 0) {
    throw std::runtime_error(std::string("HttpReceiver: ") + std::strerror(errno));
  }
  m_port = ntohs(addr.sin_port);
  m_acceptor = std::thread([this] { accept_loop(); });
}

HttpReceiver::~HttpReceiver() {
  stop();
}

std::string HttpReceiver::url(const std::string& path) const {
  return "http://127.0.0.1:" + std::to_string(m_port) + path;
}

std::vector<HttpRequest> HttpReceiver::requests() const {
  std::lock_guard lock(m_mutex);
  return m_requests;
}

bool HttpReceiver::wait_for_requests(std::size_t count, std::chrono::milliseconds timeout) const {
  std::unique_lock lock(m_mutex);
  return m_cv.wait_for(lock, timeout, [&] { return m_requests.size() >= count; });
}

void HttpReceiver::stop() {
  {
    std::lock_guard lock(m_mutex);
    if (m_stopping) {
      return;
    }
    m_stopping = true;
    for (int fd : m_client_fds) {
      ::shutdown(fd, SHUT_RDWR);
    }
  }
  [[maybe_unused]] auto n = ::write(m_wake[1], "x", 1);
  if (m_acceptor.joinable()) {
    m_acceptor.join();
  }
  for (auto& t : m_workers) {
    t.join();
  }
  ::close(m_listen_fd);
  ::close(m_wake[0]);
  ::close(m_wake[1]);
}

void HttpReceiver::accept_loop() {
  for (;;) {
    std::array<pollfd, 2> fds{{{m_listen_fd, POLLIN, 0}, {m_wake[0], POLLIN, 0}}};
    if (::poll(fds.data(), fds.size(), -1) < 0 || (fds[1].revents & POLLIN) != 0) {
      return;
    }
    const int fd = ::accept4(m_listen_fd, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) {
      continue;
    }
    std::lock_guard lock(m_mutex);
    if (m_stopping) {
      ::close(fd);
      return;
    }
    m_client_fds.push_back(fd);
    m_workers.emplace_back([this, fd] { serve(fd); });
  }
}

void HttpReceiver::serve(int fd) {
  HttpRequest req;
  std::string raw;
  if (read_request(fd, req, raw)) {
    {
      std::lock_guard lock(m_mutex);
      m_requests.push_back(req);
    }
    m_cv.notify_all();
    switch (m_mode) {
    case Mode::Record:
      send_all(fd, response(200, "OK", R"({"code":0,"msg":"success"})"));
      break;
    case Mode::Fail500:
      send_all(fd, response(500, "Internal Server Error", R"({"error":"boom"})"));
      break;
    case Mode::Hang:
      hang(fd);
      break;
    case Mode::Proxy:
      forward(fd, req, raw);
      break;
    }
  }
  std::lock_guard lock(m_mutex);
  std::erase(m_client_fds, fd);
  ::close(fd);
}

} // namespace exl::test
