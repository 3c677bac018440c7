// Incremental runs (no -i) and target versions (issue #10): rounds repeat every -interval until
// SIGINT, each repairing only what changed; v1-v5 refuse a target without JDBC catalogs (2.5)
// and work on 3.1.
#include "e2e/vmode_support.hpp"

#include <csignal>

namespace exl::test::e2e {
namespace {

TEST(VModeRoundsTest, RoundsRepairOnlyWhatChangedUntilSigint) {
  const std::string db = fresh_database("rounds");
  std::vector<std::string> ddl{"CREATE DATABASE `" + db + "`", daily_table(db, "feed", 6)};
  for (int d = 1; d <= 6; ++d) {
    ddl.push_back(rows_for_day(db, "feed", d, d * 100, 4));
  }
  sql_all("SRC", ddl);
  const QueryLogMark dst("DST");
  ExlProcess run({"-config", config_path(), "-source", "src", "-target", "dst", "-t", db + ".feed",
                  "-o", "v2", "-a", "-r", "-interval", "1"},
                 {});
  const auto synced = [&] {
    try {
      return content("DST", db, "feed") == content("SRC", db, "feed");
    } catch (const std::exception&) { // not created yet
      return false;
    }
  };
  ASSERT_TRUE(eventually(synced, std::chrono::seconds(60), std::chrono::milliseconds(50)))
      << run.out_so_far() << run.err_so_far();
  ASSERT_TRUE(eventually([&] { return contains(run.out_so_far(), "round 1 done"); },
                         std::chrono::seconds(60), std::chrono::milliseconds(20)));
  const QueryLogMark round2("DST");
  sql_all("SRC", {rows_for_day(db, "feed", 2, 900, 2), rows_for_day(db, "feed", 5, 950, 1)});
  ASSERT_TRUE(eventually(synced, std::chrono::seconds(60), std::chrono::milliseconds(50)))
      << run.out_so_far() << run.err_so_far();
  ASSERT_TRUE(eventually([&] { return contains(run.out_so_far(), "round 2 done"); },
                         std::chrono::seconds(60), std::chrono::milliseconds(20)));
  run.signal(SIGINT);
  const ExlResult r = run.wait();
  EXPECT_EQ(r.exit_code, 130) << r.out << r.err;
  const auto writes = writes_in(round2.statements());
  EXPECT_EQ(count_matching(writes, "INSERT OVERWRITE"), 2U) << r.out;
  EXPECT_EQ(count_matching(writes, "PARTITION (`p20240102`)"), 1U);
  EXPECT_EQ(count_matching(writes, "PARTITION (`p20240105`)"), 1U);
}

TEST(VModeRoundsTest, TargetWithoutJdbcCatalogsIsRefusedWithAnotherMode) {
  const std::string db = fresh_database("v25");
  sql_all("SRC", {"CREATE DATABASE `" + db + "`", daily_table(db, "t", 2),
                  rows_for_day(db, "t", 1, 1, 3)});
  for (const std::string mode : {"v1", "v2", "v3", "v4", "v5"}) {
    const QueryLogMark dst25("DST25");
    const ExlResult r = run_exl(vmode(mode, db + ".t", {"-a", "-r", "-i"}, "dst25"));
    EXPECT_EQ(r.exit_code, 1) << mode << r.out << r.err;
    EXPECT_TRUE(contains(r.err, "JDBC catalogs came with 3.0")) << r.err;
    EXPECT_TRUE(contains(r.err, "-o mysql")) << r.err;
    EXPECT_EQ(writes_in(dst25.statements()), std::vector<std::string>{}) << mode;
  }
}

TEST(VModeRoundsTest, EveryModeCopiesToA31Target) {
  for (const std::string mode : {"v1", "v2", "v3", "v4", "v5"}) {
    const std::string db = fresh_database("v31_" + mode);
    sql_all("SRC", {"CREATE DATABASE `" + db + "`", daily_table(db, "t", 3),
                    rows_for_day(db, "t", 1, 1, 3), rows_for_day(db, "t", 2, 10, 2)});
    const ExlResult r = run_exl(vmode(mode, db + ".t", {"-a", "-r", "-i"}, "dst31"));
    ASSERT_EQ(r.exit_code, 0) << mode << r.out << r.err;
    EXPECT_EQ(content("DST31", db, "t"), content("SRC", db, "t")) << mode;
  }
}

} // namespace
} // namespace exl::test::e2e
