#pragma once

#include "exlschema/db/pool.hpp"
#include "exlschema/db/result_set.hpp"
#include "exlschema/modes/mode.hpp"
#include "exlschema/runner/cancel_token.hpp"
#include "exlschema/runner/retry_policy.hpp"

#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

// The one write gate (issue #9): every statement that changes a cluster passes through mutate().
// Without -r nothing is sent: the statement is recorded and an empty result returned. With -r it
// is logged (redacted), sent and timed; a statement that is not idempotent is never re-sent after
// a lost connection (runner::OutcomeUnknownError; the caller resolves it through its label).
// Reads (SHOW, SELECT, information_schema) go through read() in both cases.
namespace exl::modes {

class Gate {
public:
  // `source` may be null for work on the target alone (clean): a source statement then throws.
  Gate(db::Pool* source, db::Pool& target, bool execute, runner::RetryPolicy policy,
       const runner::CancelToken* cancel);

  // A read on `side`, retried on a lost connection.
  db::ResultSet read(Side side, const std::string& sql);

  // A write: sent with -r, recorded without it.
  db::ExecResult mutate(const Statement& statement);

  // A write that is not an SQL statement (-o pipe's Stream Load): `description` is what the plan
  // shows and what is recorded without -r; with -r it is logged and `send` runs.
  db::ExecResult stream(const Statement& description, const std::function<db::ExecResult()>& send);

  bool executes() const noexcept { return m_execute; }

  // The writes recorded without -r, in arrival order (a safety net: the engine prints plans from
  // the TablePlans; a mode that writes outside them still shows up here).
  std::vector<Statement> recorded() const;

  db::Pool& pool(Side side);

private:
  db::Pool* m_source;
  db::Pool& m_target;
  const bool m_execute;
  const runner::RetryPolicy m_policy;
  const runner::CancelToken* m_cancel;
  mutable std::mutex m_mutex;
  std::vector<Statement> m_recorded;
};

} // namespace exl::modes
