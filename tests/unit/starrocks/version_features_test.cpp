// Version reading and the version-feature table (include/exlschema/starrocks/version.hpp).
// The syntax rows follow reference/starrocks-surface.md §14: the release whose grammar first
// parses each form, checked at the releases srsim simulates (2.5.22, 3.1.17, 3.3.5, 3.4.4) and
// on both sides of every boundary.
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
  EXPECT_EQ(seen.size(), static_cast<std::size_t>(Feature::DropTaskIfExists) + 1);
}

TEST(VersionTest, SyntaxFormsStartAtTheReleaseWhoseGrammarParsesThem) {
  struct Case {
    Feature feature;
    const char* last_without; // the newest release that does not parse the form
    const char* first_with;   // the first release that does
  };
  const Case cases[] = {
      {Feature::SubmitTaskProperties, "3.2.2", "3.2.3"},
      {Feature::DropCatalogIfExists, "3.2.15", "3.3.0"},
      {Feature::CreateCatalogIfNotExists, "3.2.15", "3.3.0"},
      {Feature::InsertProperties, "3.3.9", "3.4.0"},
      {Feature::ShowCatalogsLike, "3.4.4", "3.5.0"},
      {Feature::DropTaskIfExists, "3.5.9", "4.0.0"},
      {Feature::InsertHintAnywhere, "3.1.6", "3.1.7"},
      {Feature::InsertHintAnywhere, "3.2.2", "3.2.3"},
      {Feature::ExpressionPartitioning, "2.5.22", "3.0.0"},
      {Feature::ColumnExpressionPartition, "3.0.9", "3.1.0"},
      {Feature::AutoIncrement, "2.5.22", "3.0.0"},
      {Feature::Varbinary, "2.5.22", "3.0.0"},
      {Feature::RandomDistribution, "3.0.9", "3.1.0"},
      {Feature::AddListPartition, "3.0.9", "3.1.0"},
  };
  for (const Case& c : cases) {
    const std::string name(feature_info(c.feature).name);
    EXPECT_FALSE(supports(parse_version(c.last_without), c.feature))
        << name << " " << c.last_without;
    EXPECT_TRUE(supports(parse_version(c.first_with), c.feature)) << name << " " << c.first_with;
  }
  // The backport covers the 3.1 line only: 3.2.0-3.2.2 still lack the hint anywhere.
  EXPECT_TRUE(supports(parse_version("3.1.17"), Feature::InsertHintAnywhere));
  EXPECT_FALSE(supports(parse_version("3.2.0"), Feature::InsertHintAnywhere));
  EXPECT_FALSE(supports(parse_version("2.5.22"), Feature::InsertHintAnywhere));
}

TEST(VersionTest, SimulatedReleasesGetTheFormsTheirGrammarParses) {
  const Version v25 = parse_version("2.5.22 x");
  const Version v31 = parse_version("3.1.17 x");
  const Version v33 = parse_version("3.3.5 x");
  const Version v34 = parse_version("3.4.4 x");
  for (const Version& v : {v25, v31, v33, v34}) {
    EXPECT_FALSE(supports(v, Feature::DropTaskIfExists)) << v.text;
    EXPECT_FALSE(supports(v, Feature::ShowCatalogsLike)) << v.text;
  }
  EXPECT_FALSE(supports(v31, Feature::SubmitTaskProperties));
  EXPECT_TRUE(supports(v33, Feature::SubmitTaskProperties));
  EXPECT_FALSE(supports(v31, Feature::DropCatalogIfExists));
  EXPECT_TRUE(supports(v33, Feature::DropCatalogIfExists));
  EXPECT_FALSE(supports(v33, Feature::InsertProperties));
  EXPECT_TRUE(supports(v34, Feature::InsertProperties));
  EXPECT_FALSE(supports(v25, Feature::InsertHintAnywhere));
  EXPECT_TRUE(supports(v31, Feature::InsertHintAnywhere));
}

} // namespace
} // namespace exl::starrocks
