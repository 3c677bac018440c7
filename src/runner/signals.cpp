#include "exlschema/runner/cancel_token.hpp"

#include "exlschema/util/log.hpp"

#include <pthread.h>
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <memory>
#include <mutex>
#include <thread>

// SIGINT/SIGTERM -> CancelToken. The signals are blocked in every thread (the mask is set before
// the others start and they inherit it) and taken synchronously with sigwait by one watcher
// thread, which may then do anything a normal thread does: no handler, no async-signal-safety
// constraints, no self-pipe.
namespace exl::runner {
namespace {

struct Installed {
  CancelToken* token = nullptr;
  sigset_t signals{};
  sigset_t old_mask{};
  std::atomic<bool> stopping{false};
  std::thread watcher;
  std::thread canceller; // runs token.cancel, so that the watcher can take a second signal
};

std::mutex g_install_mutex;
std::unique_ptr<Installed> g_installed;

void watch(Installed* inst) {
  bool first_seen = false;
  for (;;) {
    int signo = 0;
    if (sigwait(&inst->signals, &signo) != 0) {
      continue;
    }
    if (inst->stopping.load()) {
      return; // woken by uninstall_signal_handlers
    }
    if (first_seen) {
      // Second signal: the operator insists.
      _exit(exit_code_for_signal(signo));
    }
    first_seen = true;
    util::log().warn("received signal {}: cancelling, queued tasks will be skipped", signo);
    inst->canceller = std::thread([token = inst->token, signo] { token->cancel(signo); });
  }
}

} // namespace

void install_signal_handlers(CancelToken& token) {
  std::lock_guard lock(g_install_mutex);
  if (g_installed != nullptr) {
    return;
  }
  auto inst = std::make_unique<Installed>();
  inst->token = &token;
  sigemptyset(&inst->signals);
  sigaddset(&inst->signals, SIGINT);
  sigaddset(&inst->signals, SIGTERM);
  if (pthread_sigmask(SIG_BLOCK, &inst->signals, &inst->old_mask) != 0) {
    util::log().error("cannot block SIGINT/SIGTERM; they will end the run abruptly");
    return;
  }
  inst->watcher = std::thread(watch, inst.get());
  g_installed = std::move(inst);
}

void uninstall_signal_handlers() {
  std::lock_guard lock(g_install_mutex);
  if (g_installed == nullptr) {
    return;
  }
  Installed& inst = *g_installed;
  inst.stopping.store(true);
  // Wakes the watcher's sigwait; it sees `stopping` and returns without cancelling.
  pthread_kill(inst.watcher.native_handle(), SIGTERM);
  inst.watcher.join();
  if (inst.canceller.joinable()) {
    inst.canceller.join();
  }
  pthread_sigmask(SIG_SETMASK, &inst.old_mask, nullptr);
  g_installed.reset();
}

int exit_code_for_signal(int signo) {
  return 128 + signo;
}

} // namespace exl::runner
