// The partition auditor against the sandbox's two srsim clusters: tables of every partitioning
// srsim keeps (range with MAXVALUE and several columns, list with one and several columns,
// date_trunc, unpartitioned) created on src and dst, rows loaded with plain INSERTs, then rows and
// partitions added or removed on one side. Each audit must give the exact state and counts of
// every partition and send exactly one count statement per side (srsim's query log). Then the
// cheap rounds: unchanged partitions are not counted, loaded / overwritten / truncated ones are.
#include "srsim_test_support.hpp"

#include "exlschema/audit/auditor.hpp"
#include "exlschema/state/state_store.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace exl::test::xcheck {
namespace {

using audit::PartitionState;

struct Expected {
  PartitionState state;
  std::optional<std::int64_t> source_rows;
  std::optional<std::int64_t> target_rows;
};

struct ShapeCase {
  std::string name;
  std::string definition; // what follows `CREATE TABLE <table>`
  // Run on each side after the table is created there; `{t}` stands for the table.
  std::vector<std::string> source_sql;
  std::vector<std::string> target_sql;
  std::map<std::string, Expected> expected; // every partition of the audit
  std::optional<std::string> recommended_mode;
};

// gtest prints a parameter that fails by its name rather than its bytes.
void PrintTo(const ShapeCase& c, std::ostream* os) {
  *os << c.name;
}

std::string with_table(std::string sql, const std::string& table) {
  for (auto at = sql.find("{t}"); at != std::string::npos; at = sql.find("{t}")) {
    sql.replace(at, 3, table);
  }
  return sql;
}

// The count statements srsim received that name `database` (unique to the test).
std::vector<std::string> count_statements(db::Connection& conn, const std::string& database) {
  const auto rs = conn.query("ADMIN SHOW SIM QUERY LOG LIKE '%" + database + "%'");
  std::vector<std::string> counts;
  for (std::size_t i = 0; i < rs.rows.size(); ++i) {
    const std::string statement = rs.value(i, "Statement").value_or("");
    if (statement.find("AS exl_partition") != std::string::npos) {
      counts.push_back(statement);
    }
  }
  return counts;
}

// Both clusters, a database of the test's own on each, and the auditor reading them.
class AuditorOnSrsim {
public:
  explicit AuditorOnSrsim(const Sandbox& sandbox, const std::string& what)
      : src(sandbox.src), dst(sandbox.dst), database(unique_database(what)),
        auditor([this](const std::string& sql) { return src.query(sql); },
                [this](const std::string& sql) { return dst.query(sql); }) {
    src.execute(starrocks::build_create_database(database));
    dst.execute(starrocks::build_create_database(database));
  }

  starrocks::TableRef create(const std::string& name, const std::string& definition) {
    auto table = ref(database, name);
    src.execute("CREATE TABLE " + table.sql() + " " + definition);
    dst.execute("CREATE TABLE " + table.sql() + " " + definition);
    model = show_create_model(src, table);
    return table;
  }

  [[nodiscard]] audit::AuditRequest request(const starrocks::TableRef& table) const {
    audit::AuditRequest r;
    r.source = table;
    r.target = table;
    r.model = &model;
    r.copy = {"src", "dst", table.database + "." + table.table};
    return r;
  }

