// DESC .. ALL as StarRocks answers it (ShowStmtAnalyzer.visitDescTableStmt): base index first,
// each index's first row named, an empty row between indexes.
#include "exlschema/starrocks/index_list.hpp"

#include <gtest/gtest.h>

namespace exl::starrocks {
namespace {

const std::vector<std::string> k_columns = {"IndexName", "IndexKeysType", "Field",   "Type",
                                            "Null",      "Key",           "Default", "Extra"};

ResultRow row(std::string index, std::string keys, std::string field) {
  return {index,
          keys,
          field,
          std::string("int"),
          std::string("YES"),
          std::string("true"),
          std::nullopt,
          std::string("")};
}

ResultRow empty_row() {
  return ResultRow(8, std::string(""));
}

TEST(IndexListTest, BuildsDescribeAll) {
  EXPECT_EQ(build_describe_all({"", "d`b", "t"}), "DESC `d``b`.`t` ALL");
}

TEST(IndexListTest, NamesTheRollupsBesidesTheBase) {
  const std::vector<ResultRow> rows = {row("orders", "DUP_KEYS", "k1"),
                                       row("", "", "k2"),
                                       row("", "", "v"),
                                       empty_row(),
                                       row("r1", "DUP_KEYS", "k2"),
                                       row("", "", "v"),
                                       empty_row(),
                                       row("mv_sum", "AGG_KEYS", "k1"),
                                       row("", "", "v")};
  Result<TableIndexes> indexes = parse_describe_all(k_columns, rows);
  ASSERT_TRUE(indexes.ok()) << indexes.error().message();
  EXPECT_EQ(indexes->base, "orders");
  EXPECT_EQ(indexes->others, (std::vector<std::string>{"r1", "mv_sum"}));
}

TEST(IndexListTest, ATableWithoutRollupsHasTheBaseAlone) {
  Result<TableIndexes> indexes =
      parse_describe_all(k_columns, {row("t", "PRIMARY_KEYS", "id"), row("", "", "v")});
  ASSERT_TRUE(indexes.ok());
  EXPECT_EQ(indexes->base, "t");
  EXPECT_TRUE(indexes->others.empty());
}

TEST(IndexListTest, RefusesOtherResults) {
  Result<TableIndexes> mysql =
      parse_describe_all({"Host", "Port", "User", "Password", "Database", "Table"},
                         {{std::string("h"), std::string("3306"), std::string("u"), std::string(""),
                           std::string("d"), std::string("t")}});
  ASSERT_FALSE(mysql.ok());
  EXPECT_EQ(mysql.error().message(),
            "at offset 0: expected an IndexName column (DESC .. ALL of an OLAP table) but found "
            "Host");
  EXPECT_FALSE(parse_describe_all(k_columns, {}).ok());
}

} // namespace
} // namespace exl::starrocks
