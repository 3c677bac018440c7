// rewrite_query_names: view / MV queries re-pointed at tables renamed with -t db.t=db2.t2, on the
// texts SHOW CREATE VIEW / MATERIALIZED VIEW print (tables `db`.`tbl`; columns `tbl`.`col` when
// every table is in one database, else `db`.`tbl`.`col`; reference §1).
#include "exlschema/starrocks/ddl_rewrite.hpp"

#include "exlschema/starrocks/dependency_order.hpp"

#include <gtest/gtest.h>

#include <random>

namespace exl::starrocks {
namespace {

const QueryRenames k_renames = {
    {{"dim", "dim2"}},
    {{ObjectName{"sales", "orders"}, ObjectName{"sales", "orders_copy"}},
     {ObjectName{"dim", "region"}, ObjectName{"geo", "area"}}}};

std::string renamed_query(std::string_view query) {
  Result<std::string> out = rewrite_query_names(query, k_renames);
  EXPECT_TRUE(out.ok()) << out.error().message();
  return out.ok() ? out.value() : std::string();
}

std::string rename_refusal(std::string_view query) {
  Result<std::string> out = rewrite_query_names(query, k_renames);
  EXPECT_FALSE(out.ok()) << out.value();
  return out.ok() ? std::string() : out.error().message();
}

TEST(QueryRenamesTest, RenamesATableAndItsImplicitQualifier) {
  EXPECT_EQ(renamed_query("SELECT `orders`.`k`, sum(`orders`.`v`) AS `s` FROM `sales`.`orders` "
                          "GROUP BY `orders`.`k`"),
            "SELECT `orders_copy`.`k`, sum(`orders_copy`.`v`) AS `s` FROM "
            "`sales`.`orders_copy` GROUP BY `orders_copy`.`k`");
}

TEST(QueryRenamesTest, TableEntryWinsOverItsDatabase) {
  EXPECT_EQ(renamed_query("SELECT `dim`.`region`.`n`, `dim`.`city`.`n` FROM `dim`.`region` JOIN "
                          "`dim`.`city` ON `dim`.`region`.`k` = `dim`.`city`.`k`"),
            "SELECT `geo`.`area`.`n`, `dim2`.`city`.`n` FROM `geo`.`area` JOIN "
            "`dim2`.`city` ON `geo`.`area`.`k` = `dim2`.`city`.`k`");
}

TEST(QueryRenamesTest, AnAliasKeepsItsName) {
  EXPECT_EQ(renamed_query("SELECT `o`.`k`, `orders`.`x` FROM `sales`.`orders` AS `o`, "
                          "`other`.`orders`"),
            "SELECT `o`.`k`, `orders`.`x` FROM `sales`.`orders_copy` AS `o`, `other`.`orders`");
  EXPECT_EQ(renamed_query("SELECT orders.k FROM default_catalog.sales.orders orders"),
            "SELECT orders.k FROM default_catalog.`sales`.`orders_copy` orders");
}

TEST(QueryRenamesTest, UnrenamedTablesAndOtherCatalogsStay) {
  EXPECT_EQ(renamed_query("SELECT `t`.`k` FROM `sales`.`t` JOIN `hive`.`sales`.`orders` USING (k)"),
            "SELECT `t`.`k` FROM `sales`.`t` JOIN `hive`.`sales`.`orders` USING (k)");
  EXPECT_EQ(renamed_query("SELECT 'sales.orders' AS s /* sales.orders */ FROM `sales`.`orders`"),
            "SELECT 'sales.orders' AS s /* sales.orders */ FROM `sales`.`orders_copy`");
}

TEST(QueryRenamesTest, PreThreeZeroClusterPrefixCountsAsTheDatabase) {
  EXPECT_EQ(renamed_query("SELECT `default_cluster:sales`.`orders`.`k` AS `k` FROM "
                          "`default_cluster:sales`.`orders`"),
            "SELECT `sales`.`orders_copy`.`k` AS `k` FROM `sales`.`orders_copy`");
  EXPECT_EQ(renamed_query("SELECT `k` FROM `default_cluster:dim`.`city`"),
            "SELECT `k` FROM `dim2`.`city`");
}

TEST(QueryRenamesTest, SubqueriesAndCtesAreFollowed) {
  EXPECT_EQ(renamed_query("WITH `c` AS (SELECT `orders`.`k` FROM `sales`.`orders`) SELECT `c`.`k` "
                          "FROM `c` WHERE `c`.`k` IN (SELECT `region`.`k` FROM `dim`.`region`)"),
            "WITH `c` AS (SELECT `orders_copy`.`k` FROM `sales`.`orders_copy`) SELECT `c`.`k` "
            "FROM `c` WHERE `c`.`k` IN (SELECT `area`.`k` FROM `geo`.`area`)");
}

TEST(QueryRenamesTest, RefusesAQualifierThatMayNameSeveralTables) {
  // Two unaliased tables named `orders`: StarRocks itself would print them fully qualified.
  EXPECT_NE(rename_refusal("SELECT `orders`.`k` FROM `sales`.`orders`, `other`.`orders`")
                .find("a qualifier that names one table of the query"),
            std::string::npos);
  // `orders` is the renamed table and also a derived table's alias.
  EXPECT_NE(
      rename_refusal("SELECT `orders`.`k` FROM `sales`.`orders` JOIN (SELECT 1 AS k) `orders` "
                     "USING (k)")
          .find("names one table"),
      std::string::npos);
  // `sales`.`orders` outside FROM without the table in the query.
  EXPECT_NE(rename_refusal("SELECT `sales`.`orders` FROM `x`.`y`").find("names one table"),
            std::string::npos);
  EXPECT_NE(rename_refusal("SELECT `k` FROM `orders`").find("a table qualified by its database"),
            std::string::npos);
}

TEST(QueryRenamesTest, WithoutRenamesTheQueryIsUnchanged) {
  const std::string query = "SELECT `orders`.`k` FROM `sales`.`orders`";
  Result<std::string> out = rewrite_query_names(query, QueryRenames{});
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(out.value(), query);
}

// Token soup: whatever the text, the scanner, the rewrite and the dependency reader return a value
// or an error (never crash, read out of bounds or loop), and with nothing to rename a rewrite
// that succeeds gives the text back unchanged.
TEST(QueryRenamesTest, AnyTokenSoupIsAnswered) {
  static const std::vector<std::string> k_pieces = {"SELECT",
                                                    "FROM",
                                                    "JOIN",
                                                    "WITH",
                                                    "AS",
                                                    "(",
                                                    ")",
                                                    ",",
                                                    ".",
                                                    "`sales`",
                                                    "`orders`",
                                                    "orders",
                                                    "o",
                                                    "default_catalog",
                                                    "`default_cluster:sales`",
                                                    "hive",
                                                    "'x'",
                                                    "\"y\"",
                                                    "/* c */",
                                                    "-- c\n",
                                                    "WHERE",
                                                    "ON",
                                                    "USING",
                                                    "f",
                                                    "1",
                                                    "*",
                                                    "=",
                                                    "`open",
                                                    "'open"};
  std::mt19937 rng(42);
  for (int round = 0; round < 3000; ++round) {
    std::string query;
    const int length = static_cast<int>(rng() % 14);
    for (int i = 0; i < length; ++i) {
      query += k_pieces[rng() % k_pieces.size()] + (rng() % 2 == 0 ? " " : "");
    }
    Result<std::string> renamed = rewrite_query_names(query, k_renames);
    (void)renamed;
    (void)referenced_tables(query);
    Result<std::string> same = rewrite_query_names(query, QueryRenames{});
    if (same.ok()) {
      EXPECT_EQ(same.value(), query);
    }
  }
}

} // namespace
} // namespace exl::starrocks
