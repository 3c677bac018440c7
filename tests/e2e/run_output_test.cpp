// What a real run reports (issue #9): the live progress line on a terminal (under script(1)),
// the Feishu start and final messages from the same run data, the sessions' time zone, and
// `clean` removing what a crashed run leaves.
#include "e2e/e2e_support.hpp"

#include "support/http_receiver.hpp"

#include <fstream>

namespace exl::test::e2e {
namespace {

void one_table(const std::string& db, const std::string& table) {
  sql_all("SRC", {"CREATE DATABASE IF NOT EXISTS `" + db + "`",
                  "CREATE TABLE `" + db + "`.`" + table +
                      "` (k INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1 "
                      "PROPERTIES('replication_num'='1')"});
}

TEST(RunOutputTest, LiveProgressLineOnATerminal) {
  const std::string db = fresh_database("tty");
  one_table(db, "t1");
  one_table(db, "t2");
  config::test::TempDir dir;
  const std::string typescript = dir.path() + "/typescript";
  const std::string line = on_a_terminal(
      {"-source", "src", "-target", "dst", "-t", db, "-level", "db", "-o", "ghost", "-r"},
      dir.path(), typescript);
  ASSERT_EQ(std::system(line.c_str()), 0);
  const std::string text = read_file(typescript);
  EXPECT_TRUE(contains(text, "\r")) << text;    // the line is repainted in place
  EXPECT_TRUE(contains(text, "[2/2]")) << text; // tasks done/total
  EXPECT_TRUE(contains(text, "elapsed")) << text;
  EXPECT_TRUE(contains(text, db + ".t2")) << text;
}

TEST(RunOutputTest, FeishuStartAndFinalCardComeFromTheRun) {
  const std::string db = fresh_database("feishu");
  one_table(db, "t1");
  HttpReceiver hook(HttpReceiver::Mode::Record);
  config::test::TempDir dir;
  const std::string config = dir.write(
      "exl.yaml", read_file(config_path()) + "feishu:\n  webhook: " + hook.url("/hook") + "\n");
  const ExlResult r = run_exl({"-config", config, "-source", "src", "-target", "dst", "-t",
                               db + ".t1", "-o", "ghost", "-r"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  ASSERT_TRUE(hook.wait_for_requests(2, std::chrono::seconds(10)));
  const auto requests = hook.requests();
  EXPECT_TRUE(contains(requests.front().body, "ghost")) << requests.front().body;
  EXPECT_TRUE(contains(requests.back().body, db + ".t1")) << requests.back().body;
  for (const auto& request : requests) {
    EXPECT_FALSE(contains(request.body, cluster("DST").password));
  }
}

TEST(RunOutputTest, TargetSessionsUseTheSourceTimeZone) {
  const std::string db = fresh_database("tz");
  one_table(db, "t1");
  sql("SRC", "SET GLOBAL time_zone = 'America/New_York'");
  const QueryLogMark dst("DST");
  const ExlResult r =
      run_exl({"-source", "src", "-target", "dst", "-t", db + ".t1", "-o", "ghost", "-r"});
  sql("SRC", "SET GLOBAL time_zone = 'Asia/Shanghai'");
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  bool set = false;
  for (const auto& s : dst.statements()) {
    set = set || s == "SET time_zone = 'America/New_York'";
  }
  EXPECT_TRUE(set);
}

TEST(CleanTest, DropsWhatACrashedRunLeftAndNothingElse) {
  const std::string db = fresh_database("clean");
  const std::string leftover = "exl_tmp_20261130T010203_ab12__orders";
  sql_all("DST", {"CREATE DATABASE `" + db + "`",
                  "CREATE TABLE `" + db + "`.`" + leftover +
                      "` (k INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1 "
                      "PROPERTIES('replication_num'='1')",
                  "CREATE TABLE `" + db +
                      "`.`exl_orders` (k INT) DUPLICATE KEY(k) DISTRIBUTED BY "
                      "HASH(k) BUCKETS 1 PROPERTIES('replication_num'='1')",
                  "SUBMIT TASK exl_tmp_20261130T010203_ab12__task AS INSERT INTO `" + db +
                      "`.`exl_orders` SELECT 1"});
  const QueryLogMark before("DST");
  ExlResult r = run_exl({"clean", "-target", "dst"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_TRUE(contains(r.out, "DROP TABLE IF EXISTS `" + db + "`.`" + leftover + "`")) << r.out;
  EXPECT_TRUE(contains(r.out, "DROP TASK `exl_tmp_20261130T010203_ab12__task`")) << r.out;
  EXPECT_EQ(writes_in(before.statements()), std::vector<std::string>{});

  r = run_exl({"clean", "-target", "dst", "-r"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  const auto tables = sql("DST", "SHOW TABLES FROM `" + db + "`");
  ASSERT_EQ(tables.rows.size(), 1U);
  EXPECT_EQ(tables.rows[0][0].value_or(""), "exl_orders");
  r = run_exl({"clean", "-target", "dst"});
  EXPECT_TRUE(contains(r.out, "dst: 0 temporary object(s)")) << r.out;
}

} // namespace
} // namespace exl::test::e2e
