// -level db ghost of a database holding every table kind srsim supports, compared with SHOW
// CREATE on both sides; SIGINT in the middle of a run; a target that goes away mid-run.
#include "e2e/e2e_support.hpp"

#include "exlschema/starrocks/ddl_parser.hpp"
#include "exlschema/starrocks/model_compare.hpp"

#include <csignal>

namespace exl::test::e2e {
namespace {

std::vector<std::string> tables_of(const std::string& prefix, const std::string& db) {
  std::vector<std::string> out;
  for (const auto& row : sql(prefix, "SHOW TABLES FROM `" + db + "`").rows) {
    out.push_back(row[0].value_or(""));
  }
  std::sort(out.begin(), out.end());
  return out;
}

void make_every_kind(const std::string& db) {
  const std::string q = "`" + db + "`.";
  const std::string props = " PROPERTIES('replication_num'='1')";
  sql_all("SRC",
          {"CREATE DATABASE `" + db + "`",
           "CREATE TABLE " + q +
               "dup_range (dt DATE, k INT, v VARCHAR(10)) DUPLICATE KEY(dt, k) "
               "PARTITION BY RANGE(dt) (PARTITION p1 VALUES LESS THAN ('2024-01-01'), "
               "PARTITION p2 VALUES LESS THAN ('2024-02-01')) DISTRIBUTED BY HASH(k) BUCKETS 2" +
               props,
           "CREATE TABLE " + q +
               "agg_none (k INT, s BIGINT SUM) AGGREGATE KEY(k) "
               "DISTRIBUTED BY HASH(k) BUCKETS 1" +
               props,
           "CREATE TABLE " + q +
               "uniq_list (city VARCHAR(20), k INT, v INT) UNIQUE KEY(city, k) "
               "PARTITION BY LIST(city) (PARTITION pa VALUES IN ('a'), PARTITION pb VALUES IN "
               "('b')) DISTRIBUTED BY HASH(k) BUCKETS 1" +
               props,
           "CREATE TABLE " + q +
               "pk_expr (k INT NOT NULL, dt DATETIME NOT NULL, v INT) "
               "PRIMARY KEY(k, dt) PARTITION BY date_trunc('day', dt) DISTRIBUTED BY HASH(k) "
               "BUCKETS 1" +
               props,
           "CREATE VIEW " + q + "v_base AS SELECT k, v FROM " + q + "dup_range",
           "CREATE VIEW " + q + "v_top AS SELECT k FROM " + q + "v_base",
           "CREATE MATERIALIZED VIEW " + q +
               "mv_agg DISTRIBUTED BY HASH(k) BUCKETS 1 REFRESH "
               "MANUAL AS SELECT k, count(*) AS c FROM " +
               q + "dup_range GROUP BY k"});
}

TEST(GhostLevelDbTest, EveryKindIsClonedAndCompares) {
  const std::string db = fresh_database("kinds");
  make_every_kind(db);
  const ExlResult r = run_exl({"-source", "src", "-target", "dst", "-t", db, "-level", "db", "-o",
                               "ghost", "-r", "-thread", "3"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(tables_of("DST", db), tables_of("SRC", db));
  for (const char* t : {"dup_range", "agg_none", "uniq_list", "pk_expr"}) {
    const auto source = starrocks::parse_create_table(show_create("SRC", db, t));
    const auto target = starrocks::parse_create_table(show_create("DST", db, t));
    ASSERT_TRUE(source && target) << t;
    EXPECT_EQ(starrocks::compare_tables(*source, *target), std::nullopt) << t;
  }
  for (const char* v : {"v_base", "v_top", "mv_agg"}) {
    EXPECT_EQ(show_create("SRC", db, v), show_create("DST", db, v)) << v;
  }
}

TEST(GhostLevelDbTest, SigintMidRunLeavesWholeObjectsAndARerunCompletes) {
  const std::string db = fresh_database("sigint");
  std::vector<std::string> ddl{"CREATE DATABASE `" + db + "`"};
  for (int i = 0; i < 50; ++i) {
    ddl.push_back("CREATE TABLE `" + db + "`.`t" + std::to_string(i) +
                  "` (k INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1 "
                  "PROPERTIES('replication_num'='1')");
  }
  sql_all("SRC", ddl);
  sql("DST", "ADMIN SET SIM LATENCY 60");
  const QueryLogMark dst("DST");
  ExlProcess run({"-config", config_path(), "-source", "src", "-target", "dst", "-t", db, "-level",
                  "db", "-o", "ghost", "-r", "-thread", "4"},
                 {});
  const bool started = eventually(
      [&] {
        int creates = 0;
        for (const auto& s : dst.statements()) {
          creates += contains(s, "CREATE TABLE") ? 1 : 0;
        }
        return creates >= 5;
      },
      std::chrono::seconds(60), std::chrono::milliseconds(5));
  run.signal(SIGINT);
  const ExlResult r = run.wait();
  sql("DST", "ADMIN SET SIM LATENCY 0");
  ASSERT_TRUE(started) << r.out << r.err;
  EXPECT_EQ(r.exit_code, 130) << r.out << r.err;
  const auto created = tables_of("DST", db);
  EXPECT_LT(created.size(), 50U);
  for (const auto& t : created) { // never half: every table that exists is whole
    EXPECT_TRUE(starrocks::parse_create_table(show_create("DST", db, t))) << t;
  }
  EXPECT_TRUE(sql("DST", "SELECT TABLE_NAME FROM information_schema.tables WHERE TABLE_SCHEMA = '" +
                             db + "' AND TABLE_NAME LIKE 'exl\\_tmp\\_%'")
                  .rows.empty()); // per database: a full scan is slow on a filled sandbox
  const ExlResult again =
      run_exl({"-source", "src", "-target", "dst", "-t", db, "-level", "db", "-o", "ghost", "-r"});
  EXPECT_EQ(again.exit_code, 0) << again.out << again.err;
  EXPECT_EQ(tables_of("DST", db).size(), 50U);
}

// The target stops answering while a table's CREATE is in flight: that table and the ones after
// it fail with the reason, the ones before are created, exit 1.
TEST(GhostLevelDbTest, TargetGoingAwayFailsTheAffectedTables) {
  const std::string db = fresh_database("away");
  std::vector<std::string> ddl{"CREATE DATABASE `" + db + "`"};
  for (const char* t : {"a1", "a2", "a3"}) {
    ddl.push_back("CREATE TABLE `" + db + "`.`" + t +
                  "` (k INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1 "
                  "PROPERTIES('replication_num'='1')");
  }
  sql_all("SRC", ddl);
  // One connection opened before the target refuses new ones: it turns the faults off again.
  db::ConnectionParams params = cluster("DST");
  params.query_timeout_s = 0;
  db::Connection control(params);
  control.query("ADMIN SET SIM STALL 'CREATE TABLE IF NOT EXISTS `" + db + "`.`a2`'");
  config::test::TempDir state;
  const std::map<std::string, std::string> env{{"XDG_STATE_HOME", state.path()}};
  ExlProcess run({"-config", config_path(), "-source", "src", "-target", "dst", "-t", db, "-level",
                  "db", "-o", "ghost", "-r", "-thread", "1"},
                 env);
  std::string stalled_id;
  const bool stalled = eventually(
      [&] {
        const auto rs = control.query("SHOW PROCESSLIST");
        for (std::size_t i = 0; i < rs.rows.size(); ++i) {
          if (contains(rs.value(i, "Info").value_or(""), "`a2`")) {
            stalled_id = rs.value(i, "Id").value_or("");
            return true;
          }
        }
        return false;
      },
      std::chrono::seconds(30), std::chrono::milliseconds(10));
  control.query("ADMIN SET SIM REFUSE CONNECTIONS ON");
  if (stalled) {
    control.query("KILL CONNECTION " + stalled_id);
  } else {
    control.query("ADMIN SET SIM RESET");
  }
  const ExlResult r = run.wait();
  control.query("ADMIN SET SIM RESET");
  ASSERT_TRUE(stalled) << r.out << r.err;
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_EQ(tables_of("DST", db), std::vector<std::string>{"a1"});
  EXPECT_TRUE(contains(r.out, db + ".a2")) << r.out;
  EXPECT_TRUE(contains(r.out, db + ".a3")) << r.out;
  // The history says which tables failed, and why.
  const ExlResult history = run_exl({"history", "-t", db + ".*"}, env);
  ASSERT_EQ(history.exit_code, 0) << history.err;
  for (const char* t : {".a2", ".a3"}) {
    const auto at = history.out.find(db + t);
    ASSERT_NE(at, std::string::npos) << history.out;
    EXPECT_TRUE(contains(history.out.substr(at, 300), "failed")) << history.out;
  }
}

} // namespace
} // namespace exl::test::e2e
