#pragma once

#include "exlschema/runner/cancel_token.hpp"

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <stop_token>
#include <string>
#include <thread>
#include <vector>

namespace exl::config {
struct RunOptions;
}

// The throttle on cluster health that every data mode shares (issue #10, in the manner of
// gh-ost's throttle and control files). Before a task starts, and every `poll` while a run goes
// on, it looks at the fullest data disk of the target's backends and at two control files:
//
//   panic file exists, or disk above critical_disk_used_pct -> the run stops: no task starts any
//                                                              more (before_task throws
//                                                              ThrottleStop); running ones finish
//   pause file exists, or disk above max_disk_used_pct      -> paused: before_task blocks until
//                                                              neither holds any more
//
// A disk that cannot be read (no OPERATE privilege, a lost connection, no backend reporting) is
// logged once at warning and ignored: the run goes on, and the control files still work.
namespace exl::modes {

// What the throttle watches; settings_of(RunOptions) fills it from `-pause-file`, `-panic-file`
// and `defaults.max_disk_used_pct` / `defaults.critical_disk_used_pct`.
struct ThrottleSettings {
  double max_disk_used_pct = 80;        // above: no new task starts until it falls back
  double critical_disk_used_pct = 90;   // above: the run stops
  std::string pause_file;               // while it exists no new task starts; empty: none
  std::string panic_file;               // once it exists the run stops; empty: none
  std::chrono::milliseconds poll{5000}; // how often a waiter and the watcher look again
  // A disk reading this recent is reused instead of sending SHOW BACKENDS again, so that many
  // tasks starting together cost one read.
  std::chrono::milliseconds reuse_reading{1000};
};

ThrottleSettings settings_of(const config::RunOptions& options);

// The fullest data disk of the target's backends.
struct DiskUsage {
  double pct = 0;      // MaxDiskUsedPct of the fullest backend
  std::string backend; // its `host:port`, for the messages
};

// Returns the target's fullest disk; nullopt when no backend reports one; throws when the read
// fails. An empty function: the disk is not watched (only the control files are).
using DiskReader = std::function<std::optional<DiskUsage>()>;

struct ThrottleEvent {
  enum class Kind { Paused, Resumed, Stopped };
  Kind kind = Kind::Paused;
  std::string reason; // e.g. "the pause file /run/exl.pause exists (-pause-file)"
  std::chrono::system_clock::time_point at;
};

const char* kind_name(ThrottleEvent::Kind kind); // "paused", "resumed", "stopped"

// Thrown by Throttle::before_task once the run must stop; what() is the task's failure reason:
// "not started: the run was stopped: <reason>".
class ThrottleStop : public std::runtime_error {
public:
  explicit ThrottleStop(const std::string& reason);
  const std::string& reason() const noexcept { return m_reason; }

private:
  std::string m_reason;
};

class Throttle {
public:
  // `read_disk` is called from runner threads and the watcher, one call at a time. `on_event` is
  // called once per change (paused, resumed with the pause's length, stopped), in order, one at
  // a time, on the thread that noticed it; it must not call before_task or check. `cancel`
  // must outlive the throttle, and no task may still wait in before_task when it is destroyed
  // (destroy it after the task runner has returned).
  Throttle(DiskReader read_disk, ThrottleSettings settings, const runner::CancelToken& cancel,
           std::function<void(const ThrottleEvent&)> on_event = {});
  ~Throttle();
  Throttle(const Throttle&) = delete;
  Throttle& operator=(const Throttle&) = delete;

  // Called by a task before it starts its work, from any number of threads. Returns when the
  // task may start; blocks while paused (looking again every `poll`, woken at once by a stop, a
  // cancellation or a change another thread noticed); throws ThrottleStop once the run must
  // stop, runner::CancelledError once the run is cancelled.
  void before_task();

  // Starts / stops the watcher: a thread that looks again every `poll` while the run goes on, so
  // that a pause or a stop is noticed and reported between task starts too. stop() is
  // idempotent and also run by the destructor.
  void start();
  void stop();

  // Looks once now (the watcher's step; for tests and for a caller without a watcher).
  void check();

  bool paused() const;
  std::optional<std::string> stopped() const; // the reason, once the run must stop
  std::vector<ThrottleEvent> events() const;  // every change so far, for the report and history

private:
  struct Reading; // what one look found
  Reading look();
  std::optional<DiskUsage> read_disk_once();
  void apply(const Reading& reading);
  void emit(ThrottleEvent event);
  void watch();
  void wake_all();

  DiskReader m_read_disk;
  const ThrottleSettings m_settings;
  const runner::CancelToken& m_cancel;
  std::function<void(const ThrottleEvent&)> m_on_event;

  // One look at a time: one disk read for many tasks, events delivered in order.
  std::mutex m_look_mutex;
  std::optional<DiskUsage> m_disk; // the last reading (guarded by m_look_mutex)
  std::chrono::steady_clock::time_point m_disk_at{};
  bool m_disk_read = false;   // m_disk holds a reading (or its absence)
  bool m_disk_warned = false; // "cannot watch the disk" was logged
  std::string m_pause_cause;  // which causes hold the pause now

  mutable std::mutex m_mutex; // guards the state below; waiters wait on m_cv with it
  std::condition_variable m_cv;
  bool m_paused = false;
  std::chrono::steady_clock::time_point m_paused_since{};
  std::optional<std::string> m_stopped;
  std::vector<ThrottleEvent> m_events;
  bool m_shutdown = false; // the watcher must end
  std::thread m_watcher;

  // Wakes every waiter the moment the run is cancelled (declared last: it may fire while the
  // constructor runs, and must be gone before the mutex it takes).
  std::stop_callback<std::function<void()>> m_on_cancel;
};

} // namespace exl::modes
