// -o v3 / v5 end to end (issue #10): batches as SUBMIT TASKs, never more than -thread in flight,
// every task dropped afterwards, and SIGINT mid-run leaving no task, catalog or temporary object.
#include "e2e/vmode_support.hpp"

#include <csignal>

namespace exl::test::e2e {
namespace {

std::string make_wide(const std::string& what) {
  const std::string db = fresh_database(what);
  std::vector<std::string> ddl{"CREATE DATABASE `" + db + "`", daily_table(db, "wide", 8)};
  for (int d = 1; d <= 8; ++d) {
    ddl.push_back(rows_for_day(db, "wide", d, d * 100, 10));
  }
  sql_all("SRC", ddl);
  return db;
}

std::size_t leftover_tasks() {
  return sql("DST", "SELECT TASK_NAME FROM information_schema.tasks WHERE TASK_NAME LIKE "
                    "'exl\\_tmp\\_%'")
      .rows.size();
}

TEST(V3Test, BatchesRunAsTasksAtMostThreadAtOnce) {
  const std::string db = make_wide("v3_tasks");
  sql("DST", "ADMIN SET SIM LATENCY 100");
  const QueryLogMark dst("DST");
  const ExlResult r =
      run_exl(vmode("v3", db + ".wide", {"-a", "-r", "-i", "-thread", "2", "-speed", "0.0000001"}));
  sql("DST", "ADMIN SET SIM LATENCY 0");
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(content("DST", db, "wide"), content("SRC", db, "wide"));
  const auto writes = writes_in(dst.statements());
  EXPECT_GE(count_matching(writes, "SUBMIT"), 2U) << r.out;
  EXPECT_EQ(count_matching(writes, "SUBMIT"), count_matching(writes, "DROP TASK"));
  EXPECT_EQ(leftover_tasks(), 0U);
  // In flight: a SUBMIT starts a task, its DROP TASK ends it (the log is in arrival order).
  int running = 0;
  int most = 0;
  for (const auto& s : writes) {
    running += contains(s, "SUBMIT") ? 1 : contains(s, "DROP TASK") ? -1 : 0;
    most = std::max(most, running);
  }
  EXPECT_LE(most, 2);
}

TEST(V3Test, SigintMidRunLeavesNothingBehindAndAReRunCompletes) {
  const std::string db = make_wide("v3_sigint");
  sql("DST", "ADMIN SET SIM LATENCY 300");
  const QueryLogMark dst("DST");
  ExlProcess run({"-config", config_path(), "-source", "src", "-target", "dst", "-t", db + ".wide",
                  "-o", "v3", "-a", "-r", "-i", "-thread", "2", "-speed", "0.0000001"},
                 {});
  const bool started = eventually([&] { return count_matching(dst.statements(), "SUBMIT") >= 1; },
                                  std::chrono::seconds(60), std::chrono::milliseconds(5));
  run.signal(SIGINT);
  const ExlResult r = run.wait();
  sql("DST", "ADMIN SET SIM LATENCY 0");
  ASSERT_TRUE(started) << r.out << r.err;
  EXPECT_EQ(r.exit_code, 130) << r.out << r.err;
  EXPECT_EQ(leftover_tasks(), 0U);
  // Per database: srsim's information_schema.tables reads every object of the cluster, slow on a
  // sandbox that earlier suites filled.
  EXPECT_TRUE(sql("DST", "SELECT TABLE_NAME FROM information_schema.tables WHERE TABLE_SCHEMA = '" +
                             db + "' AND TABLE_NAME LIKE 'exl\\_tmp\\_%'")
                  .rows.empty());
  const ExlResult again = run_exl(vmode("v3", db + ".wide", {"-a", "-r", "-i"}));
  ASSERT_EQ(again.exit_code, 0) << again.out << again.err;
  EXPECT_EQ(content("DST", db, "wide"), content("SRC", db, "wide"));
}

TEST(V3Test, V5LoadsOnlyWhatTheTargetLacks) {
  const std::string db = make_wide("v5");
  ASSERT_EQ(run_exl(vmode("v5", db + ".wide", {"-a", "-r", "-i"})).exit_code, 0);
  EXPECT_EQ(content("DST", db, "wide"), content("SRC", db, "wide"));
  sql("DST", "TRUNCATE TABLE `" + db + "`.`wide` PARTITION (p20240103)");
  sql("DST", rows_for_day(db, "wide", 5, 5000, 1)); // not empty on the target: left alone
  const QueryLogMark dst("DST");
  const ExlResult r = run_exl(vmode("v5", db + ".wide", {"-a", "-r", "-i"}));
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  const auto writes = writes_in(dst.statements());
  EXPECT_EQ(count_matching(writes, "PARTITION (`p20240103`)"), 1U) << r.out;
  EXPECT_EQ(count_matching(writes, "p20240105"), 0U);
}

} // namespace
} // namespace exl::test::e2e
