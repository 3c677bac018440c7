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

// Thrown instead of starting another attempt once the cancel token is set. `what()` names the
// operation and the last error.
class CancelledError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

// Says whether an exception thrown by an attempt is worth another attempt.
using RetryClassifier = std::function<bool(const std::exception&)>;

// Runs `attempt(n)` for n = 1, 2, ... under `policy`. `what` names the operation in the log (it
// is redacted). `cancel` may be null. Returns the number of attempts made; rethrows the last
// exception when giving up; throws CancelledError when cancelled between attempts.
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
