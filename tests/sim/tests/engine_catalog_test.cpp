// JDBC catalogs across two clusters (starrocks-surface.md §6): a second MariaDB (started here
// with tests/support/mariadb.sh) with its own engine plays the other cluster.

#include "engine_test_support.hpp"

#include <unistd.h>

#include <filesystem>

namespace srsim::test {
namespace {

std::string support_script() {
  return (std::filesystem::path(__FILE__).parent_path() / "../../support/mariadb.sh").string();
}

class CatalogTest : public EngineTest {
protected:
  static void SetUpTestSuite() {
    char tmpl[] = "/tmp/srsim-catalog-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    s_dir = tmpl;
    // The other cluster's engine creates srsim's hash functions too: its server needs the UDF.
    std::string cmd = "SRSIM_UDF='" + std::string(SRSIM_UDF_PATH) + "' bash " + support_script() +
                      " start " + s_dir + " >/dev/null";
    ASSERT_EQ(std::system(cmd.c_str()), 0);
  }
  static void TearDownTestSuite() {
    std::string cmd = "bash " + support_script() + " stop " + s_dir + " >/dev/null";
    EXPECT_EQ(std::system(cmd.c_str()), 0);
    std::filesystem::remove_all(s_dir);
  }
  void SetUp() override {
    EngineTest::SetUp();
    if (!m_engine)
      return;
    m_other_config.storage = storage_from_env_file(s_dir + "/mariadb.env");
    m_other = make_engine(m_other_config);
    m_other_session.connection_id = 1;
    other("CREATE DATABASE " + m_db);
    other("CREATE TABLE " + m_db +
          ".src (k INT, v VARCHAR(10)) DUPLICATE KEY(k) "
          "DISTRIBUTED BY HASH(k) BUCKETS 1");
    other("INSERT INTO " + m_db + ".src VALUES (1, 'a'), (2, 'b'), (3, 'c')");
  }
  void TearDown() override {
    if (m_other) {
      other("DROP DATABASE IF EXISTS " + m_db);
      run("DROP CATALOG IF EXISTS other");
    }
    EngineTest::TearDown();
  }
  void other(const std::string& sql) {
    Reply r = m_other->execute(m_other_session, sql);
    if (auto* e = std::get_if<ErrorReply>(&r))
      ADD_FAILURE() << sql << " -> " << e->message;
  }
  std::string create_catalog(const std::string& password) {
    const StorageConfig& s = m_other_config.storage;
    return "CREATE EXTERNAL CATALOG other COMMENT 'the other cluster' PROPERTIES ("
           "'type' = 'jdbc', 'user' = '" +
           s.user + "', 'password' = '" + password +
           "', "
           "'jdbc_uri' = 'jdbc:mysql://127.0.0.1:" +
           std::to_string(s.port) +
           "', "
           "'driver_url' = 'file:///opt/mysql-connector-j.jar', "
           "'driver_class' = 'com.mysql.cj.jdbc.Driver')";
  }

  static inline std::string s_dir;
  ClusterConfig m_other_config;
  std::unique_ptr<Engine> m_other;
  SessionContext m_other_session;
};

TEST_F(CatalogTest, ThreePartNamesReadTheOtherCluster) {
  ok(create_catalog(m_other_config.storage.password));
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM other." + m_db + ".src"), "3");
  ok("CREATE TABLE dst (k INT, v VARCHAR(10)) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k)");
  OkReply r = ok("INSERT INTO dst SELECT * FROM other." + m_db + ".src WHERE k >= 2");
  EXPECT_EQ(r.affected_rows, 2u);
  EXPECT_EQ(scalar("SELECT GROUP_CONCAT(v ORDER BY k) FROM default_catalog." + m_db + ".dst"),
            "b,c");
  EXPECT_NE(error("SELECT * FROM other." + m_db + ".nope").find("Unknown table"),
            std::string::npos);
}

TEST_F(CatalogTest, ShowCatalogsAndShowCreateMaskThePassword) {
  ok(create_catalog(m_other_config.storage.password));
  ResultSet rs = rows("SHOW CATALOGS");
  ASSERT_EQ(rs.columns, (std::vector<std::string>{"Catalog", "Type", "Comment"}));
  ASSERT_EQ(rs.rows.size(), 2u);
  EXPECT_EQ(cell(rs, 0, "Comment"),
            "An internal catalog contains this cluster's self-managed tables.");
  EXPECT_EQ(cell(rs, 1, "Catalog"), "other");
  EXPECT_EQ(cell(rs, 1, "Type"), "Jdbc");
  std::string ddl = cell(rows("SHOW CREATE CATALOG other"), 0, "Create Catalog");
  EXPECT_EQ(ddl.find(m_other_config.storage.password), std::string::npos) << ddl;
  EXPECT_NE(ddl.find("******"), std::string::npos);
  // SHOW CATALOGS LIKE parses from 3.5 only (§14; engine_syntax_gate_test checks the pattern).
  EXPECT_EQ(error("SHOW CATALOGS LIKE 'oth%'").rfind("Getting syntax error", 0), 0u);
  EXPECT_EQ(error(create_catalog("x")), "Catalog 'other' already exists");
  ok("DROP CATALOG other");
  EXPECT_EQ(error("DROP CATALOG other"), "Unknown catalog 'other'");
}

TEST_F(CatalogTest, WrongPasswordFailsAtFirstUseAndBadUriAtCreate) {
  ok(create_catalog("wrong-password"));
  EXPECT_NE(error("SELECT * FROM other." + m_db + ".src").find("Access denied"), std::string::npos);
  run("DROP CATALOG other");
  EXPECT_EQ(error("CREATE EXTERNAL CATALOG bad PROPERTIES ('type' = 'jdbc', 'user' = 'u', "
                  "'password' = 'p', 'jdbc_uri' = 'mysql:/x', 'driver_url' = 'u', "
                  "'driver_class' = 'c')"),
            "Getting analyzing error. Detail message: Malformed database URL, failed to parse "
            "the main URL sections.");
}

class OldCatalogTest : public EngineTest {
  void configure(ClusterConfig& c) override { c.version = Version{2, 5, 13}; }
};

TEST_F(OldCatalogTest, JdbcCatalogsNeedVersion30) {
  EXPECT_NE(error("CREATE EXTERNAL CATALOG c PROPERTIES ('type' = 'jdbc', 'user' = 'u', "
                  "'password' = 'p', 'jdbc_uri' = 'jdbc:mysql://127.0.0.1:1', "
                  "'driver_url' = 'u', 'driver_class' = 'c')")
                .find("Unknown catalog type"),
            std::string::npos);
}

} // namespace
} // namespace srsim::test
