#include "exlschema/report/progress_ticker.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <mutex>

namespace exl::report {
namespace {

// Counts ticks; a test waits for a number of them (a deadline, not a sleep).
struct TickCounter {
  std::mutex mutex;
  std::condition_variable cv;
  int ticks = 0;

  void tick() {
    {
      std::lock_guard lock(mutex);
      ++ticks;
    }
    cv.notify_all();
  }
  bool wait_for_ticks(int n) {
    std::unique_lock lock(mutex);
    return cv.wait_for(lock, std::chrono::seconds(30), [&] { return ticks >= n; });
  }
  int count() {
    std::lock_guard lock(mutex);
    return ticks;
  }
};

// An interval no test reaches: every tick below comes from wake(), none from the clock.
constexpr auto k_never = std::chrono::hours(24);

TEST(ProgressTickerTest, TicksWhenWokenAndNotBefore) {
  TickCounter counter;
  ProgressTicker ticker([&] { counter.tick(); }, k_never);
  EXPECT_EQ(counter.count(), 0);
  ticker.wake();
  ASSERT_TRUE(counter.wait_for_ticks(1));
  ticker.wake();
  ASSERT_TRUE(counter.wait_for_ticks(2));
  ticker.stop();
  EXPECT_EQ(counter.count(), 2);
}

TEST(ProgressTickerTest, StopJoinsAThreadWaitingForItsIntervalAtOnce) {
  TickCounter counter;
  ProgressTicker ticker([&] { counter.tick(); }, k_never);
  ticker.stop(); // would take a day if stop waited for the interval
  ticker.stop(); // idempotent
  ticker.wake(); // no tick after stop
  EXPECT_EQ(counter.count(), 0);
}

TEST(ProgressTickerTest, DestructionStopsTheThread) {
  TickCounter counter;
  {
    ProgressTicker ticker([&] { counter.tick(); }, k_never);
    ticker.wake();
    ASSERT_TRUE(counter.wait_for_ticks(1));
  } // an exception or SIGINT unwinding the run ends here too
  EXPECT_EQ(counter.count(), 1);
}

} // namespace
} // namespace exl::report
