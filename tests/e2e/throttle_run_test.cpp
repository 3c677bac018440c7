// The throttle in a real run (issue #10): while -pause-file exists no load starts and the run
// resumes when it is removed; -panic-file stops the run cleanly (exit 1, nothing loaded); the
// target's BE disk over defaults.critical_disk_used_pct stops it the same way.
#include "e2e/vmode_support.hpp"

#include <filesystem>
#include <fstream>

namespace exl::test::e2e {
namespace {

std::string make_table(const std::string& what) {
  const std::string db = fresh_database(what);
  sql_all("SRC", {"CREATE DATABASE `" + db + "`", daily_table(db, "t", 3),
                  rows_for_day(db, "t", 1, 1, 3), rows_for_day(db, "t", 2, 10, 3)});
  return db;
}

TEST(ThrottleRunTest, PauseFileHoldsLoadsUntilRemoved) {
  const std::string db = make_table("pause");
  config::test::TempDir dir;
  const std::string pause = dir.path() + "/pause";
  std::ofstream(pause) << "";
  const QueryLogMark dst("DST");
  ExlProcess run({"-config", config_path(), "-source", "src", "-target", "dst", "-t", db + ".t",
                  "-o", "v2", "-a", "-r", "-i", "-pause-file", pause},
                 {});
  ASSERT_TRUE(eventually([&] { return contains(run.err_so_far() + run.out_so_far(), "paused"); },
                         std::chrono::seconds(60), std::chrono::milliseconds(10)))
      << run.out_so_far() << run.err_so_far();
  EXPECT_EQ(count_matching(dst.statements(), "INSERT"), 0U); // held while the file exists
  std::filesystem::remove(pause);
  const ExlResult r = run.wait();
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(content("DST", db, "t"), content("SRC", db, "t"));
}

TEST(ThrottleRunTest, PanicFileAndCriticalDiskStopTheRunBeforeAnyLoad) {
  const std::string db = make_table("panic");
  config::test::TempDir dir;
  const std::string panic = dir.path() + "/panic";
  std::ofstream(panic) << "";
  const QueryLogMark dst("DST");
  const ExlResult r = run_exl(vmode("v2", db + ".t", {"-a", "-r", "-i", "-panic-file", panic}));
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_TRUE(contains(r.out + r.err, "panic file")) << r.out << r.err;
  EXPECT_EQ(count_matching(dst.statements(), "INSERT"), 0U);
  sql("DST", "ADMIN SET SIM MAX DISK USED PCT 95");
  const QueryLogMark dst2("DST");
  const ExlResult full = run_exl(vmode("v2", db + ".t", {"-a", "-r", "-i"}));
  sql("DST", "ADMIN SET SIM RESET");
  sql("DST", "ADMIN SET SIM MAX DISK USED PCT 44.72");
  EXPECT_EQ(full.exit_code, 1) << full.out << full.err;
  EXPECT_TRUE(contains(full.out + full.err, "critical_disk_used_pct")) << full.out << full.err;
  EXPECT_EQ(count_matching(dst2.statements(), "INSERT"), 0U);
}

} // namespace
} // namespace exl::test::e2e
