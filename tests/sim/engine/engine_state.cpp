#include "engine_state.hpp"

#include "errors.hpp"
#include "tasks.hpp"

#include <ctime>

namespace srsim::engine {

EngineState::EngineState(const ClusterConfig& cfg)
    : config(cfg), store(cfg.storage), watchdog(cfg.storage) {}

EngineState::~EngineState() = default;

std::string Ctx::db_or_current(const std::string& db) const {
  if (!db.empty()) {
    return db;
  }
  if (session.current_db.empty()) {
    fail_analyzing("No database selected");
  }
  return session.current_db;
}

void Ctx::require(const std::string& privilege, const std::string& db) const {
  if (!session.allowed || session.allowed(privilege, db)) {
    return;
  }
  std::string object = db.empty() ? "SYSTEM" : "DATABASE " + db;
  // Text of ErrorCode ERR_ACCESS_DENIED (starrocks-surface.md §10).
  throw EngineError(ErrorReply{5203, "42000",
                               "Access denied; you need (at least one of) the " + privilege +
                                   " privilege(s) on " + object +
                                   " for this operation. Please ask the admin to grant "
                                   "permission(s) or try activating existing roles using <set "
                                   "[default] role>. Current role(s): NONE. Inactivated role(s): "
                                   "NONE."});
}

std::string Ctx::variable(const std::string& name, const std::string& fallback) const {
  auto it = session.variables.find(name);
  return it == session.variables.end() ? fallback : it->second;
}

std::int64_t Ctx::now() const {
  return epoch_seconds();
}

std::int64_t epoch_seconds() {
  return static_cast<std::int64_t>(std::time(nullptr));
}

std::string format_time(std::int64_t epoch_seconds) {
  std::time_t t = static_cast<std::time_t>(epoch_seconds);
  std::tm tm{};
  localtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
  return buf;
}

} // namespace srsim::engine
