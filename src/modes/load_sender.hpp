#pragma once

#include "exlschema/db/result_set.hpp"
#include "exlschema/modes/mode.hpp"
#include "exlschema/runner/cancel_token.hpp"
#include "exlschema/starrocks/load_sql.hpp"
#include "exlschema/starrocks/version.hpp"

#include <chrono>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

// Sends a labelled load (INSERT INTO / INSERT OVERWRITE ... WITH LABEL l) to the target exactly
// once, for every data mode (issue #10, "Never twice, never lost"; docs/modes.md). The label is
// the guarantee: StarRocks refuses a label that a load which is not cancelled holds. This class
// makes the outcome known when the answer was lost: after runner::OutcomeUnknownError (the
// connection died mid-statement, or the client timed out) or a re-send refused with "Label [l]
// has already been used", it asks the target for the label's state before anything is sent
// again:
// - COMMITTED / FINISHED / VISIBLE: the load applied; reported as resolved, not sent again;
// - CANCELLED (nothing else holds the label): sent again with the same label;
// - running (a load job not over, or the label among the running transactions): polled until over;
// - never seen: polled until the statement's timeout has passed (so it cannot start any more),
//   then sent again with the same label.
// Every wait polls every `LoadTiming::poll`, stops on the cancel token (runner::CancelledError)
// and ends by the statement's timeout plus `LoadTiming::margin` (LoadOutcomeError).
namespace exl::modes {

class Gate;

// What a LoadSender needs from the write gate: the load itself, and reads on the cluster the load
// runs on (the target, or the source for -o starrocks, which writes through an external table
// there). Gate provides it (the LoadSender(Gate&, ...) constructors); unit tests give a fake.
class LoadChannel {
public:
  virtual ~LoadChannel() = default;
  virtual db::ExecResult mutate(const Statement& statement) = 0;
  virtual db::ResultSet read(const std::string& sql) = 0; // on the load's cluster
};

struct LoadResult {
  db::ExecResult exec;   // the server's answer; empty when `resolved`
  bool resolved = false; // the outcome was learnt from the label's state, not from an answer
  std::string state;     // resolved: the label's state (FINISHED, VISIBLE, COMMITTED, ...);
                         // answered: the answer's status (VISIBLE, COMMITTED) or empty
  int sends = 1;         // how many times the statement was sent
};

// The outcome of a load could not be learnt in time (or not at all): the task fails with this.
// `what()` names the label and says to check SHOW LOAD before re-running.
class LoadOutcomeError : public std::runtime_error {
public:
  LoadOutcomeError(std::string label, const std::string& message)
      : std::runtime_error(message), m_label(std::move(label)) {}
  const std::string& label() const noexcept { return m_label; }

private:
  std::string m_label;
};

struct LoadTiming {
  std::chrono::milliseconds poll{1000};     // between two looks at the label's state
  std::chrono::milliseconds margin{60'000}; // beyond the statement's timeout before giving up
  int max_sends = 3; // sends of one statement (each after its label was found free)
};

class LoadSender {
public:
  // `gate` sends and reads (its -r decides whether anything is sent); `target_version` picks the
  // reads (information_schema.loads from 3.1); `cancel` ends every wait.
  LoadSender(Gate& gate, starrocks::Version target_version, const runner::CancelToken& cancel,
             LoadTiming timing = {});
  LoadSender(LoadChannel& channel, starrocks::Version target_version,
             const runner::CancelToken& cancel, LoadTiming timing = {});
  ~LoadSender();
  LoadSender(const LoadSender&) = delete;
  LoadSender& operator=(const LoadSender&) = delete;

  // Sends `load` (a target statement with a label) into `database` (the database its label
  // lives in: the target table's) exactly once, resolving a lost answer as above.
  // `statement_timeout` is the timeout the server enforces on it (query_timeout, or
  // insert_timeout from 3.4). Throws std::invalid_argument for a load without a label, on the
  // source, or without a positive timeout; LoadOutcomeError when the outcome stays unknown;
  // runner::CancelledError on cancel; the server's error (db::SqlError) when a load fails.
  LoadResult send(const Statement& load, std::string_view database,
                  std::chrono::milliseconds statement_timeout);

  // The label's state on the target now; nullopt when the cluster knows nothing of it (for v3
  // task runs and for re-runs). A load job that is not cancelled wins; else a running
  // transaction carrying the label; else a cancelled job.
  std::optional<starrocks::LabelState> label_state(std::string_view database,
                                                   std::string_view label);

private:
  struct Probe;      // what one resolution learnt about the transaction list
  struct Resolution; // applied, or the label is free

  std::optional<db::ExecResult> attempt(const Statement& load);
  Resolution resolve(std::string_view database, std::string_view label,
                     std::chrono::milliseconds statement_timeout);
  std::optional<starrocks::LabelState> probe(std::string_view database, std::string_view label,
                                             Probe& known);
  std::optional<starrocks::LabelState> job_state(std::string_view database, std::string_view label);
  // The transaction carrying `label` among the running (or the finished) ones.
  std::optional<starrocks::LabelState>
  transaction(std::string_view database, std::string_view label, Probe& known, bool finished);
  void wait(std::string_view database, std::string_view label);

  std::unique_ptr<LoadChannel> m_owned; // the Gate adapter, when built from a Gate
  LoadChannel& m_channel;
  starrocks::Version m_version;
  const runner::CancelToken& m_cancel;
  LoadTiming m_timing;
};

// "check SHOW LOAD FROM `db` WHERE LABEL = "l" on the target before re-running": the advice
// every unresolved load's message ends with.
std::string load_check_advice(std::string_view database, std::string_view label);

} // namespace exl::modes
