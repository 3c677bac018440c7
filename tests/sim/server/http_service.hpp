#pragma once

// StarRocks's Stream Load HTTP surface for one simulated cluster (docs/srsim.md "Stream Load",
// starrocks-surface.md §9):
//  - the FE http port (http_fe.cpp): PUT /api/{db}/{table}/_stream_load and the transaction
//    interface /api/transaction/{op} (Basic auth, then a 307 to the BE without credentials, or
//    the FE's own answer), GET /api/{db}/_load_info;
//  - the BE http port (http_be.cpp): the loads themselves, and GET /api/_load_error_log.
// One request per connection; every answer closes it.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>

#include "server/http_conn.hpp"
#include "sim_api.hpp"

namespace srsim::server {

class Front;

class HttpService {
public:
  explicit HttpService(Front& front);
  void serve_fe(int fd, const std::string& host);
  void serve_be(int fd, const std::string& host);

private:
  // http_fe.cpp
  void fe_stream_load(HttpConn& conn, const HttpRequest& req, const std::string& user,
                      const std::string& db, const std::string& table);
  void fe_transaction(HttpConn& conn, const HttpRequest& req, const std::string& user,
                      const std::string& op);
  void fe_commit_or_rollback(HttpConn& conn, const HttpRequest& req, const std::string& user,
                             const std::string& op);
  void fe_load_info(HttpConn& conn, const HttpRequest& req, const std::string& user,
                    const std::string& db);
  void redirect(HttpConn& conn, const HttpRequest& req);
  // http_be.cpp
  void be_stream_load(HttpConn& conn, HttpRequest& req, const std::string& user,
                      const std::string& db, const std::string& table);
  void be_txn_load(HttpConn& conn, HttpRequest& req);
  void be_txn_manage(HttpConn& conn, const HttpRequest& req, const std::string& op);
  void be_error_log(HttpConn& conn, const HttpRequest& req);
  // Waits out an HTTP STALL: false when the client left (the caller aborts).
  bool stall(HttpConn& conn, std::uint64_t generation, const std::string& db,
             const std::string& label, std::chrono::steady_clock::time_point deadline);

  // Runs one engine operation in a short-lived session of `user`.
  LoadResult op(const std::string& user, LoadOp op, const LoadRequest& request);
  LoadRequest load_request(const HttpRequest& req, const std::string& db, const std::string& table,
                           const std::string& label) const;
  // Keeps a rejected-rows log and answers its ErrorURL on the BE port.
  std::string keep_error_log(const LoadResult& r);
  void remember_txn_label(const std::string& key);
  bool knows_txn_label(const std::string& key);

  Front& m_front;
  std::atomic<std::uint32_t> m_next_session{0x40000000};
  std::mutex m_mutex;
  std::set<std::string> m_txn_labels; // TransactionLoadAction.txnNodeMap: begun through this FE
  std::map<std::string, std::string> m_error_logs; // file name -> "Error: ..." lines
  std::deque<std::string> m_error_order;           // oldest first (bounded)
  std::uint64_t m_error_seq = 0;
};

} // namespace srsim::server
