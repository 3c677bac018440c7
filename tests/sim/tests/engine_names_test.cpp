// StarRocks's name rules (FeNameFormat.java, engine/name_rules.hpp): what each simulated release
// refuses, with StarRocks's message, and that the names it allows work in every statement.

#include "engine_test_support.hpp"

#include <gmock/gmock.h>

namespace srsim::test {
namespace {

using ::testing::HasSubstr;

const std::string k_table_ddl_tail = " DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1";

class NamesTest : public EngineTest {};

TEST_F(NamesTest, DatabaseNamesFollowDbNameRegex) {
  EXPECT_EQ(error("CREATE DATABASE `my-db`"), "Incorrect database name 'my-db'");
  EXPECT_EQ(error("CREATE DATABASE `1db`"), "Incorrect database name '1db'");
  EXPECT_EQ(error("CREATE DATABASE `__db`"), "Incorrect database name '__db'");
  EXPECT_EQ(error("CREATE DATABASE `d;b`"), "Incorrect database name 'd;b'");
  EXPECT_EQ(error("CREATE DATABASE `" + std::string(257, 'd') + "`"),
            "Incorrect database name '" + std::string(257, 'd') + "'");
  const std::string good = unique_name("_n1");
  ok("CREATE DATABASE " + good);
  ok("DROP DATABASE " + good);
}

TEST_F(NamesTest, ColumnNamesRefuseOnlyOperatorsAndShadowPrefixes) {
  for (const char* bad :
       {"a=b", "a<b", "a>b", "a!b", "a*b", "__starrocks_shadow_k", "__doris_shadow_k"}) {
    EXPECT_EQ(error("CREATE TABLE t (k INT, `" + std::string(bad) + "` INT)" + k_table_ddl_tail),
              "Incorrect column name '" + std::string(bad) + "'");
  }
  // Everything else StarRocks holds: quotes, backslashes, separators, comment starters, unicode,
  // reserved words.
  ok("CREATE TABLE t (k INT, `we;ird--x` INT, `q'\"\\` INT, `b``t` INT, `列 名` INT, "
     "`select` INT, `#h /-c-/` INT)" +
     k_table_ddl_tail);
  ok("INSERT INTO t (k, `we;ird--x`, `q'\"\\`, `b``t`, `列 名`, `select`, `#h /-c-/`) "
     "VALUES (1, 2, 3, 4, 5, 6, 7)");
  EXPECT_EQ(scalar("SELECT `we;ird--x` + `q'\"\\` + `b``t` + `列 名` + `select` + `#h /-c-/` "
                   "FROM t"),
            "27");
}

TEST_F(NamesTest, PartitionNamesFollowCommonNameRegex) {
  const std::string head = "CREATE TABLE t (k INT, v INT) DUPLICATE KEY(k) PARTITION BY RANGE(k) ";
  EXPECT_EQ(error(head + "(PARTITION `p-1` VALUES LESS THAN ('10'))" +
                  " DISTRIBUTED BY HASH(k) BUCKETS 1"),
            "Incorrect partition name 'p-1'");
  EXPECT_EQ(error(head + "(PARTITION placeholder_1 VALUES LESS THAN ('10'))" +
                  " DISTRIBUTED BY HASH(k) BUCKETS 1"),
            "Incorrect partition name 'placeholder_1'");
  ok(head + "(PARTITION _p1 VALUES LESS THAN ('10')) DISTRIBUTED BY HASH(k) BUCKETS 1");
  EXPECT_EQ(error("ALTER TABLE t ADD PARTITION `p;2` VALUES LESS THAN ('20')"),
            "Incorrect partition name 'p;2'");
  EXPECT_EQ(error("ALTER TABLE t ADD TEMPORARY PARTITION `tp'1` VALUES LESS THAN ('10')"),
            "Incorrect partition name 'tp'1'");
}

TEST_F(NamesTest, LabelsFollowLabelRegex) {
  ok("CREATE TABLE t (k INT, v INT)" + k_table_ddl_tail);
  EXPECT_EQ(error("INSERT INTO t WITH LABEL `l;x` VALUES (1, 1)"),
            "Label format error. regex: ^[-\\w]{1,128}$, label: l;x");
  EXPECT_THAT(error("INSERT INTO t WITH LABEL `" + std::string(129, 'l') + "` VALUES (1, 1)"),
              HasSubstr("Label format error"));
  ok("INSERT INTO t WITH LABEL `-lead-dash_1` VALUES (1, 1)");
  EXPECT_EQ(scalar("SELECT count(*) FROM t"), "1");
}

// From 3.3 a table name is anything without NUL, at most 1024 characters (TABLE_NAME_REGEX).
TEST_F(NamesTest, NewReleasesAllowAnyTableName) {
  const std::string name = "t;x--y'\"\\`` é select";
  ok("CREATE TABLE `" + name + "` (k INT, v INT)" + k_table_ddl_tail);
  ok("INSERT INTO `" + name + "` VALUES (1, 2)");
  EXPECT_EQ(scalar("SELECT v FROM `" + name + "`"), "2");
  ok("CREATE VIEW `v-1` AS SELECT k FROM `" + name + "`");
  EXPECT_EQ(scalar("SELECT count(*) FROM `v-1`"), "1");
}

class OldNamesTest : public EngineTest {
  void configure(ClusterConfig& c) override { c.version = Version{3, 1, 17}; }
};

// Before 3.3 a table (or view) name follows COMMON_NAME_REGEX, 64 characters at most.
TEST_F(OldNamesTest, OlderReleasesAllowWordTableNamesOnly) {
  EXPECT_EQ(error("CREATE TABLE `t-1` (k INT)" + k_table_ddl_tail), "Incorrect table name 't-1'");
  EXPECT_EQ(error("CREATE TABLE `" + std::string(65, 't') + "` (k INT)" + k_table_ddl_tail),
            "Incorrect table name '" + std::string(65, 't') + "'");
  ok("CREATE TABLE _t1 (k INT)" + k_table_ddl_tail);
  EXPECT_EQ(error("CREATE VIEW `v;1` AS SELECT k FROM _t1"), "Incorrect table name 'v;1'");
  ok("CREATE TABLE t2 (k INT, `c;\"--` INT)" + k_table_ddl_tail); // column names stay free
}

} // namespace
} // namespace srsim::test
