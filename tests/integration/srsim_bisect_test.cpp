// The bisector against the sandbox's two srsim clusters: tables created on src and dst and loaded
// with rows that differ in known places (a changed value, a row deleted and another inserted, a
// duplicated row, NULL against an empty string, rows with a NULL key), then one partition
// bisected with the auditor's partition predicate, the key columns bisect_keys picks and the row
// hash the two releases share. The keys found must be exactly the seeded ones, and srsim's query
// log must hold exactly the statements the result counts.
#include "srsim_test_support.hpp"

#include "exlschema/audit/auditor.hpp"
#include "exlschema/audit/bisector.hpp"
#include "exlschema/starrocks/checksum_sql.hpp"
#include "exlschema/starrocks/partition_predicate.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace exl::test::xcheck {
namespace {

using Kind = audit::KeyDifference::Kind;

// Both clusters, a database of the test's own on each, and what the bisector needs of a table.
class BisectOnSrsim {
public:
  BisectOnSrsim(const Sandbox& sandbox, const std::string& what)
      : src(sandbox.src), dst(sandbox.dst), database(unique_database(what)) {
    src.execute(starrocks::build_create_database(database));
    dst.execute(starrocks::build_create_database(database));
  }

  starrocks::TableRef create(const std::string& definition, const std::string& source_rows,
                             const std::string& target_rows) {
    table = ref(database, "t");
    src.execute("CREATE TABLE " + table.sql() + " " + definition);
    dst.execute("CREATE TABLE " + table.sql() + " " + definition);
    src.execute("INSERT INTO " + table.sql() + " VALUES " + source_rows);
    dst.execute("INSERT INTO " + table.sql() + " VALUES " + target_rows);
    model = show_create_model(src, table);
    return table;
  }

  // The bisection request of `partition` as the auditor sees it.
  audit::BisectRequest request(const std::string& partition) {
    const audit::Auditor auditor([this](const std::string& sql) { return src.query(sql); },
                                 [this](const std::string& sql) { return dst.query(sql); });
    audit::AuditRequest audit_request;
    audit_request.source = table;
    audit_request.target = table;
    audit_request.model = &model;
    const audit::TableAudit audit = auditor.audit(audit_request);
    const audit::PartitionAudit* found = audit.find(partition);
    EXPECT_NE(found, nullptr) << partition;
    audit::BisectRequest r;
    r.source = table;
    r.target = table;
    r.partition = partition;
    r.predicate = starrocks::partition_predicate(audit.columns, found->source->bounds).value();
    r.keys = audit::bisect_keys(model).value();
    r.hash =
        starrocks::build_row_hash(
            model.columns, starrocks::row_hash_function(cluster_version(src), cluster_version(dst)))
            .value();
    r.source_rows = found->source_rows.value_or(0);
    r.target_rows = found->target_rows.value_or(0);
    r.max_rows = 100; // two levels of cuts on a few thousand rows
    return r;
  }

  audit::BisectResult bisect(const audit::BisectRequest& r) {
    const audit::Bisector bisector([this](const std::string& sql) { return src.query(sql); },
                                   [this](const std::string& sql) { return dst.query(sql); });
    return bisector.bisect(r);
  }

  // The bisection statements `conn` received for this test's database.
  int bisect_statements(db::Connection& conn) const {
    const auto rs = conn.query("ADMIN SHOW SIM QUERY LOG LIKE '%" + database + "%'");
    int n = 0;
    for (std::size_t i = 0; i < rs.rows.size(); ++i) {
      const std::string sql = rs.value(i, "Statement").value_or("");
      const bool bisection = sql.find("AS exl_parent") != std::string::npos ||
                             sql.find("AS exl_bisect") != std::string::npos ||
                             (sql.find("AS exl_h1") != std::string::npos &&
                              sql.find("exl_partition") == std::string::npos);
      n += bisection ? 1 : 0;
    }
    return n;
  }

