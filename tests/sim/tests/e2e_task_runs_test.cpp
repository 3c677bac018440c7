// task_runs_concurrency (FE config, Config.java @ConfField(mutable = true), default 4): at most
// that many SUBMIT TASK runs are RUNNING at once; the others wait PENDING in
// information_schema.task_runs. Private srsim processes, since the setting is cluster-wide.

#include "e2e_query_support.hpp"
#include "support_client.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>

namespace srsim::test {
namespace {

struct Observed {
  int max_running = 0;
  int max_pending = 0;
  bool all_succeeded = false;
};

// Submits `n` tasks that each sleep `seconds`, then watches task_runs until every one succeeded.
Observed run_sleeping_tasks(Client& c, const std::string& prefix, int n, int seconds) {
  for (int i = 0; i < n; ++i) {
    ok(c, "SUBMIT TASK " + prefix + std::to_string(i) + " AS INSERT INTO t SELECT sleep(" +
              std::to_string(seconds) + ")");
  }
  Observed o;
  o.all_succeeded = eventually(
      [&] {
        QueryResult r = c.query("SELECT STATE FROM information_schema.task_runs WHERE TASK_NAME "
                                "LIKE '" +
                                prefix + "%'");
        std::map<std::string, int> count;
        for (const auto& row : r.rows) {
          ++count[row[0].value_or("NULL")];
        }
        o.max_running = std::max(o.max_running, count["RUNNING"]);
        o.max_pending = std::max(o.max_pending, count["PENDING"]);
        return count["SUCCESS"] == n;
      },
      std::chrono::seconds(60), std::chrono::milliseconds(50));
  return o;
}

class E2eTaskRunsTest : public ::testing::Test {
protected:
  void SetUp() override {
    if (!std::getenv("EXL_TEST_SANDBOX_DIR")) {
      GTEST_FAIL() << "EXL_TEST_SANDBOX_DIR not set (run through ctest; a skipped server test is "
                      "not a pass)";
    }
    m_client = m_sim.root();
    ASSERT_NE(m_client, nullptr);
    m_db = unique_id("e2e_task_runs");
    ok(*m_client, "CREATE DATABASE " + m_db);
    ok(*m_client, "USE " + m_db);
    ok(*m_client, "CREATE TABLE t (k INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1");
  }
  void TearDown() override {
    if (m_client) {
      m_client->query("DROP DATABASE IF EXISTS " + m_db);
    }
  }

  PrivateSrsim m_sim;
  std::unique_ptr<Client> m_client;
  std::string m_db;
};

TEST_F(E2eTaskRunsTest, AtMostTaskRunsConcurrencyRunsAtOnce) {
  QueryResult config = ok(*m_client, "ADMIN SHOW FRONTEND CONFIG LIKE 'task_runs_concurrency'");
  ASSERT_EQ(config.rows.size(), 1u);
  EXPECT_EQ(config.cell(0, "Value"), "4");
  EXPECT_EQ(config.cell(0, "IsMutable"), "true");

  Observed o = run_sleeping_tasks(*m_client, "six_", 6, 2);
  EXPECT_TRUE(o.all_succeeded);
  EXPECT_EQ(o.max_running, 4);
  EXPECT_GE(o.max_pending, 1);
  EXPECT_EQ(ok(*m_client, "SELECT COUNT(*) FROM t").rows[0][0], "6");
}

TEST_F(E2eTaskRunsTest, ChangingTheConfigChangesTheLimit) {
  ok(*m_client, "ADMIN SET FRONTEND CONFIG (\"task_runs_concurrency\" = \"2\")");
  EXPECT_EQ(
      ok(*m_client, "ADMIN SHOW FRONTEND CONFIG LIKE 'task_runs_concurrency'").cell(0, "Value"),
      "2");
  Observed o = run_sleeping_tasks(*m_client, "two_", 4, 2);
  EXPECT_TRUE(o.all_succeeded);
  EXPECT_EQ(o.max_running, 2);
  EXPECT_GE(o.max_pending, 1);
}

} // namespace
} // namespace srsim::test
