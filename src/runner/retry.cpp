#include "exlschema/runner/retry.hpp"

#include "exlschema/util/log.hpp"
#include "exlschema/util/redact.hpp"

#include <random>
#include <thread>

namespace exl::runner {
namespace {

std::mt19937_64& thread_rng() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  return rng;
}

// Waits `delay`, stopping early when cancelled. Returns true when cancelled.
bool wait(const CancelToken* cancel, std::chrono::milliseconds delay) {
  if (cancel != nullptr) {
    return cancel->wait_for(delay);
  }
  std::this_thread::sleep_for(delay);
  return false;
}

[[noreturn]] void throw_cancelled(const std::string& what, const std::exception& last) {
  throw CancelledError("cancelled while retrying " + util::redact(what) +
                       " (last error: " + util::redact(last.what()) + ")");
}

} // namespace

int retry_loop(const RetryPolicy& policy, const CancelToken* cancel, const std::string& what,
               const RetryClassifier& is_retryable, const std::function<void(int)>& attempt) {
  using Clock = std::chrono::steady_clock;
  const auto started = Clock::now();
  const int max_attempts = std::max(policy.max_attempts, 1);
  for (int n = 1;; ++n) {
    try {
      attempt(n);
      return n;
    } catch (const CancelledError&) {
      throw;
    } catch (const OutcomeUnknownError&) {
      throw; // the work may have taken effect: never sent again, whatever the classifier says
    } catch (const std::exception& e) {
      if (n >= max_attempts || !is_retryable || !is_retryable(e)) {
        throw;
      }
      const auto delay = policy.backoff(n + 1, thread_rng());
      if (Clock::now() + delay - started > policy.max_total) {
        util::log().warn("giving up on {} after {} attempts: retry time budget exhausted",
                         util::redact(what), n);
        throw;
      }
      if (cancel != nullptr && cancel->is_cancelled()) {
        throw_cancelled(what, e);
      }
      util::log().warn("attempt {}/{} of {} failed: {}; retrying in {} ms", n, max_attempts,
                       util::redact(what), util::redact(e.what()), delay.count());
      if (wait(cancel, delay)) {
        throw_cancelled(what, e);
      }
    }
  }
}

} // namespace exl::runner
