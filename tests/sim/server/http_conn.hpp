#pragma once

// HTTP/1.x on one accepted socket, just enough for StarRocks's REST surface: a request head,
// a body by Content-Length or chunked, `Expect: 100-continue`, Basic auth, and responses that
// close the connection afterwards (the FE's LoadAction forces that, docs/srsim.md).

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace srsim::server {

struct HttpRequest {
  std::string method;
  std::string target; // path and query as sent
  std::string path;
  std::string query;
  std::map<std::string, std::string> params;  // decoded query parameters
  std::string version;                        // HTTP/1.1
  std::map<std::string, std::string> headers; // lower-case names, values trimmed
  std::string body;

  const std::string& header(const std::string& name) const;
  bool expects_continue() const;
  // user and password of a Basic Authorization header.
  std::optional<std::pair<std::string, std::string>> basic_auth() const;
};

class HttpConn {
public:
  explicit HttpConn(int fd);
  ~HttpConn(); // closes the socket

  // Reads the request head; false when the client went away or sent garbage.
  bool read_head(HttpRequest& request);
  // Reads the body. `stop_after` > 0: stop once that many body bytes arrived (the caller then
  // resets the connection). False when the client went away or the framing is bad.
  bool read_body(HttpRequest& request, std::int64_t stop_after = 0);
  void send_continue();
  void send(int status, const std::string& reason, const std::string& content_type,
            const std::string& body, const std::map<std::string, std::string>& extra_headers = {});
  // True when the peer closed its side (a stalled request's client gave up).
  bool peer_closed();
  // Closes with an RST (SO_LINGER 0): the client sees "connection reset".
  void reset();
  // Closes after the client stopped sending (bounded), so that an unread body does not turn
  // the close into a reset before the client read the answer.
  void close_gracefully();
  // Closes without an answer (FIN): the client sees an empty reply.
  void close_now();

private:
  bool fill();
  bool read_exact(std::string& out, std::size_t n);
  bool read_line(std::string& line);

  int m_fd;
  std::string m_buf;
  bool m_continue_sent = false;
};

std::string base64_decode(const std::string& in);

// The non-empty segments of a request path: "/api/db/t/_stream_load" -> {api, db, t, _stream_load}.
std::vector<std::string> path_parts(const std::string& path);

} // namespace srsim::server
