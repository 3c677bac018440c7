// Content checksums (checksum_sql.hpp): the canonical text of each type, the column order, the
// hash function per release pair, and the checksum columns added to the audit's count statement.
#include "exlschema/starrocks/checksum_sql.hpp"
#include "exlschema/starrocks/partition_predicate.hpp"

#include <gtest/gtest.h>

namespace exl::starrocks {
namespace {

Column hashed_column(const std::string& name, const std::string& base) {
  Column c;
  c.name = name;
  c.type.base = base;
  return c;
}

Version version(const std::string& text) {
  return parse_version(text);
}

TEST(ChecksumSqlTest, NullEmptyAndTheTextNullHaveDifferentCanonicalValues) {
  EXPECT_EQ(canonical_value(hashed_column("s", "varchar")).value(),
            "IFNULL(CONCAT('v', `s`), 'n')");
}

TEST(ChecksumSqlTest, EachTypeHasOneTextOnEveryRelease) {
  EXPECT_EQ(canonical_value(hashed_column("d", "decimal64")).value(),
            "IFNULL(CONCAT('v', CAST(`d` AS VARCHAR)), 'n')");
  EXPECT_EQ(canonical_value(hashed_column("t", "datetime")).value(),
            "IFNULL(CONCAT('v', date_format(`t`, '%Y-%m-%d %H:%i:%s.%f')), 'n')");
  EXPECT_EQ(canonical_value(hashed_column("b", "boolean")).value(),
            "IFNULL(CONCAT('v', CAST(CAST(`b` AS INT) AS VARCHAR)), 'n')");
  EXPECT_EQ(canonical_value(hashed_column("f", "double")).value(),
            "IFNULL(CONCAT('v', CAST(`f` AS VARCHAR)), 'n')");
  EXPECT_EQ(canonical_value(hashed_column("v", "varbinary")).value(),
            "IFNULL(CONCAT('v', hex(`v`)), 'n')");
  EXPECT_EQ(canonical_value(hashed_column("j", "json")).value(),
            "IFNULL(CONCAT('v', CAST(`j` AS VARCHAR)), 'n')");
}

TEST(ChecksumSqlTest, TypesWithoutACanonicalTextAreRefusedByName) {
  for (const char* base : {"hll", "bitmap", "percentile", "array", "map", "struct"}) {
    const Result<std::string> value = canonical_value(hashed_column("x", base));
    ASSERT_FALSE(value.ok()) << base;
    EXPECT_NE(value.error().found.find("`x`"), std::string::npos) << base;
    EXPECT_NE(value.error().found.find(base), std::string::npos) << base;
  }
  EXPECT_FALSE(build_row_hash({hashed_column("a", "int"), hashed_column("h", "hll")},
                              RowHashFunction::XxHash3_64)
                   .ok());
  EXPECT_FALSE(build_row_hash({}, RowHashFunction::XxHash3_64).ok());
}

TEST(ChecksumSqlTest, ColumnsAreHashedInNameOrderSoAReorderedTargetHashesAlike) {
  const RowHash a = build_row_hash({hashed_column("b", "int"), hashed_column("A", "int")},
                                   RowHashFunction::XxHash3_64)
                        .value();
  const RowHash b = build_row_hash({hashed_column("A", "int"), hashed_column("b", "int")},
                                   RowHashFunction::XxHash3_64)
                        .value();
  EXPECT_EQ(a.expressions, b.expressions);
  EXPECT_EQ(a.columns, (std::vector<std::string>{"A", "b"}));
  EXPECT_EQ(a.expressions,
            (std::vector<std::string>{"xx_hash3_64(IFNULL(CONCAT('v', CAST(`A` AS VARCHAR)), 'n'), "
                                      "IFNULL(CONCAT('v', CAST(`b` AS VARCHAR)), 'n'))"}));
}

TEST(ChecksumSqlTest, MurmurGivesTwoHashesWithDifferentSeedChains) {
  const RowHash hash =
      build_row_hash({hashed_column("s", "string")}, RowHashFunction::MurmurHash3_32).value();
  EXPECT_EQ(hash.expressions,
            (std::vector<std::string>{"murmur_hash3_32(IFNULL(CONCAT('v', `s`), 'n'))",
                                      "murmur_hash3_32('exl', IFNULL(CONCAT('v', `s`), 'n'))"}));
  EXPECT_EQ(row_hash_select(hash),
            hash.expressions[0] + " AS exl_h1, " + hash.expressions[1] + " AS exl_h2");
  EXPECT_EQ(checksum_aggregates(hash), ", SUM(CAST(exl_h1 AS LARGEINT)) AS exl_sum1, "
                                       "SUM(CAST(exl_h2 AS LARGEINT)) AS exl_sum2");
  EXPECT_EQ(checksum_columns(hash), (std::vector<std::string>{"exl_sum1", "exl_sum2"}));
}

TEST(ChecksumSqlTest, XxHashOnlyWhenBothReleasesHaveIt) {
  EXPECT_EQ(row_hash_function(version("3.3.5"), version("3.2.0")), RowHashFunction::XxHash3_64);
  EXPECT_EQ(row_hash_function(version("3.3.5"), version("3.1.17")),
            RowHashFunction::MurmurHash3_32);
  EXPECT_EQ(row_hash_function(version("2.5.22"), version("3.3.5")),
            RowHashFunction::MurmurHash3_32);
  EXPECT_STREQ(row_hash_name(RowHashFunction::MurmurHash3_32), "murmur_hash3_32");
}

TEST(ChecksumSqlTest, ChecksumStatementIsTheCountStatementWithSums) {
  const RowHash hash =
      build_row_hash({hashed_column("v", "int")}, RowHashFunction::XxHash3_64).value();
  PartitionColumn dt;
  dt.name = "dt";
  dt.nullable = false;
  dt.type = ColumnType{"date", {}, {}, {}};
  PartitionBounds bounds;
  bounds.kind = PartitionBounds::Kind::Range;
  bounds.lower = {Literal::value("2024-01-01")};
  bounds.upper = {Literal::value("2024-01-02")};
  const auto statements =
      build_partition_checksum_queries({{}, "d", "t"}, {dt}, {{"p1", bounds}}, hash);
  ASSERT_TRUE(statements.ok());
  ASSERT_EQ(statements->size(), 1u);
  const std::string h = "xx_hash3_64(IFNULL(CONCAT('v', CAST(`v` AS VARCHAR)), 'n'))";
  EXPECT_EQ(statements->front(),
            "SELECT exl_partition, COUNT(*) AS exl_rows, SUM(CAST(exl_h1 AS LARGEINT)) AS "
            "exl_sum1 FROM (SELECT CASE WHEN `dt` >= \"2024-01-01\" AND `dt` < \"2024-01-02\" "
            "THEN \"p1\" END AS exl_partition, " +
                h + " AS exl_h1 FROM `d`.`t`) AS exl_audit GROUP BY exl_partition");
  const auto whole =
      build_partition_checksum_queries({{}, "d", "t"}, {}, {{"t", PartitionBounds{}}}, hash);
  ASSERT_TRUE(whole.ok());
  EXPECT_EQ(whole->front(), "SELECT \"t\" AS exl_partition, COUNT(*) AS exl_rows, SUM(CAST(exl_h1 "
                            "AS LARGEINT)) AS exl_sum1 FROM (SELECT " +
                                h + " AS exl_h1 FROM `d`.`t`) AS exl_audit");
}

} // namespace
} // namespace exl::starrocks
