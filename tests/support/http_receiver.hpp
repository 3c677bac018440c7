#pragma once

#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

// A local HTTP/1.1 server on 127.0.0.1 for webhook tests (plain POSIX sockets + threads; test
// harness only). Modes:
//  - Record: answers 200 {"code":0,"msg":"success"} (Feishu's success body);
//  - Fail500: answers 500;
//  - Hang: reads the request and never answers (until stop);
//  - Proxy: an HTTP forward proxy: takes absolute-form requests (`POST http://host:port/path`),
//    forwards them to the origin (numeric IPv4 only) and relays the answer.
// Every request is recorded (method, target as sent, lower-case headers, body).
namespace exl::test {

struct HttpRequest {
  std::string method;
  std::string target; // as on the request line (absolute-form when sent to a proxy)
  std::map<std::string, std::string> headers;
  std::string body;
};

class HttpReceiver {
public:
  enum class Mode { Record, Fail500, Hang, Proxy };

  explicit HttpReceiver(Mode mode);
  ~HttpReceiver();
  HttpReceiver(const HttpReceiver&) = delete;
  HttpReceiver& operator=(const HttpReceiver&) = delete;

  int port() const { return m_port; }
  std::string url(const std::string& path) const;

  std::vector<HttpRequest> requests() const;
  // Waits until at least `count` requests were recorded or `timeout` passed.
  bool wait_for_requests(std::size_t count, std::chrono::milliseconds timeout) const;

  void stop();

private:
  void accept_loop();
  void serve(int fd);

  Mode m_mode;
  int m_listen_fd = -1;
  int m_wake[2] = {-1, -1};
  int m_port = 0;
  mutable std::mutex m_mutex;
  mutable std::condition_variable m_cv;
  std::vector<HttpRequest> m_requests;
  std::vector<int> m_client_fds;
  std::vector<std::thread> m_workers;
  std::thread m_acceptor;
  bool m_stopping = false;
};

} // namespace exl::test
