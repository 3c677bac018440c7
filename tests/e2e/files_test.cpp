// -o files end to end (issue #17): the source exports each partition with INSERT INTO FILES into
// a real S3-protocol server (s3rver, started with the sandbox), the target loads it with FILES()
// under the run's label; one bucket and two (copied through this host); range, list, automatic
// and unpartitioned tables exact; the objects deleted after a verified load, kept with
// -keep-files and listed and deleted by clean; a crash after the export (the re-run does not
// export again), a lost load answer (resolved by its label), SIGINT (the run's prefix listed by
// clean); the keys in no output, report, log, history or state file.
#include "e2e/external_copy_support.hpp"

#include "exlschema/storage/s3_client.hpp"
#include "support/temp_dir.hpp"

#include <csignal>
#include <fstream>

namespace exl::test::e2e {
namespace {

// s3rver checks the access key id only (S3RVER); the secret is ours, so the tests can look for it.
constexpr const char* k_secret = "exl-e2e-s3-secret-7f1c9a";

std::string sandbox_var(const std::string& name) {
  const auto env = load_sandbox_env();
  return env && env->count(name) != 0 ? env->at(name) : std::string();
}

storage::StorageLocation location(const std::string& bucket, const std::string& prefix) {
  storage::StorageLocation l;
  l.name = bucket == "exl-src" ? "source" : "target";
  l.endpoint = sandbox_var("EXL_S3_ENDPOINT");
  l.bucket = bucket;
  l.prefix = prefix;
  l.access_key = sandbox_var("EXL_S3_ACCESS_KEY");
  l.secret_key = k_secret;
  return l;
}

std::vector<storage::ObjectInfo> objects(const std::string& bucket, const std::string& prefix) {
  const storage::S3Client client(location(bucket, prefix));
  return client.list(prefix + "/");
}

// A private state directory, and a configuration: the sandbox's clusters plus `storage:` with
// the key prefix `prefix` (one per test, so that tests never see each other's objects).
class FilesJob {
public:
  explicit FilesJob(const std::string& prefix, bool two_buckets = false,
                    const std::string& format = "csv")
      : m_prefix(prefix) {
    std::string text = read_file(config_path());
    const auto spot = [&](const std::string& name, const std::string& bucket) {
      return "  " + name + ":\n    endpoint: " + sandbox_var("EXL_S3_ENDPOINT") +
             "\n    bucket: " + bucket + "\n    prefix: " + prefix +
             "\n    access_key_env: EXL_S3_ACCESS_KEY\n    secret_key_env: EXL_E2E_S3_SECRET\n";
    };
    text += "storage:\n  format: " + format + "\n" + spot("source", "exl-src");
    if (two_buckets) {
      text += spot("target", "exl-dst");
    }
    m_config = m_dir.path() + "/exlSchema.yaml";
    std::ofstream(m_config) << text;
    m_env = {{"XDG_STATE_HOME", m_dir.path() + "/state"}, {"EXL_E2E_S3_SECRET", k_secret}};
  }
  std::vector<std::string> args(const std::string& list, std::vector<std::string> extra,
                                const std::string& target = "dst") const {
    std::vector<std::string> a = vmode("files", list, std::move(extra), target);
    a.insert(a.begin(), {"-config", m_config});
    return a;
  }
  ExlResult run(const std::string& list, std::vector<std::string> extra) const {
    return run_exl(args(list, std::move(extra)), m_env);
  }
  ExlResult command(std::vector<std::string> a) const {
    a.insert(a.begin() + 1, {"-config", m_config});
    return run_exl(std::move(a), m_env);
  }
  const std::map<std::string, std::string>& env() const { return m_env; }
  const std::string& dir() const { return m_dir.path(); }
  const std::string& prefix() const { return m_prefix; }

private:
  config::test::TempDir m_dir;
  std::string m_prefix;
  std::string m_config;
  std::map<std::string, std::string> m_env;
};

void expect_copies(const std::string& db, const std::vector<std::string>& tables) {
  for (const std::string& t : tables) {
    EXPECT_EQ(content("DST", db, t), content("SRC", db, t)) << t;
  }
}

TEST(FilesModeTest, OneBucketCopiesEveryPartitioningKindExactlyAndDeletesTheObjects) {
  const std::string db = fresh_database("fl_kinds");
  make_copy_tables(db);
  const FilesJob job("e2e-" + db);
  const QueryLogMark src("SRC");
  const QueryLogMark dst("DST");
  const std::string json = job.dir() + "/run.json";
  const std::string log = job.dir() + "/run.log";
  const ExlResult r = job.run(db + ".*", {"-r", "-i", "-thread", "4", "-json", json, "-log", log});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  expect_copies(db, copy_tables());
  // One export per source partition (ranged 4, listed 2, expr 2, single 1), nothing else
  // written on the source; every load reads FILES() under a label.
  const auto exports = writes_in(src.statements());
  EXPECT_EQ(count_matching(exports, "INSERT INTO FILES("), 9U) << r.out;
  EXPECT_EQ(exports.size(), 9U) << r.out;
  const auto loads = writes_in(dst.statements());
  EXPECT_GE(count_matching(loads, "FROM FILES("), 8U) << r.out;
  EXPECT_EQ(count_matching(loads, "FROM FILES("), count_matching(loads, "WITH LABEL `exl_files_"))
      << r.out;
  EXPECT_EQ(objects("exl-src", job.prefix()), std::vector<storage::ObjectInfo>{});
  // The keys: in the statements StarRocks needs, in nothing exlSchema shows or keeps.
  EXPECT_TRUE(contains(exports.front(), k_secret)); // StarRocks needs it in the statement

  const ExlResult history = job.command({"history"});
  for (const std::string& shown :
       {r.out, r.err, read_file(json), read_file(log), history.out, history.err,
        read_file(job.dir() + "/state/exlSchema/state.db")}) {
    EXPECT_FALSE(contains(shown, k_secret));
    EXPECT_FALSE(contains(shown, "S3RVER"));
  }
}

TEST(FilesModeTest, TwoBucketsAreBridgedByThisHost) {
  const std::string db = fresh_database("fl_two");
  make_copy_tables(db);
  const FilesJob job("e2e-" + db, true);
  const QueryLogMark src("SRC");
  const QueryLogMark dst("DST");
  const ExlResult r = job.run(db + ".ranged," + db + ".single", {"-r", "-i", "-thread", "2"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  expect_copies(db, {"ranged", "single"});
  for (const auto& s : writes_in(src.statements())) {
    EXPECT_TRUE(contains(s, "s3://exl-src/e2e-" + db + "/")) << s;
  }
  for (const auto& s : writes_in(dst.statements())) {
    if (contains(s, "FROM FILES(")) {
      EXPECT_TRUE(contains(s, "s3://exl-dst/e2e-" + db + "/")) << s;
    }
  }
  EXPECT_EQ(objects("exl-src", job.prefix()), std::vector<storage::ObjectInfo>{});
  EXPECT_EQ(objects("exl-dst", job.prefix()), std::vector<storage::ObjectInfo>{});
}

TEST(FilesModeTest, ThePlanShowsEveryStatementAndTheCopyWithoutTheKeys) {
  const std::string db = fresh_database("fl_plan");
  make_copy_tables(db);
  const FilesJob job("e2e-" + db, true, "auto");
  const QueryLogMark src("SRC");
  const QueryLogMark dst("DST");
  const ExlResult r = job.run(db + ".ranged", {"-i"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  // Both clusters run 3.3: Parquet, typed.
  EXPECT_TRUE(contains(r.out, "[src] INSERT INTO FILES(\"path\" = \"s3://exl-src/e2e-" + db))
      << r.out;
  EXPECT_TRUE(contains(r.out, "\"format\" = \"parquet\"")) << r.out;
  EXPECT_TRUE(contains(r.out, "then this host copies s3://exl-src/")) << r.out;
  EXPECT_TRUE(contains(r.out, "FROM FILES(\"path\" = \"s3://exl-dst/e2e-" + db)) << r.out;
  EXPECT_TRUE(contains(r.out, "\"aws.s3.secret_key\" = \"***\"")) << r.out;
  EXPECT_FALSE(contains(r.out + r.err, k_secret));
  EXPECT_EQ(writes_in(src.statements()), std::vector<std::string>{});
  EXPECT_EQ(writes_in(dst.statements()), std::vector<std::string>{});
}

TEST(FilesModeTest, KeepFilesLeavesTheObjectsAndCleanListsThenDeletesThem) {
  const std::string db = fresh_database("fl_keep");
  make_copy_tables(db);
  const FilesJob job("e2e-" + db);
  const ExlResult r = job.run(db + ".listed", {"-r", "-i", "-keep-files"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  expect_copies(db, {"listed"});
  EXPECT_FALSE(objects("exl-src", job.prefix()).empty());
  const ExlResult listed = job.command({"clean", "-target", "dst"});
  EXPECT_EQ(listed.exit_code, 0) << listed.out << listed.err;
  EXPECT_TRUE(
      contains(listed.out, "storage.source (s3://exl-src/e2e-" + db + "/): 1 run prefix(es) left"))
      << listed.out;
  EXPECT_FALSE(objects("exl-src", job.prefix()).empty());
  const ExlResult cleaned = job.command({"clean", "-target", "dst", "-r"});
  EXPECT_EQ(cleaned.exit_code, 0) << cleaned.out << cleaned.err;
  EXPECT_TRUE(contains(cleaned.out, "deleted: s3://exl-src/e2e-" + db + "/")) << cleaned.out;
  EXPECT_EQ(objects("exl-src", job.prefix()), std::vector<storage::ObjectInfo>{});
  EXPECT_FALSE(contains(listed.out + cleaned.out, k_secret));
}

// Killed while the target's load is held: the export (and its copy) is in the bucket and
// recorded; the re-run loads it without exporting again, then deletes the earlier run's objects.
void crash_then_resume(const std::string& what, bool two_buckets) {
  const std::string db = fresh_database(what);
  make_copy_tables(db);
  const FilesJob job("e2e-" + db, two_buckets);
  db::ConnectionParams params = cluster("DST");
  params.query_timeout_s = 0;
  db::Connection control(params);
  control.query("ADMIN SET SIM STALL 'FROM FILES('");
  {
    ExlProcess run(job.args(db + ".single", {"-r", "-i"}), job.env());
    const bool held = statement_running(control, "FROM FILES(");
    run.signal(SIGKILL);
    run.wait();
    // srsim drops the held load once it sees its client gone; released before that, it would
    // still run (as a statement in flight may on StarRocks) and the target would hold the rows.
    const bool dropped = eventually(
        [&] {
          for (const auto& row : control.query("SHOW PROCESSLIST").rows) {
            for (const auto& cell : row) {
              if (contains(cell.value_or(""), "FROM FILES(")) {
                return false;
              }
            }
          }
          return true;
        },
        std::chrono::seconds(30), std::chrono::milliseconds(10));
    control.query("ADMIN SET SIM RESET");
    ASSERT_TRUE(held) << run.out_so_far() << run.err_so_far();
    ASSERT_TRUE(dropped);
  }
  EXPECT_FALSE(objects("exl-src", job.prefix()).empty());
  EXPECT_EQ(objects("exl-dst", job.prefix()).empty(), !two_buckets);
  const QueryLogMark src("SRC");
  const ExlResult r = job.run(db + ".single", {"-r", "-i"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  expect_copies(db, {"single"});
  EXPECT_EQ(count_matching(writes_in(src.statements()), "INSERT INTO FILES("), 0U) << r.out;
  EXPECT_TRUE(contains(r.out, "reused the export of run")) << r.out;
  EXPECT_EQ(objects("exl-src", job.prefix()), std::vector<storage::ObjectInfo>{});
  EXPECT_EQ(objects("exl-dst", job.prefix()), std::vector<storage::ObjectInfo>{});
}

TEST(FilesModeTest, ACrashAfterTheExportIsResumedWithoutExportingAgain) {
  crash_then_resume("fl_crash", false);
}

TEST(FilesModeTest, ACrashAfterTheCopyIsResumedWithoutExportingOrCopyingAgain) {
  crash_then_resume("fl_crash2", true);
}

// The export finished but its answer was lost: its prefix is emptied and it is exported again,
// so the load reads one copy of the rows, never two.
TEST(FilesModeTest, AnExportWhoseAnswerWasLostIsRedoneIntoAnEmptiedPrefix) {
  const std::string db = fresh_database("fl_lostexp");
  make_copy_tables(db);
  const FilesJob job("e2e-" + db);
  sql("SRC", "ADMIN SET SIM CLOSE AFTER COMMIT 'INSERT INTO FILES('");
  const QueryLogMark src("SRC");
  const ExlResult r = job.run(db + ".single", {"-r", "-i"});
  sql("SRC", "ADMIN SET SIM RESET");
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  expect_copies(db, {"single"});
  EXPECT_EQ(count_matching(writes_in(src.statements()), "INSERT INTO FILES("), 2U) << r.out;
  EXPECT_TRUE(contains(r.out, "the export's answer was lost")) << r.out;
}

// CSV carries no escaping: every string goes as hex, so separators, newlines, the text \N,
// quotes, backslashes, non-ASCII, '' and NULL all come back as they were; checked by checksum.
TEST(FilesModeTest, StringsThatCsvCannotHoldTravelExactly) {
  const std::string db = fresh_database("fl_text");
  sql_all(
      "SRC",
      {"CREATE DATABASE `" + db + "`",
       "CREATE TABLE `" + db +
           "`.`texts` (k INT, s VARCHAR(64), c CHAR(8), d DECIMAL(27, 9), l LARGEINT, "
           "t DATETIME, b BOOLEAN, f DOUBLE) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) "
           "BUCKETS 1 PROPERTIES('replication_num'='1')",
       "INSERT INTO `" + db +
           R"sql(`.`texts` VALUES (1, 'a\tb', 'x', 123456789012345678.123456789, 170141183460469231731687303715884105727, '2024-02-29 23:59:59', true, 0.1), (2, 'line\nbreak', '', -0.000000001, -1, '1970-01-01 00:00:00', false, -2.5), (3, '\\N', NULL, NULL, NULL, NULL, NULL, NULL), (4, '', 'q"', 0, 0, '2000-01-01 00:00:01', true, 1e10), (5, NULL, '\\', 1, 1, '2000-01-01 00:00:00', false, 0), (6, '表 ünï ''q''', 'é', 2, 2, '2000-01-01 00:00:00', true, 3))sql"});
  const FilesJob job("e2e-" + db);
  const ExlResult r = job.run(db + ".texts", {"-r", "-i", "-checksum"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  expect_copies(db, {"texts"});
  EXPECT_EQ(
      sql("DST", "SELECT COUNT(*) FROM `" + db + "`.`texts` WHERE s IS NULL").rows.at(0).at(0),
      "1");
  EXPECT_EQ(sql("DST", "SELECT COUNT(*) FROM `" + db + "`.`texts` WHERE s = ''").rows.at(0).at(0),
            "1");
}

// The load committed, its answer was lost: the label says so, nothing is loaded twice.
TEST(FilesModeTest, ALostLoadAnswerIsResolvedByItsLabel) {
  const std::string db = fresh_database("fl_lost");
  make_copy_tables(db);
  const FilesJob job("e2e-" + db);
  sql("DST", "ADMIN SET SIM CLOSE AFTER COMMIT 'FROM FILES('");
  const ExlResult r = job.run(db + ".ranged", {"-r", "-i", "-thread", "1"});
  sql("DST", "ADMIN SET SIM RESET");
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  expect_copies(db, {"ranged"});
  EXPECT_TRUE(contains(r.out, "its answer was lost; the label says")) << r.out;
}

TEST(FilesModeTest, SigintLeavesNoTemporaryObjectAndCleanListsTheRunsPrefix) {
  const std::string db = fresh_database("fl_sigint");
  make_copy_tables(db);
  const FilesJob job("e2e-" + db);
  db::ConnectionParams params = cluster("DST");
  params.query_timeout_s = 0;
  db::Connection control(params);
  control.query("ADMIN SET SIM STALL 'FROM FILES('");
  ExlProcess run(job.args(db + ".ranged", {"-r", "-i", "-thread", "1"}), job.env());
  const bool held = statement_running(control, "FROM FILES(");
  run.signal(SIGINT);
  control.query("ADMIN SET SIM RESET");
  const ExlResult r = run.wait();
  ASSERT_TRUE(held) << r.out << r.err;
  EXPECT_EQ(r.exit_code, 130) << r.out << r.err;
  EXPECT_EQ(temp_tables("DST", db), std::vector<std::string>{});
  EXPECT_EQ(temp_tables("SRC", db), std::vector<std::string>{});
  const ExlResult listed = job.command({"clean", "-target", "dst"});
  EXPECT_TRUE(contains(listed.out, "1 run prefix(es) left")) << listed.out;
  EXPECT_FALSE(contains(r.out + r.err + listed.out, k_secret));
}

// A later round exports and replaces only the partition that changed on the source.
TEST(FilesModeTest, AnIncrementalRoundMovesOnlyTheChangedPartition) {
  const std::string db = fresh_database("fl_round");
  make_copy_tables(db);
  const FilesJob job("e2e-" + db);
  ASSERT_EQ(job.run(db + ".ranged", {"-r", "-i"}).exit_code, 0);
  sql("SRC", rows_for_day(db, "ranged", 2, 900, 2));
  const QueryLogMark src("SRC");
  const QueryLogMark dst("DST");
  const auto round = first_round(job.args(db + ".ranged", {"-r", "-interval", "1"}), job.env());
  ASSERT_TRUE(round.done) << round.result.out << round.result.err;
  expect_copies(db, {"ranged"});
  const auto exports = writes_in(src.statements());
  ASSERT_EQ(count_matching(exports, "INSERT INTO FILES("), 1U) << round.result.out;
  EXPECT_TRUE(contains(exports.front(), "/ranged/p20240102/")) << exports.front();
  EXPECT_EQ(count_matching(writes_in(dst.statements()), "INSERT OVERWRITE"), 1U)
      << round.result.out;
}

TEST(FilesModeTest, ATargetThatCannotReadTheBucketIsRefusedWithTheReason) {
  const std::string db = fresh_database("fl_old");
  make_copy_tables(db);
  const FilesJob job("e2e-" + db, false, "auto");
  const QueryLogMark src("SRC");
  const ExlResult r = run_exl(job.args(db + ".ranged", {"-r", "-i"}, "dst31"), job.env());
  EXPECT_NE(r.exit_code, 0) << r.out << r.err;
  EXPECT_TRUE(contains(r.out, "reads AWS S3 only")) << r.out;
  EXPECT_TRUE(contains(r.out, "FILES() reads CSV from 3.3")) << r.out;
  EXPECT_EQ(writes_in(src.statements()), std::vector<std::string>{});
}

TEST(FilesModeTest, WithoutStorageInTheConfigurationNothingConnects) {
  const ExlResult r = run_exl(vmode("files", "d.t", {"-r", "-i"}));
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_TRUE(contains(r.err, "-o files needs storage: in the configuration")) << r.err;
}

} // namespace
} // namespace exl::test::e2e
