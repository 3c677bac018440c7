#include "exlschema/runner/cancel_token.hpp"

#include "exlschema/util/log.hpp"

#include <array>
#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <memory>
#include <mutex>
#include <thread>
#include <unistd.h>

// SIGINT/SIGTERM -> CancelToken. The handler may only call async-signal-safe functions, so it
// writes the signal number into a self-pipe; a watcher thread turns that into token.cancel().
namespace exl::runner {
namespace {

volatile std::sig_atomic_t g_signal_seen = 0;
int g_pipe_write = -1; // read by the handler: set before the handlers are installed

struct Installed {
  CancelToken* token = nullptr;
  int pipe_read = -1;
  std::thread watcher;
  struct sigaction old_int {};
  struct sigaction old_term {};
};

std::mutex g_install_mutex;
std::unique_ptr<Installed> g_installed;

extern "C" void on_signal(int signo) {
  const int saved_errno = errno;
  if (g_signal_seen != 0) {
    // Second signal: the operator insists. _exit is async-signal-safe.
    _exit(exit_code_for_signal(signo));
  }
  g_signal_seen = signo;
  const auto byte = static_cast<unsigned char>(signo);
  // A full pipe cannot happen (one byte, then the watcher exits), and there is nothing useful
  // to do on failure inside a handler.
  [[maybe_unused]] const auto n = write(g_pipe_write, &byte, 1);
  errno = saved_errno;
}

// Reads one byte: a signal number, or 0 written by uninstall to stop the watcher.
void watch(int fd, CancelToken* token) {
  unsigned char byte = 0;
  ssize_t n = 0;
  do {
    n = read(fd, &byte, 1);
  } while (n < 0 && errno == EINTR);
  if (n == 1 && byte != 0) {
    util::log().warn("received signal {}: cancelling, queued tasks will be skipped",
                     static_cast<int>(byte));
    token->cancel(byte);
  }
}

} // namespace

void install_signal_handlers(CancelToken& token) {
  std::lock_guard lock(g_install_mutex);
  if (g_installed != nullptr) {
    return;
  }
  std::array<int, 2> fds{};
  if (pipe2(fds.data(), O_CLOEXEC) != 0) {
    util::log().error("cannot create the signal pipe; SIGINT/SIGTERM will end the run abruptly");
    return;
  }
  auto inst = std::make_unique<Installed>();
  inst->token = &token;
  inst->pipe_read = fds[0];
  g_pipe_write = fds[1];
  g_signal_seen = 0;
  inst->watcher = std::thread(watch, fds[0], &token);
  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_RESTART;
  sigaction(SIGINT, &sa, &inst->old_int);
  sigaction(SIGTERM, &sa, &inst->old_term);
  g_installed = std::move(inst);
}

void uninstall_signal_handlers() {
  std::lock_guard lock(g_install_mutex);
  if (g_installed == nullptr) {
    return;
  }
  sigaction(SIGINT, &g_installed->old_int, nullptr);
  sigaction(SIGTERM, &g_installed->old_term, nullptr);
  const unsigned char stop = 0;
  [[maybe_unused]] const auto n = write(g_pipe_write, &stop, 1);
  if (g_installed->watcher.joinable()) {
    g_installed->watcher.join();
  }
  close(g_installed->pipe_read);
  close(g_pipe_write);
  g_pipe_write = -1;
  g_installed.reset();
}

int exit_code_for_signal(int signo) {
  return 128 + signo;
}

} // namespace exl::runner
