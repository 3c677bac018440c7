#include "server/http_conn.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>

namespace srsim::server {

namespace {

std::string http_lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::string http_trim(const std::string& s) {
  std::size_t b = s.find_first_not_of(" \t");
  std::size_t e = s.find_last_not_of(" \t\r");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

std::string http_url_decode(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += s[i] == '+' ? ' ' : s[i];
    }
  }
  return out;
}

void http_parse_query(HttpRequest& r) {
  std::size_t start = 0;
  while (start < r.query.size()) {
    std::size_t amp = r.query.find('&', start);
    std::string part = r.query.substr(start, amp == std::string::npos ? amp : amp - start);
    std::size_t eq = part.find('=');
    r.params[http_url_decode(part.substr(0, eq))] =
        eq == std::string::npos ? "" : http_url_decode(part.substr(eq + 1));
    if (amp == std::string::npos) {
      break;
    }
    start = amp + 1;
  }
}

} // namespace

const std::string& HttpRequest::header(const std::string& name) const {
  static const std::string k_empty;
  auto it = headers.find(name);
  return it == headers.end() ? k_empty : it->second;
}

bool HttpRequest::expects_continue() const {
  return http_lower(header("expect")) == "100-continue";
}

std::optional<std::pair<std::string, std::string>> HttpRequest::basic_auth() const {
  const std::string& h = header("authorization");
  if (h.size() < 6 || http_lower(h.substr(0, 6)) != "basic ") {
    return std::nullopt;
  }
  std::string decoded = base64_decode(http_trim(h.substr(6)));
  std::size_t colon = decoded.find(':');
  if (colon == std::string::npos) {
    return std::nullopt;
  }
  return std::make_pair(decoded.substr(0, colon), decoded.substr(colon + 1));
}

std::string base64_decode(const std::string& in) {
  static const std::string k_chars =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  int val = 0, bits = -8;
  for (char c : in) {
    std::size_t p = k_chars.find(c);
    if (p == std::string::npos) {
      break; // '=' padding or garbage ends the data
    }
    val = (val << 6) + static_cast<int>(p);
    bits += 6;
    if (bits >= 0) {
      out += static_cast<char>((val >> bits) & 0xff);
      bits -= 8;
    }
  }
  return out;
}

HttpConn::HttpConn(int fd) : m_fd(fd) {
  timeval timeout{600, 0}; // a silent client is dropped after the longest load timeout we expect
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
}

HttpConn::~HttpConn() {
  if (m_fd >= 0) {
    ::close(m_fd);
  }
}

bool HttpConn::fill() {
  char buf[65536];
  ssize_t n = ::recv(m_fd, buf, sizeof buf, 0);
  if (n <= 0) {
    return false;
  }
  m_buf.append(buf, static_cast<std::size_t>(n));
  return true;
}

bool HttpConn::read_line(std::string& line) {
  std::size_t nl;
  while ((nl = m_buf.find("\r\n")) == std::string::npos) {
    if (m_buf.size() > (1 << 20) || !fill()) {
      return false;
    }
  }
  line = m_buf.substr(0, nl);
  m_buf.erase(0, nl + 2);
  return true;
}

bool HttpConn::read_exact(std::string& out, std::size_t n) {
  while (m_buf.size() < n) {
    if (!fill()) {
      return false;
    }
  }
  out.append(m_buf, 0, n);
  m_buf.erase(0, n);
  return true;
}

bool HttpConn::read_head(HttpRequest& r) {
  std::string line;
  if (!read_line(line)) {
    return false;
  }
  std::size_t a = line.find(' '), b = line.rfind(' ');
  if (a == std::string::npos || b == a) {
    return false;
  }
  r.method = line.substr(0, a);
  r.target = line.substr(a + 1, b - a - 1);
  r.version = line.substr(b + 1);
  std::size_t q = r.target.find('?');
  r.path = http_url_decode(r.target.substr(0, q));
  r.query = q == std::string::npos ? "" : r.target.substr(q + 1);
  http_parse_query(r);
  while (read_line(line)) {
    if (line.empty()) {
      return true;
    }
    std::size_t colon = line.find(':');
    if (colon != std::string::npos) {
      r.headers[http_lower(http_trim(line.substr(0, colon)))] = http_trim(line.substr(colon + 1));
    }
  }
  return false;
}

