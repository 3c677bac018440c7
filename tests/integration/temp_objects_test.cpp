// The temporary-object registry against a real server: what a mode registers is dropped by its
// guard (also during unwinding), and whatever is left by drop_all at the end of the run, through
// a gate that ignores the run's cancellation.
#include "db_test_support.hpp"

#include "exlschema/db/pool.hpp"
#include "exlschema/modes/gate.hpp"
#include "exlschema/modes/temp_objects.hpp"

#include <stdexcept>

namespace exl::modes {
namespace {

bool table_exists(db::Connection& c, const std::string& name) {
  return !c.query("SHOW TABLES LIKE '" + name + "'").rows.empty();
}

// A private database on the fixture's server; `params` then connects into it.
void use_private_database(db::ConnectionParams& params, const std::string& database) {
  db::Connection(params).query("CREATE DATABASE IF NOT EXISTS " + database);
  params.database = database;
}

Statement drop(const std::string& name) {
  return {Side::Target, "DROP TABLE IF EXISTS " + name, {}, true};
}

TEST(TempObjectsTest, GuardDropsOnUnwindingAndDropAllTakesTheRest) {
  EXL_REQUIRE_MARIADB(params);
  use_private_database(params, "exl_temp_objects_a");
  db::Connection admin(params);
  for (const char* t : {"exl_tmp_a", "exl_tmp_b"}) {
    admin.query(std::string("CREATE TABLE IF NOT EXISTS ") + t + " (k INT)");
  }
  db::Pool pool(params, 2, "mariadb");
  runner::CancelToken cancel;
  cancel.cancel(2); // the run was interrupted: cleanup must still run
  Gate gate(nullptr, pool, true, runner::RetryPolicy{}, nullptr);
  {
    TempObjects temps(gate);
    try {
      TempGuard guard(temps, drop("exl_tmp_a"));
      throw std::runtime_error("a task failed");
    } catch (const std::runtime_error&) {
    }
    EXPECT_FALSE(table_exists(admin, "exl_tmp_a"));
    temps.add(drop("exl_tmp_b"));
    EXPECT_EQ(temps.size(), 1U);
    EXPECT_EQ(temps.drop_all(), 0);
    EXPECT_EQ(temps.size(), 0U);
  }
  EXPECT_FALSE(table_exists(admin, "exl_tmp_b"));
}

TEST(TempObjectsTest, WithoutRunNothingIsSentAndTheDropIsRecorded) {
  EXL_REQUIRE_MARIADB(params);
  use_private_database(params, "exl_temp_objects_b");
  db::Connection admin(params);
  admin.query("CREATE TABLE IF NOT EXISTS exl_tmp_c (k INT)");
  db::Pool pool(params, 1, "mariadb");
  Gate gate(nullptr, pool, false, runner::RetryPolicy{}, nullptr);
  {
    TempObjects temps(gate);
    temps.add(drop("exl_tmp_c"));
  }
  EXPECT_TRUE(table_exists(admin, "exl_tmp_c"));
  ASSERT_EQ(gate.recorded().size(), 1U);
  EXPECT_EQ(gate.recorded()[0].sql, "DROP TABLE IF EXISTS exl_tmp_c");
  admin.query("DROP TABLE exl_tmp_c");
}

} // namespace
} // namespace exl::modes
