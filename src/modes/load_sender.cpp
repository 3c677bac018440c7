#include "modes/load_sender.hpp"

#include "exlschema/db/sql_error.hpp"
#include "exlschema/modes/gate.hpp"
#include "exlschema/runner/retry.hpp"
#include "exlschema/util/log.hpp"
#include "exlschema/util/redact.hpp"

namespace exl::modes {
namespace {

using Clock = std::chrono::steady_clock;
using starrocks::LabelState;
using starrocks::LoadPhase;

class GateChannel final : public LoadChannel {
public:
  explicit GateChannel(Gate& gate) : m_gate(gate) {}
  db::ExecResult mutate(const Statement& statement) override { return m_gate.mutate(statement); }
  db::ResultSet read(const std::string& sql) override { return m_gate.read(Side::Target, sql); }

private:
  Gate& m_gate;
};

long long whole_seconds(Clock::duration d) {
  return std::chrono::duration_cast<std::chrono::seconds>(d).count();
}

std::string describe(const LabelState& state) {
  std::string out = state.state.empty() ? std::string(load_phase_name(state.phase)) : state.state;
  out += " (" + state.source + ")";
  if (!state.error.empty()) {
    out += ": " + state.error;
  }
  return out;
}

} // namespace

struct LoadSender::Probe {
  std::optional<std::string> db_id; // DbId of the database in SHOW PROC "/transactions"
  bool proc_refused = false;        // SHOW PROC failed: the transaction list is not looked at
};

struct LoadSender::Resolution {
  bool applied = false;
  std::string state;  // the label's state; empty when never seen
  std::string detail; // for the log
};

std::string load_check_advice(std::string_view database, std::string_view label) {
  return "check `" + starrocks::build_show_load(database, label) +
         "` on the target before re-running";
}

LoadSender::LoadSender(Gate& gate, starrocks::Version target_version,
                       const runner::CancelToken& cancel, LoadTiming timing)
    : m_owned(std::make_unique<GateChannel>(gate)), m_channel(*m_owned),
      m_version(std::move(target_version)), m_cancel(cancel), m_timing(timing) {}

LoadSender::LoadSender(LoadChannel& channel, starrocks::Version target_version,
                       const runner::CancelToken& cancel, LoadTiming timing)
    : m_channel(channel), m_version(std::move(target_version)), m_cancel(cancel), m_timing(timing) {
}

LoadSender::~LoadSender() = default;

LoadResult LoadSender::send(const Statement& load, std::string_view database,
                            std::chrono::milliseconds statement_timeout) {
  if (load.label.empty() || statement_timeout.count() <= 0) {
    throw std::invalid_argument(
        "LoadSender sends loads that carry a label, with a positive timeout: " +
        util::redact(load.sql));
  }
  for (int sends = 1;; ++sends) {
    if (auto answer = attempt(load)) {
      return {*answer, false, starrocks::parse_insert_status(answer->info).value_or(""), sends};
    }
    const Resolution found = resolve(database, load.label, statement_timeout);
    if (found.applied) {
      util::log().info("load {}: applied ({}); not sent again", load.label, found.detail);
      return {{}, true, found.state, sends};
    }
    if (sends >= m_timing.max_sends) {
      throw LoadOutcomeError(load.label,
                             "load " + load.label + " was sent " + std::to_string(sends) +
                                 " times and its outcome stayed unknown each time (" +
                                 found.detail + "); " + load_check_advice(database, load.label));
    }
    util::log().warn("load {}: {}; sending it again with the same label", load.label, found.detail);
    for (int pause = 0; pause < sends; ++pause) { // a little longer before each new send
      wait(database, load.label);
    }
  }
}

std::optional<db::ExecResult> LoadSender::attempt(const Statement& load) {
  try {
    return m_channel.mutate(load);
  } catch (const runner::OutcomeUnknownError& e) {
    util::log().warn("load {}: {}; asking the target for the label's state", load.label, e.what());
  } catch (const db::SqlError& e) {
    if (!starrocks::is_label_already_used(e.message())) {
      throw;
    }
    util::log().info("load {}: the target says its label is already used; asking for its state",
                     load.label);
  }
  return std::nullopt;
}

LoadSender::Resolution LoadSender::resolve(std::string_view database, std::string_view label,
                                           std::chrono::milliseconds statement_timeout) {
  const auto start = Clock::now();
  const auto free_after = start + statement_timeout;
  const auto give_up = free_after + m_timing.margin;
  Probe known;
  while (true) {
    std::optional<LabelState> state;
    try {
      state = probe(database, label, known);
    } catch (const runner::CancelledError&) {
      throw;
    } catch (const std::exception& e) {
      // The FE restarting or changing leader refuses connections for a while: a connection error
      // is waited out until the deadline (the gate's own retries are shorter); any other error,
      // or one past the deadline, is final.
      if (!db::is_retryable(e) || Clock::now() >= give_up) {
        throw LoadOutcomeError(std::string(label), "the outcome of load " + std::string(label) +
                                                       " could not be read (" + e.what() + "); " +
                                                       load_check_advice(database, label));
      }
      util::log().warn("load {}: its state cannot be read yet ({}); asking again", label, e.what());
      wait(database, label);
      continue;
    }
    if (state && starrocks::load_applied(state->phase)) {
      return {true, state->state, describe(*state)};
    }
    if (state && state->phase == LoadPhase::Cancelled) {
      return {false, state->state, "its earlier attempt was " + describe(*state)};
    }
    const auto now = Clock::now();
    if (!state && now >= free_after) {
      return {false,
              {},
              "its label was not seen on the target within the statement's timeout of " +
                  std::to_string(whole_seconds(statement_timeout)) + " s"};
    }
    if (now >= give_up) {
      throw LoadOutcomeError(std::string(label), "load " + std::string(label) + " is still " +
                                                     (state ? describe(*state) : "unseen") + " " +
                                                     std::to_string(whole_seconds(now - start)) +
                                                     " s after its outcome became unknown; " +
                                                     load_check_advice(database, label));
    }
    wait(database, label);
  }
}

void LoadSender::wait(std::string_view database, std::string_view label) {
  if (m_cancel.wait_for(m_timing.poll)) {
    throw runner::CancelledError("cancelled while waiting for the outcome of load " +
                                 std::string(label) + "; " + load_check_advice(database, label));
  }
}

std::optional<LabelState> LoadSender::label_state(std::string_view database,
                                                  std::string_view label) {
  Probe known;
  return probe(database, label, known);
}

std::optional<LabelState> LoadSender::probe(std::string_view database, std::string_view label,
                                            Probe& known) {
  auto job = job_state(database, label);
  if (job && job->phase != LoadPhase::Cancelled) {
    return job;
  }
  // Before 3.1 SHOW LOAD lists an INSERT only once it has ended; a cancelled job may also be an
  // earlier attempt while the latest one still runs. Either way the transaction list decides.
  if (auto txn = transaction(database, label, known, false)) {
    return txn;
  }
  if (job) {
    return job;
  }
  // A write through an OLAP external table (-o starrocks) is a transaction of the target with no
  // load job there (LeaderImpl.beginRemoteTxn): only the finished transactions know it.
  return transaction(database, label, known, true);
}

std::optional<LabelState> LoadSender::job_state(std::string_view database, std::string_view label) {
  if (starrocks::supports(m_version, starrocks::Feature::InformationSchemaLoads)) {
    try {
      const db::ResultSet loads = m_channel.read(starrocks::build_loads_query(label));
      if (auto state = starrocks::parse_loads(loads.columns, loads.rows, database, label)) {
        return state;
      }
    } catch (const db::SqlError& e) {
      if (e.is_retryable()) {
        throw;
      }
      util::log().debug("information_schema.loads unreadable ({}); asking SHOW LOAD", e.what());
    }
  }
  const db::ResultSet shown = m_channel.read(starrocks::build_show_load(database, label));
  return starrocks::parse_show_load(shown.columns, shown.rows, label);
}

std::optional<LabelState> LoadSender::transaction(std::string_view database, std::string_view label,
                                                  Probe& known, bool finished) {
  if (known.proc_refused) {
    return std::nullopt;
  }
  try {
    if (!known.db_id) {
      const db::ResultSet dbs = m_channel.read(starrocks::build_show_transaction_databases());
      known.db_id = starrocks::parse_transaction_database_id(dbs.columns, dbs.rows, database);
      if (!known.db_id) {
        return std::nullopt; // no transaction in that database yet
      }
    }
    const db::ResultSet listed =
        m_channel.read(finished ? starrocks::build_show_finished_transactions(*known.db_id)
                                : starrocks::build_show_running_transactions(*known.db_id));
    return starrocks::parse_transactions(listed.columns, listed.rows, label);
  } catch (const db::SqlError& e) {
    if (e.is_retryable()) {
      throw;
    }
    known.proc_refused = true;
    util::log().warn("load {}: the running transactions cannot be listed ({}); looking at the "
                     "load jobs only",
                     label, e.what());
    return std::nullopt;
  }
}

} // namespace exl::modes
