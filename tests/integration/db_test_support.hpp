#pragma once

#include "exlschema/db/connection.hpp"
#include "exlschema/db/connection_params.hpp"
#include "support/eventually.hpp"
#include "support/mariadb_env.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <thread>

// Shared by the integration tests that talk to the fixture's MariaDB server.
namespace exl::test {

// Connection parameters for the fixture's server over TCP (the FE path), or nullopt outside
// ctest (the test then skips with a message naming the missing variable).
inline std::optional<db::ConnectionParams> mariadb_params() {
  const auto env = load_mariadb_env();
  if (!env) {
    return std::nullopt;
  }
  db::ConnectionParams p;
  p.host = env->host;
  p.port = env->port;
  p.user = env->user;
  p.password = env->password;
  p.connect_timeout_s = 5;
  p.read_timeout_s = 30;
  p.write_timeout_s = 30;
  p.query_timeout_s = 60;
  return p;
}

// True while the server lists connection `id` in its processlist (optionally in `state`).
inline bool connection_listed(db::Connection& admin, unsigned long id, const std::string& state) {
  const auto rs = admin.query("SELECT STATE FROM information_schema.PROCESSLIST WHERE ID = " +
                              std::to_string(id));
  if (rs.empty()) {
    return false;
  }
  return state.empty() || rs.rows[0][0].value_or("") == state;
}

// The statement connection `id` is running (processlist INFO), empty when none.
inline std::string statement_of(db::Connection& admin, unsigned long id) {
  const auto rs = admin.query("SELECT INFO FROM information_schema.PROCESSLIST WHERE ID = " +
                              std::to_string(id));
  return rs.empty() ? std::string() : rs.rows[0][0].value_or("");
}

} // namespace exl::test

#define EXL_REQUIRE_MARIADB(params)                                                                \
  auto params##_opt = exl::test::mariadb_params();                                                 \
  if (!params##_opt) {                                                                             \
    /* A suite that skips what needs a server is not a passing suite: fail loudly. */              \
    GTEST_FAIL() << "EXL_TEST_MARIADB_ENV not set: run through ctest (fixture `mariadb`)";         \
  }                                                                                                \
  exl::db::ConnectionParams params = *params##_opt
