// information_schema tables StarRocks fills itself: partitions_meta (§2), tables, columns (§8).

#include "engine_test_support.hpp"

#include "engine/info_schema_catalog.hpp"
#include "support/eventually.hpp"

namespace srsim::test {
namespace {

class InfoSchemaTest : public EngineTest {
protected:
  void SetUp() override {
    EngineTest::SetUp();
    if (!m_engine)
      return;
    ok("CREATE TABLE t (dt DATE NOT NULL, v INT COMMENT 'value') DUPLICATE KEY(dt) "
       "PARTITION BY RANGE(dt) (PARTITION p1 VALUES [('2024-01-01'), ('2024-01-02')), "
       "PARTITION p2 VALUES [('2024-01-02'), ('2024-01-03'))) DISTRIBUTED BY HASH(dt) BUCKETS 3 "
       "PROPERTIES ('replication_num' = '1')");
    ok("INSERT INTO t VALUES ('2024-01-01', 1), ('2024-01-01', 2)");
  }
};

TEST_F(InfoSchemaTest, PartitionsMetaAnswersSelectStarAndSubsets) {
  ResultSet all = rows("SELECT * FROM information_schema.partitions_meta WHERE DB_NAME = '" + m_db +
                       "' AND TABLE_NAME = 't' ORDER BY PARTITION_NAME");
  ASSERT_EQ(all.columns.size(), 30u);
  EXPECT_EQ(all.columns[0], "DB_NAME");
  EXPECT_EQ(all.columns[29], "METADATA_SWITCH_VERSION");
  ASSERT_EQ(all.rows.size(), 2u);
  EXPECT_EQ(cell(all, 0, "PARTITION_NAME"), "p1");
  EXPECT_EQ(cell(all, 0, "VISIBLE_VERSION"), "2");
  EXPECT_EQ(cell(all, 1, "VISIBLE_VERSION"), "1");
  EXPECT_EQ(cell(all, 0, "ROW_COUNT"), "2");
  EXPECT_EQ(cell(all, 0, "PARTITION_VALUE"),
            "[types: [DATE]; keys: [2024-01-01]; ..types: [DATE]; keys: [2024-01-02]; )");
  EXPECT_EQ(cell(all, 0, "BUCKETS"), "3");
  ResultSet subset = rows("SELECT PARTITION_NAME, VISIBLE_VERSION FROM "
                          "information_schema.partitions_meta WHERE DB_NAME = '" +
                          m_db + "' AND VISIBLE_VERSION > 1");
  ASSERT_EQ(subset.rows.size(), 1u);
  EXPECT_EQ(subset.rows[0][0], "p1");
}

TEST_F(InfoSchemaTest, PartitionsTableIsAlwaysEmpty) {
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM information_schema.partitions WHERE TABLE_SCHEMA = '" +
                   m_db + "'"),
            "0");
}

class OldInfoSchemaTest : public EngineTest {
  void configure(ClusterConfig& c) override { c.version = Version{3, 2, 9}; }
};

TEST_F(OldInfoSchemaTest, PartitionsMetaNeedsVersion33) {
  EXPECT_NE(error("SELECT * FROM information_schema.partitions_meta").find("Unknown table"),
            std::string::npos);
}

TEST_F(InfoSchemaTest, TablesReportRowsAndStarRocksEngine) {
  ok("CREATE VIEW v AS SELECT * FROM t");
  ResultSet rs = rows("SELECT TABLE_NAME, TABLE_TYPE, ENGINE, TABLE_ROWS FROM "
                      "information_schema.tables WHERE TABLE_SCHEMA = '" +
                      m_db + "' ORDER BY TABLE_NAME");
  ASSERT_EQ(rs.rows.size(), 2u);
  EXPECT_EQ(rs.rows[0], (Row{"t", "BASE TABLE", "StarRocks", "2"}));
  EXPECT_EQ(rs.rows[1][1], "VIEW");
}

