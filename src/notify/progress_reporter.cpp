#include "exlschema/notify/progress_reporter.hpp"

#include "exlschema/util/log.hpp"

namespace exl::notify {

ProgressReporter::ProgressReporter(Notifier& notifier, std::chrono::milliseconds interval,
                                   std::function<ProgressSnapshot()> snapshot)
    : m_notifier(notifier), m_interval(interval), m_snapshot(std::move(snapshot)) {
  if (m_interval.count() > 0 && m_snapshot) {
    m_thread = std::thread([this] { loop(); });
  }
}

ProgressReporter::~ProgressReporter() {
  stop();
}

void ProgressReporter::stop() {
  {
    std::lock_guard lock(m_mutex);
    m_stopping = true;
  }
  m_cv.notify_all();
  if (m_thread.joinable()) {
    m_thread.join();
  }
}

void ProgressReporter::loop() {
  util::set_thread_task_id("progress");
  std::unique_lock lock(m_mutex);
  while (!m_cv.wait_for(lock, m_interval, [this] { return m_stopping; })) {
    lock.unlock();
    try {
      m_notifier.progress(m_snapshot());
    } catch (const std::exception& e) {
      util::log().warn("progress message not sent: {}", e.what());
    }
    lock.lock();
  }
}

} // namespace exl::notify
