#pragma once

#include <chrono>
#include <cstdint>
#include <random>

// How often and how patiently a transient failure is retried: exponential backoff with full
// jitter (the wait before attempt n is uniform in [0, min(`max_backoff`, `initial_backoff` *
// `multiplier`^(n-2))]), at most `max_attempts` attempts (the first included) and no new attempt
// once `max_total` has passed since the first one started. Full jitter spreads the retries of
// many tasks that failed together (an FE restart) instead of hammering the FE in lockstep.
namespace exl::runner {

struct RetryPolicy {
  int max_attempts = 4;
  std::chrono::milliseconds initial_backoff{500};
  std::chrono::milliseconds max_backoff{30'000};
  std::chrono::milliseconds max_total{300'000};
  double multiplier = 2.0;

  // The largest wait before attempt `attempt` (2 = the first retry); 0 for attempt <= 1.
  std::chrono::milliseconds backoff_cap(int attempt) const;

  // A wait drawn uniformly from [0, backoff_cap(attempt)] with `rng`.
  std::chrono::milliseconds backoff(int attempt, std::mt19937_64& rng) const;

  // No retries at all: one attempt.
  static RetryPolicy none() { return RetryPolicy{1, {}, {}, {}, 1.0}; }
};

} // namespace exl::runner
