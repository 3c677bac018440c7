// FILES() and INSERT INTO FILES (engine/files_*.cpp) against a real S3-compatible server
// (s3rver in the test harness). The server comes from the environment:
//   EXL_S3_ENDPOINT    http://127.0.0.1:<port> (path-style, no TLS)
//   EXL_S3_ACCESS_KEY  S3RVER for s3rver
//   EXL_S3_SECRET_KEY  S3RVER for s3rver
//   EXL_S3_BUCKET      an existing bucket (default exl-src)
// or, when they are not set, from the s3.env of the fixture's s3rver (SIM_S3_ENV_FILE, ctest's
// sim_mariadb fixture starts it). A missing variable fails the test: a skipped server test is not
// a pass.

#include "engine/sim_object_store.hpp"
#include "engine_test_support.hpp"

#include <algorithm>
#include <fstream>
#include <regex>
#include <sstream>

namespace srsim::test {
namespace {

// `export A=x B=y` lines of the fixture's s3.env.
std::string from_env_file(const std::string& name) {
#ifdef SIM_S3_ENV_FILE
  std::ifstream in(SIM_S3_ENV_FILE);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("export ", 0) != 0) {
      continue;
    }
    std::istringstream words(line.substr(7));
    for (std::string pair; words >> pair;) {
      if (pair.rfind(name + "=", 0) == 0) {
        return pair.substr(name.size() + 1);
      }
    }
  }
#endif
  return "";
}

std::string env_or_empty(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : from_env_file(name);
}

class FilesTest : public EngineTest {
protected:
  void SetUp() override {
    EngineTest::SetUp();
    m_endpoint = env_or_empty("EXL_S3_ENDPOINT");
    m_ak = env_or_empty("EXL_S3_ACCESS_KEY");
    m_sk = env_or_empty("EXL_S3_SECRET_KEY");
    m_bucket = env_or_empty("EXL_S3_BUCKET");
    if (m_bucket.empty()) {
      m_bucket = "exl-src";
    }
    if (m_endpoint.empty() || m_ak.empty() || m_sk.empty()) {
      GTEST_FAIL() << "EXL_S3_ENDPOINT / EXL_S3_ACCESS_KEY / EXL_S3_SECRET_KEY not set (these "
                      "tests need an S3-compatible server such as s3rver)";
    }
    m_prefix = unique_name("files_test");
  }
  void TearDown() override {
    for (auto& [key, cluster] : m_clusters) {
      cluster.engine->close_session(cluster.session);
    }
    m_clusters.clear();
    if (!m_endpoint.empty()) {
      try {
        for (const auto& o : store().list(m_prefix + "/")) {
          store().remove(o.key);
        }
      } catch (const std::exception&) {
      }
    }
    EngineTest::TearDown();
  }
  engine::SimObjectStore store() {
    engine::ObjectStoreAccess a;
    a.endpoint = m_endpoint;
    a.ssl = false;
    a.path_style = true;
    a.access_key = m_ak;
    a.secret_key = m_sk;
    return engine::SimObjectStore(a, m_bucket);
  }
  std::string creds() const {
    return "'aws.s3.endpoint' = '" + m_endpoint + "', 'aws.s3.access_key' = '" + m_ak +
           "', 'aws.s3.secret_key' = '" + m_sk +
           "', 'aws.s3.region' = 'us-east-1', 'aws.s3.enable_path_style_access' = 'true', "
           "'aws.s3.enable_ssl' = 'false'";
  }
  std::string url(const std::string& sub) const {
    return "s3://" + m_bucket + "/" + m_prefix + "/" + sub;
  }
  // FILES(...) over `sub` (under this test's prefix) as CSV, with `extra` properties.
  std::string files(const std::string& sub, const std::string& extra = "") const {
    return "FILES('path' = '" + url(sub) + "', 'format' = 'csv', " + creds() +
           (extra.empty() ? "" : ", " + extra) + ")";
  }
  std::string unload(const std::string& sub, const std::string& extra = "") const {
    return "INSERT INTO " + files(sub, extra) + " ";
  }
  // Keys under `sub/` (sorted) and their bodies.
  std::vector<std::pair<std::string, std::string>> objects(const std::string& sub) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& o : store().list(m_prefix + "/" + sub)) {
      out.emplace_back(o.key, store().get(o.key));
    }
    return out;
  }
  Reply run_on(const Version& version, const std::string& sql) {
    auto& cluster = m_clusters[version.text()];
    if (!cluster.engine) {
      ClusterConfig config = m_config;
      config.version = version;
      cluster.engine = make_engine(config);
      cluster.session.connection_id = next_connection_id();
      cluster.session.user = "root";
      cluster.session.variables = m_session.variables;
      cluster.session.current_db = m_db;
    }
    return cluster.engine->execute(cluster.session, sql);
  }
  std::string error_on(const Version& version, const std::string& sql) {
    Reply r = run_on(version, sql);
    if (auto* e = std::get_if<ErrorReply>(&r)) {
      return e->message;
    }
    ADD_FAILURE() << version.text() << ": " << sql << " unexpectedly succeeded";
    return "";
  }
  void make_values() {
    ok("CREATE TABLE src (k INT, s VARCHAR(64), d DATE, dt DATETIME, m DECIMAL(20,4), "
       "big BIGINT, huge LARGEINT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1");
    ok("INSERT INTO src VALUES "
       "(1, 'plain', '2024-01-02', '2024-01-02 03:04:05', 12.34, 9223372036854775807, "
       "170141183460469231731687303715884105727), "
       "(2, '', NULL, NULL, -0.5, -9223372036854775808, -1), "
       "(3, NULL, '1970-01-01', '1970-01-01 00:00:00', 0, 0, 0)");
  }

  struct Cluster {
    std::unique_ptr<Engine> engine;
    SessionContext session;
  };
  std::map<std::string, Cluster> m_clusters;
  std::string m_endpoint, m_ak, m_sk, m_bucket, m_prefix;
};

