#include "exlschema/runner/cancel_token.hpp"

#include "exlschema/util/log.hpp"

#include <algorithm>
#include <exception>
#include <ranges>

namespace exl::runner {

namespace {

void run_callback(const std::function<void(int)>& fn, int signal_number) noexcept {
  try {
    fn(signal_number);
  } catch (const std::exception& e) {
    util::log().error("cancel callback failed: {}", e.what());
  } catch (...) {
    util::log().error("cancel callback failed with an unknown error");
  }
}

} // namespace

void CancelToken::cancel(int signal_number) {
  std::unique_lock lock(m_mutex);
  if (m_cancelled.load(std::memory_order_relaxed)) {
    return;
  }
  m_signal.store(signal_number, std::memory_order_release);
  m_cancelled.store(true, std::memory_order_release);
  m_firing_thread = std::this_thread::get_id();
  m_cv.notify_all();
  m_stop.request_stop();
  // One at a time, outside the lock (a callback may remove callbacks), and marked as running so
  // that remove_callback on another thread waits for it. A callback removed before its turn
  // never runs; none can be added meanwhile (on_cancel runs them at once once cancelled).
  while (!m_callbacks.empty()) {
    Callback cb = std::move(m_callbacks.front());
    m_callbacks.erase(m_callbacks.begin());
    m_running_callback = cb.id;
    lock.unlock();
    run_callback(cb.fn, signal_number);
    lock.lock();
    m_running_callback = 0;
    m_callback_done.notify_all();
  }
  m_firing_thread = std::thread::id{};
}

bool CancelToken::wait_until(Clock::time_point deadline) const {
  std::unique_lock lock(m_mutex);
  return m_cv.wait_until(lock, deadline, [this] { return is_cancelled(); });
}

std::size_t CancelToken::on_cancel(std::function<void(int)> callback) {
  std::unique_lock lock(m_mutex);
  const std::size_t id = m_next_id++;
  if (m_cancelled.load(std::memory_order_relaxed)) {
    lock.unlock();
    run_callback(callback, signal_number());
    return id;
  }
  m_callbacks.push_back(Callback{id, std::move(callback)});
  return id;
}

void CancelToken::remove_callback(std::size_t id) {
  std::unique_lock lock(m_mutex);
  std::erase_if(m_callbacks, [id](const Callback& cb) { return cb.id == id; });
  if (m_firing_thread == std::this_thread::get_id()) {
    return; // called from a callback: waiting for the running one would wait for ourselves
  }
  m_callback_done.wait(lock, [&] { return m_running_callback != id; });
}

void CancelToken::add_cleanup(std::string name, std::function<void()> hook) {
  std::lock_guard lock(m_mutex);
  m_cleanups.push_back(Cleanup{std::move(name), std::move(hook)});
}

void CancelToken::run_cleanup() noexcept {
  std::vector<Cleanup> hooks;
  {
    std::lock_guard lock(m_mutex);
    hooks.swap(m_cleanups);
  }
  // Last registered first: a later object may depend on an earlier one (a table on its catalog).
  for (const auto& hook : std::ranges::reverse_view(hooks)) {
    try {
      util::log().debug("clean-up: {}", hook.name);
      hook.fn();
    } catch (const std::exception& e) {
      util::log().error("clean-up '{}' failed: {}", hook.name, e.what());
    } catch (...) {
      util::log().error("clean-up '{}' failed with an unknown error", hook.name);
    }
  }
}

} // namespace exl::runner
