#include "exlschema/modes/throttle.hpp"

#include "exlschema/config/run_options.hpp"
#include "exlschema/report/format.hpp"
#include "exlschema/runner/retry.hpp"
#include "exlschema/util/log.hpp"
#include "exlschema/util/redact.hpp"

#include <cstdio>
#include <filesystem>

namespace exl::modes {

// What one look found: why the run must stop (at most one reason), why no task may start now,
// and which kinds of cause hold the pause ("file", "disk"), so that a pause whose disk figure
// moves is not reported again while one whose cause changes is.
struct Throttle::Reading {
  std::optional<std::string> stop;
  std::vector<std::string> pause;
  std::string pause_cause;
  std::string state; // what was seen, for the "resumed" message
};

namespace {

std::string percent(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f %%", value);
  return text;
}

// A whole-number limit prints as `80 %`, a fractional one as `80.50 %`.
std::string limit(double value) {
  char text[32];
  std::snprintf(text, sizeof text, value == static_cast<int>(value) ? "%.0f %%" : "%.2f %%", value);
  return text;
}

// An error (permission, a dangling symlink's directory) counts as absent: only a file that is
// there pauses or stops the run.
bool file_exists(const std::string& path) {
  std::error_code ec;
  return !path.empty() && std::filesystem::exists(path, ec);
}

std::string disk_text(const DiskUsage& disk) {
  return "target disk " + percent(disk.pct) + " full" +
         (disk.backend.empty() ? std::string() : " on " + disk.backend);
}

} // namespace

ThrottleSettings settings_of(const config::RunOptions& options) {
  ThrottleSettings settings;
  settings.max_disk_used_pct = options.max_disk_used_pct;
  settings.critical_disk_used_pct = options.critical_disk_used_pct;
  settings.pause_file = options.pause_file;
  settings.panic_file = options.panic_file;
  return settings;
}

const char* kind_name(ThrottleEvent::Kind kind) {
  switch (kind) {
  case ThrottleEvent::Kind::Paused:
    return "paused";
  case ThrottleEvent::Kind::Resumed:
    return "resumed";
  case ThrottleEvent::Kind::Stopped:
    return "stopped";
  }
  return "?";
}

ThrottleStop::ThrottleStop(const std::string& reason)
    : std::runtime_error("not started: the run was stopped: " + reason), m_reason(reason) {}

Throttle::Throttle(DiskReader read_disk, ThrottleSettings settings,
                   const runner::CancelToken& cancel,
                   std::function<void(const ThrottleEvent&)> on_event)
    : m_read_disk(std::move(read_disk)), m_settings(std::move(settings)), m_cancel(cancel),
      m_on_event(std::move(on_event)),
      m_on_cancel(cancel.stop_token(), std::function<void()>([this] { wake_all(); })) {}

Throttle::~Throttle() {
  stop();
}

void Throttle::wake_all() {
  const std::lock_guard lock(m_mutex);
  m_cv.notify_all();
}

void Throttle::before_task() {
  if (!m_cancel.is_cancelled()) {
    check();
  }
  std::unique_lock lock(m_mutex);
  for (;;) {
    if (m_cancel.is_cancelled()) {
      throw runner::CancelledError("cancelled before it started");
    }
    if (m_stopped) {
      throw ThrottleStop(*m_stopped);
    }
    if (!m_paused) {
      return;
    }
    const std::size_t seen = m_events.size();
    const bool changed = m_cv.wait_for(
        lock, m_settings.poll, [&] { return m_cancel.is_cancelled() || m_events.size() != seen; });
    if (!changed) { // nobody looked for a while: look again (the reading is shared)
      lock.unlock();
      check();
      lock.lock();
    }
  }
}

void Throttle::start() {
  const std::lock_guard lock(m_mutex);
  if (!m_watcher.joinable()) {
    m_shutdown = false;
    m_watcher = std::thread([this] { watch(); });
  }
}

void Throttle::stop() {
  {
    const std::lock_guard lock(m_mutex);
    m_shutdown = true;
    m_cv.notify_all();
  }
  if (m_watcher.joinable()) {
    m_watcher.join();
  }
}

void Throttle::watch() {
  std::unique_lock lock(m_mutex);
  while (!m_shutdown && !m_stopped && !m_cancel.is_cancelled()) {
    lock.unlock();
    check();
    lock.lock();
    m_cv.wait_for(lock, m_settings.poll, [&] { return m_shutdown || m_cancel.is_cancelled(); });
  }
}

void Throttle::check() {
  const std::lock_guard look_lock(m_look_mutex);
  apply(look());
}

Throttle::Reading Throttle::look() {
  Reading reading;
  if (file_exists(m_settings.panic_file)) {
    reading.stop = "the panic file " + m_settings.panic_file + " exists (-panic-file)";
    return reading;
  }
  const std::optional<DiskUsage> disk = read_disk_once();
  if (disk && disk->pct > m_settings.critical_disk_used_pct) {
    reading.stop = disk_text(*disk) + ", above defaults.critical_disk_used_pct (" +
                   limit(m_settings.critical_disk_used_pct) + ")";
    return reading;
  }
  if (file_exists(m_settings.pause_file)) {
    reading.pause.push_back("the pause file " + m_settings.pause_file + " exists (-pause-file)");
    reading.pause_cause += "file ";
  } else if (!m_settings.pause_file.empty()) {
    reading.state = "the pause file " + m_settings.pause_file + " is absent";
  }
  if (disk && disk->pct > m_settings.max_disk_used_pct) {
    reading.pause.push_back(disk_text(*disk) + ", above defaults.max_disk_used_pct (" +
                            limit(m_settings.max_disk_used_pct) + ")");
    reading.pause_cause += "disk";
  } else if (disk) {
    reading.state += (reading.state.empty() ? "" : "; ") + disk_text(*disk) + " (limit " +
                     limit(m_settings.max_disk_used_pct) + ")";
  }
  return reading;
}

// The last reading when it is recent enough, else a new one. A failed read is logged once (and
// again only after a read has worked since) and counts as "not known": it never stops the run.
std::optional<DiskUsage> Throttle::read_disk_once() {
  if (!m_read_disk) {
    return std::nullopt;
  }
  const auto now = std::chrono::steady_clock::now();
  if (m_disk_read && now - m_disk_at < m_settings.reuse_reading) {
    return m_disk;
  }
  std::string problem;
  try {
    m_disk = m_read_disk();
    if (!m_disk) {
      problem = "no backend reports MaxDiskUsedPct in SHOW BACKENDS";
    }
  } catch (const std::exception& e) {
    m_disk.reset();
    problem = m_cancel.is_cancelled() ? std::string() : util::redact(e.what());
  }
  m_disk_read = true;
  m_disk_at = now;
  if (!problem.empty() && !m_disk_warned) {
    util::log().warn("throttle: cannot watch the target's disk usage ({}); going on without the "
                     "disk limits (-pause-file and -panic-file still work)",
                     problem);
    m_disk_warned = true;
  } else if (m_disk && m_disk_warned) {
    util::log().info("throttle: the target's disk usage can be read again: {}", disk_text(*m_disk));
    m_disk_warned = false;
  }
  return m_disk;
}

void Throttle::apply(const Reading& reading) {
  std::optional<ThrottleEvent> event;
  {
    const std::lock_guard lock(m_mutex);
    if (m_stopped) {
      return; // a stop is final
    }
    const auto now = std::chrono::steady_clock::now();
    if (reading.stop) {
      m_stopped = reading.stop;
      event = ThrottleEvent{ThrottleEvent::Kind::Stopped, *reading.stop, {}};
    } else if (!reading.pause.empty() && (!m_paused || reading.pause_cause != m_pause_cause)) {
      std::string reason;
      for (const std::string& why : reading.pause) {
        reason += (reason.empty() ? "" : " and ") + why;
      }
      m_paused_since = m_paused ? m_paused_since : now;
      m_paused = true;
      event = ThrottleEvent{ThrottleEvent::Kind::Paused, reason, {}};
    } else if (reading.pause.empty() && m_paused) {
      m_paused = false;
      const auto paused_for =
          std::chrono::duration_cast<std::chrono::milliseconds>(now - m_paused_since);
      event = ThrottleEvent{ThrottleEvent::Kind::Resumed,
                            "after " + report::format_duration(paused_for) +
                                (reading.state.empty() ? std::string() : ": " + reading.state),
                            {}};
    }
    m_pause_cause = reading.pause_cause;
    if (event) {
      event->at = std::chrono::system_clock::now();
      m_events.push_back(*event);
      m_cv.notify_all();
    }
  }
  if (event) {
    emit(*event);
  }
}

// Logged and handed to the caller outside m_mutex (the callback may post to Feishu), but still
// under m_look_mutex, so that events arrive in the order they happened.
void Throttle::emit(ThrottleEvent event) {
  const std::string reason = util::redact(event.reason);
  switch (event.kind) {
  case ThrottleEvent::Kind::Paused:
    util::log().warn("throttle: paused: {}; running tasks go on, no new task starts", reason);
    break;
  case ThrottleEvent::Kind::Resumed:
    util::log().info("throttle: resumed {}", reason);
    break;
  case ThrottleEvent::Kind::Stopped:
    util::log().error("throttle: the run stops: {}; running tasks finish, the others fail", reason);
    break;
  }
  if (!m_on_event) {
    return;
  }
  try {
    m_on_event(event);
  } catch (const std::exception& e) {
    util::log().warn("throttle: reporting the {} event failed: {}", kind_name(event.kind),
                     util::redact(e.what()));
  }
}

bool Throttle::paused() const {
  const std::lock_guard lock(m_mutex);
  return m_paused;
}

std::optional<std::string> Throttle::stopped() const {
  const std::lock_guard lock(m_mutex);
  return m_stopped;
}

std::vector<ThrottleEvent> Throttle::events() const {
  const std::lock_guard lock(m_mutex);
  return m_events;
}

} // namespace exl::modes