bool HttpConn::read_body(HttpRequest& r, std::int64_t stop_after) {
  auto limit = [&](std::size_t want) {
    if (stop_after <= 0) {
      return want;
    }
    std::size_t room = static_cast<std::size_t>(stop_after) > r.body.size()
                           ? static_cast<std::size_t>(stop_after) - r.body.size()
                           : 0;
    return std::min(want, room);
  };
  if (http_lower(r.header("transfer-encoding")) == "chunked") {
    std::string line;
    while (read_line(line)) {
      std::size_t size = std::stoul(line, nullptr, 16);
      if (size == 0) {
        return read_line(line); // the empty line after the last chunk (no trailers)
      }
      std::size_t take = limit(size);
      if (!read_exact(r.body, take) || take < size) {
        return false;
      }
      if (!read_line(line)) {
        return false;
      }
    }
    return false;
  }
  const std::string& cl = r.header("content-length");
  std::size_t size = cl.empty() ? 0 : std::stoull(cl);
  std::size_t take = limit(size);
  return read_exact(r.body, take) && take == size;
}

void HttpConn::send_continue() {
  if (m_fd >= 0 && !m_continue_sent) {
    m_continue_sent = true;
    static const std::string k_continue = "HTTP/1.1 100 Continue\r\n\r\n";
    ::send(m_fd, k_continue.data(), k_continue.size(), MSG_NOSIGNAL);
  }
}

void HttpConn::send(int status, const std::string& reason, const std::string& content_type,
                    const std::string& body, const std::map<std::string, std::string>& extra) {
  if (m_fd < 0) {
    return;
  }
  std::string out = "HTTP/1.1 " + std::to_string(status) + " " + reason + "\r\n";
  if (!content_type.empty()) {
    out += "Content-Type: " + content_type + "\r\n";
  }
  for (const auto& [k, v] : extra) {
    out += k + ": " + v + "\r\n";
  }
  out += "Content-Length: " + std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
  std::size_t sent = 0;
  while (sent < out.size()) {
    ssize_t n = ::send(m_fd, out.data() + sent, out.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) {
      return;
    }
    sent += static_cast<std::size_t>(n);
  }
}

bool HttpConn::peer_closed() {
  pollfd p{m_fd, POLLIN, 0};
  if (::poll(&p, 1, 0) <= 0) {
    return false;
  }
  char c;
  return ::recv(m_fd, &c, 1, MSG_PEEK | MSG_DONTWAIT) == 0 || (p.revents & (POLLHUP | POLLERR));
}

void HttpConn::reset() {
  if (m_fd < 0) {
    return;
  }
  linger l{1, 0};
  ::setsockopt(m_fd, SOL_SOCKET, SO_LINGER, &l, sizeof l);
  ::close(m_fd);
  m_fd = -1;
}

void HttpConn::close_gracefully() {
  if (m_fd < 0) {
    return;
  }
  ::shutdown(m_fd, SHUT_WR);
  auto until = std::chrono::steady_clock::now() + std::chrono::seconds(2);
  char buf[65536];
  while (std::chrono::steady_clock::now() < until) {
    pollfd p{m_fd, POLLIN, 0};
    if (::poll(&p, 1, 100) > 0 && ::recv(m_fd, buf, sizeof buf, MSG_DONTWAIT) <= 0) {
      break;
    }
  }
  ::close(m_fd);
  m_fd = -1;
}

void HttpConn::close_now() {
  if (m_fd < 0) {
    return;
  }
  ::shutdown(m_fd, SHUT_RDWR);
  ::close(m_fd);
  m_fd = -1;
}

std::vector<std::string> path_parts(const std::string& path) {
  std::vector<std::string> parts;
  std::size_t start = 1;
  while (start <= path.size()) {
    std::size_t slash = path.find('/', start);
    std::string part = path.substr(start, slash == std::string::npos ? slash : slash - start);
    if (!part.empty()) {
      parts.push_back(part);
    }
    if (slash == std::string::npos) {
      break;
    }
    start = slash + 1;
  }
  return parts;
}

} // namespace srsim::server
