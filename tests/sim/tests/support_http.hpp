#pragma once

// HTTP helpers for srsim's Stream Load tests: one libcurl request (optionally following the FE's
// 307 with the credentials, like `curl --location-trusted`) and a raw socket exchange for what
// libcurl hides (100-continue, the exact redirect).

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

namespace srsim::test {

struct HttpCall {
  std::string method = "PUT";
  std::string url;
  std::string user = "root";
  std::string password;
  bool auth = true;
  std::vector<std::string> headers; // "label: x", ...
  std::string body;
  bool follow = false;         // follow redirects, resending the credentials
  bool expect_continue = true; // send `Expect: 100-continue`
  long timeout_s = 120;
};

struct HttpReply {
  int curl_code = 0; // CURLcode; 0 = a complete answer
  std::string curl_error;
  long status = 0;
  std::map<std::string, std::string> headers; // lower-case names, of the last answer
  std::string body;
  nlohmann::json json() const; // the body as JSON (null when it is none)
};

HttpReply http(const HttpCall& call);

// Writes `request` to 127.0.0.1:`port` and reads until `stop` is in the answer or the server
// closes; `then` is written after `stop` was seen (e.g. the body after "100 Continue").
std::string raw_http(int port, const std::string& request, const std::string& stop = "",
                     const std::string& then = "");

// "Basic <base64(user:password)>".
std::string basic_auth(const std::string& user, const std::string& password);

// The ports and root password of one simulated cluster.
class PrivateSrsim;

struct SimPorts {
  int query = 0;
  int fe_http = 0;
  int be_http = 0;
  std::string password;
};
SimPorts sandbox_src(); // the sandbox's SRC cluster
SimPorts ports_of(const PrivateSrsim& sim);

// PUT /api/db/table/_stream_load on the FE, following the 307 with the credentials.
HttpReply stream_load(const SimPorts& sim, const std::string& db, const std::string& table,
                      const std::string& label, const std::string& body,
                      std::vector<std::string> headers = {});
// /api/transaction/<op> on the FE (following its 307 like curl --location-trusted).
HttpReply txn_op(const SimPorts& sim, const std::string& op, const std::string& db,
                 const std::string& table, const std::string& label, const std::string& body = "",
                 std::vector<std::string> headers = {});

} // namespace srsim::test
