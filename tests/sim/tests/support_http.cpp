#include "support_http.hpp"

#include "support_client.hpp"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <memory>

namespace srsim::test {

namespace {

std::size_t http_collect(char* data, std::size_t size, std::size_t n, void* out) {
  static_cast<std::string*>(out)->append(data, size * n);
  return size * n;
}

std::size_t http_collect_header(char* data, std::size_t size, std::size_t n, void* out) {
  std::string line(data, size * n);
  auto* headers = static_cast<std::map<std::string, std::string>*>(out);
  if (line.rfind("HTTP/", 0) == 0) {
    headers->clear(); // a new answer (100 Continue, 307, then the final one)
  }
  std::size_t colon = line.find(':');
  if (colon != std::string::npos) {
    std::string name = line.substr(0, colon);
    std::transform(name.begin(), name.end(), name.begin(), ::tolower);
    std::string value = line.substr(colon + 1);
    value.erase(0, value.find_first_not_of(' '));
    value.erase(value.find_last_not_of("\r\n") + 1);
    (*headers)[name] = value;
  }
  return size * n;
}

struct HttpCurlDeleter {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct HttpListDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

} // namespace

nlohmann::json HttpReply::json() const {
  return nlohmann::json::parse(body, nullptr, false);
}

std::string basic_auth(const std::string& user, const std::string& password) {
  static const char* k = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string in = user + ":" + password, out;
  int val = 0, bits = -6;
  for (unsigned char c : in) {
    val = (val << 8) + c;
    bits += 8;
    while (bits >= 0) {
      out += k[(val >> bits) & 0x3f];
      bits -= 6;
    }
  }
  if (bits > -6) {
    out += k[((val << 8) >> (bits + 8)) & 0x3f];
  }
  while (out.size() % 4) {
    out += '=';
  }
  return "Basic " + out;
}

HttpReply http(const HttpCall& call) {
  HttpReply reply;
  std::unique_ptr<CURL, HttpCurlDeleter> c(curl_easy_init());
  std::unique_ptr<curl_slist, HttpListDeleter> list;
  auto add = [&](const std::string& h) {
    list.reset(curl_slist_append(list.release(), h.c_str()));
  };
  for (const auto& h : call.headers) {
    add(h);
  }
  add(call.expect_continue ? "Expect: 100-continue" : "Expect:");
  curl_easy_setopt(c.get(), CURLOPT_URL, call.url.c_str());
  curl_easy_setopt(c.get(), CURLOPT_CUSTOMREQUEST, call.method.c_str());
  if (call.method != "GET") {
    curl_easy_setopt(c.get(), CURLOPT_POSTFIELDS, call.body.data());
    curl_easy_setopt(c.get(), CURLOPT_POSTFIELDSIZE_LARGE,
                     static_cast<curl_off_t>(call.body.size()));
  }
  curl_easy_setopt(c.get(), CURLOPT_HTTPHEADER, list.get());
  if (call.auth) {
    curl_easy_setopt(c.get(), CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
    curl_easy_setopt(c.get(), CURLOPT_USERNAME, call.user.c_str());
    curl_easy_setopt(c.get(), CURLOPT_PASSWORD, call.password.c_str());
  }
  if (call.follow) {
    curl_easy_setopt(c.get(), CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(c.get(), CURLOPT_UNRESTRICTED_AUTH, 1L); // --location-trusted
    curl_easy_setopt(c.get(), CURLOPT_POSTREDIR, CURL_REDIR_POST_ALL);
  }
  curl_easy_setopt(c.get(), CURLOPT_TIMEOUT, call.timeout_s);
  curl_easy_setopt(c.get(), CURLOPT_WRITEFUNCTION, http_collect);
  curl_easy_setopt(c.get(), CURLOPT_WRITEDATA, &reply.body);
  curl_easy_setopt(c.get(), CURLOPT_HEADERFUNCTION, http_collect_header);
  curl_easy_setopt(c.get(), CURLOPT_HEADERDATA, &reply.headers);
  char error[CURL_ERROR_SIZE] = {};
  curl_easy_setopt(c.get(), CURLOPT_ERRORBUFFER, error);
  reply.curl_code = curl_easy_perform(c.get());
  reply.curl_error = error;
  curl_easy_getinfo(c.get(), CURLINFO_RESPONSE_CODE, &reply.status);
  return reply;
}

std::string raw_http(int port, const std::string& request, const std::string& stop,
                     const std::string& then) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::string answer;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return answer;
  }
  ::send(fd, request.data(), request.size(), MSG_NOSIGNAL);
  bool sent_then = stop.empty();
  auto until = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  char buf[65536];
  while (std::chrono::steady_clock::now() < until) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 100) <= 0) {
      continue;
    }
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) {
      break;
    }
    answer.append(buf, static_cast<std::size_t>(n));
    if (!sent_then && answer.find(stop) != std::string::npos) {
      sent_then = true;
      ::send(fd, then.data(), then.size(), MSG_NOSIGNAL);
    }
  }
  ::close(fd);
  return answer;
}

SimPorts sandbox_src() {
  const Sandbox& sb = Sandbox::get();
  return SimPorts{sb.port("SRC_PORT"), sb.port("SRC_HTTP_PORT"), sb.port("SRC_BE_HTTP_PORT"),
                  sb.env("SRC_PASSWORD")};
}

SimPorts ports_of(const PrivateSrsim& sim) {
  return SimPorts{sim.port(), sim.http_port(), sim.be_http_port(), sim.password()};
}

HttpReply stream_load(const SimPorts& sim, const std::string& db, const std::string& table,
                      const std::string& label, const std::string& body,
                      std::vector<std::string> headers) {
  HttpCall call;
  call.url = "http://127.0.0.1:" + std::to_string(sim.fe_http) + "/api/" + db + "/" + table +
             "/_stream_load";
  call.password = sim.password;
  call.follow = true;
  call.body = body;
  if (!label.empty()) {
    headers.push_back("label: " + label);
  }
  call.headers = std::move(headers);
  return http(call);
}

HttpReply txn_op(const SimPorts& sim, const std::string& op, const std::string& db,
                 const std::string& table, const std::string& label, const std::string& body,
                 std::vector<std::string> headers) {
  HttpCall call;
  call.method = op == "load" ? "PUT" : "POST";
  call.url = "http://127.0.0.1:" + std::to_string(sim.fe_http) + "/api/transaction/" + op;
  call.password = sim.password;
  call.follow = true;
  call.body = body;
  headers.push_back("label: " + label);
  headers.push_back("db: " + db);
  if (!table.empty()) {
    headers.push_back("table: " + table);
  }
  call.headers = std::move(headers);
  return http(call);
}

} // namespace srsim::test
