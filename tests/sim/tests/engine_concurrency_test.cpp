// Loads and partition DDL from several sessions at once must neither deadlock nor lose a
// version bump (partition state is updated inside each load's own transaction).

#include "engine_test_support.hpp"

#include <future>
#include <thread>

namespace srsim::test {
namespace {

class ConcurrencyTest : public EngineTest {
protected:
  Reply run_as(SessionContext& s, const std::string& sql) { return m_engine->execute(s, sql); }
  std::unique_ptr<SessionContext> new_session() {
    auto s = std::make_unique<SessionContext>();
    s->connection_id = next_connection_id();
    s->variables = m_session.variables;
    s->current_db = m_db;
    return s;
  }
};

TEST_F(ConcurrencyTest, LoadsAndAddPartitionRunTogether) {
  ok("CREATE TABLE d (n INT) DUPLICATE KEY(n) DISTRIBUTED BY HASH(n) BUCKETS 1");
  ok("INSERT INTO d VALUES (0),(1),(2),(3),(4),(5),(6),(7),(8),(9)");
  ok("CREATE TABLE t (k INT, v INT) DUPLICATE KEY(k) PARTITION BY RANGE(k) "
     "(PARTITION p0 VALUES [('0'), ('100000')), PARTITION p1 VALUES [('100000'), ('200000'))) "
     "DISTRIBUTED BY HASH(k) BUCKETS 1");
  std::string rows_sql =
      "SELECT a.n + 10 * b.n + 100 * c.n + 1000 * e.n + 10000 * f.n AS k, 1 AS v "
      "FROM d a, d b, d c, d e, d f";
  auto a = new_session(), b = new_session(), c = new_session();
  auto load = std::async(std::launch::async, [&] {
    return run_as(*a, "INSERT OVERWRITE t PARTITION (p0) " + rows_sql);
  });
  auto load2 = std::async(std::launch::async, [&] {
    return run_as(*c,
                  "INSERT INTO t PARTITION (p1) SELECT k + 100000, v FROM (" + rows_sql + ") x");
  });
  auto ddl = std::async(std::launch::async, [&] {
    return run_as(*b, "ALTER TABLE t ADD PARTITION p2 VALUES [('200000'), ('300000'))");
  });
  for (auto* f : {&load, &load2, &ddl}) {
    ASSERT_EQ(f->wait_for(std::chrono::seconds(120)), std::future_status::ready);
  }
  for (auto* f : {&load, &load2, &ddl}) {
    Reply r = f->get();
    EXPECT_FALSE(std::holds_alternative<ErrorReply>(r)) << std::get<ErrorReply>(r).message;
  }
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM t"), "200000");
  ResultSet parts = rows("SHOW PARTITIONS FROM t");
  ASSERT_EQ(parts.rows.size(), 3u);
  EXPECT_EQ(cell(parts, 0, "VisibleVersion"), "2"); // overwritten: new partition + one load
  EXPECT_EQ(cell(parts, 1, "VisibleVersion"), "2");
  EXPECT_EQ(cell(parts, 2, "VisibleVersion"), "1");
  for (auto* s : {a.get(), b.get(), c.get()})
    m_engine->close_session(*s);
}

} // namespace
} // namespace srsim::test