  db::Connection src;
  db::Connection dst;
  std::string database;
  starrocks::TableModel model;
  audit::Auditor auditor;
};

class SrsimAuditorShapeTest : public testing::TestWithParam<ShapeCase> {};

TEST_P(SrsimAuditorShapeTest, ExactStatesAndOneCountStatementPerSide) {
  EXL_REQUIRE_SANDBOX(sb);
  const ShapeCase& c = GetParam();
  AuditorOnSrsim on(sb, "audit");
  const auto table = on.create("t", c.definition);
  for (const auto& sql : c.source_sql) {
    on.src.execute(with_table(sql, table.sql()));
  }
  for (const auto& sql : c.target_sql) {
    on.dst.execute(with_table(sql, table.sql()));
  }

  const audit::TableAudit audit = on.auditor.audit(on.request(table));

  std::map<std::string, Expected> found;
  for (const auto& p : audit.partitions) {
    found.emplace(p.name, Expected{p.state, p.source_rows, p.target_rows});
  }
  ASSERT_EQ(found.size(), c.expected.size());
  for (const auto& [name, want] : c.expected) {
    SCOPED_TRACE("partition " + name);
    ASSERT_EQ(found.count(name), 1U);
    EXPECT_EQ(audit::state_name(found.at(name).state), std::string(audit::state_name(want.state)));
    EXPECT_EQ(found.at(name).source_rows, want.source_rows);
    EXPECT_EQ(found.at(name).target_rows, want.target_rows);
  }
  EXPECT_EQ(audit.source_rows, count_rows(on.src, table));
  EXPECT_EQ(audit.target_rows, count_rows(on.dst, table));
  EXPECT_EQ(audit.recommended_mode, c.recommended_mode);
  EXPECT_EQ(audit.queries_source, 2);
  EXPECT_EQ(audit.queries_target, 2);
  EXPECT_EQ(count_statements(on.src, on.database).size(), 1U);
  EXPECT_EQ(count_statements(on.dst, on.database).size(), 1U);
}

std::string shape_case_name(const testing::TestParamInfo<ShapeCase>& info) {
  return info.param.name;
}

using S = PartitionState;

const std::vector<ShapeCase>& shape_cases() {
  static const std::vector<ShapeCase> k_cases = {
      {"range_date_maxvalue",
       "(dt DATE NOT NULL, id INT NOT NULL) DUPLICATE KEY(dt) PARTITION BY RANGE(dt) ("
       "PARTITION p1 VALUES [('2024-01-01'), ('2024-01-02')), "
       "PARTITION p2 VALUES [('2024-01-02'), ('2024-01-03')), "
       "PARTITION p3 VALUES [('2024-01-03'), ('2024-01-04')), "
       "PARTITION p4 VALUES [('2024-01-04'), ('2024-01-05')), "
       "PARTITION pmax VALUES [('2024-01-10'), (MAXVALUE))) DISTRIBUTED BY HASH(id) BUCKETS 1",
       {"INSERT INTO {t} VALUES ('2024-01-01', 1), ('2024-01-01', 2), ('2024-01-01', 3), "
        "('2024-01-02', 4), ('2024-01-02', 5), ('2024-01-03', 6), ('2024-01-03', 7), "
        "('2030-06-01', 8)"},
       {"ALTER TABLE {t} DROP PARTITION p3",
        "ALTER TABLE {t} ADD PARTITION pold VALUES [('2023-12-01'), ('2024-01-01'))",
        "INSERT INTO {t} VALUES ('2024-01-01', 1), ('2024-01-01', 2), ('2024-01-02', 4), "
        "('2024-01-02', 5), ('2024-01-02', 99), ('2030-06-01', 8), ('2023-12-24', 0)"},
       {{"p1", {S::Differs, 3, 2}},
        {"p2", {S::Differs, 2, 3}},
        {"p3", {S::MissingOnTarget, 2, 0}},
        {"p4", {S::EmptyOnBoth, 0, 0}},
        {"pmax", {S::Equal, 1, 1}},
        {"pold", {S::TargetOnly, std::nullopt, 1}}},
       "v4"},
      {"range_two_columns",
       "(a INT NOT NULL, b INT NOT NULL, v INT) DUPLICATE KEY(a, b) PARTITION BY RANGE(a, b) ("
       "PARTITION p1 VALUES [('0', '0'), ('1', '5')), PARTITION p2 VALUES [('1', '5'), ('2', '0')),"
       " PARTITION p3 VALUES [('2', '0'), (MAXVALUE, MAXVALUE))) DISTRIBUTED BY HASH(a) BUCKETS 1",
       {"INSERT INTO {t} VALUES (0, 0, 1), (0, 9, 1), (1, 4, 1), (1, 5, 2), (1, 9, 2), (2, 0, 3), "
        "(7, -3, 3)"},
       {"INSERT INTO {t} VALUES (0, 0, 1), (0, 9, 1), (1, 4, 1), (1, 5, 2), (1, 9, 2), (1, 9, 2), "
        "(2, 0, 3), (7, -3, 3)"},
       {{"p1", {S::Equal, 3, 3}}, {"p2", {S::Differs, 2, 3}}, {"p3", {S::Equal, 2, 2}}},
       std::nullopt},
      {"list_one_column",
       "(shop INT NOT NULL, city VARCHAR(16) NOT NULL) DUPLICATE KEY(shop) PARTITION BY "
       "LIST(city) (PARTITION pla VALUES IN ('LA', 'SD'), PARTITION pny VALUES IN ('NY'), "
       "PARTITION psf VALUES IN ('SF')) DISTRIBUTED BY HASH(shop) BUCKETS 1",
       {"INSERT INTO {t} VALUES (1, 'LA'), (2, 'SD'), (3, 'NY'), (4, 'SF')"},
       {"ALTER TABLE {t} ADD PARTITION pchi VALUES IN ('CHI')",
        "INSERT INTO {t} VALUES (1, 'LA'), (2, 'SD'), (4, 'SF'), (5, 'CHI'), (6, 'CHI')"},
       {{"pla", {S::Equal, 2, 2}},
        {"pny", {S::Differs, 1, 0}},
        {"psf", {S::Equal, 1, 1}},
        {"pchi", {S::TargetOnly, std::nullopt, 2}}},
       "v4"},
      {"list_two_columns",
       "(dt DATE NOT NULL, city VARCHAR(16) NOT NULL, v INT) DUPLICATE KEY(dt, city) "
       "PARTITION BY LIST(dt, city) ("
       "PARTITION pla VALUES IN (('2022-04-01', 'LA'), ('2022-04-02', 'LA')), "
       "PARTITION pny VALUES IN (('2022-04-01', 'NY'))) DISTRIBUTED BY HASH(dt) BUCKETS 1",
       {"INSERT INTO {t} VALUES ('2022-04-01', 'LA', 1), ('2022-04-02', 'LA', 2), "
        "('2022-04-01', 'NY', 3)"},
       {"ALTER TABLE {t} DROP PARTITION pny",
        "INSERT INTO {t} VALUES ('2022-04-01', 'LA', 1), ('2022-04-02', 'LA', 2)"},
       {{"pla", {S::Equal, 2, 2}}, {"pny", {S::MissingOnTarget, 1, 0}}},
       std::nullopt},
      {"date_trunc",
       "(ts DATETIME NOT NULL, v INT) DUPLICATE KEY(ts) PARTITION BY date_trunc('day', ts) "
       "DISTRIBUTED BY HASH(v) BUCKETS 1",
       {"INSERT INTO {t} VALUES ('2024-02-01 00:00:00', 1), ('2024-02-01 23:59:59', 2), "
        "('2024-02-02 12:00:00', 3), ('2024-02-03 08:00:00', 4)"},
       {"INSERT INTO {t} VALUES ('2024-02-01 00:00:00', 1), ('2024-02-01 23:59:59', 2), "
        "('2024-02-02 12:00:00', 3), ('2024-02-02 13:00:00', 3), ('2024-01-15 10:00:00', 5)"},
       {{"p20240201", {S::Equal, 2, 2}},
        {"p20240202", {S::Differs, 1, 2}},
        {"p20240203", {S::MissingOnTarget, 1, 0}},
        {"p20240115", {S::TargetOnly, std::nullopt, 1}}},
       "v4"},
      {"unpartitioned",
       "(k INT, v INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1",
       {"INSERT INTO {t} VALUES (1, 1), (2, 2), (3, 3), (NULL, 4)"},
       {"INSERT INTO {t} VALUES (1, 1), (2, 2), (NULL, 4)"},
       {{"t", {S::Differs, 4, 3}}},
       std::nullopt},
  };
  return k_cases;
}

INSTANTIATE_TEST_SUITE_P(Shapes, SrsimAuditorShapeTest, testing::ValuesIn(shape_cases()),
                         shape_case_name);

// Cheap rounds on a 20-partition table: the store remembers ids and versions of partitions seen
// equal; a round over unchanged partitions sends no count at all, and after loads, an OVERWRITE
// and a TRUNCATE exactly the partitions touched are counted, with one statement per side.
TEST(SrsimAuditorCheapRoundsTest, CountsOnlyWhatMovedSinceTheSidesWereSeenEqual) {
  EXL_REQUIRE_SANDBOX(sb);
  AuditorOnSrsim on(sb, "cheap");
  std::string partitions;
  std::string rows;
  for (int i = 0; i < 20; ++i) {
    partitions += std::string(i == 0 ? "" : ", ") + "PARTITION p" + std::to_string(i) +
                  " VALUES [('" + std::to_string(i * 10) + "'), ('" + std::to_string(i * 10 + 10) +
                  "'))";
    rows += std::string(i == 0 ? "" : ", ") + "(" + std::to_string(i * 10) + ", " +
            std::to_string(i) + "), (" + std::to_string(i * 10 + 5) + ", " + std::to_string(i) +
            ")";
  }
  const auto table = on.create("t", "(k INT NOT NULL, v INT) DUPLICATE KEY(k) PARTITION BY "
                                    "RANGE(k) (" +
                                        partitions + ") DISTRIBUTED BY HASH(k) BUCKETS 1");
  on.src.execute("INSERT INTO " + table.sql() + " VALUES " + rows);
  on.dst.execute("INSERT INTO " + table.sql() + " VALUES " + rows);
  const config::test::TempDir dir;
  state::StateStore store(dir.path() + "/state.db");
  audit::AuditRequest request = on.request(table);
  request.store = &store;
  const auto counted = [&](const audit::TableAudit& audit) {
    std::vector<std::string> names;
    for (const auto& p : audit.partitions) {
      if (!p.unchanged) {
        names.push_back(p.name);
      }
    }
    return names;
  };

  const auto first = on.auditor.audit(request);
  EXPECT_TRUE(first.equal());
  EXPECT_EQ(counted(first).size(), 20U);
  EXPECT_EQ(count_statements(on.src, on.database).size(), 1U);

  const auto second = on.auditor.audit(request);
  EXPECT_TRUE(second.equal());
  EXPECT_TRUE(counted(second).empty());
  EXPECT_EQ(second.source_rows, 40);
  EXPECT_EQ(second.queries_source, 1); // SHOW PARTITIONS only
  EXPECT_EQ(second.queries_target, 1);
  EXPECT_EQ(count_statements(on.src, on.database).size(), 1U); // still just the first round's

  // A load into two partitions of the source.
  on.src.execute("INSERT INTO " + table.sql() + " VALUES (31, 3), (32, 3), (171, 17)");
  const auto third = on.auditor.audit(request);
  EXPECT_EQ(counted(third), (std::vector<std::string>{"p3", "p17"}));
  EXPECT_EQ(third.find("p3")->state, PartitionState::Differs);
  EXPECT_EQ(third.find("p3")->source_rows, 4);
  EXPECT_EQ(third.find("p17")->target_rows, 2);
  auto src_counts = count_statements(on.src, on.database);
  ASSERT_EQ(src_counts.size(), 2U);
  EXPECT_NE(src_counts.back().find("THEN \"p3\" WHEN"), std::string::npos) << src_counts.back();
  EXPECT_EQ(src_counts.back().find("\"p4\""), std::string::npos) << src_counts.back();
  EXPECT_EQ(count_statements(on.dst, on.database).size(), 2U);

  // The same rows reach the target: counted again (the target's versions moved), equal.
  on.dst.execute("INSERT INTO " + table.sql() + " VALUES (31, 3), (32, 3), (171, 17)");
  const auto fourth = on.auditor.audit(request);
  EXPECT_EQ(counted(fourth), (std::vector<std::string>{"p3", "p17"}));
  EXPECT_TRUE(fourth.equal());

  // An OVERWRITE with the same rows (a new partition id) and a TRUNCATE on the target.
  on.dst.execute("INSERT OVERWRITE " + table.sql() + " PARTITION (p5) VALUES (50, 5), (55, 5)");
  on.dst.execute("TRUNCATE TABLE " + table.sql() + " PARTITION (p6)");
  const auto fifth = on.auditor.audit(request);
  EXPECT_EQ(counted(fifth), (std::vector<std::string>{"p5", "p6"}));
  EXPECT_EQ(fifth.find("p5")->state, PartitionState::Equal);
  EXPECT_EQ(fifth.find("p6")->state, PartitionState::Differs);
  EXPECT_EQ(fifth.find("p6")->target_rows, 0);
  EXPECT_EQ(count_statements(on.src, on.database).size(), 4U);
  EXPECT_EQ(count_statements(on.dst, on.database).size(), 4U);

  // The mode rewrites p6; the re-audit counts it alone and remembers it.
  on.dst.execute("INSERT OVERWRITE " + table.sql() + " PARTITION (p6) VALUES (60, 6), (65, 6)");
  const auto again = on.auditor.reaudit(request, {"p6"});
  EXPECT_TRUE(again.equal());
  EXPECT_TRUE(counted(on.auditor.audit(request)).empty());
}

// v4/v5's target-only audit: the target is counted, the source only where the target lacks a
// partition or holds no rows of it.
TEST(SrsimAuditorTargetOnlyTest, CountsTheSourceOnlyForWhatTheTargetLacks) {
  EXL_REQUIRE_SANDBOX(sb);
  AuditorOnSrsim on(sb, "tonly");
  const auto table =
      on.create("t", "(k INT NOT NULL) DUPLICATE KEY(k) PARTITION BY RANGE(k) ("
                     "PARTITION p1 VALUES [('0'), ('10')), PARTITION p2 VALUES [('10'), ('20')), "
                     "PARTITION p3 VALUES [('20'), ('30'))) DISTRIBUTED BY HASH(k) BUCKETS 1");
  on.src.execute("INSERT INTO " + table.sql() + " VALUES (1), (2), (11), (21)");
  on.dst.execute("INSERT INTO " + table.sql() + " VALUES (1), (2), (3)"); // more than the source
  audit::AuditRequest request = on.request(table);
  request.count_source = false;

  const auto audit = on.auditor.audit(request);

  EXPECT_EQ(audit.find("p1")->state, PartitionState::Equal); // kept: the target holds rows
  EXPECT_EQ(audit.find("p1")->source_rows, std::nullopt);
  EXPECT_EQ(audit.find("p2")->state, PartitionState::Differs);
  EXPECT_EQ(audit.find("p2")->source_rows, 1);
  EXPECT_EQ(audit.find("p3")->state, PartitionState::Differs);
  const auto src_counts = count_statements(on.src, on.database);
  ASSERT_EQ(src_counts.size(), 1U);
  EXPECT_EQ(src_counts[0].find("\"p1\""), std::string::npos) << src_counts[0];
}

} // namespace
} // namespace exl::test::xcheck
