#include "watchdog.hpp"

#include <spdlog/spdlog.h>

namespace srsim::engine {

Watchdog::Watchdog(StorageConfig storage)
    : m_storage(std::move(storage)), m_thread([this] { run(); }) {}

Watchdog::~Watchdog() {
  {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_stop = true;
  }
  m_cv.notify_all();
  m_thread.join();
}

std::uint64_t Watchdog::arm(unsigned long thread_id, std::chrono::steady_clock::time_point deadline,
                            const std::atomic<bool>* kill_flag) {
  std::lock_guard<std::mutex> lock(m_mutex);
  std::uint64_t ticket = m_next++;
  m_watches[ticket] = Watch{thread_id, deadline, kill_flag};
  return ticket;
}

StopReason Watchdog::disarm(std::uint64_t ticket) {
  std::lock_guard<std::mutex> lock(m_mutex);
  auto it = m_watches.find(ticket);
  if (it == m_watches.end()) {
    return StopReason::None;
  }
  StopReason r = it->second.fired;
  m_watches.erase(it);
  return r;
}

void Watchdog::run() {
  std::unique_lock<std::mutex> lock(m_mutex);
  while (!m_stop) {
    m_cv.wait_for(lock, std::chrono::milliseconds(50));
    auto now = std::chrono::steady_clock::now();
    for (auto& [ticket, w] : m_watches) {
      if (w.fired != StopReason::None) {
        continue;
      }
      if (w.kill_flag && w.kill_flag->load()) {
        w.fired = StopReason::Killed;
      } else if (now >= w.deadline) {
        w.fired = StopReason::Timeout;
      } else {
        continue;
      }
      try {
        Backend killer(m_storage);
        killer.exec("KILL QUERY " + std::to_string(w.thread_id));
      } catch (const std::exception& e) {
        spdlog::warn("srsim: could not cancel MariaDB thread {}: {}", w.thread_id, e.what());
      }
    }
  }
}

} // namespace srsim::engine
