// Cheap rounds (issue #10): partitions whose PartitionId and VisibleVersion have not moved on
// either side since the state store saw them equal are not counted again.
#include "audit_fixture.hpp"

#include "exlschema/state/state_store.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

#include <thread>

namespace exl::audit::test {
namespace {

class CheapRoundsTest : public AuditFixture {
protected:
  AuditRequest stored_request() {
    AuditRequest r = request();
    r.store = &m_store;
    return r;
  }

  config::test::TempDir m_dir;
  state::StateStore m_store{m_dir.path() + "/state.db"};
};

std::vector<std::string> unchanged(const TableAudit& audit) {
  std::vector<std::string> out;
  for (const PartitionAudit& p : audit.partitions) {
    if (p.unchanged) {
      out.push_back(p.name);
    }
  }
  return out;
}

TEST_F(CheapRoundsTest, AnUnchangedTableIsNotCountedAgain) {
  same_partitions(1000, 3);
  const TableAudit first = auditor.audit(stored_request());
  EXPECT_TRUE(unchanged(first).empty());
  EXPECT_EQ(m_store.partition_versions({"src", "dst", "db.t"}).size(), 1000U);
  const auto p7 = m_store.partition_version({"src", "dst", "db.t"}, "p7");
  ASSERT_TRUE(p7.has_value());
  EXPECT_EQ(p7->source_id, 1007);
  EXPECT_EQ(p7->target_id, 5007);
  EXPECT_EQ(p7->source_version, 2);
  EXPECT_EQ(p7->row_count, 3);

  source.clear_log();
  target.clear_log();
  const TableAudit second = auditor.audit(stored_request());
  EXPECT_EQ(unchanged(second).size(), 1000U);
  EXPECT_TRUE(second.equal());
  EXPECT_EQ(second.queries_source, 1); // SHOW PARTITIONS, nothing else
  EXPECT_EQ(second.queries_target, 1);
  EXPECT_EQ(source.sent().size(), 1U);
  EXPECT_EQ(second.source_rows, 3000); // remembered
  EXPECT_EQ(second.partitions[0].source_rows, 3);
}

TEST_F(CheapRoundsTest, AfterALoadIntoTwoSourcePartitionsOnlyThoseAreCounted) {
  same_partitions(1000, 3);
  auditor.audit(stored_request());
  source.partition("p17").version += 1; // a load
  source.rows["p17"] += 4;
  source.partition("p512").version += 1;
  source.rows["p512"] += 1;
  source.clear_log();
  target.clear_log();

  const TableAudit audit = auditor.audit(stored_request());

  EXPECT_EQ(unchanged(audit).size(), 998U);
  EXPECT_EQ(audit.queries_source, 2);
  EXPECT_EQ(audit.queries_target, 2);
  const std::string source_count = source.count_statements().at(0);
  EXPECT_EQ(FakeSide::counted_names(source_count), (std::vector<std::string>{"p17", "p512"}));
  // Restricted to the two partitions' predicates: StarRocks prunes the other 998.
  EXPECT_NE(source_count.find("WHERE ((`k` >= 170 AND (`k` < 180 OR `k` IS NULL)) OR (`k` >= "
                              "5120 AND (`k` < 5130 OR `k` IS NULL)))"),
            std::string::npos)
      << source_count;
  EXPECT_EQ(FakeSide::counted_names(target.count_statements().at(0)),
            (std::vector<std::string>{"p17", "p512"}));
  EXPECT_EQ(audit.find("p17")->state, PartitionState::Differs);
  EXPECT_EQ(audit.find("p17")->source_rows, 7);
  EXPECT_EQ(audit.count(PartitionState::Differs), 2);
  // Found different: forgotten, so they are counted until seen equal again.
  EXPECT_FALSE(m_store.partition_version({"src", "dst", "db.t"}, "p17").has_value());
}

// An OVERWRITE or TRUNCATE swaps in a new partition: a new id with a version that may repeat
// the old one; a load on the target alone moves the target's version. Each is counted again.
TEST_F(CheapRoundsTest, ANewIdOrAMovedVersionOnEitherSideIsCountedAgain) {
  same_partitions(5, 3);
  auditor.audit(stored_request());
  target.partition("p1").id = 9001; // overwritten: same version, new id
  source.partition("p2").id = 9002;
  target.partition("p3").version += 1; // loaded on the target only
  target.rows["p3"] += 1;
  target.clear_log();

  const TableAudit audit = auditor.audit(stored_request());

  EXPECT_EQ(unchanged(audit), (std::vector<std::string>{"p0", "p4"}));
  EXPECT_EQ(FakeSide::counted_names(target.count_statements().at(0)),
            (std::vector<std::string>{"p1", "p2", "p3"}));
  EXPECT_EQ(audit.find("p1")->state, PartitionState::Equal);
  EXPECT_EQ(audit.find("p3")->state, PartitionState::Differs);
  // p1 and p2 were counted equal again: recorded with their new ids.
  EXPECT_EQ(m_store.partition_version({"src", "dst", "db.t"}, "p1")->target_id, 9001);
  EXPECT_EQ(m_store.partition_version({"src", "dst", "db.t"}, "p2")->source_id, 9002);
}

TEST_F(CheapRoundsTest, ReauditCountsEvenUnchangedPartitionsAndRecordsThem) {
  same_partitions(4, 3);
  target.rows["p2"] = 0;
  auditor.audit(stored_request());
  EXPECT_FALSE(m_store.partition_version({"src", "dst", "db.t"}, "p2").has_value());
  // The mode rewrites p2: the target's partition is swapped for a new one with the rows.
  target.partition("p2").id = 7002;
  target.rows["p2"] = 3;
  target.clear_log();

  const TableAudit audit = auditor.reaudit(stored_request(), {"p2", "p3"});

  EXPECT_TRUE(unchanged(audit).empty());
  EXPECT_EQ(FakeSide::counted_names(target.count_statements().at(0)),
            (std::vector<std::string>{"p2", "p3"}));
  EXPECT_TRUE(audit.equal());
  EXPECT_EQ(m_store.partition_version({"src", "dst", "db.t"}, "p2")->target_id, 7002);
}

TEST_F(CheapRoundsTest, PartitionsTheSourceDroppedAreForgotten) {
  same_partitions(3, 1);
  auditor.audit(stored_request());
  source.partitions.erase(source.partitions.begin()); // p0 dropped on the source
  auditor.audit(stored_request());
  EXPECT_FALSE(m_store.partition_version({"src", "dst", "db.t"}, "p0").has_value());
  EXPECT_EQ(m_store.partition_versions({"src", "dst", "db.t"}).size(), 2U);
}

// A -where count is of a subset of each partition: it neither uses nor feeds the store.
TEST_F(CheapRoundsTest, WhereNeitherUsesNorRecordsVersions) {
  same_partitions(3, 1);
  auditor.audit(stored_request()); // recorded
  AuditRequest filtered = stored_request();
  filtered.where = "`v` > 0";
  source.clear_log();
  const TableAudit audit = auditor.audit(filtered);
  EXPECT_TRUE(unchanged(audit).empty());
  EXPECT_EQ(source.count_statements().size(), 1U);

  m_store.forget_partition_versions({"src", "dst", "db.t"});
  auditor.audit(filtered);
  EXPECT_TRUE(m_store.partition_versions({"src", "dst", "db.t"}).empty());
}

// A partition once equal then missing its ids in the store (a store migrated from schema 1)
// is counted.
TEST_F(CheapRoundsTest, ARecordWithoutIdsNeverSkips) {
  same_partitions(1, 3);
  m_store.put_partition_version({"src", "dst", "db.t"}, {"p0", 2, 2, 3, {}, {}, {}});
  const TableAudit audit = auditor.audit(stored_request());
  EXPECT_TRUE(unchanged(audit).empty());
  EXPECT_EQ(source.count_statements().size(), 1U);
}

// Several tables audited at once by one auditor with one store: each gets its own exact result.
TEST_F(CheapRoundsTest, SeveralTablesAtOnce) {
  same_partitions(50, 2);
  constexpr int k_tables = 6;
  std::vector<TableAudit> results(k_tables);
  std::vector<std::thread> threads;
  threads.reserve(k_tables);
  for (int t = 0; t < k_tables; ++t) {
    threads.emplace_back([&, t] {
      AuditRequest r = stored_request();
      r.copy.table = "db.t" + std::to_string(t);
      auditor.audit(r);
      results[t] = auditor.audit(r);
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }
  for (int t = 0; t < k_tables; ++t) {
    EXPECT_EQ(unchanged(results[t]).size(), 50U) << t;
    EXPECT_EQ(results[t].source_rows, 100) << t;
  }
}

} // namespace
} // namespace exl::audit::test
