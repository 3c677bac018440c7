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

  // srsim's query logs hold as many bisection statements as `result` counts.
  void expect_statements_logged(const audit::BisectResult& result) {
    EXPECT_EQ(bisect_statements(src), result.queries_source);
    EXPECT_EQ(bisect_statements(dst), result.queries_target);
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

std::string text_or_null(const std::optional<std::string>& value) {
  return value ? *value : "NULL";
}

// "(dt, id, name, amount, ts)" rows of day `day` with ids 0 .. count-1.
std::string day_rows(const std::string& day, int count, int changed_id = -1) {
  std::string rows;
  for (int id = 0; id < count; ++id) {
    const std::string n = std::to_string(id);
    rows.append(rows.empty() ? "('" : ", ('").append(day).append("', ").append(n);
    rows.append(", 'n").append(n).append("', ").append(std::to_string(id % 97));
    rows.append(id == changed_id ? ".51, '" : ".50, '").append(day).append(" 10:00:0");
    rows.append(std::to_string(id % 10)).append("')");
  }
  return rows;
}

// "(k, v)" rows with k 0 .. count-1 and v 'v<k>', but for `skip`, and `null_at`'s v `null_as`.
std::string key_value_rows(int count, int skip, int null_at, const std::string& null_as) {
  std::string rows;
  for (int k = 0; k < count; ++k) {
    if (k != skip) {
      const std::string v = k == null_at ? null_as : "'v" + std::to_string(k) + "'";
      rows.append(rows.empty() ? "(" : ", (").append(std::to_string(k)).append(", ");
      rows.append(v).append(")");
    }
  }
  return rows;
}

// "key kind source/target" per key found, then "range description (reason)" per range.
std::vector<std::string> summary(const audit::BisectResult& result) {
  std::vector<std::string> out;
  for (const auto& difference : result.keys) {
    std::string line;
    for (const auto& v : difference.key) {
      line += text_or_null(v) + " ";
    }
    out.push_back(line + audit::kind_name(difference.kind) + " " +
                  std::to_string(difference.source_copies) + "/" +
                  std::to_string(difference.target_copies));
  }
  for (const auto& range : result.ranges) {
    out.push_back("range " + range.description + " (" + range.reason + ")");
  }
  return out;
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

  // The other partition's changed row (id 5) is not this bisection's business.
  EXPECT_EQ(summary(result), std::vector<std::string>{"1234 content differs 1/1"});
  EXPECT_TRUE(result.complete);
  EXPECT_EQ(result.depth, 2);
  on.expect_statements_logged(result);
}

TEST(SrsimBisectTest, DeletedInsertedDuplicatedAndNullRowsOfAnUnpartitionedTable) {
  EXL_REQUIRE_SANDBOX(sb);
  BisectOnSrsim on(sb, "bisect");
  // 100 deleted on the target, 5001 inserted; 777 twice on the source; k = 2000 has v NULL on
  // the source and '' on the target; the NULL keys' rows differ in one v.
  on.create("(k INT, v VARCHAR(16)) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1",
            key_value_rows(3000, -1, 2000, "NULL") + ", (777, 'v777'), (NULL, 'a'), (NULL, 'b')",
            key_value_rows(3000, 100, 2000, "''") + ", (5001, 'new'), (NULL, 'a'), (NULL, 'c')");

  const audit::BisectResult result = on.bisect(on.request("t"));

  EXPECT_EQ(summary(result),
            (std::vector<std::string>{"NULL content differs 2/2", "100 only on source 1/0",
                                      "777 content differs 2/1", "2000 content differs 1/1",
                                      "5001 only on target 0/1"}));
  EXPECT_TRUE(result.complete);
  on.expect_statements_logged(result);
}

} // namespace
} // namespace exl::test::xcheck
