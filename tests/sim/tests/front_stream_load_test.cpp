// Stream Load over the wire (docs/srsim.md "Stream Load"): the FE's 307 without credentials, the
// BE's own Basic auth and 100-continue, CSV (separators, enclose/escape, `\N`) and JSON bodies,
// strict mode and the ErrorURL, labels shared with SQL loads, partitions, version bumps, and a
// large load's speed.

#include "e2e_query_support.hpp"
#include "support_client.hpp"
#include "support_http.hpp"

#include <gtest/gtest.h>

#include <chrono>

namespace srsim::test {
namespace {

class StreamLoadTest : public ::testing::Test {
protected:
  void SetUp() override {
    if (!std::getenv("EXL_TEST_SANDBOX_DIR")) {
      GTEST_FAIL() << "EXL_TEST_SANDBOX_DIR not set (run through ctest)";
    }
    m_sim = sandbox_src();
    m_sql = Client::root("SRC");
    ASSERT_NE(m_sql, nullptr);
    m_db = unique_id("sl");
    ok(*m_sql, "CREATE DATABASE " + m_db);
    ok(*m_sql, "USE " + m_db);
  }
  void TearDown() override {
    if (m_sql) {
      m_sql->query("DROP DATABASE IF EXISTS " + m_db);
    }
  }
  std::string values(const std::string& sql) {
    QueryResult r = ok(*m_sql, sql);
    std::string out;
    for (const auto& row : r.rows) {
      std::string line;
      for (const auto& v : row) {
        line += (line.empty() ? "" : "|") + v.value_or("NULL");
      }
      out += (out.empty() ? "" : ";") + line;
    }
    return out;
  }
  std::string version_of(const std::string& table, const std::string& partition) {
    QueryResult r = ok(*m_sql, "SHOW PARTITIONS FROM " + table);
    for (std::size_t i = 0; i < r.rows.size(); ++i) {
      if (r.cell(i, "PartitionName") == partition) {
        return r.cell(i, "VisibleVersion").value_or("NULL");
      }
    }
    return "<none>";
  }
  SimPorts m_sim;
  std::unique_ptr<Client> m_sql;
  std::string m_db;
};

TEST_F(StreamLoadTest, TheFeRedirectsWithoutCredentialsAndTheBeWantsThemAgain) {
  ok(*m_sql, "CREATE TABLE t (k INT, v INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1");
  std::string path = "/api/" + m_db + "/t/_stream_load?x=1";
  std::string head = "PUT " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " +
                     basic_auth("root", m_sim.password) +
                     "\r\nExpect: 100-continue\r\nContent-Length: 4\r\nlabel: r1\r\n\r\n";
  std::string answer = raw_http(m_sim.fe_http, head);
  EXPECT_EQ(answer.rfind("HTTP/1.1 307 Temporary Redirect\r\n", 0), 0u) << answer;
  std::string location = "http://127.0.0.1:" + std::to_string(m_sim.be_http) + path;
  EXPECT_NE(answer.find("Location: " + location + "\r\n"), std::string::npos) << answer;
  EXPECT_EQ(answer.find("100 Continue"), std::string::npos); // the FE never reads the body

  HttpCall bare{"PUT", location, "root", m_sim.password, false, {"label: r1"}, "1\t2\n"};
  nlohmann::json j = http(bare).json();
  EXPECT_EQ(j["Status"], "Fail");
  EXPECT_EQ(j["Message"], "no valid Basic authorization");
  bare.auth = true;
  j = http(bare).json();
  EXPECT_EQ(j["Status"], "Success") << j.dump();
  EXPECT_EQ(j["NumberLoadedRows"], 1);
  EXPECT_EQ(j["Label"], "r1");
  j = stream_load(m_sim, m_db, "t", "r2", "3\t4\n").json();
  EXPECT_EQ(j["Status"], "Success") << j.dump();
  EXPECT_EQ(values("SELECT k, v FROM t ORDER BY k"), "1|2;3|4");
}

TEST_F(StreamLoadTest, TheFeChecksPasswordPrivilegeAndExpectHeader) {
  ok(*m_sql, "CREATE TABLE t (k INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1");
  std::string url =
      "http://127.0.0.1:" + std::to_string(m_sim.fe_http) + "/api/" + m_db + "/t/_stream_load";
  HttpReply r = http(HttpCall{"PUT", url, "root", "wrong", true, {}, "1\n"});
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(r.headers["www-authenticate"], "Basic realm=\"\"");
  EXPECT_EQ(r.json()["msg"], "Access denied for root@127.0.0.1");
  r = http(HttpCall{"PUT", url, "root", "", false, {}, "1\n"});
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(r.json()["status"], "FAILED");
  HttpCall no_expect{"PUT", url, "root", m_sim.password, true, {}, "1\n"};
  no_expect.expect_continue = false;
  r = http(no_expect);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.json()["Message"],
            "class com.starrocks.common.DdlException: There is no 100-continue header");
  ok(*m_sql, "CREATE USER IF NOT EXISTS sl_reader IDENTIFIED BY 'pw'");
  ok(*m_sql, "GRANT SELECT ON " + m_db + ".* TO sl_reader");
  r = http(HttpCall{"PUT", url, "sl_reader", "pw", true, {}, "1\n"});
  EXPECT_EQ(r.status, 401);
  EXPECT_NE(r.json()["msg"].get<std::string>().find("INSERT privilege"), std::string::npos);
  ok(*m_sql, "DROP USER sl_reader");
}

TEST_F(StreamLoadTest, TheBeAnswersHundredContinueBeforeTheBody) {
  ok(*m_sql, "CREATE TABLE t (k INT, v INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1");
  std::string head = "PUT /api/" + m_db + "/t/_stream_load HTTP/1.1\r\nHost: x\r\nAuthorization: " +
                     basic_auth("root", m_sim.password) +
                     "\r\nExpect: 100-continue\r\nContent-Length: 8\r\nlabel: c1\r\n"
                     "column_separator: ,\r\n\r\n";
  std::string answer = raw_http(m_sim.be_http, head, "100 Continue\r\n\r\n", "1,2\n3,4\n");
  EXPECT_EQ(answer.rfind("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\n", 0), 0u) << answer;
  EXPECT_NE(answer.find("\"Status\": \"Success\""), std::string::npos) << answer;
  EXPECT_EQ(values("SELECT COUNT(*) FROM t"), "2");
}

TEST_F(StreamLoadTest, CsvEncloseEscapeNullAndHexSeparators) {
  ok(*m_sql, "CREATE TABLE t (k INT, s VARCHAR(40), n INT) DUPLICATE KEY(k) "
             "DISTRIBUTED BY HASH(k) BUCKETS 1");
  // 3.x: enclose/escape make separators, row delimiters and quotes data; `\N` is NULL.
  std::string body =
      "1,\"a,b\",\\N\n2,\"line\nbreak\",5\n3,\"say \"\"hi\"\" \\\\ \\\"x\\\"\",\\N\n";
  nlohmann::json j = stream_load(m_sim, m_db, "t", "csv1", body,
                                 {"column_separator: ,", "enclose: \"", "escape: \\"})
                         .json();
  EXPECT_EQ(j["Status"], "Success") << j.dump();
  EXPECT_EQ(values("SELECT k, s, n FROM t ORDER BY k"),
            "1|a,b|NULL;2|line\nbreak|5;3|say \"hi\" \\ \"x\"|NULL");
  // Hex separators: \x01 between fields, \x02 between rows.
  j = stream_load(m_sim, m_db, "t", "csv2", std::string("4\x01") + "x y\x01" + "7\x02",
                  {"column_separator: \\x01", "row_delimiter: \\x02"})
          .json();
  EXPECT_EQ(j["Status"], "Success") << j.dump();
  EXPECT_EQ(values("SELECT s, n FROM t WHERE k = 4"), "x y|7");
}

TEST_F(StreamLoadTest, JsonRowsWithStripOuterArrayAndJsonpaths) {
  ok(*m_sql, "CREATE TABLE t (k INT, s VARCHAR(20), j JSON) DUPLICATE KEY(k) "
             "DISTRIBUTED BY HASH(k) BUCKETS 1");
  std::string body = R"([{"k": 1, "s": "x", "j": {"a": 1}}, {"k": 2, "s": null}])";
  nlohmann::json j =
      stream_load(m_sim, m_db, "t", "js1", body, {"format: json", "strip_outer_array: true"})
          .json();
  EXPECT_EQ(j["Status"], "Success") << j.dump();
  EXPECT_EQ(j["NumberLoadedRows"], 2);
  EXPECT_EQ(values("SELECT k, s FROM t ORDER BY k"), "1|x;2|NULL");
  j = stream_load(m_sim, m_db, "t", "js2", R"({"id": 3, "name": "z"})",
                  {"format: json", R"(jsonpaths: ["$.id", "$.name"])", "columns: k, s"})
          .json();
  EXPECT_EQ(j["Status"], "Success") << j.dump();
  EXPECT_EQ(values("SELECT s FROM t WHERE k = 3"), "z");
  j = stream_load(m_sim, m_db, "t", "js3", body, {"format: json"}).json(); // array, no strip
  EXPECT_EQ(j["Status"], "Fail");
}

TEST_F(StreamLoadTest, StrictModeFiltersAndTheErrorUrlServesTheRows) {
  ok(*m_sql, "CREATE TABLE t (k INT, v TINYINT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1");
  std::string body = "1\t10\n2\tabc\n3\t300\n";
  nlohmann::json j = stream_load(m_sim, m_db, "t", "st1", body, {"strict_mode: true"}).json();
  EXPECT_EQ(j["Status"], "Fail");
  EXPECT_EQ(j["Message"], "too many filtered rows");
  EXPECT_EQ(j["NumberTotalRows"], 3);
  EXPECT_EQ(j["NumberFilteredRows"], 2);
  ASSERT_TRUE(j.contains("ErrorURL"));
  HttpReply log = http(HttpCall{"GET", j["ErrorURL"].get<std::string>(), "root", "", false});
  EXPECT_EQ(log.status, 200);
  EXPECT_NE(log.body.find("Row: 2\tabc"), std::string::npos) << log.body;
  EXPECT_NE(log.body.find("Row: 3\t300"), std::string::npos) << log.body;
  EXPECT_EQ(values("SELECT COUNT(*) FROM t"), "0"); // nothing of a failed load lands
  // Within max_filter_ratio the good rows land; not strict, a bad value becomes NULL.
  j = stream_load(m_sim, m_db, "t", "st2", body, {"strict_mode: true", "max_filter_ratio: 0.7"})
          .json();
  EXPECT_EQ(j["Status"], "Success") << j.dump();
  EXPECT_EQ(j["NumberLoadedRows"], 1);
  EXPECT_TRUE(j.contains("ErrorURL"));
  j = stream_load(m_sim, m_db, "t", "st3", body).json();
  EXPECT_EQ(j["Status"], "Success") << j.dump();
  EXPECT_EQ(values("SELECT k, v FROM t ORDER BY k, v"), "1|10;1|10;2|NULL;3|NULL");
}

TEST_F(StreamLoadTest, LabelsAreSharedWithSqlLoads) {
  ok(*m_sql, "CREATE TABLE t (k INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1");
  EXPECT_EQ(stream_load(m_sim, m_db, "t", "lab1", "1\n").json()["Status"], "Success");
  nlohmann::json j = stream_load(m_sim, m_db, "t", "lab1", "1\n").json();
  EXPECT_EQ(j["Status"], "Label Already Exists");
  EXPECT_EQ(j["ExistingJobStatus"], "FINISHED");
  QueryResult r = m_sql->query("INSERT INTO t WITH LABEL lab1 VALUES (2)");
  EXPECT_EQ(r.message, "Label [lab1] has already been used.");
  ok(*m_sql, "INSERT INTO t WITH LABEL lab2 VALUES (3)");
  j = stream_load(m_sim, m_db, "t", "lab2", "4\n").json();
  EXPECT_EQ(j["Status"], "Label Already Exists");
  EXPECT_EQ(j["ExistingJobStatus"], "FINISHED");
  EXPECT_EQ(values("SELECT k FROM t ORDER BY k"), "1;3");
  // The committed Stream Load is a finished transaction of the database.
  QueryResult fin = ok(*m_sql, "SHOW PROC '/transactions/" + m_db + "/finished'");
  bool seen = false;
  for (std::size_t i = 0; i < fin.rows.size(); ++i) {
    seen = seen || fin.cell(i, "Label") == "lab1";
  }
  EXPECT_TRUE(seen);
}

TEST_F(StreamLoadTest, PartitionsFilterRowsAndBumpVersions) {
  ok(*m_sql, "CREATE TABLE t (k INT, v INT) DUPLICATE KEY(k) PARTITION BY RANGE(k) ("
             "PARTITION p1 VALUES [('0'), ('10')), PARTITION p2 VALUES [('10'), ('20'))) "
             "DISTRIBUTED BY HASH(k) BUCKETS 1");
  nlohmann::json j = stream_load(m_sim, m_db, "t", "pa1", "5\t1\n15\t2\n25\t3\n").json();
  EXPECT_EQ(j["Status"], "Fail");
  HttpReply log = http(HttpCall{"GET", j["ErrorURL"].get<std::string>(), "root", "", false});
  EXPECT_NE(log.body.find("Error: The row is out of partition ranges. Please add a new partition.. "
                          "Row: 25\t3"),
            std::string::npos)
      << log.body;
  EXPECT_EQ(version_of("t", "p1"), "1");
  j = stream_load(m_sim, m_db, "t", "pa2", "5\t1\n15\t2\n",
                  {"partitions: p1", "max_filter_ratio: 0.5"})
          .json();
  EXPECT_EQ(j["Status"], "Success") << j.dump();
  EXPECT_EQ(j["NumberFilteredRows"], 1);
  EXPECT_EQ(version_of("t", "p1"), "2");
  EXPECT_EQ(version_of("t", "p2"), "1");
  j = stream_load(m_sim, m_db, "t", "pa3", "6\t1\n16\t2\n").json();
  EXPECT_EQ(version_of("t", "p1"), "3");
  EXPECT_EQ(version_of("t", "p2"), "2");
  // temporary_partitions: the rows go to the temporary partition only.
  ok(*m_sql, "ALTER TABLE t ADD TEMPORARY PARTITION tp1 VALUES [('0'), ('10'))");
  j = stream_load(m_sim, m_db, "t", "pa4", "7\t9\n", {"temporary_partitions: tp1"}).json();
  EXPECT_EQ(j["Status"], "Success") << j.dump();
  EXPECT_EQ(values("SELECT k, v FROM t TEMPORARY PARTITION (tp1)"), "7|9");
  EXPECT_EQ(values("SELECT COUNT(*) FROM t WHERE k = 7"), "0");
  // `where` drops rows as unselected, not as errors.
  j = stream_load(m_sim, m_db, "t", "pa5", "1\t1\n2\t2\n3\t3\n", {"where: v > 1"}).json();
  EXPECT_EQ(j["Status"], "Success") << j.dump();
  EXPECT_EQ(j["NumberUnselectedRows"], 1);
  EXPECT_EQ(j["NumberLoadedRows"], 2);
  EXPECT_EQ(j["NumberFilteredRows"], 0);
}

TEST_F(StreamLoadTest, EveryColumnTypeConverts) {
  ok(*m_sql, "CREATE TABLE t (k INT, ti TINYINT, li LARGEINT, d DECIMAL(10, 2), f DOUBLE, "
             "dt DATE, dtt DATETIME, c CHAR(5), s STRING, b BOOLEAN, j JSON, a ARRAY<INT>) "
             "DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1");
  std::string row = "1|-128|170141183460469231731687303715884105727|12345678.91|1.5|2024-2-29|"
                    "2024-01-02 03:04:05|abc|long text|true|{\"a\": [1, 2]}|[1,2,3]\n";
  nlohmann::json j =
      stream_load(m_sim, m_db, "t", "ty1", row, {"column_separator: |", "strict_mode: true"})
          .json();
  EXPECT_EQ(j["Status"], "Success") << j.dump();
  EXPECT_EQ(values("SELECT ti, li, d, dt, dtt, c, s, b FROM t"),
            "-128|170141183460469231731687303715884105727|12345678.91|2024-02-29|"
            "2024-01-02 03:04:05|abc|long text|1");
  // Out of range, a bad date, a too long CHAR: each filters its row in strict mode.
  std::string bad = "2|128|1|1|1|2024-1-1|2024-01-01 00:00:00|a|s|true|1|[]\n"
                    "3|1|1|1|1|2023-2-29|2024-01-01 00:00:00|a|s|true|1|[]\n"
                    "4|1|1|1|1|2024-1-1|2024-01-01 00:00:00|abcdef|s|true|1|[]\n";
  j = stream_load(m_sim, m_db, "t", "ty2", bad, {"column_separator: |", "strict_mode: true"})
          .json();
  EXPECT_EQ(j["NumberFilteredRows"], 3) << j.dump();
}

TEST_F(StreamLoadTest, TwoHundredThousandRowsLoadInBulk) {
  ok(*m_sql, "CREATE TABLE t (k BIGINT, s VARCHAR(32), d DATE) DUPLICATE KEY(k) "
             "DISTRIBUTED BY HASH(k) BUCKETS 1");
  std::string body;
  for (int i = 0; i < 200000; ++i) {
    body += std::to_string(i) + "\tname-" + std::to_string(i) + "\t2024-01-" +
            std::to_string(1 + i % 28) + "\n";
  }
  auto t0 = std::chrono::steady_clock::now();
  nlohmann::json j = stream_load(m_sim, m_db, "t", "big", body).json();
  auto secs =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - t0);
  EXPECT_EQ(j["Status"], "Success") << j.dump();
  EXPECT_EQ(j["NumberLoadedRows"], 200000);
  EXPECT_LT(secs.count(), 30) << "a bulk load, not row by row";
  EXPECT_EQ(values("SELECT COUNT(*), MAX(k) FROM t"), "200000|199999");
}

