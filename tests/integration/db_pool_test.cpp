#include "db_test_support.hpp"
#include "exlschema/db/pool.hpp"
#include "exlschema/db/sql_error.hpp"
#include "exlschema/runner/task_runner.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <set>

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
      const auto rs = lease->query("SELECT CONNECTION_ID(), SLEEP(0.1)");
      {
        std::lock_guard lock(ids_mutex);
        server_ids.insert(rs.rows[0][0].value_or(""));
      }
      --holding;
      return exl::runner::TaskResult{};
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
