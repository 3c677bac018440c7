// Partitionings srsim does not simulate (time_slice, column lists): the auditor takes their
// SHOW PARTITIONS rows, counts them with one statement per side, and refuses a time_slice
// partition whose bounds are not one step of the function (it could not be matched exactly).
#include "audit_fixture.hpp"

#include <gtest/gtest.h>

namespace exl::audit::test {
namespace {

using PartitionAuditorPartitioningsTest = AuditFixture;

std::string datetime_range(const std::string& lower, const std::string& upper) {
  return "[types: [DATETIME]; keys: [" + lower + "]; ..types: [DATETIME]; keys: [" + upper + "]; )";
}

starrocks::TableModel model_of(const std::string& ddl) {
  auto parsed = starrocks::parse_create_table(ddl);
  EXPECT_TRUE(parsed.ok()) << (parsed.ok() ? "" : parsed.error().message());
  return std::move(parsed).value();
}

class TimeSliceTest : public PartitionAuditorPartitioningsTest {
protected:
  void SetUp() override {
    m_model = model_of("CREATE TABLE `t` (\n  `dt` datetime NOT NULL COMMENT \"\",\n  `v` int(11) "
                       "NULL COMMENT \"\"\n) ENGINE=OLAP \nDUPLICATE KEY(`dt`)\nPARTITION BY "
                       "time_slice(dt, interval 6 hour)\nDISTRIBUTED BY RANDOM \nPROPERTIES (\n"
                       "\"replication_num\" = \"1\"\n);");
  }
};

TEST_F(TimeSliceTest, SixHourSlicesAreCountedByTheirColumn) {
  source.partitions = {
      {"p2024010100", 1, 2, "dt", datetime_range("2024-01-01 00:00:00", "2024-01-01 06:00:00"), 0},
      {"p2024010106", 2, 2, "dt", datetime_range("2024-01-01 06:00:00", "2024-01-01 12:00:00"), 0}};
  target.partitions = {source.partitions[0]};
  source.rows = {{"p2024010100", 4}, {"p2024010106", 2}};
  target.rows = {{"p2024010100", 4}};
  const TableAudit audit = auditor.audit(request());
  EXPECT_EQ(audit.partitions.at(0).state, PartitionState::Equal);
  EXPECT_EQ(audit.partitions.at(1).state, PartitionState::MissingOnTarget);
  ASSERT_EQ(source.count_statements().size(), 1U);
  EXPECT_NE(source.count_statements()[0].find("WHEN `dt` >= \"2024-01-01 00:00:00\" AND `dt` < "
                                              "\"2024-01-01 06:00:00\" THEN \"p2024010100\""),
            std::string::npos)
      << source.count_statements()[0];
}

TEST_F(TimeSliceTest, RefusesAPartitionThatIsNotOneSlice) {
  source.partitions = {
      {"p1", 1, 2, "dt", datetime_range("2024-01-01 02:00:00", "2024-01-01 08:00:00"), 0}};
  target.partitions = source.partitions;
  EXPECT_THROW(auditor.audit(request()), AuditError);
}

TEST_F(PartitionAuditorPartitioningsTest, ColumnListPartitionsAreListPartitions) {
  m_model = model_of("CREATE TABLE `t` (\n  `dt` date NOT NULL COMMENT \"\",\n  `city` "
                     "varchar(20) NOT NULL COMMENT \"\"\n) ENGINE=OLAP \nDUPLICATE KEY(`dt`, "
                     "`city`)\nPARTITION BY (`dt`,`city`)\nDISTRIBUTED BY HASH(`dt`) BUCKETS 4 "
                     "\nPROPERTIES (\n\"replication_num\" = \"1\"\n);");
  source.partitions = {{"p20240101_LA", 1, 2, "dt, city", "(('2024-01-01', 'LA'))", 0},
                       {"p20240101_NY", 2, 2, "dt, city", "(('2024-01-01', 'NY'))", 0}};
  target.partitions = source.partitions;
  source.rows = {{"p20240101_LA", 3}, {"p20240101_NY", 1}};
  target.rows = {{"p20240101_LA", 3}, {"p20240101_NY", 2}};
  const TableAudit audit = auditor.audit(request());
  EXPECT_EQ(audit.partitions.at(0).state, PartitionState::Equal);
  EXPECT_EQ(audit.partitions.at(1).state, PartitionState::Differs);
  EXPECT_NE(source.count_statements().at(0).find(
                "WHEN `dt` = \"2024-01-01\" AND `city` = \"LA\" THEN \"p20240101_LA\""),
            std::string::npos)
      << source.count_statements().at(0);
}

} // namespace
} // namespace exl::audit::test
