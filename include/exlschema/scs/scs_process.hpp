#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <sys/types.h>

// starrocks-cluster-sync as a process: `bin/start.sh` started in a process group of its own (its
// own session, so a Ctrl-C on exlSchema's terminal reaches exlSchema, which stops scs cleanly),
// watched through that group, stopped with `bin/stop.sh` and, when that does not end it in
// time, by signalling the whole group (docs/modes.md "-o meta").
//
// start.sh daemonises scs (the docs start it with `./bin/start.sh` and the tool keeps running),
// so scs is not exlSchema's child: exlSchema makes itself the child subreaper, so that scs is
// re-parented to it and its exit status can be read, and takes "no process left in the group"
// as "scs has exited". What must hold of a real installation: start.sh must not move scs to
// another session or process group (setsid), or exlSchema would see it as exited at once.
namespace exl::scs {

class ScsProcess {
public:
  // `home`: the scs installation. The child's environment is exlSchema's minus every variable
  // whose value holds a registered secret (util::redact), so no password reaches scs's
  // /proc/<pid>/environ by way of exlSchema.
  explicit ScsProcess(std::filesystem::path home);
  ~ScsProcess(); // stops scs if it still runs (never throws)
  ScsProcess(const ScsProcess&) = delete;
  ScsProcess& operator=(const ScsProcess&) = delete;

  // Runs bin/start.sh (cwd: home; its output appended to log/exlschema-start.out). Throws
  // FatalError when it cannot be started.
  void start();

  // Reaps what exited; true while any process of the group runs.
  bool running();

  // The exit status of the last process of the group that exlSchema reaped: an exit code, or
  // 128 + signal; nullopt when none was seen.
  std::optional<int> last_exit() const { return m_last_exit; }

  // bin/stop.sh (given `timeout`), then SIGTERM and, `timeout` later, SIGKILL to the group.
  // Returns how it ended: "stopped by bin/stop.sh", "terminated (SIGTERM)", "killed (SIGKILL)",
  // or "had already exited".
  std::string stop(std::chrono::seconds timeout);

  pid_t group() const { return m_group; }

private:
  bool wait_gone(std::chrono::milliseconds timeout);
  void reap();

  std::filesystem::path m_home;
  pid_t m_group = 0;
  pid_t m_start_pid = 0;
  std::optional<int> m_last_exit;
};

} // namespace exl::scs
