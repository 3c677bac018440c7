#pragma once

// Cancels MariaDB statements that run past their deadline or whose session was killed: a
// background thread issues KILL QUERY <thread id> from its own connection, as StarRocks cancels
// a query on timeout or on KILL.

#include "backend.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <thread>

namespace srsim::engine {

enum class StopReason { None, Timeout, Killed };

class Watchdog {
public:
  explicit Watchdog(StorageConfig storage);
  ~Watchdog();
  Watchdog(const Watchdog&) = delete;
  Watchdog& operator=(const Watchdog&) = delete;

  // Watches MariaDB thread `thread_id` until disarm(); returns a ticket.
  std::uint64_t arm(unsigned long thread_id, std::chrono::steady_clock::time_point deadline,
                    const std::atomic<bool>* kill_flag);
  // Stops watching; answers why the statement was cancelled (None if it was not).
  StopReason disarm(std::uint64_t ticket);

private:
  struct Watch {
    unsigned long thread_id;
    std::chrono::steady_clock::time_point deadline;
    const std::atomic<bool>* kill_flag;
    StopReason fired = StopReason::None;
  };
  void run();

  StorageConfig m_storage;
  std::mutex m_mutex;
  std::condition_variable m_cv;
  std::map<std::uint64_t, Watch> m_watches;
  std::uint64_t m_next = 1;
  bool m_stop = false;
  std::thread m_thread;
};

// RAII arm/disarm around one backend statement.
class WatchGuard {
public:
  WatchGuard(Watchdog& dog, unsigned long thread_id, std::chrono::steady_clock::time_point deadline,
             const std::atomic<bool>* kill_flag)
      : m_dog(dog), m_ticket(dog.arm(thread_id, deadline, kill_flag)) {}
  ~WatchGuard() { finish(); }
  StopReason finish() {
    if (m_ticket) {
      m_reason = m_dog.disarm(m_ticket);
      m_ticket = 0;
    }
    return m_reason;
  }

private:
  Watchdog& m_dog;
  std::uint64_t m_ticket;
  StopReason m_reason = StopReason::None;
};

} // namespace srsim::engine
