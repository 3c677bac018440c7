#include "exlschema/starrocks/ddl_parser.hpp"
#include "exlschema/starrocks/ddl_printer.hpp"

#include <gtest/gtest.h>

namespace exl::starrocks {
namespace {

constexpr std::string_view k_view =
    "CREATE VIEW `v_orders` (`id` COMMENT \"order id\", `city`)\nCOMMENT \"daily view\" AS "
    "SELECT `db`.`orders`.`id` AS `id`, `db`.`orders`.`city` AS `city` FROM `db`.`orders` WHERE "
    "`db`.`orders`.`amount` > 0;";

constexpr std::string_view k_old_view = "CREATE VIEW `v1` AS SELECT `default_cluster:db`.`t`.`k1` "
                                        "AS `k1` FROM `default_cluster:db`.`t`;";

constexpr std::string_view k_mv = R"(CREATE MATERIALIZED VIEW `lo_mv1` (`lo_orderkey`, `total`)
COMMENT "MATERIALIZED_VIEW"
PARTITION BY (`dt`)
DISTRIBUTED BY HASH(`lo_orderkey`) BUCKETS 2 
REFRESH ASYNC START("2023-07-01 10:00:00") EVERY(INTERVAL 1 DAY)
PROPERTIES (
"replication_num" = "3",
"storage_medium" = "HDD"
)
AS SELECT `lo_orderkey`, `dt`, sum(`lo_revenue`) AS `total` FROM `ssb`.`lineorder` GROUP BY `lo_orderkey`, `dt`;)";

constexpr std::string_view k_mv_manual = R"(CREATE MATERIALIZED VIEW `mv2`
DISTRIBUTED BY RANDOM
REFRESH MANUAL
AS SELECT * FROM `t`)";

TEST(ViewParserTest, ParsesViewWithColumnsAndComment) {
  Result<ViewModel> view = parse_create_view(k_view);
  ASSERT_TRUE(view.ok()) << view.error().message();
  EXPECT_EQ(view->name, "v_orders");
  ASSERT_EQ(view->columns.size(), 2U);
  EXPECT_EQ(view->columns[0].comment, "order id");
  EXPECT_EQ(view->columns[1].comment, std::nullopt);
  EXPECT_EQ(view->comment, "daily view");
  EXPECT_EQ(view->definition.rfind("SELECT `db`.`orders`.`id` AS `id`", 0), 0U);
  EXPECT_EQ(view->definition.back(), '0');
  Result<ViewModel> again = parse_create_view(print_create_view(view.value()));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again.value(), view.value());
}

TEST(ViewParserTest, KeepsPre30DefinitionsVerbatim) {
  Result<ViewModel> view = parse_create_view(k_old_view);
  ASSERT_TRUE(view.ok());
  EXPECT_TRUE(view->columns.empty());
  EXPECT_EQ(view->definition,
            "SELECT `default_cluster:db`.`t`.`k1` AS `k1` FROM `default_cluster:db`.`t`");
  EXPECT_EQ(print_create_view(view.value(), {"tgt", "", false}),
            "CREATE VIEW `tgt`.`v1` AS SELECT `default_cluster:db`.`t`.`k1` AS `k1` FROM "
            "`default_cluster:db`.`t`");
}

TEST(ViewParserTest, ParsesMaterializedView) {
  Result<MaterializedViewModel> mv = parse_create_materialized_view(k_mv);
  ASSERT_TRUE(mv.ok()) << mv.error().message();
  EXPECT_EQ(mv->name, "lo_mv1");
  EXPECT_EQ(mv->columns.size(), 2U);
  EXPECT_EQ(mv->comment, "MATERIALIZED_VIEW");
  EXPECT_EQ(mv->partition_by, "(`dt`)");
  EXPECT_EQ(mv->distribution.buckets, 2);
  EXPECT_EQ(mv->refresh, "ASYNC START(\"2023-07-01 10:00:00\") EVERY(INTERVAL 1 DAY)");
  EXPECT_EQ(*find_property(mv->properties, "storage_medium"), "HDD");
  EXPECT_EQ(mv->definition.rfind("SELECT `lo_orderkey`", 0), 0U);
  Result<MaterializedViewModel> again =
      parse_create_materialized_view(print_create_materialized_view(mv.value()));
  ASSERT_TRUE(again.ok()) << again.error().message();
  EXPECT_EQ(again.value(), mv.value());
}

