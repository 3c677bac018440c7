// The Engine of one simulated cluster: per-session MariaDB connections and the dispatch of
// each statement to its handler by its leading keywords.

#include "backend_errors.hpp"
#include "errors.hpp"
#include "handlers.hpp"
#include "hint_variables.hpp"
#include "insert_parser.hpp"
#include "periodic_thread.hpp"
#include "stream_txns.hpp"
#include "tasks.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>

namespace srsim::engine {

namespace {

// DATABASE is a reserved word in every release (starrocks-surface.md §14): a bare one in a query
// is a syntax error; `DATABASE` quoted and the DATABASE() function are fine.
void reject_reserved_words(const Cursor& cur) {
  const std::vector<Token>& t = cur.tokens();
  for (std::size_t i = 0; i + 1 < t.size(); ++i) {
    if (t[i].kind == TokenKind::Word && t[i].upper == "DATABASE" &&
        !(t[i + 1].kind == TokenKind::Symbol && t[i + 1].text == "(")) {
      cur.syntax_error_at(i);
    }
  }
}

class EngineImpl : public Engine {
public:
  explicit EngineImpl(const ClusterConfig& config) : m_state(config) {
    m_state.store.bootstrap();
    m_state.tasks = std::make_unique<TaskRunner>(
        [this](SessionContext& s, const std::string& sql) { return execute(s, sql); },
        [this](SessionContext& s) { close_session(s); }, m_state.config.live);
    m_scheduler_session.connection_id = 0x7ffffff0;
    m_scheduler_session.user = "root";
    int interval = std::max(1, m_state.config.dynamic_partition_check_interval_s);
    m_scheduler = std::make_unique<PeriodicThread>(std::chrono::seconds(interval),
                                                   [this] { dynamic_partition_pass(); });
    m_streams = std::make_unique<StreamTxns>(m_state);
  }
  ~EngineImpl() override {
    m_streams.reset();
    m_scheduler.reset();
    m_state.tasks.reset();
  }

  Reply execute(SessionContext& session, const std::string& sql) override {
    try {
      Backend& conn = connection(session);
      Ctx ctx{m_state, session, conn};
      return dispatch(ctx, sql);
    } catch (const EngineError& e) {
      return e.reply();
    } catch (const BackendError& e) {
      return translate_backend_error(e, m_state.config.version);
    } catch (const std::exception& e) {
      spdlog::error("srsim engine: {}", e.what());
      return ErrorReply{1064, "HY000", std::string("srsim internal error: ") + e.what()};
    }
  }

  Reply use_database(SessionContext& session, const std::string& db) override {
    try {
      Backend& conn = connection(session);
      Ctx ctx{m_state, session, conn};
      return use_db(ctx, db);
    } catch (const EngineError& e) {
      return e.reply();
    } catch (const std::exception& e) {
      return ErrorReply{1064, "HY000", std::string("srsim internal error: ") + e.what()};
    }
  }

  void close_session(SessionContext& session) override {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_conns.erase(session.connection_id);
    m_sessions.erase(session.connection_id);
  }

  void kill_query(std::uint32_t connection_id) override {
    std::lock_guard<std::mutex> lock(m_mutex);
    auto it = m_sessions.find(connection_id);
    if (it != m_sessions.end()) {
      it->second->kill_query = true;
    }
  }

  Reply set_partition_version(SessionContext& session, const std::string& db,
                              const std::string& table, const std::string& partition,
                              std::int64_t version) override {
    try {
      Backend& conn = connection(session);
      Ctx ctx{m_state, session, conn};
      return engine::set_partition_version(ctx, db, table, partition, version);
    } catch (const EngineError& e) {
      return e.reply();
    } catch (const BackendError& e) {
      return translate_backend_error(e, m_state.config.version);
    }
  }

  LoadResult load_op(SessionContext& session, LoadOp op, const LoadRequest& request) override {
    try {
      Backend& conn = connection(session);
      Ctx ctx{m_state, session, conn};
      return m_streams->run(ctx, op, request);
    } catch (const std::exception& e) {
      LoadResult r;
      r.code = "INTERNAL_ERROR";
      r.message = std::string("srsim internal error: ") + e.what();
      return r;
    }
  }

private:
  Backend& connection(SessionContext& session) {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_sessions[session.connection_id] = &session;
    auto& slot = m_conns[session.connection_id];
    if (slot && !slot->alive()) { // the storage server restarted or dropped us: reconnect
      slot.reset();
    }
    if (!slot) {
      slot = std::make_unique<Backend>(m_state.config.storage);
      slot->exec("SET SESSION sql_mode = 'STRICT_TRANS_TABLES,NO_ENGINE_SUBSTITUTION'");
    }
    return *slot;
  }

  Reply dispatch(Ctx& ctx, const std::string& sql);

  // One pass of the dynamic-partition scheduler over every table of the cluster.
  void dynamic_partition_pass() {
    try {
      Backend& conn = connection(m_scheduler_session);
      Ctx ctx{m_state, m_scheduler_session, conn};
      ResultSet dbs = conn.query("SELECT DISTINCT db FROM `__srsim`.objects");
      for (const auto& row : dbs.rows) {
        for (const TableModel& m : m_state.store.load_db(conn, *row[0])) {
          run_dynamic_partitions(ctx, m);
        }
      }
    } catch (const std::exception& e) {
      spdlog::warn("srsim dynamic partition scheduler: {}", e.what());
    }
  }