TEST_F(StreamLoadTest, ShowBackendsNamesTheBeHttpPort) {
  QueryResult r = ok(*m_sql, "SHOW BACKENDS");
  EXPECT_EQ(r.cell(0, "HttpPort"), std::to_string(m_sim.be_http));
}

// 2.5 has no enclose/escape: its BE ignores the headers, so quotes are data and a quoted
// separator splits the field (STREAM_LOAD.md: "enclose ... supported from v3.0").
TEST(StreamLoadVersionTest, ReleasesBeforeThreeIgnoreEncloseAndEscape) {
  if (!std::getenv("EXL_TEST_SANDBOX_DIR")) {
    GTEST_FAIL() << "EXL_TEST_SANDBOX_DIR not set (run through ctest)";
  }
  PrivateSrsim sim({"--version", "2.5.22"});
  auto sql = sim.root();
  std::string db = unique_id("sl25");
  ok(*sql, "CREATE DATABASE " + db);
  ok(*sql, "CREATE TABLE " + db +
               ".t (k INT, s VARCHAR(20)) DUPLICATE KEY(k) "
               "DISTRIBUTED BY HASH(k) BUCKETS 1");
  SimPorts p = ports_of(sim);
  std::vector<std::string> h = {"column_separator: ,", "enclose: \"", "max_filter_ratio: 1"};
  nlohmann::json j = stream_load(p, db, "t", "e1", "1,\"a,b\"\n2,\"c\"\n", h).json();
  EXPECT_EQ(j["Status"], "Success") << j.dump();
  EXPECT_EQ(j["NumberFilteredRows"], 1); // `1,"a,b"` is three fields
  QueryResult r = ok(*sql, "SELECT s FROM " + db + ".t");
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(r.rows[0][0], "\"c\"");
  ok(*sql, "DROP DATABASE " + db);
}

} // namespace
} // namespace srsim::test
