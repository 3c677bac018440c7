#include "exlschema/report/progress_ticker.hpp"

namespace exl::report {

ProgressTicker::ProgressTicker(std::function<void()> tick, std::chrono::milliseconds interval)
    : m_tick(std::move(tick)), m_interval(interval) {
  m_thread = std::thread([this] { loop(); });
}

ProgressTicker::~ProgressTicker() {
  stop();
}

void ProgressTicker::wake() {
  {
    std::lock_guard lock(m_mutex);
    m_woken = true;
  }
  m_cv.notify_all();
}

void ProgressTicker::stop() {
  {
    std::lock_guard lock(m_mutex);
    m_stopping = true;
  }
  m_cv.notify_all();
  if (m_thread.joinable()) {
    m_thread.join();
  }
}

// The tick runs without the lock, so stop() never waits on the console; it waits at most for
// one tick in progress.
void ProgressTicker::loop() {
  std::unique_lock lock(m_mutex);
  while (true) {
    m_cv.wait_for(lock, m_interval, [this] { return m_stopping || m_woken; });
    if (m_stopping) {
      return;
    }
    m_woken = false;
    lock.unlock();
    m_tick();
    lock.lock();
  }
}

} // namespace exl::report
