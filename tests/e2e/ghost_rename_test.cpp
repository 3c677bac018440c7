// Renaming on the target (issue #9): `-t db.t=db2.t2`, `-level db -t db=db2`, views re-pointed at
// the renamed objects, and a copy within one cluster.
#include "e2e/e2e_support.hpp"

namespace exl::test::e2e {
namespace {

void make_source(const std::string& db) {
  sql_all("SRC", {"CREATE DATABASE `" + db + "`",
                  "CREATE TABLE `" + db +
                      "`.`t1` (k INT, v INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1 "
                      "PROPERTIES('replication_num'='1')",
                  "CREATE VIEW `" + db + "`.`v1` AS SELECT k FROM `" + db + "`.`t1`"});
}

TEST(GhostRenameTest, TableAndViewRenamedTogether) {
  const std::string db = fresh_database("ren");
  const std::string to = db + "_r";
  make_source(db);
  const ExlResult r =
      run_exl({"-source", "src", "-target", "dst", "-t",
               db + ".t1=" + to + ".t9," + db + ".v1=" + to + ".v9", "-o", "ghost", "-r"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_TRUE(contains(show_create("DST", to, "t9"), "`k`"));
  const std::string view = show_create("DST", to, "v9");
  EXPECT_TRUE(contains(view, "`" + to + "`.`t9`")) << view;
  EXPECT_FALSE(contains(view, "`" + db + "`")) << view;
}

TEST(GhostRenameTest, WholeDatabaseUnderAnotherName) {
  const std::string db = fresh_database("rendb");
  const std::string to = db + "_copy";
  make_source(db);
  const ExlResult r = run_exl({"-source", "src", "-target", "dst", "-level", "db", "-t",
                               db + "=" + to, "-o", "ghost", "-r"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  const std::string view = show_create("DST", to, "v1");
  EXPECT_TRUE(contains(view, "`" + to + "`.`t1`")) << view;
}

TEST(GhostRenameTest, CopyWithinOneClusterNeedsEveryEntryRenamed) {
  const std::string db = fresh_database("same");
  make_source(db);
  ExlResult r = run_exl({"-source", "src", "-target", "src", "-t", db + ".t1", "-o", "ghost"});
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  r = run_exl({"-source", "src", "-target", "src", "-t", db + ".t1=" + db + ".t1_copy", "-o",
               "ghost", "-r"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_TRUE(contains(show_create("SRC", db, "t1_copy"), "`v`"));
}

} // namespace
} // namespace exl::test::e2e
