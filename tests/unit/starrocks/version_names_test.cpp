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

TEST(NamesTest, LabelsAreDeterministicValidAndDistinct) {
  std::string label = make_label("r20240101", "db.orders", "p20240101");
  EXPECT_EQ(label, make_label("r20240101", "db.orders", "p20240101"));
  EXPECT_EQ(validate_label(label), std::nullopt);
  EXPECT_EQ(label.rfind("exl_r20240101_db_orders_p20240101_", 0), 0U);
  EXPECT_NE(make_label("r1", "db.a_b", ""), make_label("r1", "db_a.b", ""));
  EXPECT_NE(make_label("r1", "t", "p", 1), make_label("r1", "t", "p"));
  EXPECT_EQ(make_label("r1", "t", ""), "exl_r1_t");
  std::string long_one = make_label("r1", std::string(300, 'x'), "p1");
  std::string long_two = make_label("r1", std::string(300, 'x'), "p2");
  EXPECT_EQ(long_one.size(), k_max_label);
  EXPECT_NE(long_one, long_two);
  EXPECT_EQ(validate_label(long_one), std::nullopt);
  EXPECT_EQ(validate_label(make_label("r;1", "`t`", "p 1")), std::nullopt);
  EXPECT_NE(validate_label("a b"), std::nullopt);
  EXPECT_NE(validate_label(std::string(129, 'a')), std::nullopt);
}

TEST(NamesTest, TempNamesAreValidShortAndFindable) {
  std::string name = make_temp_name("r1", "orders");
  EXPECT_EQ(name, "exl_tmp_r1_orders");
  EXPECT_EQ(validate_common_name(name, "catalog name"), std::nullopt);
  std::string long_a = make_temp_name("r1", std::string(100, 'a') + "1");
  std::string long_b = make_temp_name("r1", std::string(100, 'a') + "2");
  EXPECT_EQ(long_a.size(), k_max_common_name);
  EXPECT_NE(long_a, long_b);
  EXPECT_EQ(long_a.rfind(temp_name_prefix("r1"), 0), 0U);
  EXPECT_EQ(validate_common_name(long_a, "table name"), std::nullopt);
  std::string odd = make_temp_name("r1", "db.t-x");
  EXPECT_EQ(validate_common_name(odd, "table name"), std::nullopt);
  EXPECT_NE(odd, make_temp_name("r1", "db_t_x"));
  EXPECT_EQ(temp_name_prefix(), "exl_tmp_");
  EXPECT_EQ(stable_hash_hex(""), "cbf29ce484222325");
}

} // namespace
} // namespace exl::starrocks