const Version k_v31{3, 1, 17}, k_v32{3, 2, 11}, k_v33{3, 3, 5};

TEST_F(FilesTest, UnloadCsvWritesStarRocksBytesAndNames) {
  make_values();
  OkReply r = ok(unload("out") + "SELECT * FROM src ORDER BY k");
  EXPECT_EQ(r.affected_rows, 3u);
  auto objs = objects("out/");
  ASSERT_EQ(objs.size(), 1u);
  // <path>/<query_id>_<be_number>_<driver_id>_<index>.csv (3.3+ connector sink; FE adds '/').
  EXPECT_TRUE(std::regex_match(
      objs[0].first,
      std::regex(
          m_prefix +
          R"(/out/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}_10001_0_0\.csv)")))
      << objs[0].first;
  EXPECT_EQ(objs[0].second,
            "1\tplain\t2024-01-02\t2024-01-02 03:04:05\t12.3400\t9223372036854775807\t"
            "170141183460469231731687303715884105727\n"
            "2\t\t\\N\t\\N\t-0.5000\t-9223372036854775808\t-1\n"
            "3\t\\N\t1970-01-01\t1970-01-01 00:00:00\t0.0000\t0\t0\n");
}

TEST_F(FilesTest, UnloadedRowsReadBackExactlyThroughFiles) {
  make_values();
  ok(unload("rt") + "SELECT * FROM src");
  ResultSet rs =
      rows("SELECT $1, $2, $3, $4, $5, $6, $7 FROM " + files("rt/*") + " ORDER BY CAST($1 AS INT)");
  ASSERT_EQ(rs.rows.size(), 3u);
  EXPECT_EQ(rs.rows[0], (Row{"1", "plain", "2024-01-02", "2024-01-02 03:04:05", "12.3400",
                             "9223372036854775807", "170141183460469231731687303715884105727"}));
  EXPECT_EQ(rs.rows[1],
            (Row{"2", "", std::nullopt, std::nullopt, "-0.5000", "-9223372036854775808", "-1"}));
  EXPECT_EQ(rs.rows[2],
            (Row{"3", std::nullopt, "1970-01-01", "1970-01-01 00:00:00", "0.0000", "0", "0"}));
}

