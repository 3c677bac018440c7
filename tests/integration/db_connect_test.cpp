#include "db_test_support.hpp"
#include "exlschema/db/sql_error.hpp"

#include <gtest/gtest.h>

using exl::db::Connection;
using exl::db::SqlError;

TEST(DbConnectTest, ConnectsAndReportsServerVersionAndThreadId) {
  EXL_REQUIRE_MARIADB(params);
  Connection c(params);
  EXPECT_NE(c.server_version().find("MariaDB"), std::string::npos);
  const auto rs = c.query("SELECT CONNECTION_ID() AS id");
  EXPECT_EQ(rs.value(0, "id"), std::to_string(c.thread_id()));
  c.ping();
}

TEST(DbConnectTest, WrongPasswordGives1045WithoutThePassword) {
  EXL_REQUIRE_MARIADB(params);
  params.password = "Wr0ng-Passw0rd-xyz";
  try {
    Connection c(params);
    FAIL() << "connected with a wrong password";
  } catch (const SqlError& e) {
    EXPECT_EQ(e.error_number(), 1045);
    EXPECT_EQ(e.sqlstate(), "28000");
    EXPECT_FALSE(e.is_retryable());
    const std::string what = e.what();
    EXPECT_NE(what.find("Access denied for user"), std::string::npos) << what;
    EXPECT_NE(what.find("as " + params.user), std::string::npos) << what; // says where and who
    EXPECT_EQ(what.find("Wr0ng-Passw0rd-xyz"), std::string::npos) << what;
  }
}

TEST(DbConnectTest, RefusedPortIsARetryableConnectError) {
  EXL_REQUIRE_MARIADB(params);
  params.port = 1; // nothing listens on loopback port 1
  try {
    Connection c(params);
    FAIL() << "connected to port 1";
  } catch (const SqlError& e) {
    EXPECT_TRUE(e.error_number() == 2002 || e.error_number() == 2003) << e.what();
    EXPECT_TRUE(e.is_retryable());
  }
}

TEST(DbConnectTest, SessionTimeoutIsAppliedAndUnknownVariablesAreTolerated) {
  EXL_REQUIRE_MARIADB(params);
  params.query_timeout_s = 77;
  // MariaDB rejects query_timeout / insert_timeout with 1193; the connection must still open and
  // carry max_statement_time, MariaDB's equivalent.
  Connection c(params);
  EXPECT_EQ(c.query("SELECT @@max_statement_time").rows.at(0).at(0).value_or(""), "77.000000");
}

TEST(DbConnectTest, ExecuteReportsAffectedRowsAndInfo) {
  EXL_REQUIRE_MARIADB(params);
  Connection c(params);
  c.execute("CREATE DATABASE IF NOT EXISTS exl_it");
  c.execute("CREATE OR REPLACE TABLE exl_it.t (id INT PRIMARY KEY, v VARCHAR(10))");
  const auto r = c.execute("INSERT INTO exl_it.t VALUES (1,'a'),(2,'b'),(3,NULL)");
  EXPECT_EQ(r.affected_rows, 3U);
  EXPECT_NE(r.info.find("Records: 3"), std::string::npos) << r.info;
  const auto rows = c.query("SELECT id, v FROM exl_it.t ORDER BY id");
  ASSERT_EQ(rows.rows.size(), 3U);
  EXPECT_FALSE(rows.rows[2][1].has_value());
  EXPECT_THROW(c.execute("INSERT INTO exl_it.t VALUES (1,'dup')"), SqlError);
  // A server error leaves the connection usable.
  EXPECT_EQ(c.query("SELECT 1").rows[0][0], "1");
}

TEST(DbConnectTest, FetchAllReturnsNamedColumnsAndNulls) {
  EXL_REQUIRE_MARIADB(params);
  const auto rows = exl::db::fetch_all(params, "SELECT 'x' AS alias, 9030 AS port, NULL AS pw");
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_EQ(rows[0].at("alias"), "x");
  EXPECT_EQ(rows[0].at("port"), "9030");
  EXPECT_FALSE(rows[0].at("pw").has_value());
}
