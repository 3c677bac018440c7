#include "exlschema/runner/retry_policy.hpp"

#include <algorithm>
#include <cmath>

namespace exl::runner {

std::chrono::milliseconds RetryPolicy::backoff_cap(int attempt) const {
  if (attempt <= 1) {
    return std::chrono::milliseconds{0};
  }
  // Computed in double and clamped before converting, so that a large attempt number cannot
  // overflow the integer representation.
  const double factor = std::pow(std::max(multiplier, 1.0), attempt - 2);
  const double cap_ms = std::min(static_cast<double>(initial_backoff.count()) * factor,
                                 static_cast<double>(max_backoff.count()));
  return std::chrono::milliseconds{static_cast<std::int64_t>(std::max(cap_ms, 0.0))};
}

std::chrono::milliseconds RetryPolicy::backoff(int attempt, std::mt19937_64& rng) const {
  const auto cap = backoff_cap(attempt).count();
  if (cap <= 0) {
    return std::chrono::milliseconds{0};
  }
  std::uniform_int_distribution<std::int64_t> dist(0, cap);
  return std::chrono::milliseconds{dist(rng)};
}

} // namespace exl::runner
