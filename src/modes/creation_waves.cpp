#include "modes/creation_waves.hpp"

#include <algorithm>
#include <map>

namespace exl::modes {
namespace {

int fallback_wave(ObjectKind kind) {
  switch (kind) {
  case ObjectKind::View:
    return 1;
  case ObjectKind::MaterializedView:
    return 2;
  case ObjectKind::Table:
    break;
  }
  return 0;
}

class WaveSolver {
public:
  explicit WaveSolver(const std::vector<TablePlan>& plans) : m_plans(plans) {
    m_out.wave.assign(plans.size(), -1);
    m_out.problem.resize(plans.size());
    m_out.dependencies.resize(plans.size());
    for (std::size_t i = 0; i < plans.size(); ++i) {
      m_index[plans[i].job.name()] = i;
    }
    for (std::size_t i = 0; i < plans.size(); ++i) {
      for (const std::string& read : plans[i].reads) {
        const auto it = m_index.find(read);
        if (it != m_index.end() && it->second != i) {
          m_out.dependencies[i].push_back(it->second);
        }
      }
    }
  }

  CreationWaves solve() {
    m_state.assign(m_plans.size(), State::New);
    for (std::size_t i = 0; i < m_plans.size(); ++i) {
      visit(i);
      m_out.count = std::max(m_out.count, m_out.wave[i] + 1);
    }
    return m_out;
  }

private:
  enum class State { New, Visiting, Done };

  int visit(std::size_t i) {
    if (m_state[i] == State::Done) {
      return m_out.wave[i];
    }
    if (m_state[i] == State::Visiting) {
      m_out.problem[i] = "its definition reads itself through a cycle of views";
      return 0;
    }
    m_state[i] = State::Visiting;
    const TablePlan& plan = m_plans[i];
    int wave = plan.reads.empty() ? fallback_wave(plan.job.kind) : 0;
    if (plan.job.kind != ObjectKind::Table) {
      for (std::size_t dep : m_out.dependencies[i]) {
        wave = std::max(wave, visit(dep) + 1);
        if (m_out.problem[dep] && !m_out.problem[i]) {
          m_out.problem[i] = "it reads " + m_plans[dep].job.name() + ", which cannot be created";
        }
      }
    }
    m_out.wave[i] = wave;
    m_state[i] = State::Done;
    return wave;
  }

  const std::vector<TablePlan>& m_plans;
  std::map<std::string, std::size_t> m_index;
  std::vector<State> m_state;
  CreationWaves m_out;
};

} // namespace

CreationWaves creation_waves(const std::vector<TablePlan>& plans) {
  return WaveSolver(plans).solve();
}

} // namespace exl::modes
