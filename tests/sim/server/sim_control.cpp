#include "server/sim_control.hpp"

#include <regex>

#include "server/sql_text.hpp"

namespace srsim::server {

bool pattern_matches(const std::string& pattern, const std::string& text) {
  try {
    std::regex re(pattern, std::regex::icase | std::regex::ECMAScript);
    return std::regex_search(text, re);
  } catch (const std::regex_error&) {
    return to_lower(text).find(to_lower(pattern)) != std::string::npos;
  }
}

SimControl::SimControl(std::shared_ptr<LiveSettings> live) : m_live(std::move(live)) {
  remember_startup_values();
}

FaultDecision SimControl::on_statement(const std::string& sql) {
  std::lock_guard lock(m_mutex);
  FaultDecision d;
  d.latency_ms = m_latency_ms;
  d.generation = m_generation;
  if (m_close_after) {
    if (*m_close_after <= 0) {
      m_close_after.reset();
      d.drop_connection = true;
      return d;
    }
    --*m_close_after;
  }
  if (m_close_after_commit && pattern_matches(*m_close_after_commit, sql)) {
    m_close_after_commit.reset();
    d.close_after_run = true;
  }
  for (const auto& p : m_stalls) {
    if (pattern_matches(p, sql)) {
      d.stall = true;
      return d;
    }
  }
  for (auto it = m_fails.begin(); it != m_fails.end(); ++it) {
    if (pattern_matches(it->pattern, sql) && --it->remaining <= 0) {
      d.fail = it->error;
      m_fails.erase(it);
      break;
    }
  }
  return d;
}

bool SimControl::wait_stall(std::uint64_t generation, const std::function<bool()>& give_up) {
  std::unique_lock lock(m_mutex);
  while (m_generation == generation) {
    // The wait is bounded so that a departed client is noticed within a few hundred ms.
    m_released.wait_for(lock, std::chrono::milliseconds(200));
    if (m_generation != generation) {
      break;
    }
    lock.unlock();
    bool stop = give_up();
    lock.lock();
    if (stop) {
      return false;
    }
  }
  return true;
}

void SimControl::add_http_fault(HttpFaultRule rule) {
  std::lock_guard lock(m_mutex);
  m_http_faults.push_back(std::move(rule));
}

HttpFaultDecision SimControl::on_http(const std::string& label, bool body, bool commits) {
  std::lock_guard lock(m_mutex);
  HttpFaultDecision d;
  d.generation = m_generation;
  for (auto it = m_http_faults.begin(); it != m_http_faults.end();) {
    bool applies =
        (it->pattern.empty() || pattern_matches(it->pattern, label)) &&
        (it->kind != HttpFault::ResetAfter || body) &&
        ((it->kind != HttpFault::LoseCommit && it->kind != HttpFault::PublishTimeout) || commits);
    if (!applies) {
      ++it;
      continue;
    }
    switch (it->kind) {
    case HttpFault::ResetAfter:
      d.reset_after = it->bytes;
      break;
    case HttpFault::Fail500:
      d.fail500 = true;
      break;
    case HttpFault::Stall:
      d.stall = true;
      break;
    case HttpFault::LoseCommit:
      d.lose_commit = true;
      break;
    case HttpFault::PublishTimeout:
      d.publish_timeout = true;
      break;
    }
    it = --it->remaining <= 0 ? m_http_faults.erase(it) : it + 1;
  }
  return d;
}

void SimControl::set_latency_ms(int ms) {
  std::lock_guard lock(m_mutex);
  m_latency_ms = ms;
}

void SimControl::add_fail(FailRule rule) {
  std::lock_guard lock(m_mutex);
  m_fails.push_back(std::move(rule));
}

void SimControl::set_close_after(long long n) {
  std::lock_guard lock(m_mutex);
  m_close_after = n;
}

void SimControl::set_close_after_commit(const std::string& pattern) {
  std::lock_guard lock(m_mutex);
  m_close_after_commit = pattern;
}

void SimControl::add_stall(const std::string& pattern) {
  std::lock_guard lock(m_mutex);
  m_stalls.push_back(pattern);
}

void SimControl::set_refuse_connections(bool on) {
  std::lock_guard lock(m_mutex);
  m_refuse = on;
}

bool SimControl::refuse_connections() const {
  std::lock_guard lock(m_mutex);
  return m_refuse;
}

void SimControl::set_max_disk_used_pct(double pct) {
  std::lock_guard lock(m_mutex);
  m_max_disk_used_pct = pct;
}

double SimControl::max_disk_used_pct() const {
  std::lock_guard lock(m_mutex);
  return m_max_disk_used_pct;
}

void SimControl::remember_startup_values() {
  std::lock_guard lock(m_mutex);
  m_startup_olap_delay_s = m_live->olap_external_delay_s.load();
  m_startup_stats_interval_s = m_live->stats_interval_s.load();
}

void SimControl::reset() {
  {
    std::lock_guard lock(m_mutex);
    ++m_generation;
    m_latency_ms = 0;
    m_fails.clear();
    m_close_after.reset();
    m_close_after_commit.reset();
    m_stalls.clear();
    m_http_faults.clear();
    m_refuse = false;
    m_live->olap_external_delay_s = m_startup_olap_delay_s;
    m_live->stats_interval_s = m_startup_stats_interval_s;
  }
  m_released.notify_all();
}

std::vector<std::pair<std::string, std::string>> SimControl::describe() const {
  std::lock_guard lock(m_mutex);
  std::vector<std::pair<std::string, std::string>> rows;
  rows.emplace_back("LATENCY", std::to_string(m_latency_ms));
  for (const auto& f : m_fails) {
    rows.emplace_back("FAIL", std::to_string(f.remaining) + " '" + f.pattern + "' " +
                                  std::to_string(f.error.code) + " '" + f.error.message + "'");
  }
  rows.emplace_back("CLOSE AFTER", m_close_after ? std::to_string(*m_close_after) : "OFF");
  rows.emplace_back("CLOSE AFTER COMMIT",
                    m_close_after_commit ? "'" + *m_close_after_commit + "'" : "OFF");
  for (const auto& s : m_stalls) {
    rows.emplace_back("STALL", s);
  }
  static const char* const k_http[] = {"HTTP RESET AFTER", "HTTP FAIL", "HTTP STALL",
                                       "HTTP LOSE COMMIT", "HTTP PUBLISH TIMEOUT"};
  for (const auto& f : m_http_faults) {
    std::string v = std::to_string(f.remaining) + " '" + f.pattern + "'";
    if (f.kind == HttpFault::ResetAfter) {
      v = std::to_string(f.bytes) + " " + v;
    }
    rows.emplace_back(k_http[static_cast<int>(f.kind)], v);
  }
  rows.emplace_back("REFUSE CONNECTIONS", m_refuse ? "ON" : "OFF");
  rows.emplace_back("OLAP EXTERNAL DELAY", std::to_string(m_live->olap_external_delay_s.load()));
  rows.emplace_back("STATS INTERVAL", std::to_string(m_live->stats_interval_s.load()));
  char pct[32];
  std::snprintf(pct, sizeof pct, "%.2f", m_max_disk_used_pct);
  rows.emplace_back("MAX DISK USED PCT", pct);
  return rows;
}

} // namespace srsim::server
