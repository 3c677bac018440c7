// The bisector (bisector.hpp) over two fake clusters (bisect_fake_cluster.hpp) that run its real
// predicates: changed, deleted, inserted and duplicated rows found by key; NULL keys; several key
// columns; the depth limit and the query budget; the statement count for one changed row in a
// million; several partitions bisected at once.
#include "exlschema/audit/bisector.hpp"

#include "bisect_fake_cluster.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <iostream>
#include <thread>

namespace exl::audit {
namespace {

using test::Cell;
using test::FakeCluster;
using test::FakeRow;
using Kind = KeyDifference::Kind;

starrocks::Column int_column(const std::string& name) {
  starrocks::Column c;
  c.name = name;
  c.type.base = "bigint";
  return c;
}

// A made-up row hash of the row's values (splitmix64), large enough that sums pass 64 bits.
std::int64_t hash_of(const std::vector<Cell>& values, std::uint64_t salt = 0) {
  std::uint64_t h = 0x9E3779B97F4A7C15ULL + salt;
  for (const Cell& v : values) {
    h ^= v ? static_cast<std::uint64_t>(*v) * 0xBF58476D1CE4E5B9ULL : 0x94D049BB133111EBULL;
    h = (h ^ (h >> 31)) * 0x94D049BB133111EBULL;
  }
  return static_cast<std::int64_t>(h ^ (h >> 29));
}

FakeRow row(std::vector<Cell> values, std::uint64_t salt = 0) {
  const std::int64_t hash = hash_of(values, salt);
  return {std::move(values), hash};
}

// Two clusters with the same columns, and a bisector reading them.
struct Sides {
  explicit Sides(const std::vector<std::string>& columns) : source(columns), target(columns) {}

  BisectRequest request(const std::vector<std::string>& keys) const {
    BisectRequest r;
    r.source = {{}, "d", "t"};
    r.target = {{}, "d", "t"};
    r.partition = "p20240101";
    r.predicate = "TRUE";
    for (const std::string& key : keys) {
      r.keys.push_back(int_column(key));
    }
    std::vector<starrocks::Column> all;
    for (const std::string& column : source.columns) {
      all.push_back(int_column(column));
    }
    r.hash = starrocks::build_row_hash(all, starrocks::RowHashFunction::XxHash3_64).value();
    r.source_rows = static_cast<std::int64_t>(source.rows.size());
    r.target_rows = static_cast<std::int64_t>(target.rows.size());
    return r;
  }

  BisectResult bisect(const BisectRequest& r) const {
    return Bisector(source.reader(), target.reader()).bisect(r);
  }

