// The per-version syntax gate (engine/syntax_gate.cpp, starrocks-surface.md §14): every
// statement form exlSchema sends is answered with StarRocks's syntax error (1064, "Getting syntax
// error at line 1, column N. Detail message: Unexpected input '...'.") on the simulated releases
// whose grammar lacks it, and parsed on the others. One engine per simulated release, all over
// the fixture's MariaDB and the test's database.

#include "engine_test_support.hpp"

#include "support/eventually.hpp"

#include <map>

namespace srsim::test {
namespace {

using exl::test::eventually;

const Version k_gate_v25{2, 5, 22};
const Version k_gate_v31{3, 1, 17};
const Version k_gate_v33{3, 3, 5};
const Version k_gate_v34{3, 4, 4};
const std::vector<Version> k_simulated = {k_gate_v25, k_gate_v31, k_gate_v33, k_gate_v34};

bool is_syntax_error(const Reply& r) {
  const auto* e = std::get_if<ErrorReply>(&r);
  return e != nullptr && e->code == 1064 &&
         e->message.rfind("Getting syntax error at line 1", 0) == 0;
}

std::string describe(const Reply& r) {
  if (const auto* e = std::get_if<ErrorReply>(&r)) {
    return "error " + std::to_string(e->code) + ": " + e->message;
  }
  return "success";
}

class SyntaxGateTest : public EngineTest {
protected:
  void TearDown() override {
    for (auto& [key, cluster] : m_clusters) {
      cluster.engine->close_session(cluster.session);
    }
    m_clusters.clear();
    EngineTest::TearDown();
  }

  // Runs `sql` on a cluster of `version` over the same storage, in the test's database.
  Reply run_on(const Version& version, const std::string& sql) {
    auto& cluster = m_clusters[version.text()];
    if (!cluster.engine) {
      ClusterConfig config = m_config;
      config.version = version;
      cluster.engine = make_engine(config);
      cluster.session.connection_id = next_connection_id();
      cluster.session.user = "root";
      cluster.session.variables = m_session.variables;
      cluster.session.current_db = m_db;
    }
    return cluster.engine->execute(cluster.session, sql);
  }

  // `sql` is StarRocks's syntax error on the simulated releases before `first`, and not a syntax
  // error from `first` on (what happens then is the form's own business).
  void expect_gate(const std::string& sql, const Version& first) {
    for (const Version& v : k_simulated) {
      Reply r = run_on(v, sql);
      if (v.at_least(first.major, first.minor, first.patch)) {
        EXPECT_FALSE(is_syntax_error(r)) << v.text() << ": " << sql << "\n -> " << describe(r);
      } else {
        EXPECT_TRUE(is_syntax_error(r)) << v.text() << ": " << sql << "\n -> " << describe(r);
      }
    }
  }

  void expect_refused_everywhere(const std::string& sql) { expect_gate(sql, Version{99, 0, 0}); }

