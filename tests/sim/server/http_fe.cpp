// The FE http port (http_service.hpp). Sources: fe/.../http/rest/RestBaseAction.java (Basic
// auth, 401 with WWW-Authenticate and a RestBaseResult body, redirectTo keeps path and query and
// puts no credentials in the Location), LoadAction.java (Expect: 100-continue, INSERT on the
// table, 307 to a BE), TransactionLoadAction.java + transaction/TransactionWithoutChannelHandler
// .java of 3.3 (which transaction operations the FE answers itself), GetLoadInfoAction.java.

#include <vector>

#include "server/front.hpp"
#include "server/http_json.hpp"
#include "server/http_service.hpp"

namespace srsim::server {

namespace {

// TransactionLoadAction / LoadAction answer an exception as FAILED with its class in the text.
const char* const k_user_exception = "class com.starrocks.common.UserException: ";
const char* const k_ddl_exception = "class com.starrocks.common.DdlException: ";

// AccessDeniedException.reportAccessDenied (the text srsim's engine uses too).
std::string fe_access_denied(const std::string& privilege, const std::string& object) {
  return "Access denied; you need (at least one of) the " + privilege + " privilege(s) on " +
         object +
         " for this operation. Please ask the admin to grant permission(s) or try activating "
         "existing roles using <set [default] role>. Current role(s): NONE. Inactivated "
         "role(s): NONE.";
}

void fe_unauthorized(HttpConn& conn, const std::string& msg) {
  conn.send(401, "Unauthorized", "text/html", rest_failed(msg),
            {{"WWW-Authenticate", "Basic realm=\"\""}});
}

} // namespace

HttpService::HttpService(Front& front) : m_front(front) {}

void HttpService::serve_fe(int fd, const std::string& host) {
  HttpConn conn(fd);
  HttpRequest req;
  if (!conn.read_head(req)) {
    return;
  }
  std::vector<std::string> p = path_parts(req.path);
  if (p.size() < 2 || p[0] != "api") {
    conn.send(404, "Not Found", "text/html", "Not Found");
    conn.close_gracefully();
    return;
  }
  // RestBaseAction.execute: the password before anything else.
  auto auth = req.basic_auth();
  if (!auth) {
    fe_unauthorized(conn, "Need auth information.");
  } else if (!m_front.users().check_password(auth->first, auth->second)) {
    fe_unauthorized(conn, "Access denied for " + auth->first + "@" + host);
  } else if (req.method == "PUT" && p.size() == 4 && p[3] == "_stream_load") {
    fe_stream_load(conn, req, auth->first, p[1], p[2]);
  } else if ((req.method == "POST" || req.method == "PUT") && p.size() == 3 &&
             p[1] == "transaction") {
    fe_transaction(conn, req, auth->first, p[2]);
  } else if (req.method == "GET" && p.size() == 3 && p[2] == "_load_info") {
    fe_load_info(conn, req, auth->first, p[1]);
  } else {
    conn.send(200, "OK", "text/html", rest_failed("Not implemented"));
  }
  conn.close_gracefully();
}

void HttpService::redirect(HttpConn& conn, const HttpRequest& req) {
  // redirectTo: http://<be host>:<be http port><path>[?query], no user info in the URL.
  std::string location =
      "http://127.0.0.1:" + std::to_string(m_front.config().be_http_port) + req.target;
  conn.send(307, "Temporary Redirect", "text/html", "", {{"Location", location}});
}

void HttpService::fe_stream_load(HttpConn& conn, const HttpRequest& req, const std::string& user,
                                 const std::string& db, const std::string& table) {
  // LoadAction: "Expect: 100-continue" is required from HTTP/1.1 on (HTTP/1.0 may omit it).
  if (req.version != "HTTP/1.0" && !req.expects_continue()) {
    conn.send(
        200, "OK", "text/html",
        txn_result("FAILED", std::string(k_ddl_exception) + "There is no 100-continue header"));
    return;
  }
  if (!m_front.users().allowed(user, "INSERT", db)) { // Authorizer.checkTableAction -> 401
    fe_unauthorized(conn, fe_access_denied("INSERT", "TABLE " + table));
    return;
  }
  redirect(conn, req); // the body is never read here: the client sends it to the BE
}

void HttpService::fe_transaction(HttpConn& conn, const HttpRequest& req, const std::string& user,
                                 const std::string& op) {
  auto fail = [&](const std::string& msg) {
    conn.send(200, "OK", "text/html", txn_result("FAILED", k_user_exception + msg));
  };
  const std::string& db = req.header("db");
  const std::string& label = req.header("label");
  if (op != "begin" && op != "load" && op != "prepare" && op != "commit" && op != "rollback") {
    return fail("Unknown transaction operation: " + op);
  }
  if (db.empty()) {
    return fail("No database selected.");
  }
  if (label.empty()) {
    return fail("Empty label.");
  }
  LoadResult state = this->op(user, LoadOp::State, load_request(req, db, "", label));
  if (state.code != "OK") {
    return fail(state.message); // Database[db] does not exist.
  }
  std::string key = db + "\n" + label;
  if (op == "begin") {
    remember_txn_label(key); // getNodeId: label -> the BE chosen for it
    return redirect(conn, req);
  }
  if (op == "commit" || op == "rollback") {
    return fe_commit_or_rollback(conn, req, user, op);
  }
  if (!knows_txn_label(key)) {
    // getTxnOperationHandler / getNodeId for a label this FE did not begin.
    return fail(op == "prepare" && state.state.empty()
                    ? "No transaction found by label " + label
                    : "Transaction with op[" + op + "] and label[" + label + "] has no node.");
  }
  redirect(conn, req);
}

void HttpService::fe_commit_or_rollback(HttpConn& conn, const HttpRequest& req,
                                        const std::string& user, const std::string& op) {
  const std::string& db = req.header("db");
  const std::string& label = req.header("label");
  auto fail = [&](const std::string& msg) {
    conn.send(200, "OK", "text/html", txn_result("FAILED", k_user_exception + msg));
  };
  LoadResult st = this->op(user, LoadOp::State, load_request(req, db, "", label));
  std::string id = std::to_string(st.txn_id);
  std::map<std::string, std::string> ids{{"TxnId", id}, {"Label", label}};
  bool commit = op == "commit";
  if (st.state.empty()) {
    return fail("No transaction found by label " + label);
  }
  if (st.state == "VISIBLE") {
    return commit ? conn.send(200, "OK", "text/html",
                              txn_result("OK",
                                         "Transaction " + id + " has already committed, label is " +
                                             label,
                                         ids))
                  : fail("Can not abort VISIBLE transaction " + id + ", label is " + label);
  }
  if (st.state == "ABORTED") {
    return commit ? fail("Can not commit ABORTED transaction " + id + ", label is " + label)
                  : conn.send(
                        200, "OK", "text/html",
                        txn_result("OK",
                                   "Transaction " + id + " has already aborted, label is " + label,
                                   ids));
  }
  if (st.state != "PREPARED") { // PREPARE: the BE that holds it commits or aborts it
    if (!knows_txn_label(db + "\n" + label)) {
      return fail("Transaction with op[" + op + "] and label[" + label + "] has no node.");
    }
    return redirect(conn, req);
  }
  // PREPARED: the FE commits (commitPreparedTransaction) or aborts it itself.
  HttpFaultDecision f = m_front.control().on_http(label, false, commit);
  if (f.fail500) {
    conn.send(500, "Internal Server Error", "text/plain", "srsim: injected HTTP 500\n");
    return;
  }
  LoadResult r =
      this->op(user, commit ? LoadOp::Commit : LoadOp::Rollback, load_request(req, db, "", label));
  if (!r.ok()) {
    return fail(r.message);
  }
  if (commit && f.lose_commit) {
    conn.close_now(); // committed; the answer is lost
    return;
  }
  conn.send(200, "OK", "text/html", txn_result("OK", "", ids));
}

void HttpService::fe_load_info(HttpConn& conn, const HttpRequest& req, const std::string& user,
                               const std::string& db) {
  auto it = req.params.find("label");
  std::string label = it == req.params.end() ? "" : it->second;
  if (label.empty()) {
    conn.send(200, "OK", "text/html", rest_failed("No label selected"));
    return;
  }
  if (!m_front.users().allowed(user, "INSERT", db)) { // Authorizer.checkActionInDb -> 401
    fe_unauthorized(conn, fe_access_denied("INSERT", "DATABASE " + db));
    return;
  }
  // LoadMgr.getLoadJobInfo knows the jobs of SQL loads only (INSERT, Broker Load); a Stream
  // Load's label is an unknown job there.
  LoadResult job = op(user, LoadOp::JobInfo, load_request(req, db, "", label));
  if (!job.ok()) {
    conn.send(200, "OK", "text/html", rest_failed(job.message));
    return;
  }
  conn.send(200, "OK", "text/html", load_info_json(db, job, label));
}

LoadResult HttpService::op(const std::string& user, LoadOp o, const LoadRequest& request) {
  SessionContext s;
  s.connection_id = m_next_session++;
  s.user = user;
  s.allowed = [this, user](const std::string& privilege, const std::string& db) {
    return m_front.users().allowed(user, privilege, db);
  };
  LoadResult out = m_front.engine().load_op(s, o, request);
  m_front.engine().close_session(s);
  return out;
}

LoadRequest HttpService::load_request(const HttpRequest& req, const std::string& db,
                                      const std::string& table, const std::string& label) const {
  LoadRequest r;
  r.db = db;
  r.table = table;
  r.label = label;
  r.headers = req.headers;
  return r;
}

void HttpService::remember_txn_label(const std::string& key) {
  std::lock_guard lock(m_mutex);
  m_txn_labels.insert(key);
}

bool HttpService::knows_txn_label(const std::string& key) {
  std::lock_guard lock(m_mutex);
  return m_txn_labels.count(key) > 0;
}

} // namespace srsim::server
