#include "stream_txns.hpp"

#include "backend_errors.hpp"
#include "errors.hpp"
#include "handlers.hpp"
#include "load_job.hpp"
#include "load_records.hpp"
#include "name_rules.hpp"
#include "stream_format.hpp"

#include <spdlog/spdlog.h>

namespace srsim::engine {

struct StreamTxn {
  std::int64_t id = 0;
  std::string db;
  std::string table;
  std::string label;
  std::string key;
  std::string state = "PREPARE";
  bool stream_load = false; // PUT _stream_load, not the transaction interface
  int timeout_s = 600;      // FE stream_load_default_timeout_second (STREAM_LOAD.md)
  int idle_timeout_s = -1;  // idle_transaction_timeout; -1: none
  std::chrono::steady_clock::time_point begun;
  std::chrono::steady_clock::time_point last_active;
  std::mutex work; // held by the request working on it (else TXN_IN_PROCESSING)
  StagedRows staged;
  std::int64_t begin_ms = 0;
  std::int64_t write_ms = 0;
  std::int64_t commit_ms = 0;
};

namespace {

using TxnClock = std::chrono::steady_clock;

std::string txn_key(const std::string& db, const std::string& label) {
  return db + '\n' + label;
}

std::int64_t txn_ms_since(TxnClock::time_point t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(TxnClock::now() - t).count();
}

// stream_load.cpp / transaction_mgr.cpp: an unsigned integer, else "Invalid timeout format".
int txn_timeout_header(const LoadRequest& r, const std::string& name, int dflt) {
  auto it = r.headers.find(name);
  if (it == r.headers.end() || it->second.empty()) {
    return dflt;
  }
  const std::string& v = it->second;
  if (v.size() > 9 || v.find_first_not_of("0123456789") != std::string::npos) {
    throw LoadFailure("INVALID_ARGUMENT", "Invalid timeout format");
  }
  return std::stoi(v);
}

LoadResult txn_failure(const std::string& code, const std::string& message) {
  LoadResult out;
  out.code = code;
  out.message = message;
  return out;
}

void txn_fill_counts(const StreamTxn& txn, LoadResult& out) {
  const StagedRows& s = txn.staged;
  out.txn_id = txn.id;
  out.total_rows = s.total;
  out.loaded_rows = s.loaded;
  out.filtered_rows = s.filtered;
  out.unselected_rows = s.unselected;
  out.load_bytes = s.bytes;
  out.begin_ms = txn.begin_ms;
  out.write_ms = txn.write_ms;
  out.commit_ms = txn.commit_ms;
  if (s.filtered > 0) {
    out.error_log = s.error_log;
  }
}

} // namespace

StreamTxns::StreamTxns(EngineState& state) : m_state(state) {
  m_expiry = std::make_unique<PeriodicThread>(std::chrono::seconds(1), [this] { expire(); });
}

StreamTxns::~StreamTxns() {
  m_expiry.reset();
}

LoadResult StreamTxns::run(Ctx& ctx, LoadOp op, const LoadRequest& r) {
  try {
    switch (op) {
    case LoadOp::Begin:
      return begin(ctx, r);
    case LoadOp::Load:
      return load(ctx, r);
    case LoadOp::Prepare:
      return finish(ctx, r, true);
    case LoadOp::Commit:
      return finish(ctx, r, false);
    case LoadOp::Rollback:
      return rollback(r);
    case LoadOp::State:
      return state(ctx, r);
    case LoadOp::JobInfo:
      return job_info(ctx, r);
    }
  } catch (const LoadFailure& e) {
    return txn_failure(e.code(), e.what());
  } catch (const EngineError& e) {
    return txn_failure("ANALYSIS_ERROR", e.reply().message);
  } catch (const BackendError& e) {
    return txn_failure("INTERNAL_ERROR", translate_backend_error(e, ctx.version()).message);
  }
  return txn_failure("INTERNAL_ERROR", "srsim: unknown load operation");
}

LoadResult StreamTxns::begin(Ctx& ctx, const LoadRequest& r) {
  auto t0 = TxnClock::now();
  int timeout = txn_timeout_header(r, "timeout", 600);
  int idle = r.stream_load ? -1 : txn_timeout_header(r, "idle_transaction_timeout", -1);
  // loadTxnBegin checks the password (the front did), the table and the LOAD privilege.
  TableModel model = load_table(ctx, r.db, r.table);
  ctx.require("INSERT", r.db);
  if (model.kind != "OLAP") {
    throw LoadFailure("ANALYSIS_ERROR",
                      "Only support OLAP table, " + model.name + " is a " + model.kind + " table");
  }
  check_label(r.label); // GlobalTransactionMgr.beginTransaction: FeNameFormat.checkLabel
  std::lock_guard lock(m_mutex);
  if (auto clash = label_clash(ctx, r)) {
    return *clash;
  }
  auto txn = std::make_shared<StreamTxn>();
  txn->id = m_state.store.next_id();
  txn->db = r.db;
  txn->table = model.name;
  txn->label = r.label;
  txn->key = txn_key(r.db, r.label);
  txn->stream_load = r.stream_load;
  txn->timeout_s = timeout;
  txn->idle_timeout_s = idle;
  txn->begun = txn->last_active = TxnClock::now();
  {
    std::lock_guard running(m_state.txn_mutex);
    // A Stream Load's coordinator is the BE that began it (TransactionState "BE: <ip>").
    // LoadJobSourceType.BACKEND_STREAMING: a Stream Load's transaction.
    m_state.running[txn->id] = RunningTxn{txn->id,
                                          r.db,
                                          r.label,
                                          "BE: 127.0.0.1",
                                          epoch_seconds() * 1000,
                                          timeout * 1000LL,
                                          "BACKEND_STREAMING"};
  }
  m_open[txn->key] = txn;
  m_ended.erase(txn->key);
  txn->begin_ms = txn_ms_since(t0);
  LoadResult out;
  out.txn_id = txn->id;
  out.begin_ms = txn->begin_ms;
  out.state = "PREPARE";
  return out;
}

std::optional<LoadResult> StreamTxns::label_clash(Ctx& ctx, const LoadRequest& r) {
  LoadResult out = txn_failure("LABEL_ALREADY_EXISTS", "");
  auto it = m_open.find(txn_key(r.db, r.label));
  if (it != m_open.end() && !r.stream_load && !it->second->stream_load &&
      it->second->state == "PREPARE") {
    // transaction_mgr.cpp begin_transaction: the BE still holds the label's context and answers
    // LabelAlreadyExists("") without a job status; the open transaction is left as it is.
    return out;
  }
  out.message = "Label [" + r.label + "] has already been used."; // LabelAlreadyUsedException
  bool running = it != m_open.end();
  {
    std::lock_guard lock(m_state.txn_mutex);
    for (const auto& [id, txn] : m_state.running) {
      running = running || (txn.db == r.db && txn.label == r.label);
    }
  }
  if (running) {
    out.existing_job_status = "RUNNING";
    return out;
  }
  if (m_state.store.label_exists(ctx.conn, r.db, r.label)) {
    out.existing_job_status = "FINISHED";
    return out;
  }
  return std::nullopt;
}

std::string StreamTxns::state_of(const StreamTxn& txn) {
  std::lock_guard lock(m_mutex);
  return txn.state;
}

std::shared_ptr<StreamTxn> StreamTxns::open_txn(const LoadRequest& r) {
  std::lock_guard lock(m_mutex);
  auto it = m_open.find(txn_key(r.db, r.label));
  return it == m_open.end() ? nullptr : it->second;
}

LoadResult StreamTxns::not_exists(const LoadRequest& r, const char* text) {
  std::lock_guard lock(m_mutex);
  auto it = m_ended.find(txn_key(r.db, r.label));
  if (r.stream_load && it != m_ended.end() && it->second.state == "ABORTED") {
    return txn_failure("ABORTED", it->second.reason); // e.g. aborted by its timeout meanwhile
  }
  std::string message = text;
  message.replace(message.find("%s"), 2, r.label);
  return txn_failure("TXN_NOT_EXISTS", message);
}

LoadResult StreamTxns::load(Ctx& ctx, const LoadRequest& r) {
  std::shared_ptr<StreamTxn> txn = open_txn(r);
  if (!txn || state_of(*txn) != "PREPARE") {
    // TransactionStreamLoadAction::on_header; after prepare the BE no longer has the context.
    return not_exists(r, "Transaction with label %s not exists");
  }
  if (!r.stream_load && txn->db != r.db) {
    return txn_failure("INVALID_ARGUMENT",
                       "Request database " + r.db + " not equal transaction database " + txn->db);
  }
  if (!r.stream_load && txn->table != r.table) {
    return txn_failure("INVALID_ARGUMENT",
                       "Request table " + r.table + " not equal transaction table " + txn->table);
  }
  std::unique_lock work(txn->work, std::try_to_lock);
  if (!work.owns_lock()) {
    return txn_failure("TXN_IN_PROCESSING", "Transaction in processing, please retry later");
  }
  if (state_of(*txn) != "PREPARE") {
    return not_exists(r, "Transaction with label %s not exists");
  }
  txn->last_active = TxnClock::now();
  std::int64_t before = txn->staged.bytes;
  LoadResult out;
  try {
    load_batch(ctx, load_table(ctx, txn->db, txn->table), r, txn->staged);
  } catch (const std::exception& e) {
    // An error in a load aborts the transaction (Stream_Load_transaction_interface.md,
    // "Precautions"; stream_load.cpp rolls back on any failure).
    const auto* lf = dynamic_cast<const LoadFailure*>(&e);
    const auto* ee = dynamic_cast<const EngineError*>(&e);
    out = txn_failure(lf ? lf->code() : "INTERNAL_ERROR", ee ? ee->reply().message : e.what());
    std::lock_guard lock(m_mutex);
    abort(*txn, out.message);
    return out;
  }
  txn->last_active = TxnClock::now();
  out.txn_id = txn->id;
  out.load_bytes = txn->staged.bytes - before;
  return out;
}

LoadResult StreamTxns::finish(Ctx& ctx, const LoadRequest& r, bool prepare) {
  std::shared_ptr<StreamTxn> txn = open_txn(r);
  if (!txn || (prepare && state_of(*txn) != "PREPARE")) {
    return not_exists(r, "transaction with label %s not exists"); // transaction_mgr.cpp
  }
  if (!r.stream_load && txn->db != r.db) {
    return txn_failure("INVALID_ARGUMENT",
                       "request db " + r.db + " transaction db " + txn->db + " not match");
  }
  std::unique_lock work(txn->work, std::try_to_lock);
  if (!work.owns_lock()) {
    return txn_failure("TXN_IN_PROCESSING", "Transaction in processing, please retry later");
  }
  LoadResult out;
  txn_fill_counts(*txn, out);
  const StagedRows& s = txn->staged;
  std::int64_t selected = s.total - s.unselected;
  std::string error;
  if (state_of(*txn) == "ABORTED") {
    return not_exists(r, "transaction with label %s not exists");
  } else if (!s.has_data) {
    error = "transaction " + r.label + " hasn't send any data yet";
  } else if (selected > 0 &&
             static_cast<double>(s.filtered) / static_cast<double>(selected) > s.max_filter_ratio) {
    // stream_load_executor.cpp: filtered / (total - unselected) > max_filter_ratio.
    error = "too many filtered rows";
  }
  if (!error.empty()) {
    std::lock_guard lock(m_mutex);
    abort(*txn, error);
    out.code = "INTERNAL_ERROR";
    out.message = error;
    return out;
  }
  if (prepare) {
    std::lock_guard lock(m_mutex);
    txn->state = "PREPARED";
    std::lock_guard running(m_state.txn_mutex);
    if (auto it = m_state.running.find(txn->id); it != m_state.running.end()) {
      it->second.status = "PREPARED";
    }
    out.state = "PREPARED";
    return out;
  }
  write(ctx, *txn, out);
  return out;
}

void StreamTxns::write(Ctx& ctx, StreamTxn& txn, LoadResult& out) {
  auto t0 = TxnClock::now();
  std::vector<std::string> chunks = std::move(txn.staged.chunks);
  InsertStmt st;
  st.target.db = txn.db;
  st.target.name = txn.table;
  st.label = txn.label;
  st.txn_id = txn.id;
  st.options.strict = true; // the rows were converted and routed already (stream_batch.cpp)
  st.options.timeout_s = txn.timeout_s;
  st.temporary = !txn.staged.temp_parts.empty();
  st.partitions = txn.staged.temp_parts;
  st.stage_rows = [&chunks](Backend& conn, const std::string& stage) {
    for (const std::string& c : chunks) {
      conn.exec("INSERT INTO " + stage + " " + c);
    }
  };
  try {
    LoadJob job(ctx, load_table(ctx, txn.db, txn.table), std::move(st));
    job.run();
  } catch (const std::exception& e) {
    const auto* ee = dynamic_cast<const EngineError*>(&e);
    std::lock_guard lock(m_mutex);
    out.code = "INTERNAL_ERROR";
    out.message = ee ? ee->reply().message : e.what();
    abort(txn, out.message);
    return;
  }
  txn.write_ms = txn_ms_since(t0);
  out.write_ms = txn.write_ms;
  std::lock_guard lock(m_mutex);
  txn.state = "VISIBLE";
  ended(txn, "VISIBLE", "");
  out.state = "VISIBLE";
}

LoadResult StreamTxns::rollback(const LoadRequest& r) {
  std::lock_guard lock(m_mutex);
  auto it = m_open.find(txn_key(r.db, r.label));
  if (it == m_open.end()) {
    std::string text = "transaction with label " + r.label + " not exists";
    return txn_failure("TXN_NOT_EXISTS", text); // transaction_mgr.cpp rollback_transaction
  }
  if (!r.stream_load && it->second->db != r.db) {
    return txn_failure("INVALID_ARGUMENT",
                       "request db " + r.db + " transaction db " + it->second->db + " not match");
  }
  std::shared_ptr<StreamTxn> txn = it->second;
  abort(*txn, "transaction is aborted by user.");
  LoadResult out;
  out.txn_id = txn->id;
  out.state = "ABORTED";
  return out;
}

LoadResult StreamTxns::state(Ctx& ctx, const LoadRequest& r) {
  if (!db_exists(ctx, r.db)) { // TransactionWithoutChannelHandler.handle
    return txn_failure("ANALYSIS_ERROR", "Database[" + r.db + "] does not exist.");
  }
  LoadResult out;
  {
    std::lock_guard lock(m_mutex);
    std::string key = txn_key(r.db, r.label);
    if (auto it = m_open.find(key); it != m_open.end()) {
      out.state = it->second->state;
      out.txn_id = it->second->id;
      return out;
    }
    if (auto it = m_ended.find(key); it != m_ended.end()) {
      out.state = it->second.state;
      out.txn_id = it->second.txn_id;
      out.message = it->second.reason;
      return out;
    }
  }
  {
    std::lock_guard lock(m_state.txn_mutex);
    for (const auto& [id, txn] : m_state.running) {
      if (txn.db == r.db && txn.label == r.label) {
        out.state = "PREPARE"; // a running SQL load
        out.txn_id = id;
        return out;
      }
    }
  }
  auto id =
      ctx.conn.scalar("SELECT txn_id FROM `__srsim`.labels WHERE db = " + quote_literal(r.db) +
                      " AND label = " + quote_literal(r.label));
  if (id) {
    out.state = "VISIBLE";
    out.txn_id = std::stoll(*id);
  }
  return out;
}

LoadResult StreamTxns::job_info(Ctx& ctx, const LoadRequest& r) {
  // LoadMgr.getLoadJobInfo's DdlException texts.
  if (!db_exists(ctx, r.db)) {
    return txn_failure("ANALYSIS_ERROR", "Database[" + r.db + "] does not exist");
  }
  LoadResult out;
  bool db_has_jobs = false;
  for (const LoadRecord& rec : load_records(ctx.conn)) {
    db_has_jobs = db_has_jobs || rec.db == r.db;
    if (rec.db == r.db && rec.label == r.label) { // the latest job of the label wins
      out.state = rec.state;
      out.table = rec.table;
      out.message = rec.error_msg;
      out.txn_id = rec.id;
    }
  }
  if (!db_has_jobs) {
    return txn_failure("ANALYSIS_ERROR", "No jobs belong to database(" + r.db + ")");
  }
  if (out.state.empty()) {
    return txn_failure("ANALYSIS_ERROR", "Unknown job(" + r.label + ")");
  }
  return out;
}

void StreamTxns::abort(StreamTxn& txn, const std::string& reason) {
  txn.state = "ABORTED";
  ended(txn, "ABORTED", reason);
}

void StreamTxns::ended(StreamTxn& txn, const std::string& state, const std::string& reason) {
  m_ended[txn.key] = Ended{state, txn.id, reason};
  auto it = m_open.find(txn.key);
  if (it != m_open.end() && it->second.get() == &txn) {
    m_open.erase(it);
  }
  std::lock_guard lock(m_state.txn_mutex);
  const auto running = m_state.running.find(txn.id);
  if (state == "ABORTED" && running != m_state.running.end()) {
    RunningTxn aborted = running->second;
    aborted.status = reason;
    m_state.aborted[txn.id] = aborted;
  }
  m_state.running.erase(txn.id);
}

void StreamTxns::expire() {
  std::lock_guard lock(m_mutex);
  auto now = TxnClock::now();
  std::vector<std::shared_ptr<StreamTxn>> open;
  for (const auto& [key, txn] : m_open) {
    open.push_back(txn);
  }
  for (const auto& txn : open) {
    if (txn->state != "PREPARE") {
      continue; // a PREPARED transaction waits for commit (prepared_timeout: one day)
    }
    std::string reason;
    if (now - txn->begun > std::chrono::seconds(txn->timeout_s)) {
      reason = "transaction is aborted by timeout " + std::to_string(txn->timeout_s) + " seconds.";
    } else if (txn->idle_timeout_s > 0 &&
               now - txn->last_active > std::chrono::seconds(txn->idle_timeout_s)) {
      reason = "transaction is aborted by idle timeout " + std::to_string(txn->idle_timeout_s) +
               " seconds.";
    }
    if (!reason.empty() && txn->work.try_lock()) {
      spdlog::info("stream load {}: {}", txn->label, reason);
      abort(*txn, reason);
      txn->work.unlock();
    }
  }
}

} // namespace srsim::engine
