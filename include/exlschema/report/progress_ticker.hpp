#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

// Calls `tick` every `interval` on a thread of its own while a run's tasks are busy: the live
// progress line repaints once a second so that elapsed times move, and plain output gets its
// "still running" lines (ConsoleProgress::tick). stop() wakes the thread at once and joins it;
// the destructor stops it too, so an exception or SIGINT unwinding the run never leaves it
// behind.
namespace exl::report {

class ProgressTicker {
public:
  // Starts the thread. `interval` must be positive.
  ProgressTicker(std::function<void()> tick, std::chrono::milliseconds interval);
  ~ProgressTicker();
  ProgressTicker(const ProgressTicker&) = delete;
  ProgressTicker& operator=(const ProgressTicker&) = delete;

  // Ticks now instead of at the end of the interval (the interval starts again afterwards).
  void wake();
  // No tick starts after it returns; idempotent.
  void stop();

private:
  void loop();

  std::function<void()> m_tick;
  std::chrono::milliseconds m_interval;
  std::mutex m_mutex;
  std::condition_variable m_cv;
  bool m_stopping = false;
  bool m_woken = false;
  std::thread m_thread;
};

} // namespace exl::report
