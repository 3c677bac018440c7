#include "exlschema/starrocks/names.hpp"
#include "exlschema/starrocks/version.hpp"

#include <gtest/gtest.h>

namespace exl::starrocks {
namespace {

TEST(NamesTest, ValidatesDatabaseAndTableNames) {
  EXPECT_EQ(validate_table_name("orders_2024"), std::nullopt);
  EXPECT_EQ(validate_table_name("_tmp1"), std::nullopt);
  EXPECT_EQ(validate_database_name("Sales"), std::nullopt);
  EXPECT_EQ(validate_database_name("a b"),
            "contains a space which StarRocks does not allow in a database name");
  EXPECT_EQ(validate_database_name("d`b"),
            "contains '`' which StarRocks does not allow in a database name");
  EXPECT_EQ(validate_database_name("库"),
            "contains a non-ASCII character which StarRocks does not allow in a database name");
  // Without a release: what some supported release holds (3.3: anything but NUL).
  for (const char* held : {"ods-orders", "t`x", "表", "a b", "t;x--y'\"\\", "select"}) {
    EXPECT_EQ(validate_table_name(held), std::nullopt) << held;
  }
  EXPECT_EQ(validate_table_name(""), "empty table name");
  EXPECT_EQ(validate_table_name(std::string(1024, 'a')), std::nullopt);
  EXPECT_NE(validate_table_name(std::string(1025, 'a')), std::nullopt);
  EXPECT_EQ(validate_database_name(std::string(256, 'a')), std::nullopt);
  EXPECT_NE(validate_database_name(std::string(257, 'a')), std::nullopt);
  EXPECT_NE(validate_common_name(std::string(65, 'a'), "partition name"), std::nullopt);
  EXPECT_EQ(validate_table_name(std::string("a\0b", 3)),
            "contains a NUL character which StarRocks does not allow in a table name");
}

Version release(int major, int minor, int patch) {
  Version v;
  v.major = major;
  v.minor = minor;
  v.patch = patch;
  v.known = true;
  return v;
}

TEST(NamesTest, TableNamesDependOnTheRelease) {
  const Version v25 = release(2, 5, 22);
  const Version v31 = release(3, 1, 17);
  const Version v33 = release(3, 3, 5);
  EXPECT_EQ(validate_table_name("ods-orders", v31),
            "contains '-' which StarRocks does not allow in a table name before 3.3 (this "
            "cluster runs 3.1.17)");
  EXPECT_NE(validate_table_name("表", v25), std::nullopt);
  EXPECT_NE(validate_table_name(std::string(65, 't'), v31), std::nullopt);
  EXPECT_EQ(validate_table_name(std::string(64, 't'), v31), std::nullopt);
  EXPECT_NE(validate_table_name("1abc", v25), std::nullopt);
  EXPECT_NE(validate_table_name("__x", v25), std::nullopt);
  EXPECT_EQ(validate_table_name("_x", v25), std::nullopt);
  for (const char* held : {"ods-orders", "t`x", "表", "1abc", "t;x--y'\"\\"}) {
    EXPECT_EQ(validate_table_name(held, v33), std::nullopt) << held;
    EXPECT_EQ(validate_table_name(held, Version{}), std::nullopt) << held; // release unknown
  }
  EXPECT_NE(validate_table_name(std::string(1025, 't'), v33), std::nullopt);
}

TEST(NamesTest, ColumnNamesRefuseOperatorsAndShadowPrefixes) {
  const Version v31 = release(3, 1, 17);
  for (const char* held : {"a-b", "we;ird--x", "q'\"\\", "b`t", "列 名", "select", "#h"}) {
    EXPECT_EQ(validate_column_name(held, v31), std::nullopt) << held;
  }
  EXPECT_EQ(validate_column_name("a=b", v31),
            "column name contains '=', which StarRocks does not allow");
  for (const char* refused :
       {"a<b", "a>b", "a!b", "a*b", "", "__starrocks_shadow_k", "__doris_shadow_k"}) {
    EXPECT_NE(validate_column_name(refused, v31), std::nullopt) << refused;
  }
  EXPECT_NE(validate_column_name(std::string(1024, 'c'), v31), std::nullopt);
  EXPECT_EQ(validate_column_name(std::string(1024, 'c'), release(3, 3, 0)), std::nullopt);
}

TEST(NamesTest, PartitionNamesFollowTheCommonRule) {
  EXPECT_EQ(validate_partition_name("p20240101"), std::nullopt);
  EXPECT_EQ(validate_partition_name("_p1"), std::nullopt);
  EXPECT_NE(validate_partition_name("p-1"), std::nullopt);
  EXPECT_NE(validate_partition_name(std::string(65, 'p')), std::nullopt);
  EXPECT_EQ(validate_partition_name("placeholder_1"),
            "partition name starts with 'placeholder_', which StarRocks reserves");
}

} // namespace
} // namespace exl::starrocks