  db::Connection src;
  db::Connection dst;
  std::string database;
  starrocks::TableRef table;
  starrocks::TableModel model;
};

std::string quoted_or_null(const std::optional<std::string>& value) {
  return value ? "'" + *value + "'" : "NULL";
}

// "(dt, id, name, amount, ts)" rows of day `day` with ids 0 .. count-1.
std::string day_rows(const std::string& day, int count, int changed_id = -1) {
  std::string rows;
  for (int id = 0; id < count; ++id) {
    const std::string amount = std::to_string(id % 97) + (id == changed_id ? ".51" : ".50");
    rows += std::string(rows.empty() ? "" : ", ") + "('" + day + "', " + std::to_string(id) +
            ", 'n" + std::to_string(id) + "', " + amount + ", '" + day + " 10:00:0" +
            std::to_string(id % 10) + "')";
  }
  return rows;
}

// The keys found, after checking there are `count` of them (listing them all when not).
std::vector<audit::KeyDifference> expect_keys(const audit::BisectResult& result,
                                              std::size_t count) {
  std::string found;
  for (const auto& difference : result.keys) {
    for (const auto& v : difference.key) {
      found += quoted_or_null(v) + " ";
    }
    found += std::string(audit::kind_name(difference.kind)) + "; ";
  }
  for (const auto& range : result.ranges) {
    found += "range " + range.description + " (" + range.reason + "); ";
  }
  EXPECT_EQ(result.keys.size(), count) << found;
  return result.keys;
}

TEST(SrsimBisectTest, AChangedValueInOneDailyPartitionIsFoundByItsKey) {
  EXL_REQUIRE_SANDBOX(sb);
  BisectOnSrsim on(sb, "bisect");
  on.create("(dt DATE NOT NULL, id INT NOT NULL, name VARCHAR(32), amount DECIMAL(10, 2), "
            "ts DATETIME) DUPLICATE KEY(dt, id) PARTITION BY RANGE(dt) ("
            "PARTITION p20240101 VALUES [('2024-01-01'), ('2024-01-02')), "
            "PARTITION p20240102 VALUES [('2024-01-02'), ('2024-01-03'))) "
            "DISTRIBUTED BY HASH(id) BUCKETS 1",
            day_rows("2024-01-01", 2000) + ", " + day_rows("2024-01-02", 2000),
            day_rows("2024-01-01", 2000, 5) + ", " + day_rows("2024-01-02", 2000, 1234));

  const audit::BisectRequest request = on.request("p20240102");
  ASSERT_EQ(request.keys.size(), 1U); // id: dt is constant inside the partition
  const audit::BisectResult result = on.bisect(request);

  const auto keys = expect_keys(result, 1);
  ASSERT_EQ(keys.size(), 1U);
  EXPECT_EQ(keys[0].kind, Kind::ContentDiffers);
  EXPECT_EQ(keys[0].key, (std::vector<db::Value>{"1234"}));
  EXPECT_TRUE(result.complete);
  EXPECT_EQ(result.depth, 2);
  EXPECT_EQ(on.bisect_statements(on.src), result.queries_source);
  EXPECT_EQ(on.bisect_statements(on.dst), result.queries_target);
}

TEST(SrsimBisectTest, DeletedInsertedDuplicatedAndNullRowsOfAnUnpartitionedTable) {
  EXL_REQUIRE_SANDBOX(sb);
  BisectOnSrsim on(sb, "bisect");
  std::string source;
  std::string target;
  for (int k = 0; k < 3000; ++k) {
    const std::string v = k == 2000 ? "NULL" : "'v" + std::to_string(k) + "'";
    source += (k == 0 ? "(" : ", (") + std::to_string(k) + ", " + v + ")";
    if (k != 100) { // deleted on the target
      target += (target.empty() ? "(" : ", (") + std::to_string(k) + ", " +
                (k == 2000 ? std::string("''") : v) + ")"; // NULL against ''
    }
  }
  source += ", (777, 'v777'), (NULL, 'a'), (NULL, 'b')"; // 777 twice on the source
  target += ", (5001, 'new'), (NULL, 'a'), (NULL, 'c')";
  on.create("(k INT, v VARCHAR(16)) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1", source,
            target);

  const audit::BisectResult result = on.bisect(on.request("t"));

  const auto keys = expect_keys(result, 5);
  ASSERT_EQ(keys.size(), 5U);
  const auto expect = [&](std::size_t i, Kind kind, const db::Value& k, int s, int t) {
    EXPECT_EQ(keys[i].kind, kind) << i;
    EXPECT_EQ(keys[i].key, std::vector<db::Value>{k}) << i;
    EXPECT_EQ(keys[i].source_copies, s) << i;
    EXPECT_EQ(keys[i].target_copies, t) << i;
  };
  expect(0, Kind::ContentDiffers, std::nullopt, 2, 2);
  expect(1, Kind::OnlyOnSource, "100", 1, 0);
  expect(2, Kind::ContentDiffers, "777", 2, 1);
  expect(3, Kind::ContentDiffers, "2000", 1, 1);
  expect(4, Kind::OnlyOnTarget, "5001", 0, 1);
  EXPECT_TRUE(result.complete);
  EXPECT_EQ(on.bisect_statements(on.src), result.queries_source);
  EXPECT_EQ(on.bisect_statements(on.dst), result.queries_target);
}

} // namespace
} // namespace exl::test::xcheck