TEST(ViewParserTest, DispatchesOnTheObjectKind) {
  Result<AnyModel> mv = parse_show_create(k_mv_manual);
  ASSERT_TRUE(mv.ok());
  ASSERT_TRUE(std::holds_alternative<MaterializedViewModel>(mv.value()));
  EXPECT_EQ(std::get<MaterializedViewModel>(mv.value()).refresh, "MANUAL");
  Result<AnyModel> view = parse_show_create(k_view);
  ASSERT_TRUE(view.ok());
  EXPECT_TRUE(std::holds_alternative<ViewModel>(view.value()));
  Result<AnyModel> table = parse_show_create("CREATE TABLE t (a int) DISTRIBUTED BY RANDOM");
  ASSERT_TRUE(table.ok());
  EXPECT_TRUE(std::holds_alternative<TableModel>(table.value()));
  EXPECT_FALSE(parse_show_create("DROP TABLE t").ok());
}

TEST(ViewParserTest, RejectsViewsWithoutQuery) {
  EXPECT_FALSE(parse_create_view("CREATE VIEW v AS").ok());
  EXPECT_FALSE(parse_create_view("CREATE VIEW v (a").ok());
  EXPECT_FALSE(parse_create_materialized_view("CREATE MATERIALIZED VIEW mv REFRESH AS").ok());
}

// SHOW CREATE VIEW from 3.4.1 (AstToStringBuilder.getDdlStmt, view branch): the column list,
// `\nCOMMENT "..."` when set, then always ` SECURITY NONE` or ` SECURITY INVOKER`, then ` AS `.
constexpr std::string_view k_view_341_none =
    "CREATE VIEW `v` (`k`)\nCOMMENT \"c\" SECURITY NONE AS SELECT `db`.`t`.`k` FROM `db`.`t`;";
constexpr std::string_view k_view_341_invoker =
    "CREATE VIEW `w` (`a` COMMENT \"x\") SECURITY INVOKER AS SELECT `db`.`t`.`k` AS `a` FROM "
    "`db`.`t`;";

TEST(ViewParserTest, ParsesSecurityClauseOf341) {
  Result<ViewModel> none = parse_create_view(k_view_341_none);
  ASSERT_TRUE(none.ok()) << none.error().message();
  EXPECT_EQ(none->comment, "c");
  EXPECT_FALSE(none->security_invoker);
  EXPECT_EQ(none->definition, "SELECT `db`.`t`.`k` FROM `db`.`t`");
  // NONE is the default in every version: never printed, so older targets accept the DDL.
  EXPECT_EQ(print_create_view(none.value()),
            "CREATE VIEW `v` (`k`)\nCOMMENT \"c\" AS SELECT `db`.`t`.`k` FROM `db`.`t`");

  Result<ViewModel> invoker = parse_create_view(k_view_341_invoker);
  ASSERT_TRUE(invoker.ok()) << invoker.error().message();
  EXPECT_TRUE(invoker->security_invoker);
  EXPECT_EQ(invoker->comment, std::nullopt);
  // INVOKER is kept: an older target refuses the clause rather than losing the restriction.
  EXPECT_EQ(print_create_view(invoker.value()),
            "CREATE VIEW `w` (`a` COMMENT \"x\") SECURITY INVOKER AS SELECT `db`.`t`.`k` AS `a` "
            "FROM `db`.`t`");
  Result<ViewModel> again = parse_create_view(print_create_view(invoker.value()));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again.value(), invoker.value());

  Result<AnyModel> any = parse_show_create(k_view_341_none);
  ASSERT_TRUE(any.ok());
  EXPECT_TRUE(std::holds_alternative<ViewModel>(any.value()));
  EXPECT_FALSE(parse_create_view("CREATE VIEW `v` (`k`) SECURITY DEFINER AS SELECT 1").ok());
}

} // namespace
} // namespace exl::starrocks
