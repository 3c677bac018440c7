// Temporary partitions (engine/temp_partitions.hpp; docs Temporary_partition.md and the FE
// sources named there): ADD/DROP, loads, reads, SHOW TEMPORARY PARTITIONS and the atomic REPLACE.

#include "engine/backend.hpp"
#include "engine_test_support.hpp"

#include <atomic>
#include <set>
#include <thread>

namespace srsim::test {
namespace {

class TempPartitionTest : public EngineTest {
protected:
  void make_daily() {
    ok("CREATE TABLE t (dt DATE, v INT) DUPLICATE KEY(dt) PARTITION BY RANGE(dt) ("
       "PARTITION p1 VALUES [('2024-01-01'), ('2024-01-02')), "
       "PARTITION p2 VALUES [('2024-01-02'), ('2024-01-03')), "
       "PARTITION p3 VALUES [('2024-01-03'), ('2024-01-04'))) DISTRIBUTED BY HASH(dt) BUCKETS 2");
    ok("INSERT INTO t VALUES ('2024-01-01', 1), ('2024-01-02', 2), ('2024-01-03', 3)");
  }
  std::string values() { return scalar("SELECT GROUP_CONCAT(v ORDER BY dt, v) FROM t"); }
  ResultSet temps() { return rows("SHOW TEMPORARY PARTITIONS FROM t"); }
  std::string partition_names() {
    std::string out;
    for (const auto& r : rows("SHOW PARTITIONS FROM t").rows)
      out += (out.empty() ? "" : ",") + *r[1];
    return out;
  }
  // The storage table of a temporary partition, reached behind the engine's back.
  std::int64_t storage_tables() {
    engine::Backend raw(m_config.storage);
    return std::stoll(raw.scalar("SELECT COUNT(*) FROM information_schema.TABLES WHERE "
                                 "TABLE_SCHEMA = '__srsim' AND TABLE_NAME LIKE 'tp\\_%'")
                          .value_or("0"));
  }
};

TEST_F(TempPartitionTest, AddShowAndDropFollowStarRocksRules) {
  make_daily();
  // A temporary range may overlap formal ranges (Temporary_partition.md).
  ok("ALTER TABLE t ADD TEMPORARY PARTITION tp1 VALUES [('2024-01-01'), ('2024-01-02'))");
  ok("ALTER TABLE t ADD TEMPORARY PARTITION tp2 VALUES LESS THAN ('2024-01-05')");
  // partitions_meta lists them with IS_TEMP = 1 (the column's purpose; FE source unverified).
  EXPECT_EQ(scalar("SELECT GROUP_CONCAT(CONCAT(PARTITION_NAME, ':', IS_TEMP) ORDER BY "
                   "PARTITION_NAME) FROM information_schema.partitions_meta WHERE DB_NAME = '" +
                   m_db + "' AND TABLE_NAME = 't'"),
            "p1:0,p2:0,p3:0,tp1:1,tp2:1");
  ResultSet formal = rows("SHOW PARTITIONS FROM t");
  ResultSet rs = temps();
  EXPECT_EQ(rs.columns, formal.columns); // PartitionsProcDir: the same titles
  ASSERT_EQ(rs.rows.size(), 2u);
  EXPECT_EQ(cell(rs, 0, "PartitionName"), "tp1");
  EXPECT_EQ(cell(rs, 0, "VisibleVersion"), "1");
  EXPECT_EQ(cell(rs, 0, "RowCount"), "0");
  EXPECT_EQ(cell(rs, 0, "Range"), "[types: [DATE]; keys: [2024-01-01]; ..types: [DATE]; keys: "
                                  "[2024-01-02]; )");
  // LESS THAN starts at the previous temporary upper bound, not at a formal one.
  EXPECT_EQ(cell(rs, 1, "Range"), "[types: [DATE]; keys: [2024-01-02]; ..types: [DATE]; keys: "
                                  "[2024-01-05]; )");
  EXPECT_EQ(formal.rows.size(), 3u);
  // Temporary ranges may not overlap each other (RangePartitionInfo.checkAndCreateRange).
  EXPECT_NE(error("ALTER TABLE t ADD TEMPORARY PARTITION tp3 VALUES [('2024-01-04'), "
                  "('2024-01-06'))")
                .find("is intersected with range"),
            std::string::npos);
  // Names are unique across formal and temporary partitions (ERR_SAME_NAME_PARTITION).
  EXPECT_NE(error("ALTER TABLE t ADD TEMPORARY PARTITION p1 VALUES [('2024-02-01'), "
                  "('2024-02-02'))")
                .find("Duplicate partition name p1"),
            std::string::npos);
  EXPECT_NE(error("ALTER TABLE t ADD TEMPORARY PARTITION tp1 VALUES [('2024-02-01'), "
                  "('2024-02-02'))")
                .find("Duplicate partition name tp1"),
            std::string::npos);
  EXPECT_NE(error("ALTER TABLE t ADD PARTITION tp1 VALUES [('2024-02-01'), ('2024-02-02'))")
                .find("Duplicate partition name tp1"),
            std::string::npos);
  EXPECT_EQ(partition_names(), "p1,p2,p3");
  ok("ALTER TABLE t ADD TEMPORARY PARTITION IF NOT EXISTS tp1 VALUES [('2024-03-01'), "
     "('2024-03-02'))");
  ok("ALTER TABLE t DROP TEMPORARY PARTITION tp1");
  EXPECT_EQ(error("ALTER TABLE t DROP TEMPORARY PARTITION tp1"),
            "Error in list of partitions to tp1");
  ok("ALTER TABLE t DROP TEMPORARY PARTITION IF EXISTS tp1");
  EXPECT_EQ(temps().rows.size(), 1u);
  EXPECT_EQ(values(), "1,2,3"); // formal data untouched
  // Unpartitioned tables take none.
  ok("CREATE TABLE u (k INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k)");
  EXPECT_NE(error("ALTER TABLE u ADD TEMPORARY PARTITION tp VALUES LESS THAN ('1')")
                .find("is not a partitioned table"),
            std::string::npos);
}

TEST_F(TempPartitionTest, BatchAddAndReleaseGates) {
  make_daily();
  ok("ALTER TABLE t ADD TEMPORARY PARTITIONS START ('2024-01-01') END ('2024-01-03') "
     "EVERY (INTERVAL 1 DAY)");
  ResultSet rs = temps();
  ASSERT_EQ(rs.rows.size(), 2u);
  EXPECT_EQ(cell(rs, 0, "PartitionName"), "p20240101");
  EXPECT_EQ(cell(rs, 1, "PartitionName"), "p20240102");
  ok("ALTER TABLE t REPLACE PARTITION (p1, p2) WITH TEMPORARY PARTITION (p20240101, p20240102)");
  EXPECT_EQ(partition_names(), "p1,p2,p3");
  EXPECT_EQ(values(), "3");
  // 2.5 adds only ranges, temporary ones too (as ADD PARTITION, starrocks-surface.md §14).
  m_config.version = Version{2, 5, 0};
  m_engine = make_engine(m_config);
  ok("USE " + m_db);
  ok("CREATE TABLE l (c VARCHAR(5), v INT) DUPLICATE KEY(c) PARTITION BY LIST(c) ("
     "PARTITION pa VALUES IN ('a')) DISTRIBUTED BY HASH(c) BUCKETS 1");
  EXPECT_NE(error("ALTER TABLE l ADD TEMPORARY PARTITION tpa VALUES IN ('a')")
                .find("Getting syntax error"),
            std::string::npos);
}

TEST_F(TempPartitionTest, LoadsGoToTemporaryPartitionsOnly) {
  make_daily();
  ok("ALTER TABLE t ADD TEMPORARY PARTITION tp1 VALUES [('2024-01-01'), ('2024-01-03'))");
  OkReply r = ok("INSERT INTO t TEMPORARY PARTITION (tp1) WITH LABEL tl1 "
                 "SELECT dt, v * 10 FROM t WHERE dt < '2024-01-03'");
  EXPECT_EQ(r.affected_rows, 2u);
  EXPECT_EQ(values(), "1,2,3"); // normal queries do not see temporary partitions
  EXPECT_EQ(scalar("SELECT GROUP_CONCAT(v ORDER BY v) FROM t TEMPORARY PARTITION (tp1)"), "10,20");
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM t TEMPORARY PARTITION (tp1) x WHERE x.v > 10"), "1");
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM " + m_db + ".t TEMPORARY PARTITION (tp1) WHERE v = 20"),
            "1");
  ResultSet rs = temps();
  EXPECT_EQ(cell(rs, 0, "VisibleVersion"), "2");
  EXPECT_EQ(cell(rs, 0, "RowCount"), "2");
  // Labels are shared with every other load of the database.
  EXPECT_EQ(
      error("INSERT INTO t TEMPORARY PARTITION (tp1) WITH LABEL tl1 VALUES ('2024-01-01', 5)"),
      "Label [tl1] has already been used.");
  // A row outside the named temporary partitions is filtered data, strict by default.
  EXPECT_NE(error("INSERT INTO t TEMPORARY PARTITION (tp1) VALUES ('2024-01-01', 7), "
                  "('2024-01-03', 8)")
                .find("Insert has filtered data"),
            std::string::npos);
  EXPECT_EQ(cell(temps(), 0, "RowCount"), "2");
  m_session.variables["enable_insert_strict"] = "false";
  EXPECT_EQ(ok("INSERT INTO t TEMPORARY PARTITION (tp1) VALUES ('2024-01-01', 7), "
               "('2024-01-03', 8)")
                .affected_rows,
            1u);
  EXPECT_EQ(cell(temps(), 0, "VisibleVersion"), "3");
  EXPECT_EQ(error("INSERT INTO t TEMPORARY PARTITION (nope) VALUES ('2024-01-01', 7)"),
            "Getting analyzing error. Detail message: Unknown partition 'nope' in table 't'.");
  EXPECT_NE(error("SELECT * FROM t TEMPORARY PARTITION (nope)").find("Unknown partition 'nope'"),
            std::string::npos);
  EXPECT_NE(error("INSERT OVERWRITE t TEMPORARY PARTITION (tp1) VALUES ('2024-01-01', 7)")
                .find("TEMPORARY PARTITION"),
            std::string::npos);
}

TEST_F(TempPartitionTest, ReplaceSwapsRowsIdsAndVersions) {
  make_daily();
  ok("ALTER TABLE t ADD TEMPORARY PARTITION tp1 VALUES [('2024-01-01'), ('2024-01-02'))");
  ok("INSERT INTO t TEMPORARY PARTITION (tp1) VALUES ('2024-01-01', 100), ('2024-01-01', 101)");
  ResultSet before = temps();
  std::string temp_id = cell(before, 0, "PartitionId");
  ok("ALTER TABLE t REPLACE PARTITION (p1) WITH TEMPORARY PARTITION (tp1)");
  EXPECT_EQ(values(), "100,101,2,3");
  EXPECT_EQ(partition_names(), "p1,p2,p3"); // use_temp_partition_name = false keeps p1
  ResultSet rs = rows("SHOW PARTITIONS FROM t");
  EXPECT_EQ(cell(rs, 0, "PartitionId"), temp_id); // the temporary partition became formal
  EXPECT_EQ(cell(rs, 0, "VisibleVersion"), "2");
  EXPECT_EQ(cell(rs, 0, "RowCount"), "2");
  EXPECT_TRUE(temps().rows.empty());
  EXPECT_EQ(storage_tables(), 0);
  EXPECT_EQ(error("ALTER TABLE t REPLACE PARTITION (p1) WITH TEMPORARY PARTITION (tp1)"),
            "Temp partition[tp1] does not exist");
  ok("ALTER TABLE t ADD TEMPORARY PARTITION tp2 VALUES [('2024-01-02'), ('2024-01-03'))");
  EXPECT_EQ(error("ALTER TABLE t REPLACE PARTITION (p9) WITH TEMPORARY PARTITION (tp2)"),
            "Partition[p9] does not exist");
  // use_temp_partition_name = true: the temporary name wins.
  ok("INSERT INTO t TEMPORARY PARTITION (tp2) VALUES ('2024-01-02', 200)");
  ok("ALTER TABLE t REPLACE PARTITION (p2) WITH TEMPORARY PARTITION (tp2) "
     "PROPERTIES (\"use_temp_partition_name\" = \"true\")");
  EXPECT_EQ(partition_names(), "p1,tp2,p3");
  EXPECT_EQ(values(), "100,101,200,3");
  ok("INSERT INTO t VALUES ('2024-01-02', 201)"); // loads reach the renamed partition
  EXPECT_EQ(values(), "100,101,200,201,3");
}

TEST_F(TempPartitionTest, StrictRangeRules) {
  make_daily();
  ok("ALTER TABLE t ADD TEMPORARY PARTITION tp12 VALUES [('2024-01-01'), ('2024-01-03'))");
  ok("INSERT INTO t TEMPORARY PARTITION (tp12) VALUES ('2024-01-01', 10), ('2024-01-02', 20)");
  // RangeUtils.checkRangeListsMatch: the unions must be equal while strict_range is true.
  EXPECT_NE(error("ALTER TABLE t REPLACE PARTITION (p1) WITH TEMPORARY PARTITION (tp12)")
                .find("2 range lists are not stricly matched."),
            std::string::npos);
  // strict_range = false: no conflict with the formal partitions that stay
  // (RangeUtils.checkRangeConflict).
  EXPECT_EQ(error("ALTER TABLE t REPLACE PARTITION (p1) WITH TEMPORARY PARTITION (tp12) "
                  "PROPERTIES (\"strict_range\" = \"false\")"),
            "Range: [types: [DATE]; keys: [2024-01-01]; ..types: [DATE]; keys: [2024-01-03]; ) "
            "conflicts with existing range");
  EXPECT_EQ(values(), "1,2,3");
  // Two formal partitions for one temporary one with the same union: the merge is allowed, and
  // with counts differing the temporary name stays.
  ok("ALTER TABLE t REPLACE PARTITION (p1, p2) WITH TEMPORARY PARTITION (tp12)");
  EXPECT_EQ(partition_names(), "tp12,p3");
  EXPECT_EQ(values(), "10,20,3");
  EXPECT_EQ(cell(rows("SHOW PARTITIONS FROM t"), 0, "RowCount"), "2");
  // strict_range = false may also narrow: the replaced range shrinks to the temporary one.
  ok("ALTER TABLE t ADD TEMPORARY PARTITION tpx VALUES [('2024-01-03'), ('2024-01-04'))");
  ok("ALTER TABLE t REPLACE PARTITION (p3) WITH TEMPORARY PARTITION (tpx) "
     "PROPERTIES (\"strict_range\" = \"false\")");
  EXPECT_EQ(values(), "10,20");
}

TEST_F(TempPartitionTest, ReplaceFailingMidwayKeepsOldRowsAndLayout) {
  make_daily();
  ok("ALTER TABLE t ADD TEMPORARY PARTITION tp1 VALUES [('2024-01-01'), ('2024-01-02'))");
  ok("ALTER TABLE t ADD TEMPORARY PARTITION tp23 VALUES [('2024-01-02'), ('2024-01-04'))");
  ok("INSERT INTO t TEMPORARY PARTITION (tp1) VALUES ('2024-01-01', 10)");
  ok("INSERT INTO t TEMPORARY PARTITION (tp23) VALUES ('2024-01-02', 20)");
  // The second temporary partition's storage vanishes: the copy fails after the first one was
  // already moved inside the transaction.
  std::string id = cell(temps(), 1, "PartitionId");
  engine::Backend raw(m_config.storage);
  raw.exec("DROP TABLE `__srsim`.`tp_" + id + "`");
  EXPECT_FALSE(error("ALTER TABLE t REPLACE PARTITION (p1, p2, p3) WITH TEMPORARY PARTITION "
                     "(tp1, tp23)")
                   .empty());
  EXPECT_EQ(values(), "1,2,3");
  EXPECT_EQ(partition_names(), "p1,p2,p3");
  ok("ALTER TABLE t DROP TEMPORARY PARTITION tp23"); // both are still there
  ok("ALTER TABLE t DROP TEMPORARY PARTITION tp1");
  ok("INSERT INTO t VALUES ('2024-01-03', 4)"); // the MariaDB layout is the old one again
  EXPECT_EQ(values(), "1,2,3,4");
  EXPECT_EQ(cell(rows("SHOW PARTITIONS FROM t"), 2, "RowCount"), "2");
}

TEST_F(TempPartitionTest, ReadersNeverSeeAMixedState) {
  make_daily();
  std::atomic<bool> done{false};
  std::set<std::string> seen;
  SessionContext reader;
  reader.connection_id = next_connection_id();
  reader.user = "root";
  reader.current_db = m_db;
  std::thread t([&] {
    while (!done) {
      Reply r = m_engine->execute(reader, "SELECT GROUP_CONCAT(v ORDER BY v) FROM t WHERE dt < "
                                          "'2024-01-03'");
      if (auto* rs = std::get_if<ResultSet>(&r)) {
        seen.insert(rs->rows[0][0].value_or("NULL"));
      }
    }
  });
  for (int i = 1; i <= 10; ++i) {
    std::string a = std::to_string(i * 10), b = std::to_string(i * 10 + 1);
    ok("ALTER TABLE t ADD TEMPORARY PARTITION tp1 VALUES [('2024-01-01'), ('2024-01-02'))");
    ok("ALTER TABLE t ADD TEMPORARY PARTITION tp2 VALUES [('2024-01-02'), ('2024-01-03'))");
    ok("INSERT INTO t TEMPORARY PARTITION (tp1, tp2) VALUES ('2024-01-01', " + a +
       "), ('2024-01-02', " + b + ")");
    ok("ALTER TABLE t REPLACE PARTITION (p1, p2) WITH TEMPORARY PARTITION (tp1, tp2)");
  }
  done = true;
  t.join();
  m_engine->close_session(reader);
  std::set<std::string> allowed{"1,2"};
  for (int i = 1; i <= 10; ++i)
    allowed.insert(std::to_string(i * 10) + "," + std::to_string(i * 10 + 1));
  for (const std::string& s : seen)
    EXPECT_TRUE(allowed.count(s)) << "mixed state seen: " << s;
  EXPECT_EQ(values(), "100,101,3");
}

TEST_F(TempPartitionTest, DropAndTruncateTableDropTemporaryPartitions) {
  make_daily();
  ok("ALTER TABLE t ADD TEMPORARY PARTITION tp1 VALUES [('2024-01-01'), ('2024-01-02'))");
  ok("INSERT INTO t TEMPORARY PARTITION (tp1) VALUES ('2024-01-01', 10)");
  ok("TRUNCATE TABLE t PARTITION (p1)"); // a partition's truncate leaves them alone
  EXPECT_EQ(temps().rows.size(), 1u);
  ok("TRUNCATE TABLE t"); // Temporary_partition.md: TRUNCATE TABLE drops them
  EXPECT_TRUE(temps().rows.empty());
  ok("ALTER TABLE t ADD TEMPORARY PARTITION tp1 VALUES [('2024-01-01'), ('2024-01-02'))");
  ok("DROP TABLE t");
  EXPECT_EQ(storage_tables(), 0);
  make_daily(); // a new table of that name starts without them
  EXPECT_TRUE(temps().rows.empty());
}

TEST_F(TempPartitionTest, ListTables) {
  ok("CREATE TABLE t (city VARCHAR(20), v INT) DUPLICATE KEY(city) PARTITION BY LIST(city) ("
     "PARTITION pa VALUES IN ('a', 'b'), PARTITION pc VALUES IN ('c')) "
     "DISTRIBUTED BY HASH(city)");
  ok("INSERT INTO t VALUES ('a', 1), ('c', 2)");
  ok("ALTER TABLE t ADD TEMPORARY PARTITION tpa VALUES IN ('a', 'b')");
  ResultSet rs = temps();
  EXPECT_EQ(rs.columns[7], "List");
  EXPECT_EQ(cell(rs, 0, "List"), "('a', 'b')");
  ok("INSERT INTO t TEMPORARY PARTITION (tpa) VALUES ('b', 5)");
  ok("ALTER TABLE t REPLACE PARTITION (pa) WITH TEMPORARY PARTITION (tpa)");
  EXPECT_EQ(scalar("SELECT GROUP_CONCAT(v ORDER BY v) FROM t"), "2,5");
}

} // namespace
} // namespace srsim::test
