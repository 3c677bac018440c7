// Cross-check of the auditor's SQL: exlSchema's per-partition count query and partition
// predicates, run by srsim on the sample tables, must count every row once and in the partition
// srsim stored it in. Reference: starrocks-surface.md §3 (ranges are left-closed, right-open).
#include "srsim_test_support.hpp"

#include "exlschema/starrocks/partition_predicate.hpp"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

namespace exl::test::xcheck {
namespace {

struct AuditCase {
  std::string table;
  // An independent per-partition filter written by hand from load_sample.sh's data, to check
  // that exlSchema's predicate selects the rows srsim keeps in that partition.
  std::string (*oracle)(const starrocks::PartitionInfo& p);
};

std::string quoted(const std::string& text) {
  return "'" + text + "'";
}

// Daily range partitions on a DATE column: the partition's rows are those of its first day.
std::string events_oracle(const starrocks::PartitionInfo& p) {
  return "dt = " + quoted(p.bounds.lower.at(0).text);
}

std::string shops_oracle(const starrocks::PartitionInfo& p) {
  return "city = " + quoted(p.bounds.values.at(0).at(0).text);
}

std::string logs_oracle(const starrocks::PartitionInfo& p) {
  return "ts >= " + quoted(p.bounds.lower.at(0).text) + " AND ts < " +
         quoted(p.bounds.upper.at(0).text);
}

std::string regions_oracle(const starrocks::PartitionInfo& /*p*/) {
  return "1 = 1";
}

std::string case_name(const testing::TestParamInfo<AuditCase>& info) {
  return info.param.table;
}

// Runs the audit statements; partition name -> rows. Rows in no partition come back under
// NULL: recorded as "<none>" so that the test can say so.
std::map<std::string, std::int64_t> run_audit(db::Connection& conn,
                                              const std::vector<std::string>& queries) {
  std::map<std::string, std::int64_t> counts;
  for (const auto& sql : queries) {
    const auto rs = conn.query(sql);
    const auto name_col = rs.column_index("exl_partition");
    const auto rows_col = rs.column_index("exl_rows");
    if (!rows_col) {
      throw std::runtime_error("audit result without exl_rows: " + sql);
    }
    for (const auto& row : rs.rows) {
      const std::string name = name_col ? row[*name_col].value_or("<none>") : "<no column>";
      counts[name] += std::stoll(row[*rows_col].value_or("0"));
    }
  }
  return counts;
}

class SrsimAuditTest : public testing::TestWithParam<AuditCase> {};

TEST_P(SrsimAuditTest, CountQueryAgreesWithCountStarAndPartitionPredicates) {
  EXL_REQUIRE_SANDBOX(sb);
  const AuditCase& c = GetParam();
  db::Connection src(sb.src);
  const auto table = ref("demo", c.table);
  const auto model = show_create_model(src, table);
  const auto partitions = show_partitions(src, table);
  const auto columns = starrocks::partition_columns(model, partitions).value();

  const auto queries =
      starrocks::build_partition_count_queries(table, columns, starrocks::named_bounds(partitions));
  ASSERT_TRUE(queries.ok()) << queries.error().message();
  const auto counts = run_audit(src, *queries);

  const std::int64_t total = count_rows(src, table);
  ASSERT_GT(total, 0);
  std::int64_t sum = 0;
  for (const auto& [name, rows] : counts) {
    sum += rows;
  }
  EXPECT_EQ(sum, total);
  EXPECT_EQ(counts.count("<none>"), 0U) << "rows in no partition";

  for (const auto& p : partitions) {
    SCOPED_TRACE("partition " + p.name);
    const auto found = counts.find(p.name);
    const std::int64_t audited = found == counts.end() ? 0 : found->second;
    const auto predicate = starrocks::partition_predicate(columns, p.bounds);
    ASSERT_TRUE(predicate.ok()) << predicate.error().message();
    EXPECT_EQ(count_rows(src, table, *predicate), audited) << *predicate;
    EXPECT_EQ(count_rows(src, table, c.oracle(p)), audited) << c.oracle(p);
  }
}

// The operator's -where filter is ANDed into the audit statement.
TEST(SrsimAuditWhereTest, ExtraWhereNarrowsEveryPartitionCount) {
  EXL_REQUIRE_SANDBOX(sb);
  db::Connection src(sb.src);
  const auto table = ref("demo", "events");
  const auto model = show_create_model(src, table);
  const auto partitions = show_partitions(src, table);
  const auto columns = starrocks::partition_columns(model, partitions).value();
  const std::string where = "user_id < 100 AND kind = 'buy'";
  const auto queries = starrocks::build_partition_count_queries(
      table, columns, starrocks::named_bounds(partitions), where);
  ASSERT_TRUE(queries.ok()) << queries.error().message();
  const auto counts = run_audit(src, *queries);
  std::int64_t sum = 0;
  for (const auto& [name, rows] : counts) {
    sum += rows;
  }
  const std::int64_t total = count_rows(src, table, where);
  ASSERT_GT(total, 0);
  EXPECT_EQ(sum, total);
  for (const auto& p : partitions) {
    const auto predicate = starrocks::partition_predicate(columns, p.bounds);
    ASSERT_TRUE(predicate.ok());
    const auto found = counts.find(p.name);
    EXPECT_EQ(found == counts.end() ? 0 : found->second,
              count_rows(src, table, "(" + *predicate + ") AND " + where))
        << p.name;
  }
}

INSTANTIATE_TEST_SUITE_P(Demo, SrsimAuditTest,
                         testing::Values(AuditCase{"events", events_oracle},
                                         AuditCase{"shops", shops_oracle},
                                         AuditCase{"logs", logs_oracle},
                                         AuditCase{"regions", regions_oracle}),
                         case_name);

} // namespace
} // namespace exl::test::xcheck
