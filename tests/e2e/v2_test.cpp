// -o v2 end to end (issue #10): the catalog, the audit, exactly the differing partitions
// rewritten, missing partitions with and without -add, target-only partitions refused, a re-run
// that sends no INSERT, one count query per table per side.
#include "e2e/vmode_support.hpp"

namespace exl::test::e2e {
namespace {

// A source table with 4 day partitions, rows in the first 3 (5 each).
std::string make_events(const std::string& what, int days = 4) {
  const std::string db = fresh_database(what);
  std::vector<std::string> ddl{"CREATE DATABASE `" + db + "`", daily_table(db, "events", days)};
  for (int d = 1; d <= 3; ++d) {
    ddl.push_back(rows_for_day(db, "events", d, d * 100, 5));
  }
  sql_all("SRC", ddl);
  return db;
}

TEST(V2Test, EmptyTargetGetsEveryPartitionThroughTheCatalog) {
  const std::string db = make_events("v2_empty");
  const QueryLogMark src("SRC");
  const QueryLogMark dst("DST");
  const ExlResult r = run_exl(vmode("v2", db + ".events", {"-a", "-r", "-i"}));
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(content("DST", db, "events"), content("SRC", db, "events"));
  EXPECT_TRUE(has_catalog("DST", "exl_src_src"));
  EXPECT_EQ(writes_in(src.statements()), std::vector<std::string>{}); // the source only reads
  const auto writes = writes_in(dst.statements());
  EXPECT_EQ(count_matching(writes, "INSERT OVERWRITE"), 4U) << r.out;
  EXPECT_EQ(count_matching(writes, "FROM `exl_src_src`.`" + db + "`.`events`"), 4U);
  EXPECT_EQ(count_matching(writes, "WITH LABEL `exl_v2_"), 4U);
  EXPECT_FALSE(contains(r.out + r.err, "EXL_SRC_PASSWORD"));
}

TEST(V2Test, WithoutTheCatalogAndWithoutAItStopsBeforeWriting) {
  const std::string db = make_events("v2_noa");
  if (has_catalog("DST", "exl_src_src")) {
    sql("DST", "DROP CATALOG `exl_src_src`");
  }
  const QueryLogMark dst("DST");
  const ExlResult r = run_exl(vmode("v2", db + ".events", {"-r", "-i"}));
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_TRUE(contains(r.err, "add -a")) << r.err;
  EXPECT_EQ(writes_in(dst.statements()), std::vector<std::string>{});
}

TEST(V2Test, OnlyTheDifferingPartitionsAreRewrittenAndAReRunSendsNoInsert) {
  const std::string db = make_events("v2_diff");
  ASSERT_EQ(run_exl(vmode("v2", db + ".events", {"-a", "-r", "-i"})).exit_code, 0);
  sql("SRC", rows_for_day(db, "events", 2, 900, 3)); // p20240102: rows missing on target
  sql("DST", rows_for_day(db, "events", 3, 300, 1)); // p20240103: an extra (repeated) row
  const QueryLogMark dst("DST");
  const ExlResult r = run_exl(vmode("v2", db + ".events", {"-a", "-r", "-i"}));
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  const auto writes = writes_in(dst.statements());
  ASSERT_EQ(count_matching(writes, "INSERT OVERWRITE"), 2U) << r.out;
  EXPECT_EQ(count_matching(writes, "PARTITION (`p20240102`)"), 1U);
  EXPECT_EQ(count_matching(writes, "PARTITION (`p20240103`)"), 1U);
  EXPECT_EQ(content("DST", db, "events"), content("SRC", db, "events"));
  const QueryLogMark again("DST");
  const ExlResult r2 = run_exl(vmode("v2", db + ".events", {"-a", "-r", "-i"}));
  EXPECT_EQ(r2.exit_code, 0) << r2.out << r2.err;
  EXPECT_EQ(count_matching(again.statements(), "INSERT"), 0U) << r2.out;
}

TEST(V2Test, AuditSendsOneCountQueryPerSideWhateverThePartitionCount) {
  const std::string db = make_events("v2_count", 8);
  ASSERT_EQ(run_exl(vmode("v2", db + ".events", {"-a", "-r", "-i"})).exit_code, 0);
  const QueryLogMark src("SRC");
  const QueryLogMark dst("DST");
  const ExlResult r = run_exl(vmode("v2", db + ".events", {"-a", "-i"})); // plan only
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(count_matching(src.statements(), "exl_partition"), 1U);
  EXPECT_EQ(count_matching(dst.statements(), "exl_partition"), 1U);
}

TEST(V2Test, MissingPartitionNeedsAdd) {
  const std::string db = make_events("v2_add");
  ASSERT_EQ(run_exl(vmode("v2", db + ".events", {"-a", "-r", "-i"})).exit_code, 0);
  sql_all("SRC", {"ALTER TABLE `" + db +
                      "`.`events` ADD PARTITION p20240105 VALUES [('2024-01-05'), "
                      "('2024-01-06'))",
                  rows_for_day(db, "events", 5, 500, 4)});
  const ExlResult without = run_exl(vmode("v2", db + ".events", {"-a", "-r", "-i"}));
  EXPECT_EQ(without.exit_code, 3) << without.out << without.err;
  EXPECT_TRUE(contains(without.out, "-add")) << without.out;
  const QueryLogMark dst("DST");
  const ExlResult with = run_exl(vmode("v2", db + ".events", {"-a", "-add", "-r", "-i"}));
  ASSERT_EQ(with.exit_code, 0) << with.out << with.err;
  EXPECT_EQ(count_matching(writes_in(dst.statements()), "ADD PARTITION"), 1U);
  EXPECT_EQ(content("DST", db, "events"), content("SRC", db, "events"));
}

TEST(V2Test, TargetOnlyPartitionStopsTheTableAndV4KeepsIt) {
  const std::string db = make_events("v2_tonly");
  ASSERT_EQ(run_exl(vmode("v2", db + ".events", {"-a", "-r", "-i"})).exit_code, 0);
  sql_all("DST", {"ALTER TABLE `" + db +
                      "`.`events` ADD PARTITION p20240108 VALUES [('2024-01-08'), "
                      "('2024-01-09'))",
                  rows_for_day(db, "events", 8, 800, 2)});
  sql("SRC", rows_for_day(db, "events", 4, 400, 3)); // p20240104 now has rows on the source only
  const QueryLogMark dst("DST");
  const ExlResult v2 = run_exl(vmode("v2", db + ".events", {"-a", "-r", "-i"}));
  EXPECT_EQ(v2.exit_code, 1) << v2.out << v2.err;
  EXPECT_TRUE(contains(v2.out, "v4")) << v2.out;
  EXPECT_EQ(count_matching(writes_in(dst.statements()), "INSERT"), 0U);
  const ExlResult v4 = run_exl(vmode("v4", db + ".events", {"-a", "-r", "-i"}));
  ASSERT_EQ(v4.exit_code, 0) << v4.out << v4.err;
  EXPECT_EQ(sql("DST", "SELECT COUNT(*) FROM `" + db + "`.`events` WHERE dt = '2024-01-08'")
                .rows.at(0)
                .at(0),
            "2"); // the target-only partition was not touched
  EXPECT_EQ(sql("DST", "SELECT COUNT(*) FROM `" + db + "`.`events` WHERE dt = '2024-01-04'")
                .rows.at(0)
                .at(0),
            "3");
}

// An AGGREGATE table shows a doubled load as doubled sums. (A changed sum with an unchanged row
// count is invisible to a count audit: that is what content checksums are for.)
TEST(V2Test, AggregateSumsAreNotDoubled) {
  const std::string db = fresh_database("v2_agg");
  sql_all("SRC", {"CREATE DATABASE `" + db + "`",
                  daily_table(db, "sums", 3, "AGGREGATE KEY(`k`, `dt`)", "`v` INT SUM"),
                  rows_for_day(db, "sums", 1, 1, 4), rows_for_day(db, "sums", 1, 1, 4),
                  rows_for_day(db, "sums", 2, 10, 3)});
  ASSERT_EQ(run_exl(vmode("v2", db + ".sums", {"-a", "-r", "-i"})).exit_code, 0);
  EXPECT_EQ(content("DST", db, "sums"), content("SRC", db, "sums"));
  sql_all("SRC", {rows_for_day(db, "sums", 2, 10, 1), rows_for_day(db, "sums", 2, 20, 1)});
  const ExlResult r = run_exl(vmode("v2", db + ".sums", {"-a", "-r", "-i"}));
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(content("DST", db, "sums"), content("SRC", db, "sums"));
}

TEST(V2Test, OneFailedPartitionFailsTheRunAndAReRunRepairsOnlyIt) {
  const std::string db = make_events("v2_fail");
  sql("DST", "ADMIN SET SIM FAIL 1 'INSERT OVERWRITE' 1064 'injected failure'");
  const ExlResult r = run_exl(vmode("v2", db + ".events", {"-a", "-r", "-i", "-thread", "1"}));
  sql("DST", "ADMIN SET SIM RESET");
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_TRUE(contains(r.out + r.err, "injected failure")) << r.out << r.err;
  const QueryLogMark dst("DST");
  const ExlResult again = run_exl(vmode("v2", db + ".events", {"-a", "-r", "-i"}));
  ASSERT_EQ(again.exit_code, 0) << again.out << again.err;
  EXPECT_EQ(count_matching(writes_in(dst.statements()), "INSERT OVERWRITE"), 1U) << again.out;
  EXPECT_EQ(content("DST", db, "events"), content("SRC", db, "events"));
}

} // namespace
} // namespace exl::test::e2e

