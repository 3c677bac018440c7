// -o pipe end to end (issue #14): tables of every partitioning kind streamed through this host,
// a streaming SELECT on the source feeding a labelled Stream Load on the target (srsim's FE http
// port, its 307 to the simulated BE); values of every kind exact; a non-empty target refused
// unless -truncate; incremental runs replace only the differing partitions through temporary
// partitions; the password never shown.
#include "e2e/external_copy_support.hpp"

#include "support/temp_dir.hpp"

#include <csignal>

namespace exl::test::e2e {
namespace {

std::vector<std::string> pipe_run(const std::string& list, std::vector<std::string> extra,
                                  const std::string& target = "dst") {
  return vmode("pipe", list, std::move(extra), target);
}

// Loads go over HTTP: the SQL the target receives is the structure and nothing else.
TEST(PipeModeTest, EveryPartitioningKindIsCopiedExactlyByStreamLoad) {
  const std::string db = fresh_database("pp_kinds");
  make_copy_tables(db);
  const QueryLogMark src("SRC");
  const QueryLogMark dst("DST");
  const ExlResult r = run_exl(pipe_run(db + ".*", {"-r", "-i", "-thread", "4"}));
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  for (const std::string& t : copy_tables()) {
    EXPECT_EQ(content("DST", db, t), content("SRC", db, t)) << t;
  }
  EXPECT_EQ(writes_in(src.statements()), std::vector<std::string>{});
  const auto writes = writes_in(dst.statements());
  EXPECT_EQ(count_matching(writes, "INSERT"), 0U) << r.out;
  EXPECT_EQ(count_matching(writes, "CREATE TABLE"), 4U) << r.out;
  // Stream Loads are transactions (SHOW LOAD lists no Stream Load, SHOW_LOAD.md): one per
  // partition, each with the run's label.
  std::size_t labelled = 0;
  for (const auto& row : sql("DST", "SHOW PROC '/transactions/" + db + "/finished'").rows) {
    labelled += contains(row.at(1).value_or(""), "exl_pipe_") ? 1 : 0;
  }
  EXPECT_EQ(labelled, 9U) << r.out;
  EXPECT_FALSE(contains(r.out + r.err, cluster("DST").password));
}

TEST(PipeModeTest, ThePlanShowsTheSelectAndTheRequestsWithoutThePassword) {
  const std::string db = fresh_database("pp_plan");
  make_copy_tables(db);
  const QueryLogMark dst("DST");
  const ExlResult r = run_exl(pipe_run(db + ".ranged", {"-i"}));
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_TRUE(contains(r.out, "PUT /api/" + db + "/ranged/_stream_load label: exl_pipe_")) << r.out;
  EXPECT_TRUE(contains(r.out, "strict_mode: true, max_filter_ratio: 0")) << r.out;
  EXPECT_TRUE(contains(r.out, "partitions: p20240101")) << r.out;
  EXPECT_TRUE(contains(r.out, "body: CSV of [src] SELECT")) << r.out;
  EXPECT_FALSE(contains(r.out + r.err, cluster("DST").password));
  EXPECT_EQ(writes_in(dst.statements()), std::vector<std::string>{});
}

// Separators, quotes, backslashes, newlines, the text \N, empty strings, NULLs and non-ASCII
// travel exactly to a 3.x target (CSV with enclose and escape).
TEST(PipeModeTest, AnyTextTravelsExactly) {
  const std::string db = fresh_database("pp_text");
  sql_all("SRC",
          {"CREATE DATABASE `" + db + "`",
           "CREATE TABLE `" + db +
               "`.`texts` (k INT, s STRING, v VARCHAR(64), d DECIMAL(20, 6), f DOUBLE, "
               "dt DATETIME, b BOOLEAN, big LARGEINT) DUPLICATE KEY(k) DISTRIBUTED BY "
               "HASH(k) BUCKETS 2 PROPERTIES('replication_num'='1')",
           "INSERT INTO `" + db +
               "`.`texts` VALUES (1, 'a\\tb,c;d|e', 'x\\ny', 1.5, 0.1, '2024-01-01 "
               "10:00:00', true, 170141183460469231731687303715884105727), (2, "
               "'quote \" and \\\\ backslash', '', -2.25, -1e300, NULL, false, -1), (3, "
               "'\\\\N', NULL, NULL, NULL, '1970-01-01 00:00:00', NULL, NULL), (4, "
               "'中文 émoji ✓', 'sep\x01inside\x02', 0, 3.5, '2038-01-19 03:14:08', true, 0)"});
  const ExlResult r = run_exl(pipe_run(db + ".texts", {"-r", "-i"}));
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(content("DST", db, "texts"), content("SRC", db, "texts"));
}

// JSON values, and ARRAY / MAP of numbers and dates, travel as the text the source prints, escaped
// like any text (srsim keeps such values as text: this checks the CSV path, not StarRocks's
// parsing of them). A STRUCT, or text inside an ARRAY / MAP, which StarRocks's CSV reader cannot
// read back exactly, refuses the table up front with -o starrocks recommended.
TEST(PipeModeTest, ComplexValuesTravelWhereTheCsvReaderReadsThemBack) {
  const std::string db = fresh_database("pp_complex");
  sql_all("SRC", {"CREATE DATABASE `" + db + "`",
                  "CREATE TABLE `" + db +
                      "`.`cx` (k INT, a ARRAY<INT>, mp MAP<INT, DATE>, j JSON) DUPLICATE KEY(k) "
                      "DISTRIBUTED BY HASH(k) BUCKETS 1 PROPERTIES('replication_num'='1')",
                  "INSERT INTO `" + db +
                      "`.`cx` VALUES (1, '[1,2,null]', '{1:\"2024-01-01\",2:null}', "
                      "'{\"a\": [1, \"q\\\\\"uote,\\\\ttab\"], \"b\": null}'), "
                      "(2, NULL, '{}', NULL), (3, '[]', NULL, '\"s\"')",
                  "CREATE TABLE `" + db +
                      "`.`texts` (k INT, s ARRAY<STRING>) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) "
                      "BUCKETS 1 PROPERTIES('replication_num'='1')",
                  "CREATE TABLE `" + db +
                      "`.`st` (k INT, s STRUCT<a INT, b INT>) DUPLICATE KEY(k) DISTRIBUTED BY "
                      "HASH(k) BUCKETS 1 PROPERTIES('replication_num'='1')"});
  const ExlResult r = run_exl(pipe_run(db + ".cx", {"-r", "-i"}));
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(content("DST", db, "cx"), content("SRC", db, "cx"));
  const QueryLogMark dst("DST");
  const ExlResult refused = run_exl(pipe_run(db + ".texts," + db + ".st", {"-r", "-i"}));
  EXPECT_EQ(refused.exit_code, 1) << refused.out << refused.err;
  EXPECT_TRUE(contains(refused.out, "does not unescape quotes")) << refused.out;
  EXPECT_TRUE(contains(refused.out, "Hive's text form")) << refused.out;
  EXPECT_TRUE(contains(refused.out, "-o starrocks can")) << refused.out;
  EXPECT_EQ(count_matching(writes_in(dst.statements()), "CREATE TABLE"), 0U);
}

TEST(PipeModeTest, ANonEmptyTargetIsRefusedWithNothingWrittenUnlessTruncate) {
  const std::string db = fresh_database("pp_nonempty");
  make_copy_tables(db);
  ASSERT_EQ(run_exl(pipe_run(db + ".ranged", {"-r", "-i"})).exit_code, 0);
  sql("SRC", rows_for_day(db, "ranged", 4, 400, 2));
  const QueryLogMark refused("DST");
  const ExlResult again = run_exl(pipe_run(db + ".ranged", {"-r", "-i"}));
  EXPECT_EQ(again.exit_code, 1) << again.out << again.err;
  EXPECT_TRUE(contains(again.out, "-truncate")) << again.out;
  EXPECT_EQ(writes_in(refused.statements()), std::vector<std::string>{});
  const ExlResult r = run_exl(pipe_run(db + ".ranged", {"-r", "-i", "-truncate"}));
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(content("DST", db, "ranged"), content("SRC", db, "ranged"));
}

// After a first copy, a run without -i replaces only the partitions that changed, each through a
// temporary partition swapped in, never emptied first.
TEST(PipeModeTest, AnIncrementalRunReplacesOnlyTheDifferingPartitionsAtomically) {
  const std::string db = fresh_database("pp_rounds");
  make_copy_tables(db);
  config::test::TempDir state;
  const std::map<std::string, std::string> env{{"XDG_STATE_HOME", state.path()}};
  ASSERT_EQ(run_exl(pipe_run(db + ".ranged", {"-r", "-i"}), env).exit_code, 0);
  sql_all("SRC", {rows_for_day(db, "ranged", 2, 900, 2), rows_for_day(db, "ranged", 4, 950, 1)});
  const QueryLogMark dst("DST");
  std::vector<std::string> args = pipe_run(db + ".ranged", {"-r", "-interval", "1"});
  args.insert(args.begin(), {"-config", config_path()});
  const auto round = first_round(args, env);
  const ExlResult& r = round.result;
  ASSERT_TRUE(round.done) << r.out << r.err;
  EXPECT_EQ(r.exit_code, 130) << r.out << r.err;
  EXPECT_EQ(content("DST", db, "ranged"), content("SRC", db, "ranged"));
  const auto writes = writes_in(dst.statements());
  EXPECT_EQ(count_matching(writes, "ADD TEMPORARY PARTITION"), 2U) << r.out;
  EXPECT_EQ(count_matching(writes, "REPLACE PARTITION (`p20240102`)"), 1U);
  EXPECT_EQ(count_matching(writes, "REPLACE PARTITION (`p20240104`)"), 1U);
  EXPECT_EQ(count_matching(writes, "TRUNCATE"), 0U);
}

// A partition larger than -speed travels in key ranges of the first key column that is not the
// partition column, each its own labelled Stream Load (and its own task on an append); a
// replacement loads every range into the one temporary partition before the one REPLACE.
TEST(PipeModeTest, ALargePartitionTravelsInKeyRangesEachItsOwnLoad) {
  const std::string db = fresh_database("pp_ranges");
  sql_all("SRC", {"CREATE DATABASE `" + db + "`", daily_table(db, "big", 3),
                  rows_for_day(db, "big", 1, 1000, 60), rows_for_day(db, "big", 2, 2000, 60),
                  rows_for_day(db, "big", 3, 3000, 1)});
  config::test::TempDir state;
  const std::map<std::string, std::string> env{{"XDG_STATE_HOME", state.path()}};
  // A few KiB: every partition with rows is larger (srsim's DataSize is InnoDB's, >= 16 KiB).
  const std::vector<std::string> small{"-speed", "0.000004"};
  std::vector<std::string> first = pipe_run(db + ".big", {"-r", "-i", "-thread", "4"});
  first.insert(first.end(), small.begin(), small.end());
  const ExlResult r = run_exl(first, env);
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(content("DST", db, "big"), content("SRC", db, "big"));
  EXPECT_TRUE(contains(r.out, "#p20240101 range 1/")) << r.out;
  EXPECT_TRUE(contains(r.out, "3/3 ")) << r.out; // audited/rewritten: partitions, not ranges
  const auto labels = [&] {
    std::size_t n = 0;
    for (const auto& row : sql("DST", "SHOW PROC '/transactions/" + db + "/finished'").rows) {
      n += contains(row.at(1).value_or(""), "exl_pipe_") ? 1 : 0;
    }
    return n;
  };
  const std::size_t first_loads = labels();
  EXPECT_GE(first_loads, 5U) << r.out; // >= 2 ranges in each of the two 60-row partitions

  sql("SRC", rows_for_day(db, "big", 2, 2100, 1));
  const QueryLogMark dst("DST");
  std::vector<std::string> args = pipe_run(db + ".big", {"-r", "-interval", "1"});
  args.insert(args.end(), small.begin(), small.end());
  args.insert(args.begin(), {"-config", config_path()});
  const auto round = first_round(args, env);
  const ExlResult& again = round.result;
  ASSERT_TRUE(round.done) << again.out << again.err;
  EXPECT_EQ(again.exit_code, 130) << again.out << again.err;
  EXPECT_EQ(content("DST", db, "big"), content("SRC", db, "big"));
  const auto writes = writes_in(dst.statements());
  EXPECT_EQ(count_matching(writes, "ADD TEMPORARY PARTITION"), 1U) << again.out;
  EXPECT_EQ(count_matching(writes, "REPLACE PARTITION (`p20240102`)"), 1U) << again.out;
  EXPECT_GE(labels(), first_loads + 2) << again.out; // the replacement, in ranges too
}

// A 2.x target has no CSV escaping: plain values go through \x01/\x02 separators, a value holding
// one fails its partition with the reason, never loaded wrong.
TEST(PipeModeTest, AnOldTargetTakesPlainValuesAndRefusesUnescapableOnes) {
  const std::string db = fresh_database("pp_old");
  make_copy_tables(db);
  const ExlResult r = run_exl(pipe_run(db + ".ranged", {"-r", "-i"}, "dst25"));
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(content("DST25", db, "ranged"), content("SRC", db, "ranged"));
  sql_all("SRC", {"CREATE TABLE `" + db +
                      "`.`bad` (k INT, s STRING) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS "
                      "1 PROPERTIES('replication_num'='1')",
                  "INSERT INTO `" + db + "`.`bad` VALUES (1, 'ok'), (2, 'has\x01separator')"});
  const ExlResult bad = run_exl(pipe_run(db + ".bad", {"-r", "-i"}, "dst25"));
  EXPECT_EQ(bad.exit_code, 1) << bad.out << bad.err;
  EXPECT_TRUE(contains(bad.out, "no CSV escaping")) << bad.out;
  EXPECT_EQ(sql("DST25", "SELECT COUNT(*) FROM `" + db + "`.`bad`").rows.at(0).at(0), "0");
}

} // namespace
} // namespace exl::test::e2e
