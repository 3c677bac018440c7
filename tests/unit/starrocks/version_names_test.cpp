#include "exlschema/starrocks/names.hpp"

#include <gtest/gtest.h>

namespace exl::starrocks {
namespace {

TEST(NamesTest, ValidatesDatabaseAndTableNames) {
  EXPECT_EQ(validate_table_name("orders_2024"), std::nullopt);
  EXPECT_EQ(validate_table_name("_tmp1"), std::nullopt);
  EXPECT_EQ(validate_database_name("Sales"), std::nullopt);
  EXPECT_EQ(validate_table_name("ods-orders"),
            "contains '-' which StarRocks does not allow in a table name");
  EXPECT_EQ(validate_database_name("a b"),
            "contains a space which StarRocks does not allow in a database name");
  EXPECT_EQ(validate_table_name("t`x"),
            "contains '`' which StarRocks does not allow in a table name");
  EXPECT_EQ(validate_table_name("表"),
            "contains a non-ASCII character which StarRocks does not allow in a table name");
  EXPECT_EQ(validate_table_name(""), "empty table name");
  EXPECT_EQ(validate_table_name("1abc"),
            "table name starts with a digit; StarRocks requires a letter or '_'");
  EXPECT_NE(validate_table_name("__x"), std::nullopt);
  EXPECT_EQ(validate_table_name(std::string(1024, 'a')), std::nullopt);
  EXPECT_NE(validate_table_name(std::string(1025, 'a')), std::nullopt);
  EXPECT_EQ(validate_database_name(std::string(256, 'a')), std::nullopt);
  EXPECT_NE(validate_database_name(std::string(257, 'a')), std::nullopt);
  EXPECT_NE(validate_common_name(std::string(65, 'a'), "partition name"), std::nullopt);
  EXPECT_NE(validate_table_name(std::string("a\0b", 3)), std::nullopt);
}

} // namespace
} // namespace exl::starrocks
