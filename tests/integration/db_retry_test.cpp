#include "db_test_support.hpp"
#include "exlschema/db/pool.hpp"
#include "exlschema/db/sql_error.hpp"
#include "exlschema/runner/db_retry.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <csignal>
#include <future>

using exl::db::Connection;
using exl::db::Pool;
using exl::runner::Retry;
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
                                          Retry::Idempotent, [&](Connection& c) {
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
    return exl::runner::with_retry(pool, quick_policy(), nullptr, "slow read", Retry::Idempotent,
                                   [&](Connection& c) {
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
    return exl::runner::with_retry(
        pool, quick_policy(), nullptr, "slow read", Retry::Idempotent, [&](Connection& c) {
          ++attempts;
          running_on = c.thread_id();
          // A huge join, not SLEEP/BENCHMARK: those return a value when interrupted.
          return c
              .query(
                  "SELECT SUM(a.seq * b.seq) FROM mysql.seq_1_to_100000 a, mysql.seq_1_to_100000 b")
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

// Retries stop at the policy's bound when the server stays unreachable. Failing to connect sends
// nothing, so work that must not be sent twice is retried as well.
TEST(DbRetryTest, UnreachableServerFailsAfterMaxAttempts) {
  EXL_REQUIRE_MARIADB(params);
  params.port = 1;
  for (const auto kind : {Retry::Idempotent, Retry::Never}) {
    Pool pool(params, 1, "nowhere");
    int attempts = 0;
    try {
      exl::runner::with_retry(pool, quick_policy(), nullptr, "SELECT 1", kind, [&](Connection& c) {
        ++attempts;
        return c.query("SELECT 1");
      });
      ADD_FAILURE() << "reached a server on port 1";
    } catch (const exl::db::SqlError& e) {
      EXPECT_TRUE(e.is_retryable()) << e.what(); // 2002/2003: cannot connect
    }
    EXPECT_EQ(attempts, 0); // the lease itself failed each time: the work never ran
    EXPECT_EQ(pool.failed_opens(), 3) << "not every attempt tried to connect";
    EXPECT_EQ(pool.in_use(), 0);
  }
}

namespace {

// A database of its own with one empty table, dropped at the end.
struct ScratchTable {
  explicit ScratchTable(const exl::db::ConnectionParams& params, const std::string& db)
      : admin(params), name(db + ".t") {
    admin.execute("DROP DATABASE IF EXISTS " + db);
    admin.execute("CREATE DATABASE " + db);
    admin.execute("CREATE TABLE " + name + " (v INT)");
    database = db;
  }
  ~ScratchTable() {
    try {
      admin.execute("DROP DATABASE IF EXISTS " + database);
    } catch (const std::exception&) {
    }
  }
  long rows() { return std::stol(admin.query("SELECT COUNT(*) FROM " + name).rows[0][0].value()); }
  Connection admin;
  std::string name;
  std::string database;
};

} // namespace

// An INSERT whose answer never arrives (the client read timeout fires after 1 s, the server
// commits after 2 s): its outcome is unknown, so it is not sent again. The server ends up with
// exactly one row, and the caller gets OutcomeUnknownError to resolve by label.
TEST(DbRetryTest, UnsafeInsertLostMidStatementIsNotResent) {
  EXL_REQUIRE_MARIADB(params);
  ScratchTable table(params, "exl_retry_unsafe");
  params.read_timeout_s = 1;
  Pool pool(params, 1, "mariadb");
  int sent = 0;
  try {
    exl::runner::with_retry(pool, quick_policy(), nullptr, "INSERT", Retry::Never,
                            [&](Connection& c) {
                              ++sent;
                              return c.execute("INSERT INTO " + table.name + " SELECT SLEEP(2)");
                            });
    ADD_FAILURE() << "the INSERT answered within the 1 s read timeout";
  } catch (const exl::runner::OutcomeUnknownError& e) {
    EXPECT_EQ(e.error_number(), 2013) << e.what();
  }
  EXPECT_EQ(sent, 1);
  EXPECT_EQ(pool.in_use(), 0);
  // The first INSERT commits on the server after its sleep; a re-sent one would add a second row.
  ASSERT_TRUE(exl::test::eventually([&] { return table.rows() >= 1; }, 10s));
  EXPECT_FALSE(exl::test::eventually([&] { return table.rows() > 1; }, 3s))
      << "the INSERT was sent again";
  EXPECT_EQ(pool.opened(), 1) << "a retry opened a new connection";
}

// Work that must not be sent twice still survives a connection that died while idle: the ping
// before sending finds it dead, and the retry runs the work once, on a new connection.
TEST(DbRetryTest, UnsafeWorkOnADeadIdleConnectionRunsOnceOnANewOne) {
  EXL_REQUIRE_MARIADB(params);
  ScratchTable table(params, "exl_retry_idle");
  Pool pool(params, 1, "mariadb");
  unsigned long victim = 0;
  {
    auto lease = pool.lease();
    victim = lease->thread_id();
  }
  table.admin.execute("KILL CONNECTION " + std::to_string(victim));
  ASSERT_TRUE(exl::test::eventually(
      [&] { return !exl::test::connection_listed(table.admin, victim, ""); }, 10s));
  int sent = 0;
  exl::runner::with_retry(pool, quick_policy(), nullptr, "INSERT", Retry::Never,
                          [&](Connection& c) {
                            ++sent;
                            return c.execute("INSERT INTO " + table.name + " VALUES (1)");
                          });
  EXPECT_EQ(sent, 1);
  EXPECT_EQ(table.rows(), 1);
  EXPECT_EQ(pool.opened(), 2);
}

// A cancelled run stops waiting for a connection at once instead of waiting for a free slot.
TEST(DbRetryTest, WaitForAConnectionEndsOnCancel) {
  EXL_REQUIRE_MARIADB(params);
  Pool pool(params, 1, "mariadb");
  auto held = pool.lease();
  exl::runner::CancelToken token;
  std::atomic<bool> ran{false};
  auto result = std::async(std::launch::async, [&] {
    exl::runner::with_retry(pool, quick_policy(), &token, "SELECT 1", Retry::Idempotent,
                            [&](Connection& c) {
                              ran = true;
                              return c.query("SELECT 1");
                            });
  });
  EXPECT_EQ(result.wait_for(100ms), std::future_status::timeout); // blocked on the held slot
  token.cancel(SIGTERM);
  ASSERT_EQ(result.wait_for(10s), std::future_status::ready);
  EXPECT_THROW(result.get(), exl::runner::CancelledError);
  EXPECT_FALSE(ran.load());
}
