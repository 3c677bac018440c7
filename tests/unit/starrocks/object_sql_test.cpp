#include "exlschema/starrocks/object_sql.hpp"
#include "exlschema/starrocks/session_sql.hpp"

#include <gtest/gtest.h>

namespace exl::starrocks {
namespace {

TEST(ObjectSqlTest, CreatesViewUnderTheTargetName) {
  ViewModel view;
  view.name = "v_src";
  view.definition = "SELECT `k` FROM `db2`.`t`";
  EXPECT_EQ(build_create_view(view, {{}, "db2", "v"}),
            "CREATE VIEW `db2`.`v` AS SELECT `k` FROM `db2`.`t`");
}

TEST(ObjectSqlTest, CreatesMaterializedViewIfAbsent) {
  MaterializedViewModel mv;
  mv.name = "mv";
  mv.refresh = "MANUAL";
  mv.definition = "SELECT `k` FROM `db`.`t`";
  const std::string sql = build_create_materialized_view(mv, {{}, "db", "mv"});
  EXPECT_EQ(sql.rfind("CREATE MATERIALIZED VIEW IF NOT EXISTS `db`.`mv`", 0), 0u) << sql;
  EXPECT_NE(sql.find("REFRESH MANUAL"), std::string::npos) << sql;
}

TEST(ObjectSqlTest, DropsViewsAndMaterializedViewsIfTheyExist) {
  EXPECT_EQ(build_drop_view({{}, "d", "v`1"}), "DROP VIEW IF EXISTS `d`.`v``1`");
  EXPECT_EQ(build_drop_materialized_view({{}, "d", "m"}),
            "DROP MATERIALIZED VIEW IF EXISTS `d`.`m`");
}

TEST(SessionSqlTest, ReadsSettings) {
  EXPECT_EQ(build_show_variable("time_zone"), "SHOW VARIABLES LIKE \"time_zone\"");
}

} // namespace
} // namespace exl::starrocks
