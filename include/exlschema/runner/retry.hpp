#pragma once

#include "exlschema/runner/cancel_token.hpp"
#include "exlschema/runner/retry_policy.hpp"

#include <exception>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <type_traits>

// The one retry loop: calls an attempt function until it succeeds, fails with an error the
// classifier calls permanent, runs out of attempts or time, or the run is cancelled. Each retry is
// logged at warn with the (redacted) error. Database callers use db_retry.hpp, which adds a fresh
// pooled connection per attempt.
namespace exl::runner {

// What the caller declares about the work it hands to a retry loop. Nothing is retried unless the
// caller says it may be sent again.
enum class Retry {
  // A read, or a write idempotent by construction (IF [NOT] EXISTS DDL, DROP, an OVERWRITE of
  // named partitions under the same label): any retryable failure runs it again.
  Idempotent,
  // A write that must not be sent twice (an INSERT, a labelled load). Only failures before
  // anything was sent (cannot connect, a dead idle connection) are retried; a connection lost
  // while the statement was in flight becomes OutcomeUnknownError, which the caller resolves
  // (by the statement's label) instead of re-sending.
  Never,
};

// Thrown instead of starting another attempt once the cancel token is set. `what()` names the
// operation and the last error.
class CancelledError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

// Work declared Retry::Never lost its connection after it was sent: it may or may not have taken
// effect on the server. No retry loop ever runs such work again (whatever its classifier says);
// the caller resolves the outcome, e.g. by the load label's state. `error_number()` is the
// underlying error (2013 lost connection, ...), 0 when not a database error.
class OutcomeUnknownError : public std::runtime_error {
public:
  OutcomeUnknownError(const std::string& message, int error_number)
      : std::runtime_error(message), m_errno(error_number) {}
  int error_number() const noexcept { return m_errno; }

private:
  int m_errno;
};

// Says whether an exception thrown by an attempt is worth another attempt.
using RetryClassifier = std::function<bool(const std::exception&)>;

// Runs `attempt(n)` for n = 1, 2, ... under `policy`. `what` names the operation in the log (it
// is redacted). `cancel` may be null. Returns the number of attempts made; rethrows the last
// exception when giving up; throws CancelledError when cancelled between attempts. An
// OutcomeUnknownError is never retried.
int retry_loop(const RetryPolicy& policy, const CancelToken* cancel, const std::string& what,
               const RetryClassifier& is_retryable, const std::function<void(int)>& attempt);

// Convenience: like retry_loop but returns what `fn(attempt)` returns.
template <class Fn>
auto with_retry(const RetryPolicy& policy, const CancelToken* cancel, const std::string& what,
                const RetryClassifier& is_retryable, Fn&& fn) -> std::invoke_result_t<Fn&, int> {
  using Result = std::invoke_result_t<Fn&, int>;
  if constexpr (std::is_void_v<Result>) {
    retry_loop(policy, cancel, what, is_retryable, [&](int n) { fn(n); });
  } else {
    std::optional<Result> result;
    retry_loop(policy, cancel, what, is_retryable, [&](int n) { result.emplace(fn(n)); });
    return std::move(*result);
  }
}

} // namespace exl::runner