  struct Cluster {
    std::unique_ptr<Engine> engine;
    SessionContext session;
  };
  std::map<std::string, Cluster> m_clusters;
};

TEST_F(SyntaxGateTest, BareDatabaseColumnIsRefusedInEveryRelease) {
  expect_refused_everywhere("SELECT TASK_NAME, DATABASE FROM information_schema.task_runs");
  Reply r = run_on(k_gate_v33, "SELECT TASK_NAME, DATABASE FROM information_schema.task_runs");
  EXPECT_EQ(describe(r), "error 1064: Getting syntax error at line 1, column 18. Detail message: "
                         "Unexpected input 'DATABASE'.");
  for (const Version& v : k_simulated) {
    EXPECT_FALSE(is_syntax_error(
        run_on(v, "SELECT `TASK_NAME`, `DATABASE` FROM information_schema.task_runs")))
        << v.text();
    EXPECT_EQ(std::get<ResultSet>(run_on(v, "SELECT DATABASE()")).rows.at(0).at(0), m_db)
        << v.text();
  }
}

TEST_F(SyntaxGateTest, DropTaskIfExistsIsRefusedBeforeFourZero) {
  expect_refused_everywhere("DROP TASK IF EXISTS nope");
  Reply r = run_on(k_gate_v34, "DROP TASK IF EXISTS nope");
  EXPECT_EQ(describe(r), "error 1064: Getting syntax error at line 1, column 10. Detail message: "
                         "Unexpected input 'IF'.");
  for (const Version& v : k_simulated) {
    EXPECT_EQ(describe(run_on(v, "DROP TASK nope")),
              "error 1064: Getting analyzing error. Detail message: Task nope is not exist.")
        << v.text();
  }
}

TEST_F(SyntaxGateTest, ShowCatalogsLikeIsRefusedBeforeThreeFive) {
  expect_refused_everywhere("SHOW CATALOGS LIKE 'default%'");
  for (const Version& v : k_simulated) {
    EXPECT_FALSE(is_syntax_error(run_on(v, "SHOW CATALOGS"))) << v.text();
  }
  // From 3.5 the pattern is a MySQL LIKE pattern with `\_` a literal underscore.
  const Version v35{3, 5, 0};
  EXPECT_EQ(
      std::get<ResultSet>(run_on(v35, R"(SHOW CATALOGS LIKE 'default\_catalog')")).rows.size(), 1u);
  EXPECT_TRUE(
      std::get<ResultSet>(run_on(v35, "SHOW CATALOGS LIKE 'defaultxcatalog'")).rows.empty());
  EXPECT_TRUE(std::get<ResultSet>(run_on(v35, R"(SHOW CATALOGS LIKE 'defaul\_%')")).rows.empty());
  EXPECT_EQ(std::get<ResultSet>(run_on(v35, "SHOW CATALOGS LIKE 'def%'")).rows.size(), 1u);
}

TEST_F(SyntaxGateTest, CatalogIfExistsFormsStartAtThreeThree) {
  // 2.5 refuses both for the syntax; 3.1 for the syntax; 3.3+ parse them (and IF EXISTS on a
  // missing catalog is fine).
  expect_gate("DROP CATALOG IF EXISTS nope", k_gate_v33);
  EXPECT_EQ(describe(run_on(k_gate_v33, "DROP CATALOG IF EXISTS nope")), "success");
  expect_gate("CREATE EXTERNAL CATALOG IF NOT EXISTS c PROPERTIES ('type' = 'jdbc')", k_gate_v33);
  EXPECT_EQ(describe(run_on(k_gate_v31, "DROP CATALOG nope")),
            "error 5078: Unknown catalog 'nope'");
}

TEST_F(SyntaxGateTest, SubmitTaskPropertiesAreRefusedBeforeThreeTwoThree) {
  ok("CREATE TABLE t (k INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1");
  for (const Version& v : k_simulated) {
    const std::string name = "p" + std::to_string(v.major) + std::to_string(v.minor);
    Reply r = run_on(v, "SUBMIT TASK " + name +
                            " PROPERTIES ('session.query_timeout' = '60') AS INSERT INTO t "
                            "SELECT 1");
    EXPECT_EQ(is_syntax_error(r), !v.at_least(3, 2, 3)) << v.text() << " -> " << describe(r);
  }
  Reply r =
      run_on(k_gate_v31, "SUBMIT TASK x PROPERTIES ('session.query_timeout' = '60') AS INSERT "
                         "INTO t SELECT 1");
  EXPECT_EQ(describe(r), "error 1064: Getting syntax error at line 1, column 14. Detail message: "
                         "Unexpected input 'PROPERTIES'.");
}

// The older form the builder sends instead: the hint parses everywhere and sets the run's
// session variable.
TEST_F(SyntaxGateTest, SubmitHintParsesEverywhereAndSetsTheRunsVariable) {
  ok("CREATE TABLE t (k INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1");
  Reply r = run_on(k_gate_v31, "SUBMIT /*+set_var(query_timeout = 1)*/ TASK slow AS INSERT INTO t "
                               "SELECT SLEEP(5)");
  ASSERT_FALSE(std::holds_alternative<ErrorReply>(r)) << describe(r);
  std::string state;
  std::string message;
  const bool done = eventually(
      [&] {
        ResultSet rs = std::get<ResultSet>(run_on(
            k_gate_v31, "SELECT STATE, ERROR_MESSAGE FROM information_schema.task_runs WHERE "
                        "TASK_NAME = 'slow'"));
        if (rs.rows.empty()) {
          return false;
        }
        state = rs.rows[0][0].value_or("");
        message = rs.rows[0][1].value_or("");
        return state == "SUCCESS" || state == "FAILED";
      },
      std::chrono::seconds(20));
  ASSERT_TRUE(done) << state;
  EXPECT_EQ(state, "FAILED");
  EXPECT_NE(message.find("timeout"), std::string::npos) << message;
  EXPECT_FALSE(is_syntax_error(
      run_on(k_gate_v25, "SUBMIT /*+set_var(query_timeout = 60)*/ TASK c25 AS CREATE TABLE c25 AS "
                         "SELECT 1 AS k")));
}

TEST_F(SyntaxGateTest, InsertPropertiesAreRefusedBeforeThreeFour) {
  ok("CREATE TABLE t (k INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1");
  expect_gate("INSERT INTO t PROPERTIES ('timeout' = '60') SELECT 1", k_gate_v34);
  EXPECT_EQ(describe(run_on(k_gate_v33, "INSERT INTO t PROPERTIES ('timeout' = '60') SELECT 1")),
            "error 1064: Getting syntax error at line 1, column 14. Detail message: Unexpected "
            "input 'PROPERTIES'.");
}

TEST_F(SyntaxGateTest, InsertHintAfterOverwriteNeedsThreeOneSeven) {
  ok("CREATE TABLE t (k INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1");
  const std::string after_overwrite =
      "INSERT OVERWRITE /*+set_var(query_timeout = 60)*/ t SELECT 1";
  expect_gate(after_overwrite, k_gate_v31);
  EXPECT_EQ(describe(run_on(k_gate_v25, after_overwrite)),
            "error 1064: Getting syntax error at line 1, column 50. Detail message: Unexpected "
            "input 't'.");
  EXPECT_TRUE(is_syntax_error(run_on(Version{3, 1, 6}, after_overwrite)));
  EXPECT_FALSE(is_syntax_error(run_on(Version{3, 1, 7}, after_overwrite)));
  EXPECT_TRUE(is_syntax_error(run_on(Version{3, 2, 2}, after_overwrite)));
  EXPECT_FALSE(is_syntax_error(run_on(Version{3, 2, 3}, after_overwrite)));
  // INSERT /*+..*/ INTO: from 3.2.0 (and wherever the hint goes anywhere).
  EXPECT_TRUE(
      is_syntax_error(run_on(Version{3, 1, 6}, "INSERT /*+set_var(a = 1)*/ INTO t SELECT 1")));
  EXPECT_FALSE(
      is_syntax_error(run_on(Version{3, 2, 0}, "INSERT /*+set_var(a = 1)*/ INTO t SELECT 1")));
  // After SELECT, the fixed place: every release, also inside SUBMIT TASK bodies.
  for (const Version& v : k_simulated) {
    EXPECT_EQ(describe(run_on(v, "INSERT OVERWRITE t SELECT /*+set_var(query_timeout = 60)*/ 1")),
              "success")
        << v.text();
  }
  EXPECT_TRUE(is_syntax_error(run_on(
      Version{3, 1, 6}, "SUBMIT TASK h AS INSERT OVERWRITE /*+set_var(a = 1)*/ t SELECT 1")));
}

TEST_F(SyntaxGateTest, TwoFiveRefusesNewerCreateTableForms) {
  const std::string cols = "(k DATE, v INT, b BIGINT) DUPLICATE KEY(k) ";
  expect_gate("CREATE TABLE e1 " + cols +
                  "PARTITION BY date_trunc('day', k) DISTRIBUTED BY HASH(k) BUCKETS 1",
              Version{3, 0, 0});
  expect_gate("CREATE TABLE e2 " + cols +
                  "PARTITION BY RANGE(date_trunc('day', k)) () DISTRIBUTED BY HASH(k) BUCKETS 1",
              Version{3, 0, 0});
  expect_gate("CREATE TABLE e3 " + cols +
                  "PARTITION BY time_slice(k, INTERVAL 1 day) DISTRIBUTED BY HASH(k) BUCKETS 1",
              Version{3, 0, 0});
  expect_gate("CREATE TABLE e4 " + cols + "PARTITION BY (k, v) DISTRIBUTED BY HASH(k) BUCKETS 1",
              Version{3, 1, 0});
  expect_gate("CREATE TABLE e5 " + cols + "PARTITION BY k, v DISTRIBUTED BY HASH(k) BUCKETS 1",
              Version{3, 1, 0});
  expect_gate("CREATE TABLE e6 (k BIGINT NOT NULL, v BIGINT NOT NULL AUTO_INCREMENT) PRIMARY "
              "KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1",
              Version{3, 0, 0});
  expect_gate("CREATE TABLE e7 (k INT, v VARBINARY) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) "
              "BUCKETS 1",
              Version{3, 0, 0});
  expect_gate("CREATE TABLE e8 " + cols + "DISTRIBUTED BY RANDOM BUCKETS 1", Version{3, 1, 0});
  EXPECT_EQ(describe(run_on(k_gate_v25, "CREATE TABLE e9 (k INT, v VARBINARY) DUPLICATE KEY(k) "
                                        "DISTRIBUTED BY HASH(k) BUCKETS 1")),
            "error 1064: Getting syntax error at line 1, column 26. Detail message: Unexpected "
            "input 'VARBINARY'.");
  // What 2.5 does parse.
  EXPECT_EQ(describe(run_on(k_gate_v25, "CREATE TABLE r25 " + cols +
                                            "PARTITION BY RANGE(k) (PARTITION p1 VALUES LESS THAN "
                                            "('2024-01-01')) DISTRIBUTED BY HASH(k) BUCKETS 1")),
            "success");
}

TEST_F(SyntaxGateTest, TwoFiveAddsOnlyRangePartitions) {
  ok("CREATE TABLE l (k INT, c VARCHAR(8)) DUPLICATE KEY(k) PARTITION BY LIST(c) "
     "(PARTITION pa VALUES IN ('a')) DISTRIBUTED BY HASH(k) BUCKETS 1");
  ok("CREATE TABLE r (k DATE, v INT) DUPLICATE KEY(k) PARTITION BY RANGE(k) "
     "(PARTITION p1 VALUES LESS THAN ('2024-01-01')) DISTRIBUTED BY HASH(k) BUCKETS 1");
  for (const Version& v : k_simulated) {
    const std::string suffix = std::to_string(v.major) + std::to_string(v.minor);
    Reply list =
        run_on(v, "ALTER TABLE l ADD PARTITION p" + suffix + " VALUES IN ('" + suffix + "')");
    EXPECT_EQ(is_syntax_error(list), !v.at_least(3, 1)) << v.text() << " -> " << describe(list);
    Reply range = run_on(v, "ALTER TABLE r ADD PARTITION p" + suffix + " VALUES [('20" + suffix +
                                "-01-01'), ('20" + suffix + "-02-01'))");
    EXPECT_EQ(describe(range), "success") << v.text();
    Reply random =
        run_on(v, "ALTER TABLE r ADD PARTITION q" + suffix + " VALUES [('21" + suffix +
                      "-01-01'), ('21" + suffix + "-02-01')) DISTRIBUTED BY RANDOM BUCKETS 1");
    EXPECT_EQ(is_syntax_error(random), !v.at_least(3, 1)) << v.text() << " -> " << describe(random);
  }
  EXPECT_EQ(describe(run_on(k_gate_v25, "ALTER TABLE l ADD PARTITION px VALUES IN ('x')")),
            "error 1064: Getting syntax error at line 1, column 38. Detail message: Unexpected "
            "input 'IN'.");
}

TEST_F(SyntaxGateTest, InsertByNameNeedsThreeFour) {
  // PR #54120 (Dec 2024) added `BY NAME` to the INSERT grammar for 3.4.
  ok("CREATE TABLE u (a INT, b INT) DISTRIBUTED BY HASH(a)");
  expect_gate("INSERT INTO u BY NAME SELECT 2 AS b, 1 AS a", Version{3, 4, 0});
}

TEST_F(SyntaxGateTest, DropPartitionsByRangeNeedsThreeFour) {
  // ALTER_TABLE.md: DROP PARTITIONS [IF EXISTS] START .. END .. EVERY, v3.4+ (§3).
  ok("CREATE TABLE t (dt DATE, v INT) DUPLICATE KEY(dt) PARTITION BY RANGE(dt) ("
     "PARTITION p20240101 VALUES [('2024-01-01'), ('2024-01-02'))) DISTRIBUTED BY HASH(dt)");
  expect_gate("ALTER TABLE t DROP PARTITIONS IF EXISTS START ('2024-02-01') END ('2024-02-02') "
              "EVERY (INTERVAL 1 DAY)",
              Version{3, 4, 0});
}

TEST_F(SyntaxGateTest, DropAllTemporaryPartitionsIsRefusedBeforeThreeFive) {
  // Only the main-branch grammar has `DROP ALL TEMPORARY PARTITIONS` (syntax_gate.cpp).
  ok("CREATE TABLE t (dt DATE, v INT) DUPLICATE KEY(dt) PARTITION BY RANGE(dt) ("
     "PARTITION p20240101 VALUES [('2024-01-01'), ('2024-01-02'))) DISTRIBUTED BY HASH(dt)");
  ok("ALTER TABLE t ADD TEMPORARY PARTITION tp1 VALUES [('2024-01-01'), ('2024-01-02'))");
  expect_refused_everywhere("ALTER TABLE t DROP ALL TEMPORARY PARTITIONS");
  EXPECT_EQ(describe(run_on(k_gate_v34, "ALTER TABLE t DROP ALL TEMPORARY PARTITIONS")),
            "error 1064: Getting syntax error at line 1, column 19. Detail message: "
            "Unexpected input 'ALL'.");
  // Nothing ran: the temporary partition is still there.
  EXPECT_EQ(rows("SHOW TEMPORARY PARTITIONS FROM t").rows.size(), 1u);
  EXPECT_FALSE(
      is_syntax_error(run_on(Version{3, 5, 0}, "ALTER TABLE t DROP ALL TEMPORARY PARTITIONS")));
  EXPECT_TRUE(rows("SHOW TEMPORARY PARTITIONS FROM t").rows.empty());
}

} // namespace
} // namespace srsim::test
