// The dynamic-partition scheduler (starrocks-surface.md §3, §13.11): partitions appear at
// CREATE TABLE and change on every check without any client DDL.

#include "engine/dynamic_partitions.hpp"
#include "engine_test_support.hpp"

#include <ctime>
#include <thread>

namespace srsim::test {
namespace {

std::string day_name(int offset) {
  std::time_t t = std::time(nullptr) + offset * 86400;
  std::tm tm{};
  localtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "p%Y%m%d", &tm);
  return buf;
}

class DynamicPartitionTest : public EngineTest {
protected:
  void configure(ClusterConfig& c) override { c.dynamic_partition_check_interval_s = 1; }
  std::vector<std::string> names() {
    std::vector<std::string> out;
    for (const auto& r : rows("SHOW PARTITIONS FROM t").rows)
      out.push_back(*r[1]);
    return out;
  }
};

TEST_F(DynamicPartitionTest, PartitionsAppearAtCreateAndOldOnesAreDropped) {
  ok("CREATE TABLE t (dt DATE NOT NULL, v INT) DUPLICATE KEY(dt) PARTITION BY RANGE(dt) "
     "(PARTITION p20000101 VALUES LESS THAN ('2000-01-02')) DISTRIBUTED BY HASH(v) BUCKETS 1 "
     "PROPERTIES ('dynamic_partition.enable' = 'true', 'dynamic_partition.time_unit' = 'DAY', "
     "'dynamic_partition.start' = '-3', 'dynamic_partition.end' = '2', "
     "'dynamic_partition.prefix' = 'p')");
  // At creation: today .. today+2 exist; the old partition ends before today-3 and goes.
  EXPECT_EQ(names(), (std::vector<std::string>{day_name(0), day_name(1), day_name(2)}));
  ok("ALTER TABLE t DROP PARTITION " + day_name(2));
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
  while (names().size() < 3 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100)); // polling interval
  }
  EXPECT_EQ(names(), (std::vector<std::string>{day_name(0), day_name(1), day_name(2)}));
}

TEST(DynamicPartitionStatementsTest, DisabledOrUnsupportedTablesGetNothing) {
  engine::TableModel m;
  m.partition.type = "RANGE";
  m.partition.columns = {"dt"};
  engine::ColumnDef c;
  c.name = "dt";
  c.base = "date";
  m.columns = {c};
  m.properties = {{"dynamic_partition.time_unit", "DAY"},
                  {"dynamic_partition.end", "1"},
                  {"dynamic_partition.enable", "false"}};
  EXPECT_TRUE(engine::dynamic_partition_statements(m, std::time(nullptr)).empty());
  m.properties[2].second = "true";
  EXPECT_EQ(engine::dynamic_partition_statements(m, std::time(nullptr)).size(), 2u);
  m.properties[0].second = "HOUR";
  EXPECT_TRUE(engine::dynamic_partition_statements(m, std::time(nullptr)).empty());
}

} // namespace
} // namespace srsim::test
