// -o v1 end to end (issue #10): a first load, a non-empty target refused before anything is
// written, -truncate, -batchcheck at two -speed values, and exactly-once when the answer to a
// committed INSERT is lost (srsim's CLOSE AFTER COMMIT fault): the label resolves it.
#include "e2e/vmode_support.hpp"

namespace exl::test::e2e {
namespace {

std::string make_logs(const std::string& what) {
  const std::string db = fresh_database(what);
  std::vector<std::string> ddl{"CREATE DATABASE `" + db + "`", daily_table(db, "logs", 4)};
  for (int d = 1; d <= 4; ++d) {
    ddl.push_back(rows_for_day(db, "logs", d, d * 1000, 20 * d));
  }
  sql_all("SRC", ddl);
  return db;
}

TEST(V1Test, FirstLoadThenANonEmptyTargetIsRefusedWithoutWriting) {
  const std::string db = make_logs("v1_first");
  ASSERT_EQ(run_exl(vmode("v1", db + ".logs", {"-a", "-r", "-i"})).exit_code, 0);
  EXPECT_EQ(content("DST", db, "logs"), content("SRC", db, "logs"));
  const QueryLogMark dst("DST");
  const ExlResult again = run_exl(vmode("v1", db + ".logs", {"-a", "-r", "-i"}));
  EXPECT_EQ(again.exit_code, 1) << again.out << again.err;
  EXPECT_TRUE(contains(again.out, "doubled")) << again.out;
  EXPECT_EQ(writes_in(dst.statements()), std::vector<std::string>{});
  EXPECT_EQ(content("DST", db, "logs"), content("SRC", db, "logs"));
  const ExlResult truncated = run_exl(vmode("v1", db + ".logs", {"-a", "-truncate", "-r", "-i"}));
  EXPECT_EQ(truncated.exit_code, 0) << truncated.out << truncated.err;
  EXPECT_EQ(content("DST", db, "logs"), content("SRC", db, "logs"));
}

TEST(V1Test, BatchcheckPrintsBatchesAndWritesNothing) {
  const std::string db = make_logs("v1_bc");
  const QueryLogMark dst("DST");
  const ExlResult big =
      run_exl(vmode("v1", db + ".logs", {"-a", "-batch", "-batchcheck", "-speed", "100"}));
  ASSERT_EQ(big.exit_code, 0) << big.out << big.err;
  EXPECT_TRUE(contains(big.out, "1 batch(es)")) << big.out;
  const ExlResult small = run_exl(
      vmode("v1", db + ".logs", {"-a", "-batch", "-batchcheck", "-speed", "0.0000001", "-r"}));
  ASSERT_EQ(small.exit_code, 0) << small.out << small.err;
  EXPECT_FALSE(contains(small.out, " 1 batch(es)")) << small.out;
  EXPECT_TRUE(contains(small.out, "`dt`")) << small.out; // each batch's predicate
  EXPECT_EQ(writes_in(dst.statements()), std::vector<std::string>{});
}

TEST(V1Test, BatchedLoadCopiesEveryRowOnce) {
  const std::string db = make_logs("v1_batch");
  const ExlResult r =
      run_exl(vmode("v1", db + ".logs", {"-a", "-batch", "-speed", "0.0000001", "-r", "-i"}));
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(content("DST", db, "logs"), content("SRC", db, "logs"));
}

TEST(V1Test, LostAnswerAfterCommitIsResolvedByTheLabelNotResent) {
  const std::string db = make_logs("v1_lost");
  sql("DST", "ADMIN SET SIM CLOSE AFTER COMMIT 'INSERT INTO'");
  const QueryLogMark dst("DST");
  const ExlResult r = run_exl(vmode("v1", db + ".logs", {"-a", "-r", "-i"}));
  sql("DST", "ADMIN SET SIM RESET");
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(content("DST", db, "logs"), content("SRC", db, "logs")); // no doubled row
  EXPECT_GE(count_matching(dst.statements(), "LABEL"), 2U); // the INSERT, then the label lookup
}

} // namespace
} // namespace exl::test::e2e
