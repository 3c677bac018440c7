// The simulated BE's http port (http_service.hpp). Sources: be/src/http/action/stream_load.cpp
// (Basic auth again, begin before the body, the headers, to_json answer),
// transaction_stream_load.cpp and runtime/stream_load/transaction_mgr.cpp (the transaction
// interface's BE half and its to_resp_json answers). Every answer is HTTP 200 with the JSON
// (HttpChannel::send_reply), apart from the injected faults.

#include <cstdio>
#include <random>
#include <thread>
#include <vector>

#include "server/front.hpp"
#include "server/http_json.hpp"
#include "server/http_service.hpp"

namespace srsim::server {

namespace {

using BeClock = std::chrono::steady_clock;

std::int64_t be_ms_since(BeClock::time_point t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(BeClock::now() - t).count();
}

// stream_load.cpp on_header: a request without a label gets a generated UUID.
std::string be_uuid() {
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  std::uint64_t a = rng(), b = rng();
  char buf[40];
  std::snprintf(buf, sizeof buf, "%08x-%04x-%04x-%04x-%012llx", static_cast<unsigned>(a >> 32),
                static_cast<unsigned>(a >> 16) & 0xffff, static_cast<unsigned>(a) & 0xffff,
                static_cast<unsigned>(b >> 48),
                static_cast<unsigned long long>(b & 0xffffffffffffULL));
  return buf;
}

LoadResult be_failed(const std::string& code, const std::string& message) {
  LoadResult r;
  r.code = code;
  r.message = message;
  return r;
}

void be_send_500(HttpConn& conn) {
  conn.send(500, "Internal Server Error", "text/plain",
            "srsim: injected HTTP 500 (ADMIN SET SIM HTTP FAIL)\n");
}

int be_load_timeout_s(const HttpRequest& req) {
  const std::string& t = req.header("timeout");
  return !t.empty() && t.size() < 9 && t.find_first_not_of("0123456789") == std::string::npos
             ? std::stoi(t)
             : 600;
}

} // namespace

void HttpService::serve_be(int fd, const std::string& host) {
  HttpConn conn(fd);
  HttpRequest req;
  if (!conn.read_head(req)) {
    return;
  }
  std::vector<std::string> p = path_parts(req.path);
  if (req.method == "GET" && req.path == "/api/_load_error_log") {
    be_error_log(conn, req);
  } else if (req.method == "PUT" && p.size() == 4 && p[0] == "api" && p[3] == "_stream_load") {
    // _on_header: the BE needs Basic auth again (the FE's 307 carries none); the FE checks the
    // password when the BE begins the transaction (loadTxnBegin).
    auto auth = req.basic_auth();
    std::string label = req.header("label").empty() ? be_uuid() : req.header("label");
    auto reply_fail = [&](const std::string& msg) {
      conn.send(200, "OK", "text/plain; charset=UTF-8",
                stream_load_json(be_failed("INTERNAL_ERROR", msg), label, 0, 0, ""));
    };
    if (!auth) {
      reply_fail("no valid Basic authorization");
    } else if (!m_front.users().check_password(auth->first, auth->second)) {
      reply_fail("Access denied for " + auth->first + "@" + host);
    } else {
      req.headers["label"] = label;
      be_stream_load(conn, req, auth->first, p[1], p[2]);
    }
  } else if (p.size() == 3 && p[0] == "api" && p[1] == "transaction" && p[2] == "load" &&
             req.method == "PUT") {
    be_txn_load(conn, req);
  } else if (p.size() == 3 && p[0] == "api" && p[1] == "transaction" &&
             (req.method == "POST" || req.method == "PUT")) {
    if (p[2] == "begin") {
      auto auth = req.basic_auth();
      if (!auth) { // transaction_mgr.cpp _begin_transaction
        conn.send(200, "OK", "text/plain; charset=UTF-8",
                  txn_resp_json("begin",
                                be_failed("INTERNAL_ERROR", "no valid Basic authorization"),
                                req.header("label"), 0, 0, ""));
      } else if (!m_front.users().check_password(auth->first, auth->second)) {
        conn.send(200, "OK", "text/plain; charset=UTF-8",
                  txn_resp_json(
                      "begin",
                      be_failed("INTERNAL_ERROR", "Access denied for " + auth->first + "@" + host),
                      req.header("label"), 0, 0, ""));
      } else {
        req.headers["__user"] = auth->first;
        be_txn_manage(conn, req, "begin");
      }
    } else {
      be_txn_manage(conn, req, p[2]);
    }
  } else {
    conn.send(404, "Not Found", "text/html", "Not Found");
  }
  conn.close_gracefully();
}

void HttpService::be_stream_load(HttpConn& conn, HttpRequest& req, const std::string& user,
                                 const std::string& db, const std::string& table) {
  auto t0 = BeClock::now();
  const std::string label = req.header("label");
  auto reply = [&](LoadResult r, std::int64_t read_ms) {
    conn.send(200, "OK", "text/plain; charset=UTF-8",
              stream_load_json(r, label, be_ms_since(t0), read_ms, keep_error_log(r)));
  };
  HttpFaultDecision f = m_front.control().on_http(label, true, true);
  if (f.fail500) {
    return be_send_500(conn);
  }
  LoadRequest lr = load_request(req, db, table, label);
  lr.stream_load = true;
  // The transaction begins before the body is read (stream_load.cpp _on_header -> begin_txn):
  // its label is RUNNING from here on.
  LoadResult begun = op(user, LoadOp::Begin, lr);
  if (!begun.ok()) {
    return reply(begun, 0);
  }
  if (req.expects_continue()) {
    conn.send_continue();
  }
  auto t_read = BeClock::now();
  bool complete = conn.read_body(req, f.reset_after.value_or(0));
  if (f.reset_after || !complete) { // a broken body cancels the load (free_handler_ctx)
    op(user, LoadOp::Rollback, lr);
    return conn.reset();
  }
  std::int64_t read_ms = be_ms_since(t_read);
  lr.body = std::move(req.body);
  if (f.stall &&
      !stall(conn, f.generation, db, label, t0 + std::chrono::seconds(be_load_timeout_s(req)))) {
    op(user, LoadOp::Rollback, lr);
    return conn.close_now();
  }
  LoadResult loaded = op(user, LoadOp::Load, lr);
  if (!loaded.ok()) {
    loaded.txn_id = begun.txn_id;
    return reply(loaded, read_ms);
  }
  LoadResult done = op(user, LoadOp::Commit, lr);
  done.txn_id = begun.txn_id;
  done.begin_ms = begun.begin_ms;
  if (done.ok() && f.lose_commit) {
    return conn.close_now(); // the commit took effect; its answer is lost
  }
  if (done.ok() && f.publish_timeout) {
    // FrontendServiceImpl.loadTxnCommit: committed, not yet visible (srsim's rows are visible).
    done.code = "PUBLISH_TIMEOUT";
    done.message = "Publish timeout. The data will be visible after a while";
  }
  reply(done, read_ms);
}

bool HttpService::stall(HttpConn& conn, std::uint64_t generation, const std::string& db,
                        const std::string& label, BeClock::time_point deadline) {
  bool timed_out = false;
  bool released = m_front.control().wait_stall(generation, [&] {
    timed_out = BeClock::now() > deadline;
    return timed_out || conn.peer_closed();
  });
  if (released) {
    return true;
  }
  if (!timed_out) {
    return false; // the client went away
  }
  // The load's timeout passed: the engine's expiry aborts the transaction (within a second);
  // the load then answers that abort.
  LoadRequest probe;
  probe.db = db;
  probe.label = label;
  for (int i = 0; i < 50 && op("root", LoadOp::State, probe).state == "PREPARE"; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return true;
}

void HttpService::be_txn_load(HttpConn& conn, HttpRequest& req) {
  auto t0 = BeClock::now();
  const std::string label = req.header("label");
  auto reply = [&](const LoadResult& r, std::int64_t read_ms) {
    conn.send(200, "OK", "text/plain; charset=UTF-8",
              txn_resp_json("load", r, label, be_ms_since(t0), read_ms, keep_error_log(r)));
  };
  if (label.empty()) { // TransactionStreamLoadAction::on_header
    return reply(be_failed("INVALID_ARGUMENT", "Invalid label "), 0);
  }
  LoadRequest lr = load_request(req, req.header("db"), req.header("table"), label);
  // on_header: the BE's context for the label must exist before any body byte is read.
  if (op("root", LoadOp::State, lr).state != "PREPARE") {
    return reply(be_failed("TXN_NOT_EXISTS", "Transaction with label " + label + " not exists"), 0);
  }
  HttpFaultDecision f = m_front.control().on_http(label, true, false);
  if (f.fail500) {
    return be_send_500(conn);
  }
  if (req.expects_continue()) {
    conn.send_continue();
  }
  auto t_read = BeClock::now();
  bool complete = conn.read_body(req, f.reset_after.value_or(0));
  if (f.reset_after || !complete) { // the cancelled body fails the transaction
    op("root", LoadOp::Rollback, lr);
    return conn.reset();
  }
  std::int64_t read_ms = be_ms_since(t_read);
  lr.body = std::move(req.body);
  if (f.stall &&
      !stall(conn, f.generation, lr.db, label, BeClock::now() + std::chrono::hours(24))) {
    op("root", LoadOp::Rollback, lr);
    return conn.close_now();
  }
  reply(op("root", LoadOp::Load, lr), read_ms);
}

void HttpService::be_txn_manage(HttpConn& conn, const HttpRequest& req, const std::string& name) {
  auto t0 = BeClock::now();
  const std::string label = req.header("label");
  auto reply = [&](const LoadResult& r) {
    conn.send(200, "OK", "text/plain; charset=UTF-8",
              txn_resp_json(name, r, label, be_ms_since(t0), 0, keep_error_log(r)));
  };
  if (label.empty()) { // TransactionManagerAction::handle
    return reply(be_failed("INVALID_ARGUMENT", "empty label"));
  }
  LoadOp kind = name == "begin"     ? LoadOp::Begin
                : name == "prepare" ? LoadOp::Prepare
                : name == "commit"  ? LoadOp::Commit
                                    : LoadOp::Rollback;
  if (name != "begin" && name != "prepare" && name != "commit" && name != "rollback") {
    return reply(be_failed("INVALID_ARGUMENT", "unsupport transaction operation " + name));
  }
  HttpFaultDecision f = m_front.control().on_http(label, false, kind == LoadOp::Commit);
  if (f.fail500) {
    return be_send_500(conn);
  }
  LoadRequest lr = load_request(req, req.header("db"), req.header("table"), label);
  if (f.stall &&
      !stall(conn, f.generation, lr.db, label, BeClock::now() + std::chrono::hours(24))) {
    return conn.close_now();
  }
  std::string user = kind == LoadOp::Begin ? req.header("__user") : "root";
  LoadResult r = op(user, kind, lr);
  if (r.ok() && kind == LoadOp::Commit && f.lose_commit) {
    return conn.close_now(); // committed; the answer is lost
  }
  if (r.ok() && kind == LoadOp::Commit && f.publish_timeout) {
    r.code = "PUBLISH_TIMEOUT";
    r.message = "Publish timeout. The data will be visible after a while";
  }
  reply(r);
}

void HttpService::be_error_log(HttpConn& conn, const HttpRequest& req) {
  auto it = req.params.find("file");
  std::lock_guard lock(m_mutex);
  auto log = it == req.params.end() ? m_error_logs.end() : m_error_logs.find(it->second);
  if (log == m_error_logs.end()) {
    conn.send(404, "Not Found", "text/plain", "Not Found");
    return;
  }
  conn.send(200, "OK", "text/plain; charset=UTF-8", log->second);
}

std::string HttpService::keep_error_log(const LoadResult& r) {
  if (r.error_log.empty()) {
    return "";
  }
  std::lock_guard lock(m_mutex);
  std::string name = "error_log_" + std::to_string(r.txn_id) + "_" + std::to_string(++m_error_seq);
  m_error_logs[name] = r.error_log;
  m_error_order.push_back(name);
  while (m_error_order.size() > 500) { // StarRocks deletes old error logs too
    m_error_logs.erase(m_error_order.front());
    m_error_order.pop_front();
  }
  return "http://127.0.0.1:" + std::to_string(m_front.config().be_http_port) +
         "/api/_load_error_log?file=" + name;
}

} // namespace srsim::server