TEST_F(FilesTest, SeparatorsInsideValuesAreWrittenRawAndDoNotRoundTrip) {
  ok("CREATE TABLE s (k INT, v VARCHAR(20)) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1");
  ok("INSERT INTO s VALUES (1, 'a\\tb')");
  ok(unload("raw") + "SELECT * FROM s");
  auto objs = objects("raw/");
  ASSERT_EQ(objs.size(), 1u);
  EXPECT_EQ(objs[0].second, "1\ta\tb\n"); // StringConverter escapes nothing (BE TODO)
  // Read back, the tab splits the value: three columns, not two.
  ResultSet rs = rows("SELECT * FROM " + files("raw/"));
  EXPECT_EQ(rs.columns, (std::vector<std::string>{"$1", "$2", "$3"}));
  ASSERT_EQ(rs.rows.size(), 1u);
  EXPECT_EQ(rs.rows[0], (Row{"1", "a", "b"}));

  ok("TRUNCATE TABLE s");
  ok("INSERT INTO s VALUES (1, 'x\\ny')");
  ok(unload("raw2") + "SELECT * FROM s");
  EXPECT_EQ(objects("raw2/")[0].second, "1\tx\ny\n"); // the newline splits the row
}

TEST_F(FilesTest, UnloadRollsOverAtTargetMaxFileSizeAndHonoursCsvProperties) {
  make_values();
  OkReply r = ok(unload("roll", "'target_max_file_size' = '1', 'csv.column_separator' = ',', "
                                "'csv.row_delimiter' = '|', 'csv.include_header' = 'true'") +
                 "SELECT k, s FROM src ORDER BY k");
  EXPECT_EQ(r.affected_rows, 3u);
  auto objs = objects("roll/");
  ASSERT_EQ(objs.size(), 3u);
  std::string qid = objs[0].first.substr(objs[0].first.rfind('/') + 1, 36);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(objs[i].first, m_prefix + "/roll/" + qid + "_10001_0_" + std::to_string(i) + ".csv");
  }
  EXPECT_EQ(objs[0].second, "k,s|1,plain|");
  EXPECT_EQ(objs[1].second, "k,s|2,|");
  EXPECT_EQ(objs[2].second, "k,s|3,\\N|");

  ok(unload("single", "'target_max_file_size' = '1', 'single' = 'true'") + "SELECT k FROM src");
  EXPECT_EQ(objects("single/").size(), 1u);
  // No rows, no object.
  EXPECT_EQ(ok(unload("none") + "SELECT k FROM src WHERE k > 100").affected_rows, 0u);
  EXPECT_TRUE(objects("none/").empty());
}

