#pragma once

#include "exlschema/db/connection.hpp"
#include "exlschema/db/connection_params.hpp"
#include "exlschema/db/sql_error.hpp"
#include "exlschema/starrocks/ddl_parser.hpp"
#include "exlschema/starrocks/partition_info.hpp"
#include "exlschema/starrocks/partition_sql.hpp"
#include "exlschema/starrocks/table_model.hpp"
#include "exlschema/starrocks/table_ref.hpp"
#include "exlschema/starrocks/task_sql.hpp"
#include "exlschema/starrocks/version.hpp"
#include "support/eventually.hpp"

#include <gtest/gtest.h>

#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

// Shared by the cross-check tests (srsim_*_test.cpp): srsim's real output fed into exlSchema's
// parsers, exlSchema's builders executed on srsim. The sandbox (tests/sim/sandbox.sh) and the
// sample data (tests/sim/load_sample.sh) come from the ctest fixture `xcheck_sandbox`; the tests
// read DIR/sandbox.env from $EXL_TEST_SANDBOX_DIR.
namespace exl::test::xcheck {

// One `export A=x B=y` line per cluster, values shell-quoted with printf %q: split on unescaped
// blanks, then drop the backslashes %q added (paths and hex passwords need nothing else).
inline void parse_env_line(const std::string& line, std::map<std::string, std::string>& out) {
  std::vector<std::string> words(1);
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '\\' && i + 1 < line.size()) {
      words.back() += line[++i];
    } else if (line[i] == ' ') {
      words.emplace_back();
    } else {
      words.back() += line[i];
    }
  }
  for (const auto& w : words) {
    const auto eq = w.find('=');
    if (eq != std::string::npos && eq > 0) {
      out[w.substr(0, eq)] = w.substr(eq + 1);
    }
  }
}

// The sandbox's variables, or nullopt outside the ctest fixture.
inline std::optional<std::map<std::string, std::string>> load_sandbox_env() {
  const char* dir = std::getenv("EXL_TEST_SANDBOX_DIR");
  if (dir == nullptr || *dir == '\0') {
    return std::nullopt;
  }
  std::ifstream in(std::string(dir) + "/sandbox.env");
  if (!in) {
    return std::nullopt;
  }
  std::map<std::string, std::string> env;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("export ", 0) == 0) {
      parse_env_line(line.substr(7), env);
    }
  }
  if (env.count("SRC_PORT") == 0 || env.count("DST_PORT") == 0) {
    return std::nullopt;
  }
  return env;
}

struct Sandbox {
  db::ConnectionParams src;
  db::ConnectionParams dst;
};

inline db::ConnectionParams cluster_params(const std::map<std::string, std::string>& env,
                                           const std::string& prefix) {
  db::ConnectionParams p;
  p.host = "127.0.0.1";
  p.port = std::stoi(env.at(prefix + "_PORT"));
  p.user = env.at(prefix + "_USER");
  p.password = env.at(prefix + "_PASSWORD");
  p.connect_timeout_s = 5;
  p.read_timeout_s = 60;
  p.write_timeout_s = 60;
  p.query_timeout_s = 60;
  return p;
}

inline std::optional<Sandbox> sandbox() {
  const auto env = load_sandbox_env();
  if (!env) {
    return std::nullopt;
  }
  return Sandbox{cluster_params(*env, "SRC"), cluster_params(*env, "DST")};
}

// The final state (SUCCESS or FAILED) of task `name` in information_schema.task_runs on `c`,
// polled for up to 30 s with the task_runs query exlSchema builds (else the last state seen);
// `error` receives the run's ERROR_MESSAGE.
inline std::string final_task_state(db::Connection& c, const std::string& name,
                                    std::string& error) {
  std::string state;
  eventually(
      [&] {
        const auto rs = c.query(starrocks::build_task_runs_query({name}));
        EXPECT_EQ(rs.columns, starrocks::task_runs_columns());
        if (rs.rows.empty()) {
          return false;
        }
        state = rs.value(0, "STATE").value_or("");
        error = rs.value(0, "ERROR_MESSAGE").value_or("");
        return state == "SUCCESS" || state == "FAILED";
      },
      std::chrono::seconds(30), std::chrono::milliseconds(50));
  return state;
}

// The releases srsim simulates, as --version takes them; reference §14 was checked against the
// grammar files of these releases. The xcheck sandbox has one target cluster of each: dst is
// 3.3.5, the others come from `sandbox.sh up --also-dst V` (tests/CMakeLists.txt).
inline const std::vector<std::string>& simulated_versions() {
  static const std::vector<std::string> k_versions = {"2.5.22", "3.1.17", "3.3.5", "3.4.4"};
  return k_versions;
}

