// The throttle on a real SHOW BACKENDS: exlSchema's reader (modes::target_disk_reader, through a
// modes::Gate on the target) against srsim's simulated backend disk, moved with
// `ADMIN SET SIM MAX DISK USED PCT <x>` (docs/srsim.md); the throttle pauses above 80 %, resumes
// below, stops above 90 %; a user without OPERATE (SHOW BACKENDS needs it) is not stopped.
#include "srsim_test_support.hpp"

#include "exlschema/db/pool.hpp"
#include "exlschema/modes/target_disk.hpp"
#include "exlschema/modes/throttle.hpp"
#include "exlschema/runner/retry.hpp"
#include "exlschema/starrocks/cluster_info.hpp"
#include "exlschema/starrocks/cluster_info_sql.hpp"

#include <gtest/gtest.h>

#include <condition_variable>
#include <cstdio>
#include <future>
#include <mutex>
#include <string>
#include <vector>

namespace exl::test::xcheck {
namespace {

using namespace std::chrono_literals;
using Kind = modes::ThrottleEvent::Kind;

constexpr auto k_deadline = 30s;

// srsim's simulated disk of a cluster, put back as it was when the test ends: dst is shared with
// the other cross-checks.
class SimDisk {
public:
  explicit SimDisk(const db::ConnectionParams& params) : m_admin(params) {
    const auto rs = m_admin.query(starrocks::build_show_backends());
    const auto nodes = starrocks::parse_nodes(starrocks::NodeKind::Backend, rs.columns, rs.rows);
    const auto* fullest = starrocks::fullest_backend(nodes);
    m_original = fullest != nullptr ? *fullest->max_disk_used_pct : 44.72;
  }
  ~SimDisk() {
    try {
      set(m_original);
    } catch (const std::exception& e) {
      ADD_FAILURE() << "could not restore the simulated disk: " << e.what();
    }
  }
  SimDisk(const SimDisk&) = delete;
  SimDisk& operator=(const SimDisk&) = delete;

