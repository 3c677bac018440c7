#pragma once

// The transactions of Stream Load and of the Stream Load transaction interface (v2.4+; docs:
// loading/Stream_Load_transaction_interface.md; BE: be/src/runtime/stream_load/transaction_mgr.cpp,
// FE: http/rest/TransactionLoadAction.java). State machine PREPARE -(prepare)-> PREPARED
// -(commit)-> VISIBLE, or -> ABORTED (rollback, an error in a load, timeout, idle timeout).
//
// A transaction holds its label from begin on: it is registered in EngineState::running, where
// SQL loads look for label clashes and SHOW PROC '/transactions/<db>/running' lists it. Loads
// convert their rows at once (stream_batch.hpp) and keep them in memory; commit writes them
// through LoadJob (the SQL load path: stage, one InnoDB transaction, version bump of every
// touched partition, the label recorded), so a transaction's rows land atomically.

#include "engine_state.hpp"
#include "periodic_thread.hpp"
#include "stream_batch.hpp"

#include <map>
#include <memory>
#include <mutex>

namespace srsim::engine {

struct StreamTxn;

class StreamTxns {
public:
  explicit StreamTxns(EngineState& state);
  ~StreamTxns();
  StreamTxns(const StreamTxns&) = delete;
  StreamTxns& operator=(const StreamTxns&) = delete;

  LoadResult run(Ctx& ctx, LoadOp op, const LoadRequest& request);
  // Aborts transactions past their timeout or idle timeout (transaction_mgr.cpp
  // _clean_stream_context); called every second.
  void expire();

private:
  LoadResult begin(Ctx& ctx, const LoadRequest& r);
  LoadResult load(Ctx& ctx, const LoadRequest& r);
  LoadResult finish(Ctx& ctx, const LoadRequest& r, bool prepare);
  LoadResult rollback(const LoadRequest& r);
  LoadResult state(Ctx& ctx, const LoadRequest& r);
  LoadResult job_info(Ctx& ctx, const LoadRequest& r);
  // The label's clash with a running or finished load, or nullopt (caller holds m_mutex).
  std::optional<LoadResult> label_clash(Ctx& ctx, const LoadRequest& r);
  void write(Ctx& ctx, StreamTxn& txn, LoadResult& out);
  std::shared_ptr<StreamTxn> open_txn(const LoadRequest& r);
  std::string state_of(const StreamTxn& txn); // under m_mutex
  LoadResult not_exists(const LoadRequest& r, const char* text);
  void abort(StreamTxn& txn, const std::string& reason); // caller holds m_mutex
  void ended(StreamTxn& txn, const std::string& state, const std::string& reason);

  EngineState& m_state;
  std::mutex m_mutex;
  std::map<std::string, std::shared_ptr<StreamTxn>> m_open; // db '\n' label, PREPARE/PREPARED
  struct Ended {
    std::string state; // VISIBLE or ABORTED
    std::int64_t txn_id = 0;
    std::string reason;
  };
  std::map<std::string, Ended> m_ended;
  std::unique_ptr<PeriodicThread> m_expiry; // last: stopped first
};

} // namespace srsim::engine