TEST_F(FilesTest, UnloadVersionGatesAndMessages) {
  const std::string q = "SELECT 1";
  std::string base = "INSERT INTO FILES('path' = '" + url("g/") + "', " + creds();
  // 3.1: no INSERT INTO FILES in the grammar; the error stands at the first property.
  EXPECT_EQ(error_on(Version{2, 5, 22}, base + ", 'format' = 'csv') " + q),
            "Getting syntax error at line 1, column 18. Detail message: Unexpected input "
            "''path''.");
  std::string e31 = error_on(k_v31, base + ", 'format' = 'csv') " + q);
  EXPECT_EQ(e31, "Getting syntax error at line 1, column 18. Detail message: Unexpected input "
                 "''path''.");
  // 3.2: Parquet only.
  EXPECT_EQ(error_on(k_v32, base + ", 'format' = 'csv') " + q),
            "Getting analyzing error. Detail message: use \"format\" = \"parquet\", as only "
            "parquet format is supported now.");
  EXPECT_EQ(error_on(k_v32, base + ") " + q),
            "Getting analyzing error. Detail message: format is a mandatory property. Use "
            "\"format\" = \"parquet\" as only parquet format is supported now.");
  EXPECT_EQ(error_on(k_v32, base + ", 'format' = 'parquet') " + q),
            "srsim does not support: format parquet in INSERT INTO FILES (srsim writes csv only)");
  // 3.3+.
  EXPECT_EQ(error_on(k_v33, base + ") " + q),
            "Getting analyzing error. Detail message: format is a mandatory property. Use any of "
            "(parquet, orc, csv).");
  EXPECT_EQ(error_on(k_v33, base + ", 'format' = 'json') " + q),
            "Getting analyzing error. Detail message: Unsupported format json. Use any of "
            "(parquet, orc, csv).");
  EXPECT_EQ(error_on(k_v33, base + ", 'format' = 'parquet') " + q),
            "srsim does not support: format parquet in INSERT INTO FILES (srsim writes csv only)");
  EXPECT_EQ(error_on(k_v33, base + ", 'format' = 'orc') " + q),
            "srsim does not support: format orc in INSERT INTO FILES (srsim writes csv only)");
  EXPECT_EQ(error_on(k_v33, base + ", 'format' = 'csv', 'compression' = 'brotli') " + q),
            "Getting analyzing error. Detail message: Unsupported compression codec brotli. Use "
            "any of (uncompressed, snappy, lz4, zstd, gzip).");
  EXPECT_EQ(error_on(k_v33, base + ", 'format' = 'csv', 'compression' = 'gzip') " + q),
            "not supported compression type gzip");
  EXPECT_EQ(error_on(k_v33, base + ", 'format' = 'csv', 'single' = 'yes') " + q),
            "Getting analyzing error. Detail message: got invalid parameter \"single\" = "
            "\"yes\", expect a boolean value (true or false).");
  EXPECT_EQ(error_on(k_v33, base +
                                ", 'format' = 'csv', 'single' = 'true', 'partition_by' = "
                                "'k') " +
                                q),
            "Getting analyzing error. Detail message: cannot use partition_by and single "
            "simultaneously.");
  EXPECT_EQ(error_on(k_v33, base + ", 'format' = 'csv', 'partition_by' = 'k') " + q),
            "srsim does not support: partition_by in INSERT INTO FILES");
  EXPECT_EQ(error_on(k_v33, base + ", 'format' = 'csv', 'csv.column_separator' = '') " + q),
            "Getting analyzing error. Detail message: The valid bytes length for "
            "'csv.column_separator' is [1, 50].");
  EXPECT_EQ(error_on(k_v33, "INSERT INTO FILES('format' = 'csv') " + q),
            "Getting analyzing error. Detail message: path is a mandatory property. \"path\" = "
            "\"s3://path/to/your/location/\".");
  EXPECT_TRUE(objects("g/").empty());
}

TEST_F(FilesTest, FilesReadVersionGatesAndMissingFiles) {
  std::string sel = "SELECT * FROM " + files("nothing/*");
  EXPECT_EQ(error_on(Version{2, 5, 22}, sel),
            "srsim does not support: FILES() before StarRocks 3.1 (2.5's own error was not "
            "checked)");
  EXPECT_EQ(error_on(k_v31, sel), "Getting analyzing error. Detail message: not supported "
                                  "format: csv.");
  EXPECT_EQ(error_on(k_v32, sel), "Getting analyzing error. Detail message: not supported "
                                  "format: csv.");
  EXPECT_EQ(error_on(k_v33, sel), "Getting analyzing error. Detail message: no file found with "
                                  "given path pattern: " +
                                      url("nothing/*") + ".");
  std::string parquet = "SELECT * FROM FILES('path' = '" + url("x.parquet") +
                        "', 'format' = 'parquet', " + creds() + ")";
  for (const Version& v : {k_v31, k_v32, k_v33}) {
    EXPECT_EQ(error_on(v, parquet), "srsim does not support: format parquet in FILES() (srsim "
                                    "reads csv only)")
        << v.text();
  }
  EXPECT_EQ(error("SELECT * FROM FILES('format' = 'csv')"),
            "Getting analyzing error. Detail message: path is null. Please add "
            "properties(path='xxx') when create table.");
}

