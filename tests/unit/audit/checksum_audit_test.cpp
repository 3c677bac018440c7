// The checksum audit (issue #11): the same one statement per side carries the content sums, a
// partition with equal counts and different sums is "content differs", and cheap rounds skip
// only partitions a checksum audit found equal.
#include "audit/exact_integer.hpp"
#include "audit/partition_counter.hpp"
#include "audit_fixture.hpp"

#include "exlschema/state/state_store.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

namespace exl::audit::test {
namespace {

starrocks::RowHash row_hash() {
  starrocks::Column v;
  v.name = "v";
  v.type.base = "int";
  return starrocks::build_row_hash({v}, starrocks::RowHashFunction::XxHash3_64).value();
}

class ChecksumAuditTest : public AuditFixture {
protected:
  AuditRequest checksum_request() {
    AuditRequest r = request();
    r.checksum = &m_hash;
    return r;
  }

  starrocks::RowHash m_hash = row_hash();
  config::test::TempDir m_dir;
  state::StateStore m_store{m_dir.path() + "/state.db"};
};

TEST_F(ChecksumAuditTest, EqualCountsWithDifferentSumsAreContentDiffers) {
  same_partitions(3, 5);
  target.sums["p1"] = "-170141183460469231731687303715884105728"; // a LARGEINT extreme
  const TableAudit audit = auditor.audit(checksum_request());
  EXPECT_TRUE(audit.checksummed);
  EXPECT_EQ(audit.partitions[0].state, PartitionState::Equal);
  EXPECT_EQ(audit.partitions[1].state, PartitionState::ContentDiffers);
  EXPECT_EQ(audit.partitions[1].source_sums, std::vector<std::string>{"5000"});
  EXPECT_EQ(audit.partitions[1].target_sums,
            std::vector<std::string>{"-170141183460469231731687303715884105728"});
  EXPECT_FALSE(audit.equal());
  EXPECT_EQ(audit.count(PartitionState::ContentDiffers), 1);
  // One statement per side carries the counts and the sums.
  ASSERT_EQ(source.count_statements().size(), 1U);
  EXPECT_NE(source.count_statements()[0].find("xx_hash3_64("), std::string::npos);
  EXPECT_EQ(audit.queries_source, 2);
}

TEST_F(ChecksumAuditTest, DifferentCountsStayCountDiffers) {
  same_partitions(2, 5);
  target.rows["p0"] = 4;
  target.sums["p0"] = "1";
  const TableAudit audit = auditor.audit(checksum_request());
  EXPECT_EQ(audit.partitions[0].state, PartitionState::Differs);
  EXPECT_EQ(audit.partitions[1].state, PartitionState::Equal);
}

TEST_F(ChecksumAuditTest, SumsThatAreNotIntegersAreRefused) {
  same_partitions(1, 5);
  target.sums["p0"] = "12.5";
  EXPECT_THROW(auditor.audit(checksum_request()), AuditError);
}

TEST_F(ChecksumAuditTest, CheapRoundsSkipOnlyWhatAChecksumFoundEqual) {
  same_partitions(4, 5);
  AuditRequest counted = request();
  counted.store = &m_store;
  auditor.audit(counted); // equal by counts: recorded without content_checked
  AuditRequest checked = checksum_request();
  checked.store = &m_store;
  source.clear_log();
  const TableAudit first = auditor.audit(checked);
  for (const PartitionAudit& p : first.partitions) {
    EXPECT_FALSE(p.unchanged) << p.name;
  }
  EXPECT_TRUE(m_store.partition_version({"src", "dst", "db.t"}, "p2")->content_checked);
  const TableAudit second = auditor.audit(checked);
  for (const PartitionAudit& p : second.partitions) {
    EXPECT_TRUE(p.unchanged) << p.name;
  }
  EXPECT_EQ(second.queries_source, 1);
  // A count-only audit records over it: the next checksum audit looks at the content again.
  source.partition("p2").version = 3;
  auditor.audit(counted);
  const TableAudit third = auditor.audit(checked);
  EXPECT_FALSE(third.find("p2")->unchanged);
}

TEST(PartitionCounterSums, ParseAndPrintTheWholeLargeintRange) {
  for (const std::string text :
       {"0", "-1", "18446744073709551616", "170141183460469231731687303715884105727",
        "-170141183460469231731687303715884105728"}) {
    EXPECT_EQ(int128_text(parse_sum(text, "source")), text);
  }
  for (const std::string text :
       {"", "-", "1e5", "1.0", " 1", "170141183460469231731687303715884105728"}) {
    EXPECT_THROW(parse_sum(text, "source"), AuditError) << text;
  }
}

} // namespace
} // namespace exl::audit::test
