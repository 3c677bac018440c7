#pragma once

// `/*+ set_var(..) */` hints replace session variables for one statement only: StmtExecutor
// clones the SessionVariable, sets the hint's variables on the clone and restores the session's
// own afterwards (before 3.1.7 / 3.2.3 for a plain SELECT's hint only, from then on for every
// hint of every statement, StmtExecutor.processQueryScopeHint).

#include "model.hpp"
#include "sim_api.hpp"

#include <map>
#include <optional>
#include <string>

namespace srsim::engine {

// Sets the hint's variables on the session and puts back, on destruction, exactly those
// variables as they were (so nothing else the statement changes is undone).
class HintVariables {
public:
  HintVariables(SessionContext& session, const Properties& set_vars) : m_session(session) {
    for (const auto& [name, value] : set_vars) {
      auto it = session.variables.find(name);
      if (!m_saved.count(name)) {
        m_saved[name] =
            it == session.variables.end() ? std::nullopt : std::optional<std::string>(it->second);
      }
      session.variables[name] = value;
    }
  }
  ~HintVariables() {
    for (const auto& [name, value] : m_saved) {
      if (value) {
        m_session.variables[name] = *value;
      } else {
        m_session.variables.erase(name);
      }
    }
  }
  HintVariables(const HintVariables&) = delete;
  HintVariables& operator=(const HintVariables&) = delete;

private:
  SessionContext& m_session;
  std::map<std::string, std::optional<std::string>> m_saved;
};

} // namespace srsim::engine