// The sandbox's target cluster of StarRocks `version` (a <C>_VERSION line of sandbox.env, src
// excluded), or nullopt outside the fixture or when the sandbox has none of that version.
inline std::optional<db::ConnectionParams> target_of_version(const std::string& version) {
  const auto env = load_sandbox_env();
  if (!env) {
    return std::nullopt;
  }
  constexpr std::string_view k_suffix = "_VERSION";
  for (const auto& [key, value] : *env) {
    if (key.size() <= k_suffix.size() ||
        key.compare(key.size() - k_suffix.size(), k_suffix.size(), k_suffix) != 0) {
      continue;
    }
    const std::string prefix = key.substr(0, key.size() - k_suffix.size());
    if (prefix != "SRC" && value == version && env->count(prefix + "_PORT") != 0) {
      return cluster_params(*env, prefix);
    }
  }
  return std::nullopt;
}

// A database name no other test (or earlier run against the same sandbox) uses.
inline std::string unique_database(const std::string& what) {
  static std::atomic<int> counter{0};
  return "xck_" + what + "_" + std::to_string(::getpid()) + "_" + std::to_string(++counter);
}

inline starrocks::TableRef ref(const std::string& database, const std::string& table,
                               const std::string& catalog = {}) {
  return starrocks::TableRef{catalog, database, table};
}

// SHOW CREATE TABLE's second column, parsed; a parse failure throws with the parser's reason
// and the text (gtest turns the exception into a failure naming both).
inline starrocks::TableModel show_create_model(db::Connection& conn,
                                               const starrocks::TableRef& table) {
  const auto rs = conn.query(starrocks::build_show_create_table(table));
  if (rs.rows.size() != 1 || rs.columns.size() < 2 || !rs.rows[0][1]) {
    throw std::runtime_error("SHOW CREATE TABLE " + table.sql() + ": unexpected result shape");
  }
  const std::string ddl = *rs.rows[0][1];
  auto parsed = starrocks::parse_create_table(ddl);
  if (!parsed) {
    throw std::runtime_error("parse_create_table failed " + parsed.error().message() +
                             "\n--- text from srsim ---\n" + ddl);
  }
  return std::move(parsed).value();
}

inline std::vector<starrocks::PartitionInfo> show_partitions(db::Connection& conn,
                                                             const starrocks::TableRef& table) {
  const auto rs = conn.query(starrocks::build_show_partitions(table));
  auto parsed = starrocks::parse_show_partitions(rs.columns, rs.rows);
  if (!parsed) {
    throw std::runtime_error("parse_show_partitions failed " + parsed.error().message());
  }
  return std::move(parsed).value();
}

// The single value a one-row, one-column statement returns.
inline std::string scalar_text(db::Connection& conn, const std::string& sql) {
  const auto rs = conn.query(sql);
  if (rs.rows.size() != 1 || rs.rows[0].empty() || !rs.rows[0][0]) {
    throw std::runtime_error("expected one value from: " + sql);
  }
  return *rs.rows[0][0];
}

// The version `conn`'s cluster reports, which the builders take to pick their forms.
inline starrocks::Version cluster_version(db::Connection& conn) {
  return starrocks::parse_version(scalar_text(conn, starrocks::build_current_version()));
}

// The single integer a COUNT(*)-style statement returns.
inline std::int64_t scalar(db::Connection& conn, const std::string& sql) {
  const auto rs = conn.query(sql);
  if (rs.rows.size() != 1 || rs.rows[0].empty() || !rs.rows[0][0]) {
    throw std::runtime_error("expected one value from: " + sql);
  }
  return std::stoll(*rs.rows[0][0]);
}

inline std::int64_t count_rows(db::Connection& conn, const starrocks::TableRef& table,
                               const std::string& where = {}) {
  return scalar(conn, "SELECT COUNT(*) FROM " + table.sql() +
                          (where.empty() ? std::string() : " WHERE " + where));
}

} // namespace exl::test::xcheck

// A cross-check that cannot reach its sandbox is a failure, never a skip.
#define EXL_REQUIRE_SANDBOX(name)                                                                  \
  const auto name##_opt = exl::test::xcheck::sandbox();                                            \
  if (!name##_opt) {                                                                               \
    GTEST_FAIL() << "EXL_TEST_SANDBOX_DIR not set or DIR/sandbox.env unreadable: run through "     \
                    "ctest (fixture `xcheck_sandbox`)";                                            \
  }                                                                                                \
  const exl::test::xcheck::Sandbox& name = *name##_opt
