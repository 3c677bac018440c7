// The partition auditor over two fake clusters: every state, one count statement per side, what
// is trusted, -p, and the tables it refuses.
#include "audit_fixture.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace exl::audit::test {
namespace {

using PartitionAuditorTest = AuditFixture;

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// The AuditError `work` throws; fails the test when it throws none.
template <typename Work> std::string audit_error(Work&& work) {
  try {
    work();
  } catch (const AuditError& e) {
    return e.what();
  }
  ADD_FAILURE() << "no AuditError";
  return {};
}

TEST_F(PartitionAuditorTest, ReportsEveryState) {
  source.partitions = {range_partition("p1", 1, 11), range_partition("p2", 2, 12),
                       range_partition("p3", 3, 13), range_partition("p4", 4, 14),
                       range_partition("p5", 5, 15)};
  source.rows = {{"p1", 10}, {"p2", 5}, {"p3", 7}};
  target.partitions = {range_partition("p9", 9, 59), range_partition("p1", 1, 51),
                       range_partition("p2", 2, 52), range_partition("p4", 4, 54)};
  target.rows = {{"p1", 10}, {"p2", 6}, {"p9", 3}};

  const TableAudit audit = auditor.audit(request());

  EXPECT_EQ(names(audit), (std::vector<std::string>{"p1", "p2", "p3", "p4", "p5", "p9"}));
  const auto& p = audit.partitions;
  EXPECT_EQ(p[0].state, PartitionState::Equal);
  EXPECT_EQ(p[1].state, PartitionState::Differs);
  EXPECT_EQ(p[1].source_rows, 5);
  EXPECT_EQ(p[1].target_rows, 6);
  EXPECT_EQ(p[2].state, PartitionState::MissingOnTarget);
  EXPECT_EQ(p[2].source_rows, 7);
  EXPECT_EQ(p[2].target_rows, 0); // counted with the source's predicate: nothing in its range
  EXPECT_FALSE(p[2].target.has_value());
  EXPECT_EQ(p[3].state, PartitionState::EmptyOnBoth);
  EXPECT_EQ(p[4].state, PartitionState::EmptyOnBoth); // missing on the target, nothing to copy
  EXPECT_FALSE(p[4].target.has_value());
  EXPECT_EQ(p[5].state, PartitionState::TargetOnly);
  EXPECT_EQ(p[5].source_rows, std::nullopt);
  EXPECT_EQ(p[5].target_rows, 3);
  EXPECT_EQ(p[5].target->id, 59);
  EXPECT_EQ(audit.source_rows, 22);
  EXPECT_EQ(audit.target_rows, 19);
  EXPECT_EQ(audit.recommended_mode, "v4");
  EXPECT_FALSE(audit.equal());
  EXPECT_EQ(audit.find("P2"), &p[1]);
  EXPECT_EQ(audit.count(PartitionState::EmptyOnBoth), 2);
  ASSERT_EQ(audit.columns.size(), 1U);
  EXPECT_EQ(audit.columns[0].name, "k");
}

TEST_F(PartitionAuditorTest, StateNames) {
  EXPECT_STREQ(state_name(PartitionState::Equal), "equal");
  EXPECT_STREQ(state_name(PartitionState::Differs), "count differs");
  EXPECT_STREQ(state_name(PartitionState::ContentDiffers), "content differs");
  EXPECT_STREQ(state_name(PartitionState::MissingOnTarget), "missing on target");
  EXPECT_STREQ(state_name(PartitionState::TargetOnly), "target only");
  EXPECT_STREQ(state_name(PartitionState::EmptyOnBoth), "empty on both");
}

TEST_F(PartitionAuditorTest, EqualTableHasNoRecommendation) {
  same_partitions(3, 4);
  const TableAudit audit = auditor.audit(request());
  EXPECT_TRUE(audit.equal());
  EXPECT_EQ(audit.recommended_mode, std::nullopt);
  EXPECT_EQ(audit.source_rows, 12);
  EXPECT_EQ(audit.target_rows, 12);
}

// One count statement per table per side, not one per partition: SHOW PARTITIONS plus one count.
TEST_F(PartitionAuditorTest, SendsOneCountStatementPerSideWhateverThePartitionCount) {
  same_partitions(1000, 1);
  const TableAudit audit = auditor.audit(request());
  EXPECT_EQ(audit.partitions.size(), 1000U);
  EXPECT_TRUE(audit.equal());
  EXPECT_EQ(audit.queries_source, 2);
  EXPECT_EQ(audit.queries_target, 2);
  ASSERT_EQ(source.count_statements().size(), 1U);
  ASSERT_EQ(target.count_statements().size(), 1U);
  EXPECT_EQ(FakeSide::counted_names(source.count_statements()[0]).size(), 1000U);
  EXPECT_EQ(source.sent().front(), "SHOW PARTITIONS FROM `db`.`t`");
  // Every partition counted: no WHERE, the whole table is read once.
  EXPECT_FALSE(contains(source.count_statements()[0], " WHERE "));
}

// RowCount of SHOW PARTITIONS lags loads: it decides nothing, in either direction.
TEST_F(PartitionAuditorTest, NeverTrustsTheRowCountOfShowPartitions) {
  same_partitions(2, 0);
  source.partition("p0").row_count = 50; // statistics agree, rows do not
  target.partition("p0").row_count = 50;
  source.rows["p0"] = 50;
  target.rows["p0"] = 49;
  source.partition("p1").row_count = 0; // statistics disagree, rows agree
  target.partition("p1").row_count = 70;
  source.rows["p1"] = 70;
  target.rows["p1"] = 70;
  const TableAudit audit = auditor.audit(request());
  EXPECT_EQ(audit.partitions[0].state, PartitionState::Differs);
  EXPECT_EQ(audit.partitions[1].state, PartitionState::Equal);
}

TEST_F(PartitionAuditorTest, RefusesAPartitionNameWithOtherBoundsOnTheTarget) {
  same_partitions(2, 1);
  target.partition("p1").cell = int_range(10, 30);
  const std::string message = audit_error([&] { auditor.audit(request()); });
  EXPECT_TRUE(contains(message, "partition p1 holds [(10), (20)) on the source but [(10), (30)) "
                                "on the target"))
      << message;
  EXPECT_TRUE(source.count_statements().empty()); // refused before counting
}

TEST_F(PartitionAuditorTest, ListValuesInAnotherOrderAreTheSameBounds) {
  source.partitions = {{"pla", 1, 2, "city", "('LA', 'SD')", 0}};
  target.partitions = {{"pla", 2, 2, "city", "('SD', 'LA')", 0}};
  source.rows["pla"] = 3;
  target.rows["pla"] = 3;
  const std::string ddl = "CREATE TABLE `t` (\n  `city` varchar(20) NULL COMMENT \"\"\n) "
                          "ENGINE=OLAP \nDUPLICATE KEY(`city`)\nPARTITION BY LIST(`city`)(\n  "
                          "PARTITION pla VALUES IN ('LA', 'SD')\n)\nDISTRIBUTED BY HASH(`city`) "
                          "BUCKETS 1 \nPROPERTIES (\n\"replication_num\" = \"1\"\n);";
  m_model = starrocks::parse_create_table(ddl).value();
  const TableAudit audit = auditor.audit(request());
  EXPECT_EQ(audit.partitions.at(0).state, PartitionState::Equal);
}

TEST_F(PartitionAuditorTest, RefusesSidesPartitionedDifferently) {
  same_partitions(1, 1);
  target.partitions = {{"t", 9, 2, "", "", 0}}; // an unpartitioned target
  const std::string message = audit_error([&] { auditor.audit(request()); });
  EXPECT_TRUE(contains(message, "the source is partitioned by RANGE(k) but the target by nothing"))
      << message;
}

// A source partition the target lacks, while the target holds rows in its range (under other
// partition names): the layouts differ; counting on would attribute rows to the wrong names.
TEST_F(PartitionAuditorTest, RefusesRowsInTheRangeOfAPartitionTheTargetLacks) {
  same_partitions(2, 1);
  target.partitions.pop_back();
  target.rows["p1"] = 4;
  const std::string message = audit_error([&] { auditor.audit(request()); });
  EXPECT_TRUE(contains(message, "the target holds 4 row(s) in the range of source partition p1"))
      << message;
}

TEST_F(PartitionAuditorTest, RefusesRowsOutsideEveryPartition) {
  same_partitions(2, 1);
  source.outside = 3;
  const std::string message = audit_error([&] { auditor.audit(request()); });
  EXPECT_TRUE(contains(message, "3 row(s) of the source belong to none of its partitions"))
      << message;
}

// A partitioning whose partitions have no exact predicate: refused with the reason and the mode
// that copies the table anyway.
TEST_F(PartitionAuditorTest, RefusesAPartitioningWithoutExactPredicatesAndSaysWhatCopiesIt) {
  const std::string ddl = "CREATE TABLE `t` (\n  `s` varchar(8) NULL COMMENT \"\"\n) ENGINE=OLAP "
                          "\nDUPLICATE KEY(`s`)\nPARTITION BY str2date(`s`, '%Y%m%d')\n"
                          "DISTRIBUTED BY HASH(`s`) BUCKETS 1 \nPROPERTIES (\n"
                          "\"replication_num\" = \"1\"\n);";
  auto parsed = starrocks::parse_create_table(ddl);
  ASSERT_TRUE(parsed.ok()) << parsed.error().message();
  m_model = std::move(parsed).value();
  const std::string message = audit_error([&] { auditor.audit(request()); });
  EXPECT_TRUE(contains(message, "cannot count the rows of each partition exactly")) << message;
  EXPECT_TRUE(contains(message, "str2date")) << message;
  EXPECT_TRUE(contains(message, "-o v1 -truncate")) << message;
}

TEST_F(PartitionAuditorTest, OnlyThePartitionsNamedByDashP) {
  same_partitions(5, 2);
  source.partitions.push_back(range_partition("p7", 7, 17));
  source.rows["p7"] = 8;
  target.partitions.push_back(range_partition("p8", 8, 58));
  target.rows["p8"] = 1;
  AuditRequest r = request();
  r.partitions = {"P1", "p7", "p8"}; // StarRocks compares partition names case-insensitively
  const TableAudit audit = auditor.audit(r);
  EXPECT_EQ(names(audit), (std::vector<std::string>{"p1", "p7", "p8"}));
  EXPECT_EQ(audit.partitions[1].state, PartitionState::MissingOnTarget);
  EXPECT_EQ(audit.partitions[2].state, PartitionState::TargetOnly);
  EXPECT_EQ(audit.source_rows, 10);
  // The counts read only those partitions' rows.
  const auto source_count = source.count_statements().at(0);
  EXPECT_EQ(FakeSide::counted_names(source_count), (std::vector<std::string>{"p1", "p7"}));
  EXPECT_TRUE(contains(source_count, " WHERE ((`k` >= 10")) << source_count;
  EXPECT_EQ(FakeSide::counted_names(target.count_statements().at(0)),
            (std::vector<std::string>{"p1", "p7", "p8"}));
}

TEST_F(PartitionAuditorTest, ADashPNameOnNeitherSideFailsTheTable) {
  same_partitions(2, 1);
  AuditRequest r = request();
  r.partitions = {"p1", "p42"};
  EXPECT_TRUE(contains(audit_error([&] { auditor.audit(r); }), "partition p42 (-p)"));
}

TEST_F(PartitionAuditorTest, WhereIsAndedIntoBothCounts) {
  same_partitions(2, 1);
  AuditRequest r = request();
  r.where = "`v` > 3";
  auditor.audit(r);
  EXPECT_TRUE(contains(source.count_statements().at(0), " WHERE (`v` > 3)"));
  EXPECT_TRUE(contains(target.count_statements().at(0), " WHERE (`v` > 3)"));
}

// The single partition of an unpartitioned table is named after the table, which a copy may
// rename: it is matched whatever its name.
TEST_F(PartitionAuditorTest, UnpartitionedTablesMatchUnderAnotherName) {
  source.partitions = {{"orders", 1, 3, "", "", 0}};
  target.partitions = {{"orders_copy", 2, 3, "", "", 0}};
  source.rows["orders"] = 9;
  target.rows["orders"] = 9; // the target is counted under the source's name
  const std::string ddl = "CREATE TABLE `orders` (\n  `k` int(11) NULL COMMENT \"\"\n) "
                          "ENGINE=OLAP \nDUPLICATE KEY(`k`)\nDISTRIBUTED BY HASH(`k`) BUCKETS 1 "
                          "\nPROPERTIES (\n\"replication_num\" = \"1\"\n);";
  m_model = starrocks::parse_create_table(ddl).value();
  AuditRequest r = request();
  r.source.table = "orders";
  r.target.table = "orders_copy";
  const TableAudit audit = auditor.audit(r);
  ASSERT_EQ(audit.partitions.size(), 1U);
  EXPECT_EQ(audit.partitions[0].name, "orders");
  EXPECT_EQ(audit.partitions[0].state, PartitionState::Equal);
  EXPECT_EQ(target.count_statements().at(0),
            "SELECT \"orders\" AS exl_partition, COUNT(*) AS exl_rows FROM `db`.`orders_copy`");
}

// The plan of a first copy: the target table is not there yet, so nothing is sent to it.
TEST_F(PartitionAuditorTest, AMissingTargetTableIsNotRead) {
  same_partitions(2, 0);
  source.rows["p0"] = 5;
  AuditRequest r = request();
  r.target_exists = false;
  const TableAudit audit = auditor.audit(r);
  EXPECT_TRUE(target.sent().empty());
  EXPECT_EQ(audit.queries_target, 0);
  EXPECT_EQ(audit.partitions[0].state, PartitionState::MissingOnTarget);
  EXPECT_EQ(audit.partitions[0].target_rows, std::nullopt);
  EXPECT_EQ(audit.partitions[1].state, PartitionState::EmptyOnBoth);
}

// v4/v5: the target is counted; the source only where the target lacks the partition or holds
// no rows of it. A partition the target holds rows of is kept, whatever the source holds.
TEST_F(PartitionAuditorTest, TargetOnlyAuditCountsTheSourceOnlyWhereTheTargetHasNothing) {
  same_partitions(4, 5);
  target.rows["p0"] = 99; // more than the source: v4 keeps it
  target.rows["p1"] = 0;  // empty on the target, rows on the source: to load
  target.rows["p2"] = 0;  // empty on both
  source.rows["p2"] = 0;
  target.partitions.pop_back(); // p3 missing on the target
  target.rows.erase("p3");
  target.partitions.push_back(range_partition("p9", 9, 59));
  target.rows["p9"] = 1;
  AuditRequest r = request();
  r.count_source = false;
  const TableAudit audit = auditor.audit(r);
  const auto& p = audit.partitions;
  EXPECT_EQ(p[0].state, PartitionState::Equal);
  EXPECT_EQ(p[0].source_rows, std::nullopt);
  EXPECT_EQ(p[1].state, PartitionState::Differs);
  EXPECT_EQ(p[2].state, PartitionState::EmptyOnBoth);
  EXPECT_EQ(p[3].state, PartitionState::MissingOnTarget);
  EXPECT_EQ(p[4].state, PartitionState::TargetOnly);
  EXPECT_EQ(audit.recommended_mode, std::nullopt); // already the target-only audit
  EXPECT_EQ(FakeSide::counted_names(source.count_statements().at(0)),
            (std::vector<std::string>{"p1", "p2", "p3"}));
  EXPECT_EQ(target.sent().front(), "SHOW PARTITIONS FROM `db`.`t`");
}

TEST_F(PartitionAuditorTest, TargetOnlyAuditOfAFullTargetSendsNoSourceCount) {
  same_partitions(3, 5);
  AuditRequest r = request();
  r.count_source = false;
  const TableAudit audit = auditor.audit(r);
  EXPECT_TRUE(audit.equal());
  EXPECT_TRUE(source.count_statements().empty());
  EXPECT_EQ(audit.queries_source, 1); // SHOW PARTITIONS only
}

TEST_F(PartitionAuditorTest, ReauditCountsOnlyTheNamedPartitions) {
  same_partitions(6, 2);
  target.rows["p4"] = 1;
  const TableAudit audit = auditor.reaudit(request(), {"p2", "p4"});
  EXPECT_EQ(names(audit), (std::vector<std::string>{"p2", "p4"}));
  EXPECT_EQ(audit.partitions[1].state, PartitionState::Differs);
  EXPECT_EQ(audit.queries_source, 2);
  EXPECT_EQ(audit.queries_target, 2);
  EXPECT_TRUE(auditor.reaudit(request(), {}).partitions.empty());
}

} // namespace
} // namespace exl::audit::test
