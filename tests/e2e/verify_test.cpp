// `exlSchema verify` and `-checksum` end to end (issue #11): content differences the row counts
// cannot see are found per partition and bisected down to their keys; verify never writes; v2
// -checksum rewrites exactly the partition whose content differs.
#include "e2e/vmode_support.hpp"
#include "support/temp_dir.hpp"

#include <nlohmann/json.hpp>

#include <set>

namespace exl::test::e2e {
namespace {

using nlohmann::json;

// Row `k` of twin_table: (k, '2024-01-0<day>', k * 10, 's<k>') with day = k / 100.
std::string twin_row(int k) {
  return "(" + std::to_string(k) + ", '2024-01-0" + std::to_string(k / 100) + "', " +
         std::to_string(k * 10) + ", 's" + std::to_string(k) + "')";
}

// The same table on SRC and on `targets`: 3 day partitions of 40 rows each, k = 100 * day + i
// (twin_row). `missing_on_target` are left out of the targets' rows (srsim has no DELETE).
std::string twin_table(const std::string& what, const std::string& model,
                       const std::vector<std::string>& targets = {"DST"},
                       const std::set<int>& missing_on_target = {}) {
  const std::string db = fresh_database(what);
  const std::string ddl = daily_table(db, "t", 3, model, "`v` INT, `s` STRING");
  std::vector<std::string> source{"CREATE DATABASE `" + db + "`", ddl};
  std::vector<std::string> target = source;
  for (int day = 1; day <= 3; ++day) {
    std::string all;
    std::string kept;
    for (int k = 100 * day; k < 100 * day + 40; ++k) {
      all += (all.empty() ? "" : ", ") + twin_row(k);
      kept += missing_on_target.contains(k) ? "" : (kept.empty() ? "" : ", ") + twin_row(k);
    }
    source.push_back("INSERT INTO `" + db + "`.`t` VALUES " + all);
    target.push_back("INSERT INTO `" + db + "`.`t` VALUES " + kept);
  }
  sql_all("SRC", source);
  for (const std::string& prefix : targets) {
    sql_all(prefix, target);
  }
  return db;
}

struct Verified {
  ExlResult run;
  json report;
};

Verified verify(const std::string& list, std::vector<std::string> extra = {},
                const std::string& target = "dst") {
  config::test::TempDir dir;
  const std::string path = dir.path() + "/report.json";
  std::vector<std::string> args{"verify", "-source", "src",   "-target", target,
                                "-t",     list,      "-json", path};
  args.insert(args.end(), extra.begin(), extra.end());
  Verified v{run_exl(args), json()};
  const std::string text = read_file(path);
  v.report = text.empty() ? json() : json::parse(text);
  return v;
}

const json& first_table(const Verified& v) {
  return v.report.at("tables").at(0);
}

TEST(VerifyTest, EqualTablesExitZeroAndNothingIsWritten) {
  const std::string db = twin_table("verify_equal", "DUPLICATE KEY(`k`)");
  const QueryLogMark src("SRC");
  const QueryLogMark dst("DST");
  const Verified v = verify(db + ".t");
  ASSERT_EQ(v.run.exit_code, 0) << v.run.out << v.run.err;
  EXPECT_EQ(first_table(v).at("outcome"), "equal");
  EXPECT_EQ(first_table(v).at("status"), "ok");
  EXPECT_FALSE(v.report.at("dry_run").get<bool>()); // it did its work: it compared
  EXPECT_EQ(first_table(v).at("differences").size(), 0U);
  EXPECT_EQ(writes_in(src.statements()), std::vector<std::string>{});
  EXPECT_EQ(writes_in(dst.statements()), std::vector<std::string>{});
  // One checksum statement per side, with xx_hash3_64 (both sides run 3.3).
  EXPECT_EQ(count_matching(src.statements(), "xx_hash3_64("), 1U);
  EXPECT_EQ(count_matching(dst.statements(), "xx_hash3_64("), 1U);
}

TEST(VerifyTest, OneChangedValueIsFlaggedInItsPartitionAndBisectedToItsKey) {
  const std::string db = twin_table("verify_changed", "PRIMARY KEY(`k`, `dt`)");
  sql("DST", "INSERT INTO `" + db + "`.`t` VALUES (217, '2024-01-02', 9999, 's217')"); // upsert
  const Verified v = verify(db + ".t");
  ASSERT_EQ(v.run.exit_code, 3) << v.run.out << v.run.err;
  const json& table = first_table(v);
  EXPECT_EQ(table.at("outcome"), "content differs");
  ASSERT_EQ(table.at("differences").size(), 1U) << table.dump(2);
  const json& p = table.at("differences").at(0);
  EXPECT_EQ(p.at("partition"), "p20240102");
  EXPECT_EQ(p.at("state"), "content differs");
  EXPECT_EQ(p.at("source_rows"), 40);
  EXPECT_EQ(p.at("target_rows"), 40);
  ASSERT_EQ(p.at("keys").size(), 1U) << p.dump(2);
  EXPECT_TRUE(contains(p.at("keys").at(0).at("key").get<std::string>(), "`k` = 217")) << p.dump(2);
  EXPECT_EQ(p.at("keys").at(0).at("kind"), "content differs");
  EXPECT_TRUE(p.at("complete").get<bool>());
  EXPECT_TRUE(contains(v.run.out, "content differs")) << v.run.out;
}

TEST(VerifyTest, ADeletedRowAndAnInsertedOneWithEqualCountsAreBothReported) {
  const std::string db = twin_table("verify_swap", "DUPLICATE KEY(`k`)", {"DST"}, {105});
  sql("DST", "INSERT INTO `" + db + "`.`t` VALUES " + twin_row(199));
  const Verified v = verify(db + ".t");
  ASSERT_EQ(v.run.exit_code, 3) << v.run.out << v.run.err;
  const json& p = first_table(v).at("differences").at(0);
  EXPECT_EQ(p.at("state"), "content differs");
  std::map<std::string, std::string> kinds;
  for (const json& key : p.at("keys")) {
    kinds[key.at("key").get<std::string>()] = key.at("kind").get<std::string>();
  }
  ASSERT_EQ(kinds.size(), 2U) << p.dump(2);
  for (const auto& [key, kind] : kinds) {
    EXPECT_EQ(kind, contains(key, "105") ? "only on source" : "only on target") << key;
  }
}

TEST(VerifyTest, ADuplicatedRowShowsItsCopies) {
  const std::string db = twin_table("verify_dup", "DUPLICATE KEY(`k`)");
  sql("DST", "INSERT INTO `" + db + "`.`t` VALUES (310, '2024-01-03', 3100, 's310')");
  const Verified v = verify(db + ".t");
  ASSERT_EQ(v.run.exit_code, 3) << v.run.out << v.run.err;
  const json& p = first_table(v).at("differences").at(0);
  EXPECT_EQ(p.at("state"), "count differs");
  ASSERT_EQ(p.at("keys").size(), 1U) << p.dump(2);
  EXPECT_EQ(p.at("keys").at(0).at("source_copies"), 1);
  EXPECT_EQ(p.at("keys").at(0).at("target_copies"), 2);
}

TEST(VerifyTest, NullAndEmptyStringAreDifferentContent) {
  const std::string db = twin_table("verify_null", "PRIMARY KEY(`k`, `dt`)");
  sql("SRC", "INSERT INTO `" + db + "`.`t` VALUES (101, '2024-01-01', 1010, '')");
  sql("DST", "INSERT INTO `" + db + "`.`t` VALUES (101, '2024-01-01', 1010, NULL)");
  const Verified v = verify(db + ".t");
  ASSERT_EQ(v.run.exit_code, 3) << v.run.out << v.run.err;
  const json& p = first_table(v).at("differences").at(0);
  ASSERT_EQ(p.at("keys").size(), 1U) << p.dump(2);
  EXPECT_TRUE(contains(p.at("keys").at(0).at("key").get<std::string>(), "`k` = 101"));
}

TEST(VerifyTest, DecimalAndDatetimeColumnsCompareByValue) {
  const std::string db = fresh_database("verify_types");
  const std::string ddl = "CREATE TABLE `" + db +
                          "`.`m` (`k` INT, `d` DECIMAL(10, 2), `ts` DATETIME, `f` DOUBLE) "
                          "DUPLICATE KEY(`k`) DISTRIBUTED BY HASH(`k`) BUCKETS 1 "
                          "PROPERTIES('replication_num'='1')";
  const std::string rows = "INSERT INTO `" + db +
                           "`.`m` VALUES (1, 1.50, '2024-01-01 10:00:00', 0.1), (2, NULL, NULL, "
                           "NULL)";
  for (const char* side : {"SRC", "DST", "DST31"}) {
    sql_all(side, {"CREATE DATABASE `" + db + "`", ddl, rows});
  }
  sql_all("SRC", {"INSERT INTO `" + db + "`.`m` VALUES (3, -7.25, '2024-02-29 23:59:59', 1e20)"});
  sql_all("DST31", {"INSERT INTO `" + db + "`.`m` VALUES (3, -7.25, '2024-02-29 23:59:59', 1e20)"});
  // The same values on another release compare equal (murmur, DECIMAL and DATETIME texts).
  ASSERT_EQ(verify(db + ".m", {}, "dst31").run.exit_code, 0);
  // One second apart on DST.
  sql("DST", "INSERT INTO `" + db + "`.`m` VALUES (3, -7.25, '2024-02-29 23:59:58', 1e20)");
  const Verified v = verify(db + ".m");
  ASSERT_EQ(v.run.exit_code, 3) << v.run.out << v.run.err;
  const json& p = first_table(v).at("differences").at(0);
  EXPECT_EQ(p.at("partition"), "m"); // the unpartitioned table's one partition
  ASSERT_EQ(p.at("keys").size(), 1U) << p.dump(2);
  EXPECT_TRUE(contains(p.at("keys").at(0).at("key").get<std::string>(), "`k` = 3"));
}

TEST(VerifyTest, ATargetWithItsColumnsInAnotherOrderStillCompares) {
  const std::string db = fresh_database("verify_order");
  sql_all("SRC", {"CREATE DATABASE `" + db + "`", daily_table(db, "t", 2),
                  rows_for_day(db, "t", 1, 100, 5), rows_for_day(db, "t", 2, 200, 5)});
  sql_all("DST", {"CREATE DATABASE `" + db + "`",
                  "CREATE TABLE `" + db +
                      "`.`t` (`k` INT, `v` INT, `dt` DATE) DUPLICATE KEY(`k`) PARTITION BY "
                      "RANGE(`dt`) (PARTITION p20240101 VALUES [('2024-01-01'), ('2024-01-02')), "
                      "PARTITION p20240102 VALUES [('2024-01-02'), ('2024-01-03'))) DISTRIBUTED "
                      "BY HASH(`k`) BUCKETS 2 PROPERTIES('replication_num'='1')"});
  std::vector<std::string> inserts;
  for (const auto& row : sql("SRC", "SELECT `k`, `dt`, `v` FROM `" + db + "`.`t`").rows) {
    inserts.push_back("INSERT INTO `" + db + "`.`t` (`k`, `v`, `dt`) VALUES (" + *row[0] + ", " +
                      *row[2] + ", '" + *row[1] + "')");
  }
  sql_all("DST", inserts);
  const Verified v = verify(db + ".t");
  EXPECT_EQ(v.run.exit_code, 0) << v.run.out << v.run.err;
}

TEST(VerifyTest, OlderReleasesUseMurmurOnBothSidesAndFindTheSameKey) {
  const std::string db = twin_table("verify_murmur", "PRIMARY KEY(`k`, `dt`)", {"DST31"});
  sql("DST31", "INSERT INTO `" + db + "`.`t` VALUES (333, '2024-01-03', 1, 's333')");
  const QueryLogMark src("SRC");
  const Verified v = verify(db + ".t", {}, "dst31");
  ASSERT_EQ(v.run.exit_code, 3) << v.run.out << v.run.err;
  EXPECT_EQ(count_matching(src.statements(), "xx_hash3_64("), 0U);
  EXPECT_GE(count_matching(src.statements(), "murmur_hash3_32('exl', "), 1U);
  const json& p = first_table(v).at("differences").at(0);
  EXPECT_EQ(p.at("partition"), "p20240103");
  ASSERT_EQ(p.at("keys").size(), 1U) << p.dump(2);
  EXPECT_TRUE(contains(p.at("keys").at(0).at("key").get<std::string>(), "`k` = 333"));
}

TEST(VerifyTest, AThousandPartitionsAreChecksummedInOneStatementPerSide) {
  const std::string db = fresh_database("verify_many");
  std::string partitions;
  for (int i = 0; i < 1000; ++i) {
    partitions += std::string(i ? ", " : "") + "PARTITION p" + std::to_string(i) + " VALUES [('" +
                  std::to_string(i * 10) + "'), ('" + std::to_string(i * 10 + 10) + "'))";
  }
  const std::string ddl = "CREATE TABLE `" + db +
                          "`.`w` (`k` INT, `v` INT) DUPLICATE KEY(`k`) PARTITION BY RANGE(`k`) (" +
                          partitions +
                          ") DISTRIBUTED BY HASH(`k`) BUCKETS 1 PROPERTIES('replication_num'='1')";
  std::string values;
  for (int k = 0; k < 10000; k += 7) {
    values += std::string(values.empty() ? "" : ", ") + "(" + std::to_string(k) + ", " +
              std::to_string(k % 13) + ")";
  }
  for (const char* side : {"SRC", "DST"}) {
    sql_all(side,
            {"CREATE DATABASE `" + db + "`", ddl, "INSERT INTO `" + db + "`.`w` VALUES " + values});
  }
  sql("SRC", "INSERT INTO `" + db + "`.`w` VALUES (5003, 1)");
  sql("DST", "INSERT INTO `" + db + "`.`w` VALUES (5003, 2)"); // same count, other content
  const QueryLogMark src("SRC");
  const QueryLogMark dst("DST");
  const Verified v = verify(db + ".w");
  ASSERT_EQ(v.run.exit_code, 3) << v.run.out << v.run.err;
  EXPECT_EQ(first_table(v).at("partitions_audited"), 1000);
  ASSERT_EQ(first_table(v).at("differences").size(), 1U);
  EXPECT_EQ(first_table(v).at("differences").at(0).at("partition"), "p500");
  // The checksum pass: one statement per side over all 1000 partitions (the bisection's own
  // statements name exl_range, not exl_partition).
  EXPECT_EQ(count_matching(src.statements(), "exl_partition"), 1U);
  EXPECT_EQ(count_matching(dst.statements(), "exl_partition"), 1U);
}

TEST(ChecksumRepairTest, V2RewritesOnlyThePartitionWhoseContentDiffersThenNothing) {
  const std::string db = twin_table("checksum_v2", "PRIMARY KEY(`k`, `dt`)");
  sql("DST", "INSERT INTO `" + db + "`.`t` VALUES (120, '2024-01-01', -5, 'changed')");
  // Counts alone see nothing to do.
  const QueryLogMark counted("DST");
  ASSERT_EQ(run_exl(vmode("v2", db + ".t", {"-a", "-r", "-i"})).exit_code, 0);
  EXPECT_EQ(count_matching(writes_in(counted.statements()), "INSERT OVERWRITE"), 0U);
  const QueryLogMark dst("DST");
  const ExlResult r = run_exl(vmode("v2", db + ".t", {"-a", "-r", "-i", "-checksum"}));
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  const auto writes = writes_in(dst.statements());
  ASSERT_EQ(count_matching(writes, "INSERT OVERWRITE"), 1U) << r.out;
  EXPECT_EQ(count_matching(writes, "PARTITION (`p20240101`)"), 1U);
  EXPECT_EQ(content("DST", db, "t"), content("SRC", db, "t"));
  const QueryLogMark again("DST");
  const ExlResult r2 = run_exl(vmode("v2", db + ".t", {"-a", "-r", "-i", "-checksum"}));
  EXPECT_EQ(r2.exit_code, 0) << r2.out << r2.err;
  EXPECT_EQ(count_matching(again.statements(), "INSERT"), 0U) << r2.out;
}

} // namespace
} // namespace exl::test::e2e