  EngineState m_state;
  std::mutex m_mutex;
  std::map<std::uint32_t, std::unique_ptr<Backend>> m_conns;
  std::map<std::uint32_t, SessionContext*> m_sessions;
  SessionContext m_scheduler_session;
  std::unique_ptr<StreamTxns> m_streams;       // Stream Load transactions (stream_txns.hpp)
  std::unique_ptr<PeriodicThread> m_scheduler; // last: stopped first
};

Reply EngineImpl::dispatch(Ctx& ctx, const std::string& text) {
  // Statements come without `;` (sim_api.hpp), but a replayed SHOW CREATE text ends with one.
  std::string sql = text;
  while (!sql.empty() &&
         (sql.back() == ';' || std::isspace(static_cast<unsigned char>(sql.back())))) {
    sql.pop_back();
  }
  Cursor cur(sql, ctx.version());
  // The statement's set_var hints, for this statement only (hint_variables.hpp).
  HintVariables hinted(ctx.session, statement_hint_variables(cur));
  if (!ctx.session.current_db.empty()) {
    try {
      ctx.conn.exec("USE " + quote_ident(ctx.session.current_db));
    } catch (const BackendError&) {
      // Another session dropped it: statements naming their database still work.
    }
  }
  const Token& first = cur.peek();
  const std::string& w = first.upper;
  if (w == "SELECT" || w == "WITH" || (first.kind == TokenKind::Symbol && first.text == "(")) {
    reject_reserved_words(cur);
    return select_statement(ctx, sql);
  }
  cur.next();
  if (w == "INSERT") {
    cur.seek(0);
    return insert_statement(ctx, cur);
  }
  if (w == "USE") {
    QualifiedName q = cur.qualified_name();
    if (!q.db.empty() && q.db != "default_catalog") {
      fail_unsupported("USE " + q.db + "." + q.name);
    }
    return use_db(ctx, q.name);
  }
  if (w == "CREATE") {
    if (cur.accept_kw("DATABASE") || cur.accept_kw("SCHEMA"))
      return create_database(ctx, cur);
    if (cur.accept_kw("TABLE"))
      return create_table(ctx, cur, false);
    if (cur.accept_kws({"EXTERNAL", "TABLE"}))
      return create_table(ctx, cur, true);
    if (cur.accept_kws({"EXTERNAL", "CATALOG"}))
      return create_catalog(ctx, cur);
    if (cur.accept_kws({"OR", "REPLACE", "VIEW"}))
      return create_view(ctx, cur, true);
    if (cur.accept_kw("VIEW"))
      return create_view(ctx, cur, false);
    if (cur.accept_kws({"MATERIALIZED", "VIEW"}))
      return create_mv(ctx, cur);
  } else if (w == "DROP") {
    if (cur.accept_kw("DATABASE") || cur.accept_kw("SCHEMA"))
      return drop_database(ctx, cur);
    if (cur.accept_kw("TABLE"))
      return drop_table(ctx, cur);
    if (cur.accept_kw("VIEW"))
      return drop_view(ctx, cur);
    if (cur.accept_kws({"MATERIALIZED", "VIEW"}))
      return drop_mv(ctx, cur);
    if (cur.accept_kw("CATALOG"))
      return drop_catalog(ctx, cur);
    if (cur.accept_kw("TASK"))
      return drop_task(ctx, cur);
  } else if (w == "SHOW") {
    if (cur.accept_kw("DATABASES") || cur.accept_kw("SCHEMAS"))
      return show_databases(ctx, cur);
    if (cur.accept_kw("TABLES"))
      return show_tables(ctx, cur, false);
    if (cur.accept_kws({"FULL", "TABLES"}))
      return show_tables(ctx, cur, true);
    if (cur.accept_kw("CREATE"))
      return show_create(ctx, cur);
    if (cur.is_kw("PARTITIONS") || cur.is_kw("TEMPORARY"))
      return show_partitions(ctx, cur);
    if (cur.accept_kw("CATALOGS"))
      return show_catalogs(ctx, cur);
    if (cur.accept_kw("DATA"))
      return show_data(ctx, cur);
    if (cur.accept_kw("PROC"))
      return show_proc(ctx, cur);
    if (cur.accept_kw("LOAD"))
      return show_load(ctx, cur);
  } else if (w == "ALTER" && cur.accept_kw("TABLE")) {
    return alter_table(ctx, cur);
  } else if (w == "TRUNCATE") {
    cur.accept_kw("TABLE");
    return truncate_table(ctx, cur);
  } else if (w == "DESC" || w == "DESCRIBE") {
    return is_describe_all(cur) ? describe_all(ctx, cur) : describe_table(ctx, cur);
  } else if (w == "REFRESH" && cur.accept_kws({"MATERIALIZED", "VIEW"})) {
    return refresh_mv(ctx, cur);
  } else if (w == "SUBMIT") {
    return submit_task(ctx, cur);
  } else if (w == "SIM") {
    return sim_remote_statement(ctx, cur);
  }
  std::string head;
  for (std::size_t i = 0; i < 3 && cur.peek(i).kind != TokenKind::End; ++i) {
    head += " " + cur.peek(i).text;
  }
  fail_unsupported(first.text + head);
}

} // namespace

} // namespace srsim::engine

namespace srsim {

std::unique_ptr<Engine> make_engine(const ClusterConfig& config) {
  using engine::BackendError;
  using engine::EngineImpl;
  // The live settings start from the configured values; from then on ADMIN SET SIM changes them
  // and the engine reads them through config.live (external tables, SHOW PARTITIONS).
  config.live->olap_external_delay_s = config.olap_external_delay_s;
  config.live->stats_interval_s = config.stats_interval_s;
  try {
    return std::make_unique<EngineImpl>(config);
  } catch (const BackendError& e) {
    throw std::runtime_error(std::string("srsim: cannot use the storage MariaDB: ") + e.what());
  }
}

} // namespace srsim
