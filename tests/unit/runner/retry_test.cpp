#include "exlschema/runner/retry.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <set>
#include <stdexcept>
#include <thread>

using exl::runner::CancelledError;
using exl::runner::CancelToken;
using exl::runner::OutcomeUnknownError;
using exl::runner::RetryPolicy;
using exl::runner::with_retry;
using namespace std::chrono_literals;

namespace {

struct Transient : std::runtime_error {
  using std::runtime_error::runtime_error;
};

bool only_transient(const std::exception& e) {
  return dynamic_cast<const Transient*>(&e);
}

RetryPolicy fast_policy(int attempts) {
  RetryPolicy p;
  p.max_attempts = attempts;
  p.initial_backoff = 1ms;
  p.max_backoff = 4ms;
  p.max_total = 10s;
  return p;
}

} // namespace

TEST(RetryPolicyTest, CapGrowsExponentiallyUpToTheMaximum) {
  RetryPolicy p;
  p.initial_backoff = 100ms;
  p.max_backoff = 1000ms;
  p.multiplier = 2.0;
  EXPECT_EQ(p.backoff_cap(1), 0ms);
  EXPECT_EQ(p.backoff_cap(2), 100ms);
  EXPECT_EQ(p.backoff_cap(3), 200ms);
  EXPECT_EQ(p.backoff_cap(4), 400ms);
  EXPECT_EQ(p.backoff_cap(5), 800ms);
  EXPECT_EQ(p.backoff_cap(6), 1000ms);
  EXPECT_EQ(p.backoff_cap(500), 1000ms); // no overflow on absurd attempt numbers
}

TEST(RetryPolicyTest, FullJitterStaysWithinTheCapAndVaries) {
  RetryPolicy p;
  p.initial_backoff = 1000ms;
  p.max_backoff = 1000ms;
  std::mt19937_64 rng(42);
  std::set<long> seen;
  for (int i = 0; i < 200; ++i) {
    const auto d = p.backoff(3, rng);
    ASSERT_GE(d, 0ms);
    ASSERT_LE(d, 1000ms);
    seen.insert(static_cast<long>(d.count()));
  }
  EXPECT_GT(seen.size(), 50U); // jitter, not a fixed delay
}

TEST(RetryTest, RetriesTransientErrorsUntilSuccess) {
  int calls = 0;
  const int value = with_retry(fast_policy(5), nullptr, "op", only_transient, [&](int n) {
    ++calls;
    EXPECT_EQ(n, calls);
    if (n < 3) {
      throw Transient("lost connection");
    }
    return 7;
  });
  EXPECT_EQ(value, 7);
  EXPECT_EQ(calls, 3);
}

TEST(RetryTest, StopsAfterMaxAttemptsAndRethrowsTheLastError) {
  int calls = 0;
  EXPECT_THROW(with_retry(fast_policy(3), nullptr, "op", only_transient,
                          [&](int) {
                            ++calls;
                            throw Transient("gone");
                          }),
               Transient);
  EXPECT_EQ(calls, 3);
}

TEST(RetryTest, PermanentErrorsAreNotRetried) {
  int calls = 0;
  EXPECT_THROW(with_retry(fast_policy(5), nullptr, "op", only_transient,
                          [&](int) {
                            ++calls;
                            throw std::logic_error("syntax error");
                          }),
               std::logic_error);
  EXPECT_EQ(calls, 1);
}

TEST(RetryTest, TotalTimeBudgetBoundsTheRetries) {
  RetryPolicy p = fast_policy(1000);
  p.initial_backoff = 20ms;
  p.max_backoff = 20ms;
  p.max_total = 100ms;
  int calls = 0;
  const auto start = std::chrono::steady_clock::now();
  EXPECT_THROW(with_retry(p, nullptr, "op", only_transient,
                          [&](int) {
                            ++calls;
                            throw Transient("timeout");
                          }),
               Transient);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 2s);
  EXPECT_LT(calls, 1000);
}

TEST(RetryTest, CancelDuringBackoffStopsWithCancelledError) {
  RetryPolicy p = fast_policy(10);
  p.initial_backoff = 60s; // the wait would be long: only cancellation can end it quickly
  p.max_backoff = 60s;
  p.max_total = 600s;
  CancelToken token;
  // Atomic: read by the canceller thread while the retry loop writes it.
  std::atomic<int> calls{0};
  std::jthread canceller([&] {
    // Cancel once the first attempt has failed (poll with a deadline, no blind sleep).
    const auto deadline = std::chrono::steady_clock::now() + 5s;
    while (calls == 0 && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::yield();
    }
    token.cancel(15);
  });
  const auto start = std::chrono::steady_clock::now();
  // A jittered wait can be 0 ms; the loop then retries at once, which is fine: it keeps failing
  // until the cancel lands.
  EXPECT_THROW(with_retry(p, &token, "op", only_transient,
                          [&](int) -> int {
                            ++calls;
                            throw Transient("lost");
                          }),
               CancelledError);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 10s);
}

// Work whose outcome is unknown is never sent again, even when the classifier would accept it:
// the rule holds in the loop itself, so no caller (the task runner included) can get around it.
TEST(RetryTest, OutcomeUnknownIsNeverRetriedWhateverTheClassifier) {
  int calls = 0;
  EXPECT_THROW(with_retry(
                   fast_policy(5), nullptr, "INSERT", [](const std::exception&) { return true; },
                   [&](int) {
                     ++calls;
                     throw OutcomeUnknownError("lost after sending", 2013);
                   }),
               OutcomeUnknownError);
  EXPECT_EQ(calls, 1);
}