TEST_F(FilesTest, CsvReadOptionsGlobsAndLists) {
  store().put(m_prefix + "/in/a1.csv", "h1|h2\n\"x|y\"|  z  \n\"q\"\"t\"|\\N\n");
  store().put(m_prefix + "/in/a2.csv", "h1|h2\nm|n\n");
  store().put(m_prefix + "/in/b1.csv", "h1|h2\nother|row\n");
  store().put(m_prefix + "/in/sub/a3.csv", "h1|h2\nnested|row\n");
  std::string opts = "'csv.column_separator' = '|', 'csv.skip_header' = '1', 'csv.enclose' = "
                     "'\"', 'csv.trim_space' = 'true'";
  ResultSet rs = rows("SELECT $1, $2 FROM " + files("in/a*", opts) + " ORDER BY $1");
  ASSERT_EQ(rs.rows.size(), 3u);
  EXPECT_EQ(rs.rows[0], (Row{"m", "n"}));
  EXPECT_EQ(rs.rows[1], (Row{"q\"t", std::nullopt}));
  EXPECT_EQ(rs.rows[2], (Row{"x|y", "z"}));
  // `?` and `[]` stay within one segment; a directory path is not recursive.
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM " + files("in/[ab]?.csv", opts)), "4"); // a1 a2 b1
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM " + files("in/[!a]?.csv", opts)), "1"); // b1
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM " + files("in/", opts)), "4");          // not in/sub/
  EXPECT_EQ(scalar("SELECT $1 FROM " + files("*/sub/a3.csv", opts)), "nested");
  EXPECT_EQ(error("SELECT * FROM " + files("*/a3.csv", opts)),
            "Getting analyzing error. Detail message: no file found with given path pattern: " +
                url("*/a3.csv") + ".");
  // A comma-separated list of files.
  std::string list = "FILES('path' = '" + url("in/a2.csv") + "," + url("in/sub/a3.csv") +
                     "', 'format' = 'csv', " + creds() + ", " + opts + ")";
  rs = rows("SELECT $1 FROM " + list + " ORDER BY $1");
  ASSERT_EQ(rs.rows.size(), 2u);
  EXPECT_EQ(rs.rows[0], (Row{"m"}));
  EXPECT_EQ(rs.rows[1], (Row{"nested"}));
  // Escape: the next byte is literal.
  store().put(m_prefix + "/esc/e.csv", "a\\,b,c\n");
  rs = rows("SELECT $1, $2 FROM " + files("esc/e.csv", "'csv.column_separator' = ',', "
                                                       "'csv.escape' = '\\\\'"));
  ASSERT_EQ(rs.rows.size(), 1u);
  EXPECT_EQ(rs.rows[0], (Row{"a,b", "c"}));
  EXPECT_EQ(error("SELECT * FROM " + files("esc/e.csv", "'csv.enclose' = ''")),
            "Getting analyzing error. Detail message: empty property csv.enclose.");
  EXPECT_EQ(error("SELECT * FROM " + files("esc/e.csv", "'csv.trim_space' = 'maybe'")),
            "Getting analyzing error. Detail message: illegal value of csv.trim_space: maybe, "
            "only true/false allowed.");
}

TEST_F(FilesTest, ClientListsEveryPageAndDeletes) {
  // s3rver pages ListObjectsV2 only when started with NODE_OPTIONS=--openssl-legacy-provider.
  for (const char* k : {"p/a b.csv", "p/b+c.csv", "p/c&d.csv", "p/d.csv", "p/e.csv"}) {
    store().put(m_prefix + "/" + k, k);
  }
  auto all = store().list(m_prefix + "/p/", 2);
  ASSERT_EQ(all.size(), 5u);
  EXPECT_EQ(all[0].key, m_prefix + "/p/a b.csv");
  EXPECT_EQ(all[2].key, m_prefix + "/p/c&d.csv");
  EXPECT_EQ(store().get(all[1].key), "p/b+c.csv");
  EXPECT_EQ(all[1].size, 9u);
  store().remove(all[0].key);
  EXPECT_EQ(store().list(m_prefix + "/p/", 2).size(), 4u);
}

