#pragma once

// `/*+ set_var(..) */` hints replace session variables for one statement only: StmtExecutor
// clones the SessionVariable, sets the hint's variables on the clone and restores the session's
// own afterwards (before 3.1.7 / 3.2.3 for a plain SELECT's hint only, from then on for every
// hint of every statement, StmtExecutor.processQueryScopeHint).

#include "model.hpp"
#include "sim_api.hpp"

#include <map>
#include <string>

namespace srsim::engine {

class HintVariables {
public:
  HintVariables(SessionContext& session, const Properties& set_vars)
      : m_session(session), m_saved(session.variables) {
    for (const auto& [name, value] : set_vars) {
      m_session.variables[name] = value;
    }
  }
  ~HintVariables() { m_session.variables = std::move(m_saved); }
  HintVariables(const HintVariables&) = delete;
  HintVariables& operator=(const HintVariables&) = delete;

private:
  SessionContext& m_session;
  std::map<std::string, std::string> m_saved;
};

} // namespace srsim::engine