namespace exl::test::e2e {
namespace {

// An automatically partitioned table: a day that appears on the source is a partition the target
// lacks; StarRocks refuses ADD PARTITION there, so -add loads it with INSERT INTO, which creates
// it.
TEST(V2Test, MissingAutomaticPartitionIsCreatedByTheLoad) {
  const std::string db = fresh_database("v2_auto");
  const std::string create = "CREATE TABLE `" + db +
                             "`.`auto` (`k` INT, `dt` DATE NOT NULL, `v` INT) DUPLICATE KEY(`k`) "
                             "PARTITION BY date_trunc('day', `dt`) DISTRIBUTED BY HASH(`k`) "
                             "BUCKETS 2 PROPERTIES('replication_num'='1')";
  sql_all("SRC", {"CREATE DATABASE `" + db + "`", create, rows_for_day(db, "auto", 1, 1, 3),
                  rows_for_day(db, "auto", 2, 10, 2)});
  ASSERT_EQ(run_exl(vmode("v2", db + ".auto", {"-a", "-r", "-i"})).exit_code, 0);
  EXPECT_EQ(content("DST", db, "auto"), content("SRC", db, "auto"));
  sql("SRC", rows_for_day(db, "auto", 4, 40, 3)); // creates p20240104 on the source
  EXPECT_EQ(run_exl(vmode("v2", db + ".auto", {"-a", "-r", "-i"})).exit_code, 3);
  const QueryLogMark dst("DST");
  const ExlResult r = run_exl(vmode("v2", db + ".auto", {"-a", "-add", "-r", "-i"}));
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  const auto writes = writes_in(dst.statements());
  EXPECT_EQ(count_matching(writes, "ADD PARTITION"), 0U);
  EXPECT_EQ(count_matching(writes, "INSERT INTO `" + db + "`.`auto`"), 1U) << r.out;
  EXPECT_EQ(content("DST", db, "auto"), content("SRC", db, "auto"));
}

} // namespace
} // namespace exl::test::e2e
