#include "exlschema/scs/scs_process.hpp"

#include "exlschema/util/errors.hpp"
#include "exlschema/util/log.hpp"
#include "exlschema/util/redact.hpp"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <spawn.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

extern char** environ; // NOLINT: POSIX

namespace exl::scs {
namespace {

// exlSchema's environment without the variables that carry a secret.
std::vector<std::string> child_environment() {
  std::vector<std::string> out;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    const std::string entry(*e);
    const auto eq = entry.find('=');
    const std::string value = eq == std::string::npos ? std::string() : entry.substr(eq + 1);
    if (util::redact(value) == value) {
      out.push_back(entry);
    }
  }
  return out;
}

int status_code(int status) {
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

// Runs `script` (in `home`) as a new session leader with default signal handling and an empty
// signal mask (exlSchema blocks the termination signals in its threads; a child must not inherit
// that), its output appended to `out`. Returns its pid.
pid_t spawn_script(const std::filesystem::path& home, const std::string& script, bool new_session,
                   const std::filesystem::path& out) {
  posix_spawn_file_actions_t actions;
  posix_spawnattr_t attr;
  posix_spawn_file_actions_init(&actions);
  posix_spawnattr_init(&attr);
  posix_spawn_file_actions_addchdir_np(&actions, home.c_str());
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out.c_str(),
                                   O_WRONLY | O_CREAT | O_APPEND, 0600);
  posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  sigset_t empty;
  sigset_t all;
  sigemptyset(&empty);
  sigfillset(&all);
  posix_spawnattr_setsigmask(&attr, &empty);
  posix_spawnattr_setsigdefault(&attr, &all);
  short flags = POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF;
  if (new_session) {
    flags |= POSIX_SPAWN_SETSID;
  }
  posix_spawnattr_setflags(&attr, flags);
  std::vector<std::string> env = child_environment();
  std::vector<char*> envp;
  for (std::string& e : env) {
    envp.push_back(e.data());
  }
  envp.push_back(nullptr);
  // Run as the tool's scripts ask (their #! line): the real ones may well need bash.
  std::string path = (home / "bin" / script).string();
  char* argv[] = {path.data(), nullptr};
  pid_t pid = 0;
  const int rc = ::posix_spawn(&pid, path.c_str(), &actions, &attr, argv, envp.data());
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  if (rc != 0) {
    throw FatalError("exlSchema: cannot run " + path + ": " + std::strerror(rc));
  }
  return pid;
}

} // namespace

ScsProcess::ScsProcess(std::filesystem::path home) : m_home(std::move(home)) {}

ScsProcess::~ScsProcess() {
  try {
    if (m_group != 0 && running()) {
      stop(std::chrono::seconds(10));
    }
  } catch (...) { // NOLINT(bugprone-empty-catch): a destructor reports nothing more
  }
}

void ScsProcess::start() {
  // Orphans of our descendants (scs once start.sh has exited) become our children.
  ::prctl(PR_SET_CHILD_SUBREAPER, 1);
  std::filesystem::create_directories(m_home / "log");
  m_start_pid = spawn_script(m_home, "start.sh", true, m_home / "log" / "exlschema-start.out");
  m_group = m_start_pid; // the session leader's pid is the group's id
  util::log().info("starrocks-cluster-sync started: {} (process group {})",
                   (m_home / "bin" / "start.sh").string(), m_group);
}

void ScsProcess::reap() {
  if (m_group == 0) {
    return;
  }
  int status = 0;
  pid_t pid = 0;
  // The last process of the group to exit is the tool (start.sh exits first when it daemonises
  // it, last when it runs it in the foreground and passes its status on).
  while ((pid = ::waitpid(-m_group, &status, WNOHANG)) > 0) {
    m_last_exit = status_code(status);
    util::log().info("starrocks-cluster-sync: process {}{} exited ({})", pid,
                     pid == m_start_pid ? " (bin/start.sh)" : "", *m_last_exit);
  }
}

bool ScsProcess::running() {
  reap();
  return m_group != 0 && ::kill(-m_group, 0) == 0;
}

bool ScsProcess::wait_gone(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (running()) {
    if (std::chrono::steady_clock::now() >= deadline) {
      return false;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return true;
}

std::string ScsProcess::stop(std::chrono::seconds timeout) {
  if (!running()) {
    return "had already exited";
  }
  try {
    const pid_t stopper =
        spawn_script(m_home, "stop.sh", false, m_home / "log" / "exlschema-start.out");
    int status = 0;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (::waitpid(stopper, &status, WNOHANG) == 0 &&
           std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    if (wait_gone(std::chrono::duration_cast<std::chrono::milliseconds>(
            std::max(deadline - std::chrono::steady_clock::now(),
                     std::chrono::steady_clock::duration::zero())))) {
      return "stopped by bin/stop.sh";
    }
    ::kill(stopper, SIGKILL);
    ::waitpid(stopper, &status, 0);
  } catch (const std::exception& e) {
    util::log().warn("{}", e.what());
  }
  ::kill(-m_group, SIGTERM);
  if (wait_gone(timeout)) {
    return "terminated (SIGTERM to its process group)";
  }
  ::kill(-m_group, SIGKILL);
  wait_gone(std::chrono::seconds(5));
  return "killed (SIGKILL to its process group)";
}

} // namespace exl::scs
