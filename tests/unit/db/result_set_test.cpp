#include "exlschema/db/result_set.hpp"

#include <gtest/gtest.h>

using exl::db::ResultSet;

namespace {

ResultSet sample() {
  ResultSet rs;
  rs.columns = {"PartitionName", "RowCount"};
  rs.rows = {{"p1", "10"}, {"p2", std::nullopt}};
  return rs;
}

} // namespace

TEST(ResultSetTest, FindsColumnsExactlyThenIgnoringCase) {
  const auto rs = sample();
  EXPECT_EQ(rs.column_index("RowCount"), 1U);
  EXPECT_EQ(rs.column_index("rowcount"), 1U);
  EXPECT_FALSE(rs.column_index("DataSize").has_value());
}

TEST(ResultSetTest, ValueDistinguishesNullAndMissing) {
  const auto rs = sample();
  EXPECT_EQ(rs.value(0, "RowCount"), "10");
  EXPECT_FALSE(rs.value(1, "RowCount").has_value()); // NULL
  EXPECT_FALSE(rs.value(5, "RowCount").has_value()); // no such row
}

TEST(ResultSetTest, ToRowsMapsColumnNamesToValues) {
  const auto rows = sample().to_rows();
  ASSERT_EQ(rows.size(), 2U);
  EXPECT_EQ(rows[0].at("PartitionName"), "p1");
  EXPECT_FALSE(rows[1].at("RowCount").has_value());
}
