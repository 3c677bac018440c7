#include "exlschema/modes/gate.hpp"

#include "exlschema/runner/db_retry.hpp"
#include "exlschema/util/log.hpp"
#include "exlschema/util/redact.hpp"

#include <chrono>
#include <stdexcept>

namespace exl::modes {

Gate::Gate(db::Pool* source, db::Pool& target, bool execute, runner::RetryPolicy policy,
           const runner::CancelToken* cancel)
    : m_source(source), m_target(target), m_execute(execute), m_policy(policy), m_cancel(cancel) {}

db::Pool& Gate::pool(Side side) {
  if (side == Side::Target) {
    return m_target;
  }
  if (m_source == nullptr) {
    throw std::logic_error("a source statement on a run that has no source cluster");
  }
  return *m_source;
}

db::ResultSet Gate::read(Side side, const std::string& sql) {
  return runner::with_retry(pool(side), m_policy, m_cancel, sql, runner::Retry::Idempotent,
                            [&](db::Connection& c) { return c.query(sql); });
}

db::ExecResult Gate::mutate(const Statement& statement) {
  if (!m_execute) {
    const std::lock_guard lock(m_mutex);
    m_recorded.push_back(statement);
    return {};
  }
  const auto kind = statement.idempotent ? runner::Retry::Idempotent : runner::Retry::Never;
  util::log().info("{}: {}", side_name(statement.side), util::redact(statement.sql));
  const auto start = std::chrono::steady_clock::now();
  db::ExecResult result =
      runner::with_retry(pool(statement.side), m_policy, m_cancel, statement.sql, kind,
                         [&](db::Connection& c) { return c.execute(statement.sql); });
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - start);
  util::log().debug("{}: done in {} ms, {} rows", side_name(statement.side), ms.count(),
                    result.affected_rows);
  return result;
}

db::ExecResult Gate::stream(const Statement& description,
                            const std::function<db::ExecResult()>& send) {
  if (!m_execute) {
    const std::lock_guard lock(m_mutex);
    m_recorded.push_back(description);
    return {};
  }
  util::log().info("{}: {}", side_name(description.side), util::redact(description.sql));
  const auto start = std::chrono::steady_clock::now();
  db::ExecResult result = send();
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - start);
  util::log().debug("{}: done in {} ms, {} rows", side_name(description.side), ms.count(),
                    result.affected_rows);
  return result;
}

std::vector<Statement> Gate::recorded() const {
  const std::lock_guard lock(m_mutex);
  return m_recorded;
}

} // namespace exl::modes
