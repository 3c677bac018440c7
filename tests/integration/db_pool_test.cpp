#include "db_test_support.hpp"
#include "exlschema/db/pool.hpp"
#include "exlschema/db/sql_error.hpp"
#include "exlschema/runner/task_runner.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <set>
#include <stop_token>

using exl::db::Pool;
using namespace std::chrono_literals;

// More tasks and more runner threads than connections: the pool must cap concurrent leases at
// its size and reuse connections instead of opening new ones.
TEST(DbPoolTest, LeasesNeverExceedThePoolSizeUnderLoad) {
  EXL_REQUIRE_MARIADB(params);
  Pool pool(params, 3, "mariadb");
  std::atomic<int> holding{0};
  std::atomic<int> max_holding{0};
  std::mutex ids_mutex;
  std::set<std::string> server_ids;
  std::vector<exl::runner::Task> tasks;
  for (int i = 0; i < 12; ++i) {
    exl::runner::Task t;
    t.name = "lease" + std::to_string(i);
    t.run = [&] {
      auto lease = pool.lease();
      const int now = ++holding;
      for (int m = max_holding; now > m && !max_holding.compare_exchange_weak(m, now);) {
      }
      // The first three leases wait for each other (bounded), so the pool is provably full while
      // three more runner threads ask for a lease.
      EXPECT_TRUE(exl::test::eventually([&] { return max_holding.load() >= 3; }, 10s));
      const auto rs = lease->query("SELECT CONNECTION_ID()");
      {
        std::lock_guard lock(ids_mutex);
        server_ids.insert(rs.rows[0][0].value_or(""));
      }
      --holding;
      exl::runner::TaskResult r;
      r.status = exl::runner::TaskStatus::Succeeded;
      return r;
    };
    tasks.push_back(std::move(t));
  }
  exl::runner::RunnerOptions options;
  options.max_concurrency = 6;
  const auto results = exl::runner::TaskRunner(options).run(tasks);
  for (const auto& r : results) {
    EXPECT_EQ(r.status, exl::runner::TaskStatus::Succeeded) << r.error;
  }
  EXPECT_EQ(pool.max_in_use(), 3);
  EXPECT_EQ(max_holding.load(), 3);
  EXPECT_EQ(pool.opened(), 3);
  EXPECT_EQ(server_ids.size(), 3U); // the same three server sessions served all twelve tasks
  EXPECT_EQ(pool.in_use(), 0);
}

TEST(DbPoolTest, BrokenLeaseIsDiscardedNotReturned) {
  EXL_REQUIRE_MARIADB(params);
  Pool pool(params, 1, "mariadb");
  unsigned long first = 0;
  {
    auto lease = pool.lease();
    first = lease->thread_id();
    lease.mark_broken();
  }
  auto lease = pool.lease();
  EXPECT_NE(lease->thread_id(), first);
  EXPECT_EQ(pool.opened(), 2);
  exl::db::Connection admin(params);
  EXPECT_TRUE(
      exl::test::eventually([&] { return !exl::test::connection_listed(admin, first, ""); }, 10s))
      << "the discarded connection is still open on the server";
}

TEST(DbPoolTest, TryLeaseTimesOutWhenThePoolIsExhausted) {
  EXL_REQUIRE_MARIADB(params);
  Pool pool(params, 1, "mariadb");
  auto held = pool.lease();
  EXPECT_FALSE(pool.try_lease(50ms).has_value());
  EXPECT_THROW(pool.lease({}, 50ms), exl::db::LeaseCancelled); // lease() has a limit too
}

// A lease waiting for a free slot ends when its stop token is stopped (the run's CancelToken),
// instead of waiting for a connection that a stuck task may never return.
TEST(DbPoolTest, LeaseWaitEndsWhenStopped) {
  EXL_REQUIRE_MARIADB(params);
  Pool pool(params, 1, "mariadb");
  auto held = pool.lease();
  std::stop_source stop;
  auto waiting = std::async(std::launch::async, [&] { return pool.lease(stop.get_token()); });
  EXPECT_EQ(waiting.wait_for(100ms), std::future_status::timeout); // blocked on the held slot
  stop.request_stop();
  ASSERT_EQ(waiting.wait_for(10s), std::future_status::ready);
  EXPECT_THROW(waiting.get(), exl::db::LeaseCancelled);
  EXPECT_EQ(pool.in_use(), 1);
}

// SIGINT/SIGTERM wiring: interrupt_running stops the statements of every leased connection.
TEST(DbPoolTest, InterruptRunningStopsLeasedStatements) {
  EXL_REQUIRE_MARIADB(params);
  Pool pool(params, 2, "mariadb");
  std::atomic<unsigned long> running_on{0};
  auto result = std::async(std::launch::async, [&] {
    auto lease = pool.lease();
    running_on = lease->thread_id();
    try {
      lease->query("SELECT SUM(a.seq * b.seq) FROM mysql.seq_1_to_100000 a, "
                   "mysql.seq_1_to_100000 b");
      return 0;
    } catch (const exl::db::SqlError& e) {
      return e.error_number();
    }
  });
  exl::db::Connection admin(params);
  ASSERT_TRUE(exl::test::eventually(
      [&] {
        return running_on != 0 &&
               exl::test::statement_of(admin, running_on).find("seq_1_to") != std::string::npos;
      },
      10s));
  EXPECT_EQ(pool.interrupt_running(), 1);
  ASSERT_EQ(result.wait_for(10s), std::future_status::ready);
  EXPECT_EQ(result.get(), 1317);          // ER_QUERY_INTERRUPTED
  EXPECT_EQ(pool.interrupt_running(), 0); // nothing leased any more
}
