#include "load_job.hpp"

#include "backend_errors.hpp"
#include "ddl_translate.hpp"
#include "errors.hpp"
#include "handlers.hpp"
#include "partitions.hpp"
#include "temp_partitions.hpp"
#include "types.hpp"

#include <algorithm>
#include <random>

namespace srsim::engine {

std::string generated_insert_label() {
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  char buf[48];
  std::uint64_t a = rng(), b = rng();
  std::snprintf(buf, sizeof buf, "insert_%08x-%04x-%04x-%04x-%012llx",
                static_cast<unsigned>(a >> 32), static_cast<unsigned>(a >> 16) & 0xffff,
                static_cast<unsigned>(a) & 0xffff, static_cast<unsigned>(b >> 48),
                static_cast<unsigned long long>(b & 0xffffffffffffULL));
  return buf;
}

namespace {

const char* trunc_format(const std::string& unit) {
  if (unit == "month")
    return "%Y-%m-01";
  if (unit == "year")
    return "%Y-01-01";
  if (unit == "hour")
    return "%Y-%m-%d %H:00:00";
  return "%Y-%m-%d";
}

} // namespace

LoadJob::LoadJob(Ctx& ctx, TableModel model, InsertStmt stmt)
    : m_ctx(ctx), m_model(std::move(model)), m_stmt(std::move(stmt)),
      m_remote(ctx.session.rpc_port) {}

LoadJob::~LoadJob() {
  try {
    if (m_in_txn) {
      m_ctx.conn.exec("ROLLBACK");
    }
    if (!m_stage.empty()) {
      m_ctx.conn.exec("DROP TEMPORARY TABLE IF EXISTS " + m_stage);
    }
  } catch (const std::exception&) {
    // The connection may be gone; leftover stage tables are dropped at startup.
  }
  std::lock_guard<std::mutex> lock(m_ctx.state.txn_mutex);
  m_ctx.state.running.erase(m_txn_id);
}

bool LoadJob::strict() const {
  // PROPERTIES("strict_mode") replaces enable_insert_strict (InsertAnalyzer.analyzeProperties).
  if (m_stmt.options.strict) {
    return *m_stmt.options.strict;
  }
  return m_ctx.variable("enable_insert_strict", "true") != "false";
}

bool LoadJob::dynamic_overwrite() const {
  return m_ctx.version().at_least(3, 4) && m_ctx.variable("dynamic_overwrite", "false") == "true";
}

Reply LoadJob::run() {
  check_partitions();
  check_label();
  m_create_time = epoch_seconds();
  m_txn_id = m_stmt.txn_id ? m_stmt.txn_id : m_ctx.state.store.next_id();
  m_deadline = m_stmt.options.timeout_s ? std::chrono::steady_clock::now() +
                                              std::chrono::seconds(*m_stmt.options.timeout_s)
                                        : deadline_for(m_ctx, true);
  begin_transaction();
  // StmtExecutor registers the INSERT's load job before it executes (LoadMgr.registerLoadJob ->
  // InsertLoadJob, state LOADING), so SHOW LOAD and information_schema.loads list it while it
  // runs. A remote transaction has no job here (the writing cluster keeps it).
  if (!m_remote && !m_stmt.stage_rows) {
    begin_load_record(m_ctx.conn, record("LOADING", ""));
  }
  try {
    try {
      fill_stage();
      if (m_model.partition.type == "EXPR" && !m_remote) {
        create_expression_partitions();
      }
      if (!strict()) {
        drop_unqualified_rows();
      }
      write_and_commit(touched_partitions());
    } catch (const BackendError& e) {
      fail_backend(e);
    } catch (const EngineError& e) {
      fail_timeout_with_own_limit(e);
    }
  } catch (const EngineError& e) {
    record_cancelled(e.reply().message);
    throw;
  }
  OkReply ok;
  ok.affected_rows = m_rows;
  ok.info = "{'label':'" + m_stmt.label + "', 'status':'VISIBLE', 'txnId':'" +
            std::to_string(m_txn_id) + "'}";
  return ok;
}

void LoadJob::check_partitions() {
  if (m_stmt.temporary) {
    if (m_stmt.overwrite) {
      fail_unsupported("INSERT OVERWRITE ... TEMPORARY PARTITION");
    }
    // The named temporary partitions stand in for the formal ones: routing, filtering and the
    // version bump then work on them (load_stage.cpp, load_commit.cpp).
    m_temp_targets = temp_load_targets(m_ctx.conn, m_model, m_stmt.partitions);
    m_model.partition.partitions = m_temp_targets;
    return;
  }
  if (m_stmt.partitions.empty()) {
    return;
  }
  if (m_model.partition.type == "NONE") {
    fail_analyzing("PARTITION clause is not valid for INSERT into unpartitioned table");
  }
  for (std::string& p : m_stmt.partitions) {
    PartitionDef* def = find_partition(m_model, p);
    if (!def) {
      fail_analyzing("Unknown partition '" + p + "' in table '" + m_model.name + "'");
    }
    p = def->name;
  }
}

void LoadJob::check_label() {
  if (m_stmt.label.empty()) {
    m_stmt.label = generated_insert_label();
    return;
  }
  // A label row exists only for a committed load (it is written inside the load's transaction),
  // so the label of a failed (CANCELLED) load stays free: DatabaseTransactionMgr.beginTransaction
  // refuses a label only while a transaction with it is not ABORTED.
  if (m_ctx.state.store.label_exists(m_ctx.conn, m_model.db, m_stmt.label)) {
    fail_label_used();
  }
}

void LoadJob::begin_transaction() {
  std::lock_guard<std::mutex> lock(m_ctx.state.txn_mutex);
  // A running (PREPARE) transaction holds its label too (beginTransaction's notAbortedTxns).
  for (const auto& [id, txn] : m_ctx.state.running) {
    if (id != m_txn_id && txn.db == m_model.db && txn.label == m_stmt.label) {
      fail_label_used();
    }
  }
  m_ctx.state.running[m_txn_id] = RunningTxn{m_txn_id,
                                             m_model.db,
                                             m_stmt.label,
                                             "FE: 127.0.0.1",
                                             epoch_seconds() * 1000,
                                             std::chrono::duration_cast<std::chrono::milliseconds>(
                                                 m_deadline - std::chrono::steady_clock::now())
                                                 .count()};
}

void LoadJob::fail_label_used() const {
  // LabelAlreadyUsedException: the same text whether the holder is running or finished.
  fail_plain(1064, "Label [" + m_stmt.label + "] has already been used.");
}

std::string LoadJob::column_list() const {
  if (m_stmt.columns.empty()) {
    return "";
  }
  std::string out;
  for (std::size_t i = 0; i < m_stmt.columns.size(); ++i) {
    if (!find_column(m_model, m_stmt.columns[i])) {
      fail_analyzing("Unknown column '" + m_stmt.columns[i] + "' in '" + m_model.name + "'");
    }
    out += (i ? ", " : "") + quote_ident(m_stmt.columns[i]);
  }
  return " (" + out + ")";
}

std::string LoadJob::write_verb() const {
  bool replace =
      (m_model.key_type == "UNIQUE" || m_model.key_type == "PRIMARY") && upsert_tail("t").empty();
  return replace ? "REPLACE" : "INSERT";
}

std::string LoadJob::upsert_tail(const std::string& target) const {
  std::string out;
  auto add = [&](const std::string& c, const std::string& expr) {
    out += (out.empty() ? " ON DUPLICATE KEY UPDATE " : ", ") + quote_ident(c) + " = " + expr;
  };
  if (m_model.key_type == "PRIMARY" && !m_stmt.columns.empty()) {
    // v3.3.1+: a column list on a PRIMARY KEY table is a partial update.
    for (const std::string& c : m_stmt.columns) {
      add(c, "VALUES(" + quote_ident(c) + ")");
    }
    return out;
  }
  if (m_model.key_type != "AGGREGATE") {
    return out;
  }
  for (const ColumnDef& c : m_model.columns) {
    if (c.agg.empty()) {
      continue;
    }
    std::string o = target + "." + quote_ident(c.name), n = "VALUES(" + quote_ident(c.name) + ")";
    std::string merged = c.agg == "SUM"   ? o + " + " + n
                         : c.agg == "MAX" ? "GREATEST(" + o + ", " + n + ")"
                         : c.agg == "MIN" ? "LEAST(" + o + ", " + n + ")"
                                          : n;
    if (c.agg == "REPLACE_IF_NOT_NULL" || c.agg == "SUM" || c.agg == "MAX" || c.agg == "MIN") {
      add(c.name, "IF(" + n + " IS NULL, " + o + ", IF(" + o + " IS NULL, " + n + ", " +
                      (c.agg == "REPLACE_IF_NOT_NULL" ? n : merged) + "))");
    } else {
      add(c.name, n);
    }
  }
  return out;
}

void LoadJob::create_expression_partitions() {
  const std::string& col = m_model.partition.columns[0];
  const ColumnDef* def = find_column(m_model, col);
  // A NULL key routes as the type's minimum (PR #10679), so it needs the minimum's partition:
  // StarRocks keeps such a row, strict or not (issue #19487).
  std::string key =
      "COALESCE(" + quote_ident(col) + ", " + sql_value(def->base, type_min_value(def->base)) + ")";
  ResultSet values =
      m_ctx.conn.query("SELECT DISTINCT DATE_FORMAT(" + key + ", '" +
                       trunc_format(m_model.partition.expr_unit) + "') FROM " + m_stage);
  std::lock_guard<std::mutex> lock(m_ctx.state.store.mutex());
  TableModel fresh = load_table(m_ctx, m_model.db, m_model.name);
  auto bases = column_bases(fresh);
  for (const auto& row : values.rows) {
    auto [lo, hi] = expr_partition_bounds(m_model.partition.expr_unit, def->base, *row[0]);
    bool covered = std::any_of(fresh.partition.partitions.begin(), fresh.partition.partitions.end(),
                               [&](const PartitionDef& p) {
                                 return compare_value(bases[0], p.lower[0], lo) <= 0 &&
                                        compare_value(bases[0], lo, p.upper[0]) < 0;
                               });
    if (covered) {
      continue;
    }
    PartitionDesc d;
    d.name = expr_partition_name(m_model.partition.expr_unit, lo);
    d.lower = {lo};
    d.upper = {hi};
    add_partitions(
        fresh, d, true, [&] { return m_ctx.state.store.next_id(); }, epoch_seconds());
    // One partition per layout change: MariaDB reorganises one gap (or extends the last range)
    // at a time, so a load needing a partition between two others and one past the last still
    // gets both. Created partitions stay even if the load fails later
    // (expression_partitioning.md).
    sync_layout(m_ctx.conn, fresh);
    m_ctx.state.store.save(m_ctx.conn, fresh);
  }
  m_model = fresh;
}

std::vector<std::string> LoadJob::overwrite_targets(const std::set<std::string>& touched) const {
  if (!m_stmt.partitions.empty()) {
    return m_stmt.partitions;
  }
  std::vector<std::string> out;
  for (const PartitionDef& p : m_model.partition.partitions) {
    if (!dynamic_overwrite() || touched.count(p.name)) {
      out.push_back(p.name);
    }
  }
  return out;
}

void LoadJob::fail_timeout_with_own_limit(const EngineError& e) const {
  // PROPERTIES("timeout") is the statement's limit in place of insert_timeout: InsertAnalyzer
  // .analyzeProperties fills `timeout` from insert_timeout only when the statement has none, and
  // the load's timeout is that property. The ERR_TIMEOUT template then names its seconds.
  if (!m_stmt.options.timeout_s || e.reply().code != 5024) {
    throw e;
  }
  ErrorReply r = e.reply();
  r.message = "Insert reached its timeout of " + std::to_string(*m_stmt.options.timeout_s) +
              " seconds, please increase the 'insert_timeout' session variable and retry";
  throw EngineError(r);
}

LoadRecord LoadJob::record(const std::string& state, const std::string& error) const {
  LoadRecord r;
  r.id = m_txn_id;
  r.db = m_model.db;
  r.label = m_stmt.label;
  r.table = m_model.name;
  r.user = m_ctx.session.user;
  r.state = state;
  r.sink_rows = state == "FINISHED" ? static_cast<std::int64_t>(m_rows) : 0;
  r.filtered_rows = static_cast<std::int64_t>(m_filtered);
  r.scan_rows = static_cast<std::int64_t>(m_rows + m_filtered);
  r.create_time = m_create_time;
  r.finish_time = epoch_seconds();
  if (m_stmt.options.timeout_s) {
    r.timeout_s = *m_stmt.options.timeout_s;
  } else {
    bool v34 = m_ctx.version().at_least(3, 4);
    try {
      r.timeout_s = std::stoll(
          m_ctx.variable(v34 ? "insert_timeout" : "query_timeout", v34 ? "14400" : "300"));
    } catch (const std::exception&) {
      r.timeout_s = 0;
    }
  }
  r.error_msg = error;
  return r;
}

void LoadJob::record_cancelled(const std::string& message) noexcept {
  // StmtExecutor: recordFinishedOrCacnelledLoadJob(jobId, INSERT, "Cancelled, msg: " + ..),
  // kept as FailMsg(LOAD_RUN_FAIL, ..), whose text is "type:<type>; msg:<msg>".
  try {
    if (m_in_txn) {
      m_ctx.conn.exec("ROLLBACK");
      m_in_txn = false;
    }
    if (m_remote || m_stmt.stage_rows) {
      return;
    }
    finish_load_record(m_ctx.conn,
                       record("CANCELLED", "type:LOAD_RUN_FAIL; msg:Cancelled, msg: " + message));
  } catch (const std::exception&) {
    // The job record is bookkeeping; the load's own error is what the client gets.
  }
}

void LoadJob::fail_backend(const BackendError& e) {
  if (is_row_quality_error(e.code())) {
    throw EngineError(filtered_data_error(m_ctx.state.config.http_port, m_txn_id));
  }
  throw EngineError(translate_backend_error(e, m_ctx.version()));
}

} // namespace srsim::engine
