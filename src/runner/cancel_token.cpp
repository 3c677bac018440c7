#include "exlschema/runner/cancel_token.hpp"

#include "exlschema/util/log.hpp"

#include <algorithm>
#include <exception>
#include <ranges>

namespace exl::runner {

void CancelToken::cancel(int signal_number) {
  std::vector<Callback> to_fire;
  {
    std::lock_guard lock(m_mutex);
    if (m_cancelled.load(std::memory_order_relaxed)) {
      return;
    }
    m_signal.store(signal_number, std::memory_order_release);
    m_cancelled.store(true, std::memory_order_release);
    to_fire = m_callbacks;
  }
  m_cv.notify_all();
  // Outside the lock, so that a callback may register or remove callbacks without deadlocking.
  for (const auto& cb : to_fire) {
    try {
      cb.fn(signal_number);
    } catch (const std::exception& e) {
      util::log().error("cancel callback failed: {}", e.what());
    }
  }
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
    try {
      callback(signal_number());
    } catch (const std::exception& e) {
      util::log().error("cancel callback failed: {}", e.what());
    }
    return id;
  }
  m_callbacks.push_back(Callback{id, std::move(callback)});
  return id;
}

void CancelToken::remove_callback(std::size_t id) {
  std::lock_guard lock(m_mutex);
  std::erase_if(m_callbacks, [id](const Callback& cb) { return cb.id == id; });
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