  void set(double pct) {
    char text[32];
    std::snprintf(text, sizeof text, "%.2f", pct);
    m_admin.execute(std::string("ADMIN SET SIM MAX DISK USED PCT ") + text);
  }
  db::Connection& admin() { return m_admin; }

private:
  db::Connection m_admin;
  double m_original = 0;
};

// The throttle's events, with a wait for the n-th.
class Recorder {
public:
  std::function<void(const modes::ThrottleEvent&)> callback() {
    return [this](const modes::ThrottleEvent& e) {
      const std::lock_guard lock(m_mutex);
      m_kinds.push_back(e.kind);
      m_reasons.push_back(e.reason);
      m_cv.notify_all();
    };
  }
  bool wait_for(std::size_t n) {
    std::unique_lock lock(m_mutex);
    return m_cv.wait_for(lock, k_deadline, [&] { return m_kinds.size() >= n; });
  }
  std::vector<Kind> kinds() const {
    const std::lock_guard lock(m_mutex);
    return m_kinds;
  }
  std::string reason(std::size_t i) const {
    const std::lock_guard lock(m_mutex);
    return m_reasons.at(i);
  }

private:
  mutable std::mutex m_mutex;
  std::condition_variable m_cv;
  std::vector<Kind> m_kinds;
  std::vector<std::string> m_reasons;
};

// Cancels the run when the test ends, which wakes a task still waiting in before_task.
struct CancelOnExit {
  runner::CancelToken& cancel;
  ~CancelOnExit() { cancel.cancel(); }
};

modes::ClusterFacts shared_nothing_target() {
  modes::ClusterFacts facts;
  facts.alias = "dst";
  return facts;
}

modes::ThrottleSettings quick_settings() {
  modes::ThrottleSettings settings;
  settings.poll = 50ms;
  settings.reuse_reading = 0ms;
  return settings;
}

TEST(SrsimThrottleTest, ReaderFindsTheFullestBackendDisk) {
  EXL_REQUIRE_SANDBOX(sb);
  SimDisk disk(sb.dst);
  disk.set(63.25);
  db::Pool pool(sb.dst, 2, "dst");
  runner::CancelToken cancel;
  modes::Gate gate(nullptr, pool, false, runner::RetryPolicy{}, &cancel);
  const modes::DiskReader read = modes::target_disk_reader(gate, shared_nothing_target());
  ASSERT_TRUE(read);
  const auto usage = read();
  ASSERT_TRUE(usage);
  EXPECT_DOUBLE_EQ(usage->pct, 63.25);
  EXPECT_EQ(usage->backend, "127.0.0.1:9050");
}

// Each simulated release prints SHOW BACKENDS with its own columns (2.5 ends at CpuCores,
// 3.4 adds StatusCode): the reader finds MaxDiskUsedPct in each.
TEST(SrsimThrottleTest, ReaderWorksOnEverySimulatedRelease) {
  for (const std::string& version : simulated_versions()) {
    SCOPED_TRACE(version);
    const auto params = target_of_version(version);
    ASSERT_TRUE(params) << "no sandbox target of StarRocks " << version;
    SimDisk disk(*params);
    disk.set(81.5);
    db::Pool pool(*params, 1, "dst");
    modes::Gate gate(nullptr, pool, false, runner::RetryPolicy{}, nullptr);
    const auto usage = modes::target_disk_reader(gate, shared_nothing_target())();
    ASSERT_TRUE(usage);
    EXPECT_DOUBLE_EQ(usage->pct, 81.5);
  }
}

TEST(SrsimThrottleTest, PausesAboveTheLimitResumesBelowAndStopsWhenCritical) {
  EXL_REQUIRE_SANDBOX(sb);
  SimDisk disk(sb.dst);
  disk.set(85);
  db::Pool pool(sb.dst, 2, "dst");
  runner::CancelToken cancel;
  modes::Gate gate(nullptr, pool, false, runner::RetryPolicy{}, &cancel);
  Recorder events;
  modes::Throttle throttle(modes::target_disk_reader(gate, shared_nothing_target()),
                           quick_settings(), cancel, events.callback());
  auto task = std::async(std::launch::async, [&] { throttle.before_task(); });
  const CancelOnExit release{cancel}; // a failed assertion must not leave the task waiting
  ASSERT_TRUE(events.wait_for(1));
  EXPECT_EQ(events.kinds().front(), Kind::Paused);
  EXPECT_EQ(events.reason(0), "target disk 85.00 % full on 127.0.0.1:9050, above "
                              "defaults.max_disk_used_pct (80 %)");
  EXPECT_NE(task.wait_for(0ms), std::future_status::ready); // the disk stays at 85 meanwhile

  disk.set(44.72);
  ASSERT_EQ(task.wait_for(k_deadline), std::future_status::ready);
  task.get(); // the task may start
  ASSERT_TRUE(events.wait_for(2));
  EXPECT_EQ(events.kinds()[1], Kind::Resumed);

  disk.set(93.4);
  throttle.start(); // the watcher notices between tasks
  ASSERT_TRUE(events.wait_for(3));
  EXPECT_EQ(events.kinds()[2], Kind::Stopped);
  EXPECT_EQ(events.reason(2), "target disk 93.40 % full on 127.0.0.1:9050, above "
                              "defaults.critical_disk_used_pct (90 %)");
  EXPECT_THROW(throttle.before_task(), modes::ThrottleStop);
  throttle.stop();
}

// SHOW BACKENDS needs OPERATE or NODE: a login without them cannot watch the disk, and the run
// goes on (the disk would stop it if it could be read).
TEST(SrsimThrottleTest, ALoginWithoutOperateIsNotStopped) {
  EXL_REQUIRE_SANDBOX(sb);
  SimDisk disk(sb.dst);
  disk.set(95);
  const std::string user = "exl_throttle_" + std::to_string(::getpid());
  disk.admin().execute("CREATE USER " + user + " IDENTIFIED BY 'th-pw-1'");
  db::ConnectionParams params = sb.dst;
  params.user = user;
  params.password = "th-pw-1";
  {
    db::Pool pool(params, 1, "dst");
    runner::CancelToken cancel;
    modes::Gate gate(nullptr, pool, false, runner::RetryPolicy{}, &cancel);
    const modes::DiskReader read = modes::target_disk_reader(gate, shared_nothing_target());
    EXPECT_THROW(read(), db::SqlError); // what the throttle will swallow
    Recorder events;
    modes::Throttle throttle(read, quick_settings(), cancel, events.callback());
    EXPECT_NO_THROW(throttle.before_task());
    EXPECT_NO_THROW(throttle.before_task());
    EXPECT_TRUE(events.kinds().empty());
  }
  disk.admin().execute("DROP USER " + user);
}

TEST(SrsimThrottleTest, SharedDataTargetIsNotWatched) {
  EXL_REQUIRE_SANDBOX(sb);
  db::Pool pool(sb.dst, 1, "dst");
  modes::Gate gate(nullptr, pool, false, runner::RetryPolicy{}, nullptr);
  modes::ClusterFacts facts = shared_nothing_target();
  facts.shared_data = true;
  EXPECT_FALSE(modes::target_disk_reader(gate, facts));
}

} // namespace
} // namespace exl::test::xcheck
