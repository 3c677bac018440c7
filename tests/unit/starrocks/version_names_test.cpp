#include "exlschema/starrocks/names.hpp"
#include "exlschema/starrocks/version.hpp"

#include <gtest/gtest.h>

#include <set>

namespace exl::starrocks {
namespace {

TEST(VersionTest, ReadsEveryPrintedForm) {
  struct Case {
    const char* text;
    int major, minor, patch;
  };
  const Case cases[] = {{"3.3.5 abcdef", 3, 3, 5},
                        {"2.1.2 0782ad7", 2, 1, 2},
                        {"BRANCH-2.4-RELEASE e0cedb2", 2, 4, 0},
                        {"3.3.5-abcdef", 3, 3, 5},
                        {"StarRocks version 2.1.2", 2, 1, 2},
                        {"3.2.0-rc01 1a2b", 3, 2, 0},
                        {"MAIN-RELEASE-d094052", 99, 0, 0}};
  for (const Case& c : cases) {
    Version v = parse_version(c.text);
    EXPECT_TRUE(v.known) << c.text;
    EXPECT_EQ(v, (Version{c.major, c.minor, c.patch, true, {}})) << c.text;
    EXPECT_EQ(v.text, c.text);
  }
  EXPECT_FALSE(parse_version("").known);
  EXPECT_FALSE(parse_version("unknown").known);
  EXPECT_FALSE(parse_version("3").known);
}

TEST(VersionTest, FeatureGates) {
  Version v30 = parse_version("3.0.9 x");
  Version v33 = parse_version("3.3.0 x");
  Version v34 = parse_version("3.4.0 x");
  Version v257 = parse_version("2.5.7 x");
  EXPECT_TRUE(supports(v30, Feature::JdbcCatalog));
  EXPECT_FALSE(supports(parse_version("2.5.22 x"), Feature::JdbcCatalog));
  EXPECT_TRUE(supports(v30, Feature::SubmitTaskInsert));
  EXPECT_FALSE(supports(v33, Feature::InsertTimeout));
  EXPECT_TRUE(supports(v34, Feature::InsertTimeout));
  EXPECT_TRUE(supports(v33, Feature::PartitionsMeta));
  EXPECT_FALSE(supports(parse_version("3.2.15 x"), Feature::PartitionsMeta));
  EXPECT_TRUE(supports(v34, Feature::DynamicOverwrite));
  EXPECT_FALSE(supports(v33, Feature::DynamicOverwrite));
  EXPECT_TRUE(supports(v257, Feature::DropTask));
  EXPECT_FALSE(supports(parse_version("2.5.6 x"), Feature::DropTask));
  EXPECT_FALSE(supports(parse_version("garbage"), Feature::InsertOverwrite));
  EXPECT_TRUE(supports(parse_version("MAIN-RELEASE-d094052"), Feature::BatchDropPartitions));
}

TEST(VersionTest, EveryFeatureHasOneRow) {
  std::set<Feature> seen;
  for (const FeatureInfo& info : feature_table()) {
    EXPECT_TRUE(seen.insert(info.feature).second) << info.name;
    EXPECT_EQ(feature_info(info.feature).name, info.name);
  }
  EXPECT_EQ(seen.size(), static_cast<std::size_t>(Feature::BatchDropPartitions) + 1);
}

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
