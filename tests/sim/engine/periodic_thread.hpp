#pragma once

// Calls `work` every `interval` until destroyed (used for the dynamic-partition scheduler).

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace srsim::engine {

class PeriodicThread {
public:
  PeriodicThread(std::chrono::seconds interval, std::function<void()> work)
      : m_interval(interval), m_work(std::move(work)), m_thread([this] { run(); }) {}
  ~PeriodicThread() {
    {
      std::lock_guard<std::mutex> lock(m_mutex);
      m_stop = true;
    }
    m_cv.notify_all();
    m_thread.join();
  }
  PeriodicThread(const PeriodicThread&) = delete;
  PeriodicThread& operator=(const PeriodicThread&) = delete;

private:
  void run() {
    std::unique_lock<std::mutex> lock(m_mutex);
    while (!m_cv.wait_for(lock, m_interval, [this] { return m_stop; })) {
      lock.unlock();
      m_work();
      lock.lock();
    }
  }

  std::chrono::seconds m_interval;
  std::function<void()> m_work;
  std::mutex m_mutex;
  std::condition_variable m_cv;
  bool m_stop = false;
  std::thread m_thread; // last: starts after the members it uses
};

} // namespace srsim::engine
