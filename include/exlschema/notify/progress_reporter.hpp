#pragma once

#include "exlschema/notify/notifier.hpp"

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

// Posts a progress message every `interval` while a run is busy: a background thread that asks
// `snapshot` for the current numbers and hands them to `notifier`. Stops on stop() or
// destruction, without waiting for the rest of the interval.
namespace exl::notify {

class ProgressReporter {
public:
  // Does nothing when `interval` is zero or negative.
  ProgressReporter(Notifier& notifier, std::chrono::milliseconds interval,
                   std::function<ProgressSnapshot()> snapshot);
  ~ProgressReporter();
  ProgressReporter(const ProgressReporter&) = delete;
  ProgressReporter& operator=(const ProgressReporter&) = delete;

  void stop();

private:
  void loop();

  Notifier& m_notifier;
  std::chrono::milliseconds m_interval;
  std::function<ProgressSnapshot()> m_snapshot;
  std::mutex m_mutex;
  std::condition_variable m_cv;
  bool m_stopping = false;
  std::thread m_thread;
};

} // namespace exl::notify
