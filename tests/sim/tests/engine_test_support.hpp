#pragma once

// Shared fixture of the engine tests: an engine over the private MariaDB of the ctest fixture
// `sim_mariadb` (EXL_TEST_MARIADB_ENV names its env file), a session, and small helpers.

#include "engine/backend.hpp"
#include "sim_api.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <random>
#include <string>

namespace srsim::test {

using engine::Row;

inline StorageConfig storage_from_env_file(const std::string& path) {
  StorageConfig s;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    auto eq = line.find('=');
    if (eq == std::string::npos)
      continue;
    std::string k = line.substr(0, eq), v = line.substr(eq + 1);
    if (k == "MARIADB_HOST")
      s.host = v;
    if (k == "MARIADB_PORT")
      s.port = std::stoi(v);
    if (k == "MARIADB_SOCKET")
      s.socket = v;
    if (k == "MARIADB_USER")
      s.user = v;
    if (k == "MARIADB_PASSWORD")
      s.password = v;
  }
  return s;
}

inline std::string unique_name(const std::string& prefix) {
  static std::mt19937 rng{std::random_device{}()};
  return prefix + "_" + std::to_string(rng() % 100000000);
}

class EngineTest : public ::testing::Test {
protected:
  void SetUp() override {
    const char* env = std::getenv("EXL_TEST_MARIADB_ENV");
    if (!env) {
      GTEST_FAIL() << "EXL_TEST_MARIADB_ENV not set (run through ctest; a skipped server test is "
                      "not a pass)";
    }
    m_config.storage = storage_from_env_file(env);
    m_config.stats_interval_s = 0;
    m_config.http_port = 8030;
    configure(m_config);
    m_engine = make_engine(m_config);
    m_session.connection_id = next_connection_id();
    m_session.user = "root";
    m_session.variables = {{"query_timeout", "300"}, {"insert_timeout", "14400"}};
    // MariaDB database names hold at most 64 characters.
    std::string test = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    m_db = unique_name("t_" + test.substr(0, 40));
    ok("CREATE DATABASE " + m_db);
    ok("USE " + m_db);
  }
  void TearDown() override {
    if (m_engine) {
      run("DROP DATABASE IF EXISTS " + m_db);
      m_engine->close_session(m_session);
    }
  }
  // Lets a test change the cluster configuration before the engine starts.
  virtual void configure(ClusterConfig&) {}

  static std::uint32_t next_connection_id() {
    static std::uint32_t id = 1000;
    return ++id;
  }

  Reply run(const std::string& sql) { return m_engine->execute(m_session, sql); }
  OkReply ok(const std::string& sql) {
    Reply r = run(sql);
    if (auto* e = std::get_if<ErrorReply>(&r)) {
      ADD_FAILURE() << sql << "\n -> " << e->message;
      return {};
    }
    if (auto* o = std::get_if<OkReply>(&r))
      return *o;
    return {};
  }
  ResultSet rows(const std::string& sql) {
    Reply r = run(sql);
    if (auto* e = std::get_if<ErrorReply>(&r)) {
      ADD_FAILURE() << sql << "\n -> " << e->message;
      return {};
    }
    if (auto* rs = std::get_if<ResultSet>(&r))
      return *rs;
    ADD_FAILURE() << sql << " returned no result set";
    return {};
  }
  std::string error(const std::string& sql) {
    Reply r = run(sql);
    if (auto* e = std::get_if<ErrorReply>(&r))
      return e->message;
    ADD_FAILURE() << sql << " unexpectedly succeeded";
    return "";
  }
  std::string scalar(const std::string& sql) {
    ResultSet rs = rows(sql);
    if (rs.rows.empty() || rs.rows[0].empty())
      return "<none>";
    return rs.rows[0][0].value_or("NULL");
  }
  static std::string cell(const ResultSet& rs, std::size_t row, const std::string& column) {
    for (std::size_t i = 0; i < rs.columns.size(); ++i) {
      if (rs.columns[i] == column && row < rs.rows.size()) {
        return rs.rows[row][i].value_or("NULL");
      }
    }
    return "<missing>";
  }

  ClusterConfig m_config;
  std::unique_ptr<Engine> m_engine;
  SessionContext m_session;
  std::string m_db;
};

} // namespace srsim::test
