#include "exlschema/config/run_options.hpp"
#include "exlschema/modes/throttle.hpp"
#include "exlschema/runner/retry.hpp"
#include "support/temp_dir.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <future>
#include <mutex>
#include <stdexcept>
#include <vector>

// The throttle with a fake disk reader and real control files. Every wait is on an event, a
// future or a condition variable with a deadline; nothing sleeps to synchronise.
namespace exl::modes {
namespace {

using namespace std::chrono_literals;
using Kind = ThrottleEvent::Kind;
using ::testing::HasSubstr;

constexpr auto k_deadline = 10s;

// Collects the throttle's events and lets a test wait for the n-th.
class Recorder {
public:
  std::function<void(const ThrottleEvent&)> callback() {
    return [this](const ThrottleEvent& e) {
      const std::lock_guard lock(m_mutex);
      m_events.push_back(e);
      m_cv.notify_all();
    };
  }
  // True when at least `n` events arrived before the deadline.
  bool wait_for(std::size_t n) {
    std::unique_lock lock(m_mutex);
    return m_cv.wait_for(lock, k_deadline, [&] { return m_events.size() >= n; });
  }
  std::vector<Kind> kinds() const {
    const std::lock_guard lock(m_mutex);
    std::vector<Kind> out;
    for (const ThrottleEvent& e : m_events) {
      out.push_back(e.kind);
    }
    return out;
  }
  ThrottleEvent at(std::size_t i) const {
    const std::lock_guard lock(m_mutex);
    return m_events.at(i);
  }

private:
  mutable std::mutex m_mutex;
  std::condition_variable m_cv;
  std::vector<ThrottleEvent> m_events;
};

// A fake fullest-disk reading the test moves; counts the reads.
struct FakeDisk {
  std::atomic<double> pct{40};
  std::atomic<int> reads{0};
  DiskReader reader() {
    return [this]() -> std::optional<DiskUsage> {
      ++reads;
      return DiskUsage{pct.load(), "10.0.0.7:9050"};
    };
  }
};

ThrottleSettings fast_settings() {
  ThrottleSettings settings;
  settings.poll = 20ms;
  settings.reuse_reading = 0ms;
  return settings;
}

// before_task on a thread of its own. A task still waiting when the test ends is released by
// cancelling the run, so that a failed expectation cannot hang the test.
class TaskStart {
public:
  TaskStart(Throttle& throttle, runner::CancelToken& cancel)
      : m_cancel(cancel),
        m_done(std::async(std::launch::async, [&throttle] { throttle.before_task(); })) {}
  ~TaskStart() {
    m_cancel.cancel();
    if (m_done.valid()) { // not yet taken by get()
      m_done.wait();
    }
  }
  bool returned_within(std::chrono::milliseconds limit) const {
    return m_done.wait_for(limit) == std::future_status::ready;
  }
  bool waiting() const { return !returned_within(0ms); }
  void get() { m_done.get(); } // rethrows what before_task threw

private:
  runner::CancelToken& m_cancel;
  std::future<void> m_done;
};

std::string create_file(const std::string& path) {
  std::ofstream(path) << "";
  return path;
}

TEST(ThrottleTest, StartsTasksWhileAllIsWell) {
  FakeDisk disk;
  runner::CancelToken cancel;
  Recorder events;
  Throttle throttle(disk.reader(), fast_settings(), cancel, events.callback());
  throttle.before_task();
  throttle.before_task();
  EXPECT_EQ(disk.reads.load(), 2); // no reuse in these settings: one read per task start
  EXPECT_TRUE(events.kinds().empty());
  EXPECT_FALSE(throttle.paused());
  EXPECT_FALSE(throttle.stopped());
}

TEST(ThrottleTest, PausesAboveTheLimitAndResumesWhenTheDiskFalls) {
  FakeDisk disk;
  disk.pct = 85;
  runner::CancelToken cancel;
  Recorder events;
  Throttle throttle(disk.reader(), fast_settings(), cancel, events.callback());
  TaskStart task(throttle, cancel);
  ASSERT_TRUE(events.wait_for(1));
  EXPECT_EQ(events.at(0).kind, Kind::Paused);
  EXPECT_EQ(events.at(0).reason, "target disk 85.00 % full on 10.0.0.7:9050, above "
                                 "defaults.max_disk_used_pct (80 %)");
  EXPECT_TRUE(throttle.paused());
  EXPECT_TRUE(task.waiting()); // the disk stays at 85 until the test moves it

  disk.pct = 79.5;
  ASSERT_TRUE(events.wait_for(2));
  ASSERT_TRUE(task.returned_within(k_deadline));
  task.get(); // returned normally: the task may start
  EXPECT_EQ(events.at(1).kind, Kind::Resumed);
  EXPECT_THAT(events.at(1).reason, HasSubstr("after "));
  EXPECT_THAT(events.at(1).reason,
              HasSubstr("target disk 79.50 % full on 10.0.0.7:9050 (limit 80 %)"));
  EXPECT_FALSE(throttle.paused());
  EXPECT_EQ(throttle.events().size(), 2U);
}

TEST(ThrottleTest, StopsAboveTheCriticalLimitForGood) {
  FakeDisk disk;
  disk.pct = 90.01;
  runner::CancelToken cancel;
  Recorder events;
  Throttle throttle(disk.reader(), fast_settings(), cancel, events.callback());
  try {
    throttle.before_task();
    FAIL() << "the task was allowed to start";
  } catch (const ThrottleStop& e) {
    EXPECT_EQ(e.reason(), "target disk 90.01 % full on 10.0.0.7:9050, above "
                          "defaults.critical_disk_used_pct (90 %)");
    EXPECT_THAT(e.what(), HasSubstr("not started: the run was stopped: target disk 90.01 %"));
  }
  EXPECT_EQ(events.kinds(), std::vector<Kind>{Kind::Stopped});
  ASSERT_TRUE(throttle.stopped());

  disk.pct = 10; // a stop is final: the run does not pick up again
  EXPECT_THROW(throttle.before_task(), ThrottleStop);
  EXPECT_EQ(events.kinds(), std::vector<Kind>{Kind::Stopped});
}

TEST(ThrottleTest, AWaitingTaskFailsWhenThePauseTurnsIntoAStop) {
  FakeDisk disk;
  disk.pct = 85;
  runner::CancelToken cancel;
  Recorder events;
  Throttle throttle(disk.reader(), fast_settings(), cancel, events.callback());
  TaskStart task(throttle, cancel);
  ASSERT_TRUE(events.wait_for(1));
  disk.pct = 96;
  ASSERT_TRUE(task.returned_within(k_deadline));
  EXPECT_THROW(task.get(), ThrottleStop);
  EXPECT_EQ(events.kinds(), (std::vector<Kind>{Kind::Paused, Kind::Stopped}));
}

TEST(ThrottleTest, PauseFileHoldsTasksUntilItIsRemoved) {
  const config::test::TempDir dir;
  ThrottleSettings settings = fast_settings();
  settings.pause_file = create_file(dir.path() + "/exl.pause");
  runner::CancelToken cancel;
  Recorder events;
  Throttle throttle({}, settings, cancel, events.callback()); // disk not watched
  TaskStart task(throttle, cancel);
  ASSERT_TRUE(events.wait_for(1));
  EXPECT_EQ(events.at(0).kind, Kind::Paused);
  EXPECT_EQ(events.at(0).reason, "the pause file " + settings.pause_file + " exists (-pause-file)");
  EXPECT_TRUE(task.waiting());

  std::filesystem::remove(settings.pause_file);
  ASSERT_TRUE(task.returned_within(k_deadline));
  task.get();
  ASSERT_TRUE(events.wait_for(2));
  EXPECT_EQ(events.at(1).kind, Kind::Resumed);
  EXPECT_THAT(events.at(1).reason,
              HasSubstr("the pause file " + settings.pause_file + " is absent"));
}

TEST(ThrottleTest, PanicFileStopsTheRun) {
  const config::test::TempDir dir;
  ThrottleSettings settings = fast_settings();
  settings.panic_file = dir.path() + "/exl.panic";
  FakeDisk disk;
  runner::CancelToken cancel;
  Recorder events;
  Throttle throttle(disk.reader(), settings, cancel, events.callback());
  throttle.before_task(); // no file yet

  create_file(settings.panic_file);
  try {
    throttle.before_task();
    FAIL() << "the task was allowed to start";
  } catch (const ThrottleStop& e) {
    EXPECT_EQ(e.reason(), "the panic file " + settings.panic_file + " exists (-panic-file)");
  }
  EXPECT_EQ(events.kinds(), std::vector<Kind>{Kind::Stopped});
  std::filesystem::remove(settings.panic_file);
  EXPECT_THROW(throttle.before_task(), ThrottleStop);
}

TEST(ThrottleTest, PanicFileStopsTasksWaitingOnThePauseFile) {
  const config::test::TempDir dir;
  ThrottleSettings settings = fast_settings();
  settings.pause_file = create_file(dir.path() + "/exl.pause");
  settings.panic_file = dir.path() + "/exl.panic";
  runner::CancelToken cancel;
  Recorder events;
  Throttle throttle({}, settings, cancel, events.callback());
  TaskStart task(throttle, cancel);
  ASSERT_TRUE(events.wait_for(1));
  create_file(settings.panic_file);
  ASSERT_TRUE(task.returned_within(k_deadline));
  EXPECT_THROW(task.get(), ThrottleStop);
  EXPECT_EQ(events.kinds(), (std::vector<Kind>{Kind::Paused, Kind::Stopped}));
}

TEST(ThrottleTest, CancellationWakesAWaiterAtOnce) {
  FakeDisk disk;
  disk.pct = 85;
  ThrottleSettings settings = fast_settings();
  settings.poll = std::chrono::hours(1); // only the cancellation can end the wait
  runner::CancelToken cancel;
  Recorder events;
  Throttle throttle(disk.reader(), settings, cancel, events.callback());
  TaskStart task(throttle, cancel);
  ASSERT_TRUE(events.wait_for(1));
  EXPECT_TRUE(task.waiting());
  cancel.cancel();
  ASSERT_TRUE(task.returned_within(k_deadline));
  EXPECT_THROW(task.get(), runner::CancelledError);
  EXPECT_THROW(throttle.before_task(), runner::CancelledError);
}

TEST(ThrottleTest, ADiskThatCannotBeReadDoesNotStopTheRun) {
  const config::test::TempDir dir;
  ThrottleSettings settings = fast_settings();
  settings.pause_file = dir.path() + "/exl.pause";
  std::atomic<int> reads{0};
  const DiskReader refused = [&]() -> std::optional<DiskUsage> {
    ++reads;
    throw std::runtime_error("Access denied; you need (at least one of) the OPERATE privilege(s)");
  };
  runner::CancelToken cancel;
  Recorder events;
  Throttle throttle(refused, settings, cancel, events.callback());
  throttle.before_task();
  throttle.before_task();
  EXPECT_EQ(reads.load(), 2);
  EXPECT_TRUE(events.kinds().empty());

  create_file(settings.pause_file); // the control files still work
  TaskStart task(throttle, cancel);
  ASSERT_TRUE(events.wait_for(1));
  EXPECT_EQ(events.at(0).kind, Kind::Paused);
}

TEST(ThrottleTest, NoBackendReportingADiskDoesNotStopTheRun) {
  runner::CancelToken cancel;
  Throttle throttle([] { return std::optional<DiskUsage>(); }, fast_settings(), cancel);
  throttle.before_task();
  EXPECT_FALSE(throttle.paused());
  EXPECT_FALSE(throttle.stopped());
}

TEST(ThrottleTest, TheWatcherNoticesAPauseAndAStopBetweenTasks) {
  FakeDisk disk;
  runner::CancelToken cancel;
  Recorder events;
  Throttle throttle(disk.reader(), fast_settings(), cancel, events.callback());
  throttle.start();
  disk.pct = 81;
  ASSERT_TRUE(events.wait_for(1));
  EXPECT_EQ(events.at(0).kind, Kind::Paused);
  disk.pct = 91;
  ASSERT_TRUE(events.wait_for(2));
  EXPECT_EQ(events.at(1).kind, Kind::Stopped);
  throttle.stop();
  throttle.stop(); // idempotent
}

TEST(ThrottleTest, ManyTasksStartingTogetherShareOneReading) {
  FakeDisk disk;
  ThrottleSettings settings = fast_settings();
  settings.reuse_reading = std::chrono::hours(1);
  runner::CancelToken cancel;
  Throttle throttle(disk.reader(), settings, cancel);
  std::vector<std::future<void>> starts;
  for (int i = 0; i < 8; ++i) {
    starts.push_back(std::async(std::launch::async, [&] { throttle.before_task(); }));
  }
  for (auto& start : starts) {
    ASSERT_EQ(start.wait_for(k_deadline), std::future_status::ready);
    start.get();
  }
  EXPECT_EQ(disk.reads.load(), 1);
}

TEST(ThrottleTest, APauseIsReportedAgainOnlyWhenItsCauseChanges) {
  const config::test::TempDir dir;
  ThrottleSettings settings = fast_settings();
  settings.pause_file = dir.path() + "/exl.pause";
  FakeDisk disk;
  disk.pct = 85;
  runner::CancelToken cancel;
  Recorder events;
  Throttle throttle(disk.reader(), settings, cancel, events.callback());
  throttle.check();
  disk.pct = 86; // the same cause: not reported again
  throttle.check();
  EXPECT_EQ(events.kinds(), std::vector<Kind>{Kind::Paused});
  create_file(settings.pause_file);
  throttle.check();
  ASSERT_EQ(events.kinds(), (std::vector<Kind>{Kind::Paused, Kind::Paused}));
  EXPECT_EQ(events.at(1).reason, "the pause file " + settings.pause_file +
                                     " exists (-pause-file) and target disk 86.00 % full on "
                                     "10.0.0.7:9050, above defaults.max_disk_used_pct (80 %)");
}

TEST(ThrottleTest, AFailingEventCallbackDoesNotStopTheRun) {
  FakeDisk disk;
  disk.pct = 85;
  runner::CancelToken cancel;
  Throttle throttle(disk.reader(), fast_settings(), cancel,
                    [](const ThrottleEvent&) { throw std::runtime_error("feishu down"); });
  throttle.check();
  EXPECT_TRUE(throttle.paused());
  disk.pct = 10;
  throttle.check();
  EXPECT_FALSE(throttle.paused());
  EXPECT_EQ(throttle.events().size(), 2U);
}

TEST(ThrottleTest, SettingsComeFromTheRunOptions) {
  config::RunOptions options;
  options.max_disk_used_pct = 70;
  options.critical_disk_used_pct = 95;
  options.pause_file = "/run/exl.pause";
  options.panic_file = "/run/exl.panic";
  const ThrottleSettings settings = settings_of(options);
  EXPECT_EQ(settings.max_disk_used_pct, 70);
  EXPECT_EQ(settings.critical_disk_used_pct, 95);
  EXPECT_EQ(settings.pause_file, "/run/exl.pause");
  EXPECT_EQ(settings.panic_file, "/run/exl.panic");
  EXPECT_EQ(settings.poll, 5s);
}

} // namespace
} // namespace exl::modes