TEST_F(FilesTest, FunctionsOverFilesColumns) {
  store().put(m_prefix + "/fn/f.csv", "abz\t00ff41\t12.5\t2024-02-29\n");
  ResultSet rs = rows("SELECT hex($1), unhex('414243'), substr($1, 2, 2), concat($1, '-', $4), "
                      "CAST($3 AS DECIMAL(10,2)), CAST($4 AS DATE), CAST('7' AS INT) FROM " +
                      files("fn/f.csv"));
  ASSERT_EQ(rs.rows.size(), 1u);
  EXPECT_EQ(rs.rows[0], (Row{"61627A", "ABC", "bz", "abz-2024-02-29", "12.50", "2024-02-29", "7"}));
}

TEST_F(FilesTest, InsertFromFilesIsALabelledLoadWithPartitionChecks) {
  ok("CREATE TABLE t (dt DATE, k VARCHAR(20), v INT) DUPLICATE KEY(dt) PARTITION BY RANGE(dt) ("
     "PARTITION p1 VALUES [('2024-01-01'), ('2024-01-02')), "
     "PARTITION p2 VALUES [('2024-01-02'), ('2024-01-03'))) DISTRIBUTED BY HASH(dt) BUCKETS 1");
  store().put(m_prefix + "/ld/p1.csv", "2024-01-01\ta\t1\n2024-01-01\tb\t\\N\n");
  store().put(m_prefix + "/ld/p2.csv", "2024-01-02\tc\t3\n");
  OkReply r = ok("INSERT INTO t PARTITION (p1) WITH LABEL files_l1 (k, dt, v) SELECT concat($2, "
                 "'_x'), CAST($1 AS DATE), CAST($3 AS INT) FROM " +
                 files("ld/p1.csv"));
  EXPECT_EQ(r.affected_rows, 2u);
  EXPECT_TRUE(std::regex_search(r.info, std::regex("'label':'files_l1', 'status':'VISIBLE'")))
      << r.info;
  ResultSet rs = rows("SELECT k, v FROM t ORDER BY k");
  ASSERT_EQ(rs.rows.size(), 2u);
  EXPECT_EQ(rs.rows[0], (Row{"a_x", "1"}));
  EXPECT_EQ(rs.rows[1], (Row{"b_x", std::nullopt}));
  EXPECT_EQ(cell(rows("SHOW LOAD WHERE LABEL = 'files_l1'"), 0, "State"), "FINISHED");
  EXPECT_EQ(scalar("SELECT STATE FROM information_schema.loads WHERE LABEL = 'files_l1'"),
            "FINISHED");
  EXPECT_EQ(error("INSERT INTO t WITH LABEL files_l1 SELECT $1, $2, $3 FROM " + files("ld/p2.csv")),
            "Label [files_l1] has already been used.");
  // A row outside the named partition fails the strict load.
  Reply bad = run("INSERT INTO t PARTITION (p1) WITH LABEL files_l2 SELECT $1, $2, $3 FROM " +
                  files("ld/p2.csv"));
  ASSERT_TRUE(std::holds_alternative<ErrorReply>(bad));
  EXPECT_EQ(scalar("SELECT STATE FROM information_schema.loads WHERE LABEL = 'files_l2'"),
            "CANCELLED");
  // INSERT OVERWRITE ... PARTITION from FILES.
  r = ok("INSERT OVERWRITE t PARTITION (p1) WITH LABEL files_l3 SELECT $1, $2, CAST($3 AS INT) "
         "FROM " +
         files("ld/p1.csv") + " WHERE $2 = 'a'");
  EXPECT_EQ(r.affected_rows, 1u);
  EXPECT_EQ(scalar("SELECT GROUP_CONCAT(k ORDER BY k) FROM t"), "a");
  // unhex answers a string (StarRocks's VARCHAR), stored as such.
  ok("INSERT INTO t (dt, k, v) SELECT $1, concat(unhex('C3A9'), unhex(hex($2))), 0 FROM " +
     files("ld/p2.csv"));
  EXPECT_EQ(scalar("SELECT k FROM t WHERE v = 0"), "\xC3\xA9"
                                                   "c");
}

} // namespace
} // namespace srsim::test
