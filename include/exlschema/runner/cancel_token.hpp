#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <stop_token>
#include <string>
#include <thread>
#include <vector>

// Cancellation of a run (SIGINT / SIGTERM or a programmatic stop). One token per run, shared by
// the task runner (queued tasks become Skipped), the retry loops (no further attempts), the
// notifier's progress thread and the modes (clean-up hooks that drop temporary objects).
namespace exl::runner {

class CancelToken {
public:
  using Clock = std::chrono::steady_clock;

  CancelToken() = default;
  CancelToken(const CancelToken&) = delete;
  CancelToken& operator=(const CancelToken&) = delete;

  // True once `cancel` was called (by the signal watcher or by anyone else).
  bool is_cancelled() const noexcept { return m_cancelled.load(std::memory_order_acquire); }

  // The signal that cancelled the run (SIGINT, SIGTERM), 0 when not cancelled or cancelled
  // programmatically.
  int signal_number() const noexcept { return m_signal.load(std::memory_order_acquire); }

  // Cancels (idempotent: only the first call counts) and fires the `on_cancel` callbacks on the
  // calling thread. Not async-signal-safe: signal handlers go through install_signal_handlers.
  void cancel(int signal_number = 0);

  // Sleeps until `deadline` or until cancelled, whichever comes first. Returns true when
  // cancelled. Use instead of sleep_for in every wait that must stop on SIGINT/SIGTERM.
  bool wait_until(Clock::time_point deadline) const;
  bool wait_for(std::chrono::milliseconds timeout) const {
    return wait_until(Clock::now() + timeout);
  }

  // A std::stop_token that is stopped when the token is cancelled: for waits in layers below the
  // runner (db::Pool::lease) that must end on SIGINT/SIGTERM without depending on the runner.
  std::stop_token stop_token() const noexcept { return m_stop.get_token(); }

  // Registers `callback` (argument: the signal number, 0 if none), called once when the token is
  // cancelled; immediately when it already is. Returns an id for `remove_callback`. Callbacks
  // must not throw (exceptions are caught and logged) and must not call `cancel`.
  std::size_t on_cancel(std::function<void(int)> callback);

  // Unregisters callback `id`. When it is running on another thread, waits until it has
  // returned, so that the objects it uses may be destroyed right after; a callback removing
  // itself (or another one) from inside a callback does not wait.
  void remove_callback(std::size_t id);

  // Registers a clean-up hook named `name` (for the log). `run_cleanup` runs every hook once, the
  // last registered first, whether or not the run was cancelled; failures are logged.
  void add_cleanup(std::string name, std::function<void()> hook);
  void run_cleanup() noexcept;

private:
  struct Callback {
    std::size_t id;
    std::function<void(int)> fn;
  };
  struct Cleanup {
    std::string name;
    std::function<void()> fn;
  };

  std::atomic<bool> m_cancelled{false};
  std::atomic<int> m_signal{0};
  mutable std::mutex m_mutex;
  mutable std::condition_variable m_cv;
  std::condition_variable m_callback_done;
  std::vector<Callback> m_callbacks;
  std::size_t m_running_callback = 0; // id of the callback `cancel` is running, 0 if none
  std::thread::id m_firing_thread;    // the thread running `cancel`'s callbacks
  std::stop_source m_stop;
  std::size_t m_next_id = 1;
  std::vector<Cleanup> m_cleanups;
};

// Makes SIGINT and SIGTERM cancel `token`. Blocks both signals in the calling thread (so call it
// before any other thread starts: threads inherit the mask) and starts a watcher thread that
// takes them with sigwait; on the first it calls `token.cancel(signo)` (on a thread of its own,
// so that slow callbacks do not delay the next signal). A second SIGINT/SIGTERM ends the process
// at once with exit_code_for_signal (an operator who presses Ctrl-C twice wants out). `token`
// must outlive `uninstall_signal_handlers`.
void install_signal_handlers(CancelToken& token);

// Stops the watcher thread and restores the calling thread's signal mask. Safe to call when not
// installed.
void uninstall_signal_handlers();

// 128 + `signo`: 130 for SIGINT, 143 for SIGTERM (PRODUCT.md §2).
int exit_code_for_signal(int signo);

} // namespace exl::runner