  FakeCluster source;
  FakeCluster target;
};

// Keys 0, step, 2 * step, ... (`count` of them) on both sides.
void fill(Sides& sides, std::int64_t count, std::int64_t step = 1) {
  for (std::int64_t i = 0; i < count; ++i) {
    sides.source.rows.push_back(row({i * step}));
  }
  sides.target.rows = sides.source.rows;
}

std::vector<db::Value> key(std::initializer_list<std::optional<std::int64_t>> values) {
  std::vector<db::Value> out;
  for (const auto& v : values) {
    out.push_back(v ? db::Value(std::to_string(*v)) : std::nullopt);
  }
  return out;
}

void expect_key(const KeyDifference& found, Kind kind, const std::vector<db::Value>& k,
                int source_copies, int target_copies) {
  EXPECT_EQ(found.kind, kind) << kind_name(found.kind);
  EXPECT_EQ(found.key, k);
  EXPECT_EQ(found.source_copies, source_copies);
  EXPECT_EQ(found.target_copies, target_copies);
}

// Every `step`-th row of `side` gets another hash.
void change_every(FakeCluster& side, std::size_t step) {
  for (std::size_t i = 0; i < side.rows.size(); i += step) {
    side.rows[i].hash += 1;
  }
}

int statements_like(const FakeCluster& side, const std::string& marker) {
  int n = 0;
  for (const std::string& sql : side.sent()) {
    n += sql.find(marker) != std::string::npos ? 1 : 0;
  }
  return n;
}

TEST(BisectorTest, OneChangedRowIsFoundByItsKey) {
  Sides sides({"k"});
  fill(sides, 50000);
  sides.target.rows[12345] = row({12345}, 1);

  const BisectResult result = sides.bisect(sides.request({"k"}));

  ASSERT_EQ(result.keys.size(), 1U);
  expect_key(result.keys[0], Kind::ContentDiffers, key({12345}), 1, 1);
  EXPECT_TRUE(result.complete);
  EXPECT_TRUE(result.ranges.empty());
  EXPECT_EQ(result.depth, 2); // 50,000 -> 3,125 -> 196 rows per range
  EXPECT_EQ(result.queries_source, static_cast<int>(sides.source.sent().size()));
  EXPECT_EQ(result.queries_target, static_cast<int>(sides.target.sent().size()));
}

TEST(BisectorTest, ADeletedAndAnInsertedRowAreBothReported) {
  Sides sides({"k"});
  fill(sides, 40000, 2);
  sides.target.rows.erase(sides.target.rows.begin() + 500); // key 1000
  sides.target.rows.push_back(row({60001}));                // counts stay equal

  const BisectResult result = sides.bisect(sides.request({"k"}));

  ASSERT_EQ(result.keys.size(), 2U);
  expect_key(result.keys[0], Kind::OnlyOnSource, key({1000}), 1, 0);
  expect_key(result.keys[1], Kind::OnlyOnTarget, key({60001}), 0, 1);
  EXPECT_TRUE(result.complete);
  // Both differing ranges are checksummed by one statement per side per level.
  EXPECT_EQ(statements_like(sides.source, "AS exl_bisect"), result.depth);
  EXPECT_EQ(statements_like(sides.target, "AS exl_bisect"), result.depth);
  EXPECT_EQ(statements_like(sides.source, "SELECT `k`, "), 1); // the rows of both ranges at once
  EXPECT_EQ(statements_like(sides.target, "SELECT `k`, "), 1);
}

TEST(BisectorTest, ADuplicatedRowDiffersInItsNumberOfCopies) {
  Sides sides({"k"});
  fill(sides, 30000);
  sides.source.rows.push_back(sides.source.rows[777]);

  const BisectResult result = sides.bisect(sides.request({"k"}));

  ASSERT_EQ(result.keys.size(), 1U);
  expect_key(result.keys[0], Kind::ContentDiffers, key({777}), 2, 1);
}

TEST(BisectorTest, RowsWithNullKeysAreComparedToo) {
  Sides sides({"k", "v"});
  for (std::int64_t i = 0; i < 5000; ++i) {
    sides.source.rows.push_back(row({i, i}));
  }
  for (std::int64_t v = 0; v < 40; ++v) {
    sides.source.rows.push_back(row({std::nullopt, v}));
  }
  sides.target.rows = sides.source.rows;
  sides.target.rows[5003] = row({std::nullopt, 1003});  // a NULL-key row changed
  sides.target.rows.push_back(row({std::nullopt, 99})); // and one more on the target

  BisectRequest request = sides.request({"k"});
  request.max_rows = 100;
  const BisectResult result = sides.bisect(request);

  ASSERT_EQ(result.keys.size(), 1U);
  expect_key(result.keys[0], Kind::ContentDiffers, key({std::nullopt}), 40, 41);
  EXPECT_TRUE(result.complete);
}

TEST(BisectorTest, SeveralKeyColumnsWithNullParts) {
  Sides sides({"a", "b"});
  for (std::int64_t a = 0; a < 100; ++a) {
    for (std::int64_t b = 0; b < 200; ++b) {
      sides.source.rows.push_back(row({a, b}));
    }
    sides.source.rows.push_back(row({a, std::nullopt}));
  }
  sides.target.rows = sides.source.rows;
  sides.target.rows[42 * 201 + 17] = row({42, 17}, 5); // changed
  sides.target.rows.erase(sides.target.rows.begin() +
                          std::ptrdiff_t{(3 * 201) + 200}); // (3, NULL) deleted
  sides.target.rows.push_back(row({std::nullopt, 8}));      // a NULL a inserted

  const BisectResult result = sides.bisect(sides.request({"a", "b"}));

  ASSERT_EQ(result.keys.size(), 3U);
  expect_key(result.keys[0], Kind::OnlyOnTarget, key({std::nullopt, 8}), 0, 1);
  expect_key(result.keys[1], Kind::OnlyOnSource, key({3, std::nullopt}), 1, 0);
  expect_key(result.keys[2], Kind::ContentDiffers, key({42, 17}), 1, 1);
  EXPECT_TRUE(result.complete);
}

TEST(BisectorTest, TheQueryBudgetStopsWithTheDifferingRanges) {
  Sides sides({"k"});
  fill(sides, 100000);
  sides.target.rows[31415] = row({31415}, 1);
  BisectRequest request = sides.request({"k"});
  request.max_queries = 3; // the first cut (bounds + checksums) and nothing more

  const BisectResult result = sides.bisect(request);

  EXPECT_FALSE(result.complete);
  EXPECT_TRUE(result.keys.empty());
  EXPECT_LE(result.queries_source, 3);
  EXPECT_LE(result.queries_target, 3);
  ASSERT_EQ(result.ranges.size(), 1U);
  const RangeDifference& range = result.ranges[0];
  EXPECT_EQ(range.description, "`k` > 31249 AND `k` <= 37499");
  EXPECT_EQ(range.source_rows, 6250);
  EXPECT_EQ(range.target_rows, 6250);
  EXPECT_NE(range.reason.find("query budget"), std::string::npos);
  // The exact predicate holds the changed row and not its neighbours' ranges.
  const test::SqlExpr predicate(range.predicate, {"k"});
  EXPECT_TRUE(predicate.holds({31415}));
  EXPECT_FALSE(predicate.holds({31249}));
  EXPECT_TRUE(predicate.holds({37499}));
  EXPECT_FALSE(predicate.holds({37500}));
}

TEST(BisectorTest, TheDepthLimitStopsWithTheDifferingRanges) {
  Sides sides({"k"});
  fill(sides, 100000);
  sides.target.rows[10] = row({10}, 1);
  sides.target.rows[99999] = row({99999}, 1);
  BisectRequest request = sides.request({"k"});
  request.max_depth = 1;

  const BisectResult result = sides.bisect(request);

  EXPECT_FALSE(result.complete);
  EXPECT_EQ(result.depth, 1);
  ASSERT_EQ(result.ranges.size(), 2U);
  EXPECT_EQ(result.ranges[0].description, "`k` <= 6249");
  EXPECT_EQ(result.ranges[1].description, "`k` > 93749 OR `k` IS NULL");
  EXPECT_NE(result.ranges[0].reason.find("depth"), std::string::npos);
}

TEST(BisectorTest, DifferencesSpreadOverThePartitionAreReportedAsRanges) {
  Sides sides({"k"});
  fill(sides, 16000);
  change_every(sides.target, 100);
  BisectRequest request = sides.request({"k"});
  request.max_ranges = 8;

  const BisectResult result = sides.bisect(request);

  EXPECT_TRUE(!result.complete && result.keys.empty());
  ASSERT_EQ(result.ranges.size(), 16U); // every range of the first cut
  EXPECT_EQ(result.ranges[0].description, "`k` <= 999");
  EXPECT_NE(result.ranges[0].reason.find("16 ranges differ"), std::string::npos);
  EXPECT_EQ(result.queries_source, 2);
  EXPECT_EQ(result.queries_target, 1);
}

// 100,000 rows keep the suite fast (the fake evaluates every statement row by row); the
// 1,000,000-row case runs on srsim in bench/run.sh (bench/results/verify.md: 7 and 4 statements).
TEST(BisectorTest, OneChangedRowInAHundredThousandWithinTheStatementGoal) {
  Sides sides({"k"});
  fill(sides, 100000);
  sides.target.rows[65432] = row({65432}, 1);

  const BisectResult result = sides.bisect(sides.request({"k"}));

  ASSERT_EQ(result.keys.size(), 1U);
  expect_key(result.keys[0], Kind::ContentDiffers, key({65432}), 1, 1);
  const int goal = static_cast<int>(4 * std::log(100000.0 / 1000) / std::log(16.0) + 2);
  EXPECT_LE(result.queries_source, goal);
  EXPECT_LE(result.queries_target, goal);
  EXPECT_EQ(result.queries_source, 5); // 2 cuts (bounds + checksums) + 1 fetch
  EXPECT_EQ(result.queries_target, 3); // 2 checksums + 1 fetch
}

TEST(BisectorTest, RowsThatShareOneKeyAreReportedAsARange) {
  Sides sides({"k", "v"});
  for (std::int64_t v = 0; v < 3000; ++v) {
    sides.source.rows.push_back(row({5, v}));
  }
  sides.target.rows = sides.source.rows;
  sides.target.rows[100] = row({5, -1});

  const BisectResult result = sides.bisect(sides.request({"k"}));

  EXPECT_FALSE(result.complete);
  ASSERT_EQ(result.ranges.size(), 1U);
  EXPECT_EQ(result.ranges[0].source_rows, 3000);
  EXPECT_NE(result.ranges[0].reason.find("one key"), std::string::npos);
}

TEST(BisectorTest, OnlyThePartitionIsReadAndTheTargetByItsOwnName) {
  Sides sides({"p", "k"});
  for (std::int64_t p = 1; p <= 2; ++p) {
    for (std::int64_t k = 0; k < 3000; ++k) {
      sides.source.rows.push_back(row({p, k}));
    }
  }
  sides.target.rows = sides.source.rows;
  sides.target.rows[10] = row({1, 10}, 1);
  sides.target.rows[3010] = row({2, 10}, 1); // another partition: not this bisection's business
  BisectRequest request = sides.request({"k"});
  request.predicate = "`p` = 1";
  request.target = {{}, "d", "t_copy"};
  request.source_rows = request.target_rows = 3000;

  const BisectResult result = sides.bisect(request);

  ASSERT_EQ(result.keys.size(), 1U);
  expect_key(result.keys[0], Kind::ContentDiffers, key({10}), 1, 1);
  for (const std::string& sql : sides.source.sent()) {
    EXPECT_NE(sql.find("FROM `d`.`t` WHERE (`p` = 1)"), std::string::npos) << sql;
  }
  for (const std::string& sql : sides.target.sent()) {
    EXPECT_NE(sql.find("FROM `d`.`t_copy` WHERE (`p` = 1)"), std::string::npos) << sql;
  }
}

TEST(BisectorTest, TwoHashColumnsAreComparedAsOne) {
  Sides sides({"k"});
  fill(sides, 20000);
  sides.target.rows[4321] = row({4321}, 1);
  BisectRequest request = sides.request({"k"});
  request.hash =
      starrocks::build_row_hash({int_column("k")}, starrocks::RowHashFunction::MurmurHash3_32)
          .value();

  const BisectResult result = sides.bisect(request);

  ASSERT_EQ(result.keys.size(), 1U);
  expect_key(result.keys[0], Kind::ContentDiffers, key({4321}), 1, 1);
}

TEST(BisectorTest, SeveralPartitionsAreBisectedAtOnce) {
  Sides sides({"p", "k"});
  for (std::int64_t p = 0; p < 4; ++p) {
    for (std::int64_t k = 0; k < 5000; ++k) {
      sides.source.rows.push_back(row({p, k}));
    }
  }
  sides.target.rows = sides.source.rows;
  for (std::int64_t p = 0; p < 4; ++p) {
    sides.target.rows[p * 5000 + 100 * (p + 1)] = row({p, 100 * (p + 1)}, 1);
  }
  const Bisector bisector(sides.source.reader(), sides.target.reader());
  std::vector<BisectResult> results(4);
  std::vector<std::thread> threads;
  for (std::size_t p = 0; p < 4; ++p) {
    threads.emplace_back([&, p] {
      BisectRequest request = sides.request({"k"});
      request.predicate = "`p` = " + std::to_string(p);
      request.source_rows = request.target_rows = 5000;
      request.max_rows = 100;
      results[p] = bisector.bisect(request);
    });
  }
  for (std::thread& t : threads) {
    t.join();
  }
  for (std::size_t p = 0; p < 4; ++p) {
    ASSERT_EQ(results[p].keys.size(), 1U) << p;
    expect_key(results[p].keys[0], Kind::ContentDiffers,
               key({100 * (static_cast<std::int64_t>(p) + 1)}), 1, 1);
  }
}

TEST(BisectorTest, NothingFoundWhenTheDataMovedSinceTheAudit) {
  Sides sides({"k"});
  fill(sides, 5000);
  BisectRequest request = sides.request({"k"});
  request.target_rows = 4999; // what the audit saw

  const BisectResult result = sides.bisect(request);

  EXPECT_TRUE(result.complete);
  EXPECT_TRUE(result.keys.empty());
  EXPECT_TRUE(result.ranges.empty());
}

TEST(BisectorTest, AnAnswerOfTheWrongShapeIsAnAuditError) {
  const SideReader broken = [](const std::string&) {
    db::ResultSet rs;
    rs.columns = {"x"};
    rs.rows = {{"1"}};
    return rs;
  };
  Sides sides({"k"});
  fill(sides, 10);
  EXPECT_THROW(Bisector(broken, broken).bisect(sides.request({"k"})), AuditError);
}

TEST(BisectorTest, ARequestWithoutKeysIsAnAuditError) {
  Sides sides({"k"});
  fill(sides, 10);
  BisectRequest no_keys = sides.request({"k"});
  no_keys.keys.clear();
  EXPECT_THROW(sides.bisect(no_keys), AuditError);
}

starrocks::TableModel model_with(std::vector<std::string> keys, std::vector<std::string> order_by,
                                 std::vector<std::string> partition_columns) {
  starrocks::TableModel model;
  for (const char* name : {"dt", "id", "city", "v"}) {
    model.columns.push_back(int_column(name));
  }
  model.key_columns = std::move(keys);
  model.order_by = std::move(order_by);
  model.partitioning.columns = std::move(partition_columns);
  return model;
}

std::vector<std::string> names(const starrocks::Result<std::vector<starrocks::Column>>& keys) {
  std::vector<std::string> out;
  for (const auto& column : keys.value()) {
    out.push_back(column.name);
  }
  return out;
}

TEST(BisectKeysTest, KeyColumnsWithoutThePartitionColumns) {
  EXPECT_EQ(names(bisect_keys(model_with({"dt", "id", "city"}, {}, {"DT"}))),
            (std::vector<std::string>{"id", "city"}));
  EXPECT_EQ(names(bisect_keys(model_with({"dt"}, {}, {"dt"}))), std::vector<std::string>{"dt"});
  EXPECT_EQ(names(bisect_keys(model_with({}, {"city"}, {"dt"}))), std::vector<std::string>{"city"});
  EXPECT_FALSE(bisect_keys(model_with({}, {}, {})).ok());
  EXPECT_FALSE(bisect_keys(model_with({"nope"}, {}, {})).ok());
}

TEST(BisectKeysTest, KeysAndKindsForPeople) {
  EXPECT_STREQ(kind_name(Kind::OnlyOnSource), "only on source");
  EXPECT_STREQ(kind_name(Kind::OnlyOnTarget), "only on target");
  EXPECT_STREQ(kind_name(Kind::ContentDiffers), "content differs");
  EXPECT_EQ(describe_key({int_column("id"), int_column("city")}, key({5, std::nullopt})),
            "`id` = 5 AND `city` IS NULL");
}

} // namespace
} // namespace exl::audit
