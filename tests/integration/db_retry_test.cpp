#include "db_test_support.hpp"
#include "exlschema/db/pool.hpp"
#include "exlschema/db/sql_error.hpp"
#include "exlschema/runner/db_retry.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <future>

using exl::db::Connection;
using exl::db::Pool;
using namespace std::chrono_literals;

namespace {

exl::runner::RetryPolicy quick_policy() {
  exl::runner::RetryPolicy p;
  p.max_attempts = 3;
  p.initial_backoff = 10ms;
  p.max_backoff = 50ms;
  p.max_total = 30s;
  return p;
}

} // namespace

// A pooled connection killed by another session while idle: the next statement fails with a
// connection error, the retry discards it, leases a fresh one and succeeds.
TEST(DbRetryTest, KilledIdleConnectionIsReplacedTransparently) {
  EXL_REQUIRE_MARIADB(params);
  Pool pool(params, 1, "mariadb");
  unsigned long victim = 0;
  {
    auto lease = pool.lease();
    victim = lease->thread_id();
  }
  Connection admin(params);
  admin.execute("KILL CONNECTION " + std::to_string(victim));
  ASSERT_TRUE(
      exl::test::eventually([&] { return !exl::test::connection_listed(admin, victim, ""); }, 10s));
  int attempts = 0;
  const auto id = exl::runner::with_retry(pool, quick_policy(), nullptr, "SELECT CONNECTION_ID()",
                                          [&](Connection& c) {
                                            ++attempts;
                                            return c.query("SELECT CONNECTION_ID()").rows[0][0];
                                          });
  EXPECT_EQ(attempts, 2);
  EXPECT_NE(id, std::to_string(victim));
  EXPECT_EQ(pool.opened(), 2);
}

// A statement in flight whose connection is killed: the caller sees no error, only a second
// attempt on a new connection.
TEST(DbRetryTest, ConnectionKilledDuringAStatementIsRetried) {
  EXL_REQUIRE_MARIADB(params);
  Pool pool(params, 2, "mariadb");
  std::atomic<unsigned long> running_on{0};
  auto result = std::async(std::launch::async, [&] {
    return exl::runner::with_retry(pool, quick_policy(), nullptr, "slow read", [&](Connection& c) {
      if (running_on == 0) {
        running_on = c.thread_id();
        return c.query("SELECT SLEEP(30)").rows[0][0];
      }
      return c.query("SELECT 'second'").rows[0][0];
    });
  });
  Connection admin(params);
  ASSERT_TRUE(exl::test::eventually(
      [&] {
        return running_on != 0 && exl::test::connection_listed(admin, running_on, "User sleep");
      },
      10s));
  admin.execute("KILL CONNECTION " + std::to_string(running_on.load()));
  ASSERT_EQ(result.wait_for(20s), std::future_status::ready);
  EXPECT_EQ(result.get(), "second");
}

// KILL QUERY is deliberate (an operator stopping a statement): it is not retried.
TEST(DbRetryTest, KillQueryIsNotRetried) {
  EXL_REQUIRE_MARIADB(params);
  Pool pool(params, 2, "mariadb");
  std::atomic<unsigned long> running_on{0};
  std::atomic<int> attempts{0};
  auto result = std::async(std::launch::async, [&] {
    return exl::runner::with_retry(pool, quick_policy(), nullptr, "slow read", [&](Connection& c) {
      ++attempts;
      running_on = c.thread_id();
      // A huge join, not SLEEP/BENCHMARK: those return a value when interrupted.
      return c
          .query("SELECT SUM(a.seq * b.seq) FROM mysql.seq_1_to_100000 a, mysql.seq_1_to_100000 b")
          .rows[0][0];
    });
  });
  Connection admin(params);
  ASSERT_TRUE(exl::test::eventually(
      [&] {
        return running_on != 0 &&
               exl::test::statement_of(admin, running_on).find("seq_1_to") != std::string::npos;
      },
      10s));
  admin.execute("KILL QUERY " + std::to_string(running_on.load()));
  ASSERT_EQ(result.wait_for(20s), std::future_status::ready);
  try {
    result.get();
    FAIL() << "the killed query returned a value";
  } catch (const exl::db::SqlError& e) {
    EXPECT_EQ(e.error_number(), 1317) << e.what(); // ER_QUERY_INTERRUPTED
  }
  EXPECT_EQ(attempts.load(), 1);
}

// Retries stop at the policy's bound when the server stays unreachable.
TEST(DbRetryTest, UnreachableServerFailsAfterMaxAttempts) {
  EXL_REQUIRE_MARIADB(params);
  params.port = 1;
  Pool pool(params, 1, "nowhere");
  int attempts = 0;
  EXPECT_THROW(exl::runner::with_retry(pool, quick_policy(), nullptr, "SELECT 1",
                                       [&](Connection& c) {
                                         ++attempts;
                                         return c.query("SELECT 1");
                                       }),
               exl::db::SqlError);
  EXPECT_EQ(attempts, 0); // the lease itself failed each time: the work never ran
  EXPECT_EQ(pool.in_use(), 0);
}