TEST_F(InfoSchemaTest, ColumnsShowStarRocksTypes) {
  ResultSet rs = rows("SELECT COLUMN_NAME, DATA_TYPE, COLUMN_TYPE, IS_NULLABLE, COLUMN_KEY, "
                      "COLUMN_COMMENT FROM information_schema.columns WHERE TABLE_SCHEMA = '" +
                      m_db + "' AND TABLE_NAME = 't' ORDER BY ORDINAL_POSITION");
  ASSERT_EQ(rs.rows.size(), 2u);
  EXPECT_EQ(rs.rows[0], (Row{"dt", "date", "date", "NO", "DUP", ""}));
  EXPECT_EQ(rs.rows[1], (Row{"v", "int", "int(11)", "YES", "", "value"}));
}

// ---- per-version column lists (info_schema_catalog.cpp) ------------------------------------

namespace per_version {

using exl::test::eventually;
using Names = std::vector<std::string>;

const Names k_tables = {"TABLE_CATALOG",  "TABLE_SCHEMA",    "TABLE_NAME",      "TABLE_TYPE",
                        "ENGINE",         "VERSION",         "ROW_FORMAT",      "TABLE_ROWS",
                        "AVG_ROW_LENGTH", "DATA_LENGTH",     "MAX_DATA_LENGTH", "INDEX_LENGTH",
                        "DATA_FREE",      "AUTO_INCREMENT",  "CREATE_TIME",     "UPDATE_TIME",
                        "CHECK_TIME",     "TABLE_COLLATION", "CHECKSUM",        "CREATE_OPTIONS",
                        "TABLE_COMMENT"};
const Names k_columns = {"TABLE_CATALOG",
                         "TABLE_SCHEMA",
                         "TABLE_NAME",
                         "COLUMN_NAME",
                         "ORDINAL_POSITION",
                         "COLUMN_DEFAULT",
                         "IS_NULLABLE",
                         "DATA_TYPE",
                         "CHARACTER_MAXIMUM_LENGTH",
                         "CHARACTER_OCTET_LENGTH",
                         "NUMERIC_PRECISION",
                         "NUMERIC_SCALE",
                         "DATETIME_PRECISION",
                         "CHARACTER_SET_NAME",
                         "COLLATION_NAME",
                         "COLUMN_TYPE",
                         "COLUMN_KEY",
                         "EXTRA",
                         "PRIVILEGES",
                         "COLUMN_COMMENT",
                         "COLUMN_SIZE",
                         "DECIMAL_DIGITS",
                         "GENERATION_EXPRESSION",
                         "SRS_ID"};
const Names k_partitions_meta = {"DB_NAME",
                                 "TABLE_NAME",
                                 "PARTITION_NAME",
                                 "PARTITION_ID",
                                 "COMPACT_VERSION",
                                 "VISIBLE_VERSION",
                                 "VISIBLE_VERSION_TIME",
                                 "NEXT_VERSION",
                                 "DATA_VERSION",
                                 "VERSION_EPOCH",
                                 "VERSION_TXN_TYPE",
                                 "PARTITION_KEY",
                                 "PARTITION_VALUE",
                                 "DISTRIBUTION_KEY",
                                 "BUCKETS",
                                 "REPLICATION_NUM",
                                 "STORAGE_MEDIUM",
                                 "COOLDOWN_TIME",
                                 "LAST_CONSISTENCY_CHECK_TIME",
                                 "IS_IN_MEMORY",
                                 "IS_TEMP",
                                 "DATA_SIZE",
                                 "ROW_COUNT",
                                 "ENABLE_DATACACHE",
                                 "AVG_CS",
                                 "P50_CS",
                                 "MAX_CS",
                                 "STORAGE_PATH",
                                 "STORAGE_SIZE",
                                 "METADATA_SWITCH_VERSION"};
const Names k_tasks_old = {"TASK_NAME", "CREATE_TIME", "SCHEDULE",
                           "DATABASE",  "DEFINITION",  "EXPIRE_TIME"};
const Names k_tasks_new = {"TASK_NAME", "CREATE_TIME", "SCHEDULE",    "CATALOG",    "WAREHOUSE",
                           "DATABASE",  "DEFINITION",  "EXPIRE_TIME", "PROPERTIES", "CREATOR"};
const Names k_task_runs_old = {"QUERY_ID",      "TASK_NAME",  "CREATE_TIME",   "FINISH_TIME",
                               "STATE",         "CATALOG",    "DATABASE",      "DEFINITION",
                               "EXPIRE_TIME",   "ERROR_CODE", "ERROR_MESSAGE", "PROGRESS",
                               "EXTRA_MESSAGE", "PROPERTIES", "JOB_ID",        "PROCESS_TIME"};
const Names k_task_runs_new = {
    "QUERY_ID",  "TASK_NAME",     "CREATE_TIME", "FINISH_TIME", "STATE",        "CATALOG",
    "WAREHOUSE", "DATABASE",      "DEFINITION",  "EXPIRE_TIME", "ERROR_CODE",   "ERROR_MESSAGE",
    "PROGRESS",  "EXTRA_MESSAGE", "PROPERTIES",  "JOB_ID",      "PROCESS_TIME", "TASK_SOURCE"};

// materialized_views: the pre-3.0 SchemaTable entry (2.5), the all-VARCHAR 3.0/3.1 copy, the
// typed 3.3 copy (info_schema_catalog.cpp).
const Names k_mvs_25 = {"MATERIALIZED_VIEW_ID", "TABLE_SCHEMA", "TABLE_NAME",
                        "MATERIALIZED_VIEW_DEFINITION", "TABLE_ROWS"};
const Names k_mvs_31 = {"MATERIALIZED_VIEW_ID",
                        "TABLE_SCHEMA",
                        "TABLE_NAME",
                        "REFRESH_TYPE",
                        "IS_ACTIVE",
                        "INACTIVE_REASON",
                        "PARTITION_TYPE",
                        "TASK_ID",
                        "TASK_NAME",
                        "LAST_REFRESH_START_TIME",
                        "LAST_REFRESH_FINISHED_TIME",
                        "LAST_REFRESH_DURATION",
                        "LAST_REFRESH_STATE",
                        "LAST_REFRESH_FORCE_REFRESH",
                        "LAST_REFRESH_START_PARTITION",
                        "LAST_REFRESH_END_PARTITION",
                        "LAST_REFRESH_BASE_REFRESH_PARTITIONS",
                        "LAST_REFRESH_MV_REFRESH_PARTITIONS",
                        "LAST_REFRESH_ERROR_CODE",
                        "LAST_REFRESH_ERROR_MESSAGE",
                        "TABLE_ROWS",
                        "MATERIALIZED_VIEW_DEFINITION"};
Names mvs_33() {
  Names out = k_mvs_31;
  for (const char* c : {"EXTRA_MESSAGE", "QUERY_REWRITE_STATUS", "CREATOR",
                        "LAST_REFRESH_PROCESS_TIME", "LAST_REFRESH_JOB_ID"}) {
    out.push_back(c);
  }
  return out;
}
// loads (v3.1+): LoadsSystemTable.java, old and new layout.
const Names k_loads_31 = {"JOB_ID",
                          "LABEL",
                          "DATABASE_NAME",
                          "STATE",
                          "PROGRESS",
                          "TYPE",
                          "PRIORITY",
                          "SCAN_ROWS",
                          "FILTERED_ROWS",
                          "UNSELECTED_ROWS",
                          "SINK_ROWS",
                          "ETL_INFO",
                          "TASK_INFO",
                          "CREATE_TIME",
                          "ETL_START_TIME",
                          "ETL_FINISH_TIME",
                          "LOAD_START_TIME",
                          "LOAD_FINISH_TIME",
                          "JOB_DETAILS",
                          "ERROR_MSG",
                          "TRACKING_URL",
                          "TRACKING_SQL",
                          "REJECTED_RECORD_PATH"};
const Names k_loads_33 = {"ID",
                          "LABEL",
                          "PROFILE_ID",
                          "DB_NAME",
                          "TABLE_NAME",
                          "USER",
                          "WAREHOUSE",
                          "STATE",
                          "PROGRESS",
                          "TYPE",
                          "PRIORITY",
                          "SCAN_ROWS",
                          "SCAN_BYTES",
                          "FILTERED_ROWS",
                          "UNSELECTED_ROWS",
                          "SINK_ROWS",
                          "RUNTIME_DETAILS",
                          "CREATE_TIME",
                          "LOAD_START_TIME",
                          "LOAD_COMMIT_TIME",
                          "LOAD_FINISH_TIME",
                          "PROPERTIES",
                          "ERROR_MSG",
                          "TRACKING_SQL",
                          "REJECTED_RECORD_PATH",
                          "JOB_ID"};

Names mvs_of(const Version& v) {
  return v.at_least(3, 3) ? mvs_33() : v.at_least(3, 0) ? k_mvs_31 : k_mvs_25;
}
Names loads_of(const Version& v) {
  return v.at_least(3, 3) ? k_loads_33 : v.at_least(3, 1) ? k_loads_31 : Names{};
}

Names names_of(const std::string& table, const Version& v) {
  Names out;
  auto columns = engine::info_schema_columns_of(table, v);
  for (const auto& c : columns.value_or(std::vector<engine::InfoSchemaColumn>{})) {
    out.push_back(c.name);
  }
  return out;
}

std::string type_of(const std::string& table, const std::string& column, const Version& v) {
  auto columns = engine::info_schema_columns_of(table, v);
  for (const auto& c : columns.value_or(std::vector<engine::InfoSchemaColumn>{})) {
    if (c.name == column)
      return c.type;
  }
  return "";
}

template <int Major, int Minor, int Patch> struct At {
  static Version get() { return Version{Major, Minor, Patch}; }
};

template <class Release> class VersionedInfoSchemaTest : public EngineTest {
protected:
  void configure(ClusterConfig& c) override { c.version = Release::get(); }
  bool from33() const { return Release::get().at_least(3, 3); }
};

struct ReleaseName {
  template <class T> static std::string GetName(int) {
    Version v = T::get();
    return "v" + std::to_string(v.major) + std::to_string(v.minor);
  }
};

using SimulatedReleases = ::testing::Types<At<2, 5, 22>, At<3, 1, 17>, At<3, 3, 5>, At<3, 4, 4>>;
TYPED_TEST_SUITE(VersionedInfoSchemaTest, SimulatedReleases, ReleaseName);

TYPED_TEST(VersionedInfoSchemaTest, CatalogListsStarRocksColumnsInOrder) {
  const Version v = TypeParam::get();
  EXPECT_EQ(names_of("tables", v), k_tables);
  EXPECT_EQ(names_of("columns", v), k_columns);
  EXPECT_EQ(names_of("partitions_meta", v), this->from33() ? k_partitions_meta : Names{});
  EXPECT_EQ(names_of("tasks", v), this->from33() ? k_tasks_new : k_tasks_old);
  EXPECT_EQ(names_of("task_runs", v), this->from33() ? k_task_runs_new : k_task_runs_old);
  EXPECT_EQ(names_of("materialized_views", v), mvs_of(v));
  EXPECT_EQ(names_of("loads", v), loads_of(v));
  EXPECT_FALSE(engine::info_schema_columns_of("no_such_table", v));
}

TYPED_TEST(VersionedInfoSchemaTest, CatalogUsesStarRocksTypes) {
  const Version v = TypeParam::get();
  EXPECT_EQ(type_of("tables", "TABLE_ROWS", v), "BIGINT");
  EXPECT_EQ(type_of("tables", "CREATE_TIME", v), "DATETIME");
  EXPECT_EQ(type_of("columns", "ORDINAL_POSITION", v), "BIGINT");
  EXPECT_EQ(type_of("task_runs", "ERROR_CODE", v), "BIGINT");
  EXPECT_EQ(type_of("task_runs", "JOB_ID", v), "VARCHAR(64)");
  EXPECT_EQ(type_of("task_runs", "FINISH_TIME", v), "DATETIME");
  if (this->from33()) {
    EXPECT_EQ(type_of("partitions_meta", "BUCKETS", v), "INT");
    EXPECT_EQ(type_of("partitions_meta", "IS_TEMP", v), "BOOLEAN");
    EXPECT_EQ(type_of("partitions_meta", "AVG_CS", v), "DOUBLE");
    EXPECT_EQ(type_of("partitions_meta", "DATA_SIZE", v), "BIGINT");
    EXPECT_EQ(type_of("materialized_views", "MATERIALIZED_VIEW_ID", v), "BIGINT");
    EXPECT_EQ(type_of("materialized_views", "LAST_REFRESH_DURATION", v), "DOUBLE");
    EXPECT_EQ(type_of("loads", "RUNTIME_DETAILS", v), "JSON");
  } else {
    EXPECT_EQ(type_of("materialized_views", "MATERIALIZED_VIEW_ID", v), "VARCHAR(50)");
    EXPECT_EQ(type_of("materialized_views", "TABLE_ROWS", v), "VARCHAR(50)");
  }
  if (v.at_least(3, 1)) {
    EXPECT_EQ(type_of("loads", "LABEL", v), "VARCHAR(2048)");
    EXPECT_EQ(type_of("loads", "CREATE_TIME", v), "DATETIME");
    EXPECT_EQ(type_of("loads", "SINK_ROWS", v), "BIGINT");
  }
}

TYPED_TEST(VersionedInfoSchemaTest, DescribeShowsStarRocksTypes) {
  for (const std::string table : {"tables", "columns", "tasks", "task_runs", "partitions_meta",
                                  "materialized_views", "loads"}) {
    std::string sql = "DESC information_schema." + table;
    if (names_of(table, TypeParam::get()).empty()) {
      EXPECT_NE(this->error(sql).find("Unknown table 'information_schema." + table + "'"),
                std::string::npos);
      continue;
    }
    ResultSet desc = this->rows(sql);
    ASSERT_EQ(desc.columns, (Names{"Field", "Type", "Null", "Key", "Default", "Extra"}));
    Names fields;
    for (const Row& r : desc.rows) {
      fields.push_back(*r[0]);
    }
    EXPECT_EQ(fields, names_of(table, TypeParam::get())) << table;
  }
  ResultSet runs = this->rows("DESC information_schema.task_runs");
  EXPECT_EQ(this->cell(runs, 0, "Type"), "VARCHAR(64)");
  EXPECT_EQ(this->cell(runs, 2, "Type"), "DATETIME");
  EXPECT_EQ(this->cell(runs, 0, "Null"), "YES");
  ResultSet tables = this->rows("DESC information_schema.tables");
  EXPECT_EQ(this->cell(tables, 7, "Field"), "TABLE_ROWS");
  EXPECT_EQ(this->cell(tables, 7, "Type"), "BIGINT");
}

TYPED_TEST(VersionedInfoSchemaTest, SelectStarAnswersTheVersionsColumns) {
  this->ok(
      "CREATE TABLE t (dt DATE NOT NULL, v INT) DUPLICATE KEY(dt) PARTITION BY RANGE(dt) "
      "(PARTITION p1 VALUES [('2024-01-01'), ('2024-01-02'))) DISTRIBUTED BY HASH(dt) BUCKETS 2 "
      "PROPERTIES ('replication_num' = '1')");
  this->ok("INSERT INTO t VALUES ('2024-01-01', 7)");
  std::string where = " WHERE TABLE_SCHEMA = '" + this->m_db + "'";
  ResultSet tables = this->rows("SELECT * FROM information_schema.tables" + where);
  EXPECT_EQ(tables.columns, k_tables);
  ASSERT_EQ(tables.rows.size(), 1u);
  EXPECT_EQ(this->cell(tables, 0, "TABLE_NAME"), "t");
  EXPECT_EQ(this->cell(tables, 0, "VERSION"), "NULL");
  // Strings compare byte for byte, as in StarRocks.
  EXPECT_EQ(this->scalar("SELECT COUNT(*) FROM information_schema.tables" + where +
                         " AND TABLE_NAME = 'T'"),
            "0");
  ResultSet columns =
      this->rows("SELECT * FROM information_schema.columns" + where + " ORDER BY ORDINAL_POSITION");
  EXPECT_EQ(columns.columns, k_columns);
  ASSERT_EQ(columns.rows.size(), 2u);
  EXPECT_EQ(this->cell(columns, 1, "COLUMN_TYPE"), "int(11)");
  EXPECT_EQ(this->rows("SELECT * FROM information_schema.tasks").columns,
            this->from33() ? k_tasks_new : k_tasks_old);
  EXPECT_EQ(this->rows("SELECT * FROM information_schema.task_runs").columns,
            this->from33() ? k_task_runs_new : k_task_runs_old);
  std::string pm =
      "SELECT * FROM information_schema.partitions_meta WHERE DB_NAME = '" + this->m_db + "'";
  if (!this->from33()) {
    EXPECT_NE(this->error(pm).find("Unknown table 'information_schema.partitions_meta'"),
              std::string::npos);
    return;
  }
  ResultSet meta = this->rows(pm);
  EXPECT_EQ(meta.columns, k_partitions_meta);
  ASSERT_EQ(meta.rows.size(), 1u);
  EXPECT_EQ(this->cell(meta, 0, "BUCKETS"), "2");
  EXPECT_EQ(this->cell(meta, 0, "IS_TEMP"), "0");
  EXPECT_EQ(this->cell(meta, 0, "LAST_CONSISTENCY_CHECK_TIME"), "NULL");
}

TYPED_TEST(VersionedInfoSchemaTest, TaskRowsCarryTheRun) {
  this->ok("CREATE TABLE t (k INT, v INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1");
  // INSERT as a task body needs 3.0; before that CREATE TABLE AS SELECT is the only one
  // (starrocks-surface.md §5).
  this->ok(TypeParam::get().at_least(3, 0)
               ? "SUBMIT TASK isx AS INSERT INTO t VALUES (1, 1)"
               : "SUBMIT TASK isx AS CREATE TABLE t2 DISTRIBUTED BY HASH(k) BUCKETS 1 AS "
                 "SELECT * FROM t");
  std::string state;
  eventually(
      [&] {
        state =
            this->scalar("SELECT STATE FROM information_schema.task_runs WHERE TASK_NAME = 'isx'");
        return state == "SUCCESS" || state == "FAILED";
      },
      std::chrono::seconds(20));
  EXPECT_EQ(state, "SUCCESS");
  ResultSet run = this->rows("SELECT * FROM information_schema.task_runs WHERE TASK_NAME = 'isx'");
  ASSERT_EQ(run.rows.size(), 1u);
  EXPECT_EQ(this->cell(run, 0, "DATABASE"), this->m_db);
  EXPECT_EQ(this->cell(run, 0, "ERROR_CODE"), "0");
  EXPECT_EQ(this->cell(run, 0, "PROGRESS"), "100%");
  ResultSet task = this->rows("SELECT * FROM information_schema.tasks WHERE TASK_NAME = 'isx'");
  ASSERT_EQ(task.rows.size(), 1u);
  EXPECT_EQ(this->cell(task, 0, "SCHEDULE"), "MANUAL");
  EXPECT_EQ(this->cell(task, 0, "DATABASE"), this->m_db);
}

TYPED_TEST(VersionedInfoSchemaTest, MaterializedViewRowsDescribeTheMv) {
  const Version v = TypeParam::get();
  this->ok("CREATE TABLE t (k INT, v INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1");
  this->ok("INSERT INTO t VALUES (1, 1), (2, 2)");
  this->ok("CREATE MATERIALIZED VIEW mv DISTRIBUTED BY HASH(k) BUCKETS 1 REFRESH MANUAL AS "
           "SELECT k, v FROM t");
  ResultSet rs = this->rows("SELECT * FROM information_schema.materialized_views WHERE "
                            "TABLE_SCHEMA = '" +
                            this->m_db + "'");
  EXPECT_EQ(rs.columns, mvs_of(v));
  ASSERT_EQ(rs.rows.size(), 1u);
  EXPECT_EQ(this->cell(rs, 0, "TABLE_NAME"), "mv");
  EXPECT_EQ(this->cell(rs, 0, "TABLE_ROWS"), "2");
  // SHOW MATERIALIZED VIEWS' `text`: the DDL SHOW CREATE MATERIALIZED VIEW prints.
  ResultSet ddl = this->rows("SHOW CREATE MATERIALIZED VIEW mv");
  EXPECT_EQ(this->cell(rs, 0, "MATERIALIZED_VIEW_DEFINITION"), *ddl.rows.at(0).at(1));
  if (v.at_least(3, 0)) {
    EXPECT_EQ(this->cell(rs, 0, "REFRESH_TYPE"), "MANUAL");
    EXPECT_EQ(this->cell(rs, 0, "IS_ACTIVE"), "true");
    EXPECT_EQ(this->cell(rs, 0, "PARTITION_TYPE"), "UNPARTITIONED");
    EXPECT_EQ(this->cell(rs, 0, "TASK_NAME"), "mv-" + this->cell(rs, 0, "MATERIALIZED_VIEW_ID"));
    EXPECT_EQ(this->cell(rs, 0, "LAST_REFRESH_STATE"), "SUCCESS");
  }
  // The session's database when TABLE_SCHEMA is not given (3.3+), every database before.
  EXPECT_EQ(this->scalar("SELECT COUNT(*) FROM information_schema.materialized_views WHERE "
                         "TABLE_NAME = 'mv'"),
            "1");
}

TYPED_TEST(VersionedInfoSchemaTest, LoadRowsListInsertJobs) {
  const Version v = TypeParam::get();
  this->ok("CREATE TABLE t (dt DATE, v INT) DUPLICATE KEY(dt) PARTITION BY RANGE(dt) ("
           "PARTITION p1 VALUES [('2024-01-01'), ('2024-01-02'))) DISTRIBUTED BY HASH(dt) "
           "BUCKETS 1");
  if (!v.at_least(3, 1)) {
    EXPECT_NE(this->error("SELECT * FROM information_schema.loads")
                  .find("Unknown table 'information_schema.loads'"),
              std::string::npos);
    return;
  }
  this->ok("INSERT INTO t WITH LABEL ok_1 VALUES ('2024-01-01', 1), ('2024-01-01', 2)");
  this->error("INSERT INTO t WITH LABEL bad_1 VALUES ('2024-05-05', 1)");
  this->m_session.variables["enable_insert_strict"] = "false";
  this->ok("INSERT INTO t WITH LABEL lax_1 VALUES ('2024-05-05', 1), ('2024-01-01', 3)");
  const std::string db_column = v.at_least(3, 3) ? "DB_NAME" : "DATABASE_NAME";
  ResultSet rs = this->rows("SELECT * FROM information_schema.loads WHERE " + db_column + " = '" +
                            this->m_db + "' ORDER BY LABEL");
  EXPECT_EQ(rs.columns, loads_of(v));
  ASSERT_EQ(rs.rows.size(), 3u);
  // bad_1, lax_1, ok_1
  EXPECT_EQ(this->cell(rs, 0, "STATE"), "CANCELLED");
  EXPECT_EQ(this->cell(rs, 0, "ERROR_MSG")
                .rfind("type:LOAD_RUN_FAIL; msg:Cancelled, msg: Insert "
                       "has filtered data in strict mode",
                       0),
            0u);
  EXPECT_EQ(this->cell(rs, 1, "STATE"), "FINISHED");
  EXPECT_EQ(this->cell(rs, 1, "SINK_ROWS"), "1");
  EXPECT_EQ(this->cell(rs, 1, "FILTERED_ROWS"), "1");
  EXPECT_EQ(this->cell(rs, 2, "STATE"), "FINISHED");
  EXPECT_EQ(this->cell(rs, 2, "TYPE"), "INSERT");
  EXPECT_EQ(this->cell(rs, 2, "SINK_ROWS"), "2");
  EXPECT_EQ(this->cell(rs, 2, "ERROR_MSG"), "NULL");
  EXPECT_EQ(this->cell(rs, 2, "PROGRESS"), "ETL:100%; LOAD:100%");
  if (v.at_least(3, 3)) {
    EXPECT_EQ(this->cell(rs, 2, "TABLE_NAME"), "t");
    EXPECT_EQ(this->cell(rs, 2, "USER"), "root");
    EXPECT_EQ(this->cell(rs, 2, "ID"), this->cell(rs, 2, "JOB_ID"));
  }
}

} // namespace per_version

} // namespace
} // namespace srsim::test
