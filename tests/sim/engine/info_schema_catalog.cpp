// Column lists of the information_schema tables srsim fills itself, per StarRocks version.
//
// Sources (StarRocks/starrocks, read through the stored copies; the release where a column or
// table appeared is given per entry, "srsim 3.3" where the split predates this table and no
// per-release source was available — see docs/srsim-engine.md "Known differences"):
//   T  fe/fe-core/src/main/java/com/starrocks/catalog/SchemaTable.java (pre-3.0 layout, blob
//      04d43f2b) and catalog/system/information/TablesSystemTable.java (3.x): same 21 columns.
//   C  the same SchemaTable.java "columns" entry and ColumnsSystemTable.java: 24 columns.
//   PM catalog/system/information/PartitionsMetaSystemTable.java (05d6c715); the table is
//      observed on 3.3.0 (starrocks-surface.md §2), so it is absent before 3.3.
//   K  "tasks" in SchemaTable.java (6 columns) and TasksSystemTable.java (10 columns).
//   R  "task_runs": TaskRunsSystemTable.java (0160d4fb) for 3.3+, the 16-column list below it
//      for older versions as srsim had it (docs information_schema/task_runs.md).
//   MV "materialized_views": MV25 = the "materialized_views" entry of the pre-3.0 SchemaTable.java
//      (5 columns; the id/name/database_name/text/rows of 2.5's SHOW MATERIALIZED VIEWS);
//      MV31 = MaterializedViewsSystemTable.java blob with every column VARCHAR (22 columns, a
//      3.0/3.1-era copy); MV33 = the typed copy with EXTRA_MESSAGE .. LAST_REFRESH_JOB_ID (27
//      columns). Which 3.x release switched from MV31 to MV33 was not confirmed (srsim: 3.3).
//   L  "loads" (v3.1+, docs information_schema/loads.md): L31 = LoadsSystemTable.java with
//      JOB_ID .. REJECTED_RECORD_PATH (23 columns); L33 = the copy starting ID, LABEL, PROFILE_ID
//      and ending JOB_ID (26 columns, ScalarType API, so a 3.x release; srsim: 3.3, unconfirmed).
//
// Types are StarRocks's declared types (what DESC shows). They are materialised in MariaDB with
// the same types, except VARCHAR(n) which becomes TEXT: StarRocks does not cut values to n
// (COLUMN_TYPE is VARCHAR(32) yet holds longer types) and MariaDB's row size could not hold
// partitions_meta's VARCHAR(2048) columns.

#include "info_schema_catalog.hpp"

namespace srsim::engine {

namespace {

struct Entry {
  const char* table;
  const char* column;
  const char* type;
  int since_major; // first version that has the column (0 = every simulated version)
  int since_minor;
  int until_major; // first version without it (0 = still present)
  int until_minor;
};

constexpr const char* k_name = "VARCHAR(2048)"; // NAME_CHAR_LEN
constexpr const char* k_max = "VARCHAR(65535)"; // MAX_FIELD_VARCHARLENGTH

// clang-format off
const Entry k_entries[] = {
    // information_schema.tables (T)
    {"tables", "TABLE_CATALOG", "VARCHAR(512)", 0, 0, 0, 0},
    {"tables", "TABLE_SCHEMA", k_name, 0, 0, 0, 0},
    {"tables", "TABLE_NAME", k_name, 0, 0, 0, 0},
    {"tables", "TABLE_TYPE", k_name, 0, 0, 0, 0},
    {"tables", "ENGINE", k_name, 0, 0, 0, 0},
    {"tables", "VERSION", "BIGINT", 0, 0, 0, 0},
    {"tables", "ROW_FORMAT", "VARCHAR(10)", 0, 0, 0, 0},
    {"tables", "TABLE_ROWS", "BIGINT", 0, 0, 0, 0},
    {"tables", "AVG_ROW_LENGTH", "BIGINT", 0, 0, 0, 0},
    {"tables", "DATA_LENGTH", "BIGINT", 0, 0, 0, 0},
    {"tables", "MAX_DATA_LENGTH", "BIGINT", 0, 0, 0, 0},
    {"tables", "INDEX_LENGTH", "BIGINT", 0, 0, 0, 0},
    {"tables", "DATA_FREE", "BIGINT", 0, 0, 0, 0},
    {"tables", "AUTO_INCREMENT", "BIGINT", 0, 0, 0, 0},
    {"tables", "CREATE_TIME", "DATETIME", 0, 0, 0, 0},
    {"tables", "UPDATE_TIME", "DATETIME", 0, 0, 0, 0},
    {"tables", "CHECK_TIME", "DATETIME", 0, 0, 0, 0},
    {"tables", "TABLE_COLLATION", "VARCHAR(32)", 0, 0, 0, 0},
    {"tables", "CHECKSUM", "BIGINT", 0, 0, 0, 0},
    {"tables", "CREATE_OPTIONS", "VARCHAR(255)", 0, 0, 0, 0},
    {"tables", "TABLE_COMMENT", "VARCHAR(2048)", 0, 0, 0, 0},
    // information_schema.columns (C)
    {"columns", "TABLE_CATALOG", "VARCHAR(512)", 0, 0, 0, 0},
    {"columns", "TABLE_SCHEMA", "VARCHAR(64)", 0, 0, 0, 0},
    {"columns", "TABLE_NAME", "VARCHAR(64)", 0, 0, 0, 0},
    {"columns", "COLUMN_NAME", "VARCHAR(64)", 0, 0, 0, 0},
    {"columns", "ORDINAL_POSITION", "BIGINT", 0, 0, 0, 0},
    {"columns", "COLUMN_DEFAULT", "VARCHAR(1024)", 0, 0, 0, 0},
    {"columns", "IS_NULLABLE", "VARCHAR(3)", 0, 0, 0, 0},
    {"columns", "DATA_TYPE", "VARCHAR(64)", 0, 0, 0, 0},
    {"columns", "CHARACTER_MAXIMUM_LENGTH", "BIGINT", 0, 0, 0, 0},
    {"columns", "CHARACTER_OCTET_LENGTH", "BIGINT", 0, 0, 0, 0},
    {"columns", "NUMERIC_PRECISION", "BIGINT", 0, 0, 0, 0},
    {"columns", "NUMERIC_SCALE", "BIGINT", 0, 0, 0, 0},
    {"columns", "DATETIME_PRECISION", "BIGINT", 0, 0, 0, 0},
    {"columns", "CHARACTER_SET_NAME", "VARCHAR(32)", 0, 0, 0, 0},
    {"columns", "COLLATION_NAME", "VARCHAR(32)", 0, 0, 0, 0},
    {"columns", "COLUMN_TYPE", "VARCHAR(32)", 0, 0, 0, 0},
    {"columns", "COLUMN_KEY", "VARCHAR(3)", 0, 0, 0, 0},
    {"columns", "EXTRA", "VARCHAR(27)", 0, 0, 0, 0},
    {"columns", "PRIVILEGES", "VARCHAR(80)", 0, 0, 0, 0},
    {"columns", "COLUMN_COMMENT", "VARCHAR(255)", 0, 0, 0, 0},
    {"columns", "COLUMN_SIZE", "BIGINT", 0, 0, 0, 0},
    {"columns", "DECIMAL_DIGITS", "BIGINT", 0, 0, 0, 0},
    {"columns", "GENERATION_EXPRESSION", "VARCHAR(64)", 0, 0, 0, 0},
    {"columns", "SRS_ID", "BIGINT", 0, 0, 0, 0},
    // information_schema.partitions_meta (PM), 3.3+
    {"partitions_meta", "DB_NAME", k_name, 3, 3, 0, 0},
    {"partitions_meta", "TABLE_NAME", k_name, 3, 3, 0, 0},
    {"partitions_meta", "PARTITION_NAME", k_name, 3, 3, 0, 0},
    {"partitions_meta", "PARTITION_ID", "BIGINT", 3, 3, 0, 0},
    {"partitions_meta", "COMPACT_VERSION", "BIGINT", 3, 3, 0, 0},
    {"partitions_meta", "VISIBLE_VERSION", "BIGINT", 3, 3, 0, 0},
    {"partitions_meta", "VISIBLE_VERSION_TIME", "DATETIME", 3, 3, 0, 0},
    {"partitions_meta", "NEXT_VERSION", "BIGINT", 3, 3, 0, 0},
    {"partitions_meta", "DATA_VERSION", "BIGINT", 3, 3, 0, 0},
    {"partitions_meta", "VERSION_EPOCH", "BIGINT", 3, 3, 0, 0},
    {"partitions_meta", "VERSION_TXN_TYPE", k_name, 3, 3, 0, 0},
    {"partitions_meta", "PARTITION_KEY", k_name, 3, 3, 0, 0},
    {"partitions_meta", "PARTITION_VALUE", k_name, 3, 3, 0, 0},
    {"partitions_meta", "DISTRIBUTION_KEY", k_name, 3, 3, 0, 0},
    {"partitions_meta", "BUCKETS", "INT", 3, 3, 0, 0},
    {"partitions_meta", "REPLICATION_NUM", "INT", 3, 3, 0, 0},
    {"partitions_meta", "STORAGE_MEDIUM", k_name, 3, 3, 0, 0},
    {"partitions_meta", "COOLDOWN_TIME", "DATETIME", 3, 3, 0, 0},
    {"partitions_meta", "LAST_CONSISTENCY_CHECK_TIME", "DATETIME", 3, 3, 0, 0},
    {"partitions_meta", "IS_IN_MEMORY", "BOOLEAN", 3, 3, 0, 0},
    {"partitions_meta", "IS_TEMP", "BOOLEAN", 3, 3, 0, 0},
    {"partitions_meta", "DATA_SIZE", "BIGINT", 3, 3, 0, 0},
    {"partitions_meta", "ROW_COUNT", "BIGINT", 3, 3, 0, 0},
    {"partitions_meta", "ENABLE_DATACACHE", "BOOLEAN", 3, 3, 0, 0},
    {"partitions_meta", "AVG_CS", "DOUBLE", 3, 3, 0, 0},
    {"partitions_meta", "P50_CS", "DOUBLE", 3, 3, 0, 0},
    {"partitions_meta", "MAX_CS", "DOUBLE", 3, 3, 0, 0},
    {"partitions_meta", "STORAGE_PATH", k_name, 3, 3, 0, 0},
    {"partitions_meta", "STORAGE_SIZE", "BIGINT", 3, 3, 0, 0},
    {"partitions_meta", "METADATA_SWITCH_VERSION", "BIGINT", 3, 3, 0, 0},
    // information_schema.tasks (K); CATALOG/WAREHOUSE/PROPERTIES/CREATOR from srsim 3.3
    {"tasks", "TASK_NAME", "VARCHAR(64)", 0, 0, 0, 0},
    {"tasks", "CREATE_TIME", "DATETIME", 0, 0, 0, 0},
    {"tasks", "SCHEDULE", "VARCHAR(64)", 0, 0, 0, 0},
    {"tasks", "CATALOG", "VARCHAR(64)", 3, 3, 0, 0},
    {"tasks", "WAREHOUSE", "VARCHAR(64)", 3, 3, 0, 0},
    {"tasks", "DATABASE", "VARCHAR(64)", 0, 0, 0, 0},
    {"tasks", "DEFINITION", k_max, 0, 0, 0, 0},
    {"tasks", "EXPIRE_TIME", "DATETIME", 0, 0, 0, 0},
    {"tasks", "PROPERTIES", k_max, 3, 3, 0, 0},
    {"tasks", "CREATOR", "VARCHAR(64)", 3, 3, 0, 0},
    // information_schema.task_runs (R); WAREHOUSE and TASK_SOURCE from srsim 3.3
    {"task_runs", "QUERY_ID", "VARCHAR(64)", 0, 0, 0, 0},
    {"task_runs", "TASK_NAME", "VARCHAR(64)", 0, 0, 0, 0},
    {"task_runs", "CREATE_TIME", "DATETIME", 0, 0, 0, 0},
    {"task_runs", "FINISH_TIME", "DATETIME", 0, 0, 0, 0},
    {"task_runs", "STATE", "VARCHAR(16)", 0, 0, 0, 0},
    {"task_runs", "CATALOG", "VARCHAR(64)", 0, 0, 0, 0},
    {"task_runs", "WAREHOUSE", "VARCHAR(64)", 3, 3, 0, 0},
    {"task_runs", "DATABASE", "VARCHAR(64)", 0, 0, 0, 0},
    {"task_runs", "DEFINITION", k_max, 0, 0, 0, 0},
    {"task_runs", "EXPIRE_TIME", "DATETIME", 0, 0, 0, 0},
    {"task_runs", "ERROR_CODE", "BIGINT", 0, 0, 0, 0},
    {"task_runs", "ERROR_MESSAGE", k_max, 0, 0, 0, 0},
    {"task_runs", "PROGRESS", "VARCHAR(64)", 0, 0, 0, 0},
    {"task_runs", "EXTRA_MESSAGE", "VARCHAR(8192)", 0, 0, 0, 0},
    {"task_runs", "PROPERTIES", "VARCHAR(512)", 0, 0, 0, 0},
    {"task_runs", "JOB_ID", "VARCHAR(64)", 0, 0, 0, 0},
    {"task_runs", "PROCESS_TIME", "DATETIME", 0, 0, 0, 0},
    {"task_runs", "TASK_SOURCE", "VARCHAR(16)", 3, 3, 0, 0},
    // information_schema.materialized_views (MV): 2.5 = MV25, 3.1 = MV31, 3.3+ = MV33
    {"materialized_views", "MATERIALIZED_VIEW_ID", "VARCHAR(50)", 0, 0, 3, 3},
    {"materialized_views", "MATERIALIZED_VIEW_ID", "BIGINT", 3, 3, 0, 0},
    {"materialized_views", "TABLE_SCHEMA", "VARCHAR(20)", 0, 0, 0, 0},
    {"materialized_views", "TABLE_NAME", "VARCHAR(50)", 0, 0, 0, 0},
    {"materialized_views", "MATERIALIZED_VIEW_DEFINITION", k_max, 0, 0, 3, 0},
    {"materialized_views", "TABLE_ROWS", "VARCHAR(50)", 0, 0, 3, 0},
    {"materialized_views", "REFRESH_TYPE", "VARCHAR(20)", 3, 0, 0, 0},
    {"materialized_views", "IS_ACTIVE", "VARCHAR(10)", 3, 0, 0, 0},
    {"materialized_views", "INACTIVE_REASON", "VARCHAR(1024)", 3, 0, 0, 0},
    {"materialized_views", "PARTITION_TYPE", "VARCHAR(16)", 3, 0, 0, 0},
    {"materialized_views", "TASK_ID", "VARCHAR(20)", 3, 0, 3, 3},
    {"materialized_views", "TASK_ID", "BIGINT", 3, 3, 0, 0},
    {"materialized_views", "TASK_NAME", "VARCHAR(50)", 3, 0, 0, 0},
    {"materialized_views", "LAST_REFRESH_START_TIME", "VARCHAR(20)", 3, 0, 3, 3},
    {"materialized_views", "LAST_REFRESH_START_TIME", "DATETIME", 3, 3, 0, 0},
    {"materialized_views", "LAST_REFRESH_FINISHED_TIME", "VARCHAR(20)", 3, 0, 3, 3},
    {"materialized_views", "LAST_REFRESH_FINISHED_TIME", "DATETIME", 3, 3, 0, 0},
    {"materialized_views", "LAST_REFRESH_DURATION", "VARCHAR(20)", 3, 0, 3, 3},
    {"materialized_views", "LAST_REFRESH_DURATION", "DOUBLE", 3, 3, 0, 0},
    {"materialized_views", "LAST_REFRESH_STATE", "VARCHAR(20)", 3, 0, 0, 0},
    {"materialized_views", "LAST_REFRESH_FORCE_REFRESH", "VARCHAR(8)", 3, 0, 0, 0},
    {"materialized_views", "LAST_REFRESH_START_PARTITION", "VARCHAR(1024)", 3, 0, 0, 0},
    {"materialized_views", "LAST_REFRESH_END_PARTITION", "VARCHAR(1024)", 3, 0, 0, 0},
    {"materialized_views", "LAST_REFRESH_BASE_REFRESH_PARTITIONS", "VARCHAR(1024)", 3, 0, 0, 0},
    {"materialized_views", "LAST_REFRESH_MV_REFRESH_PARTITIONS", "VARCHAR(1024)", 3, 0, 0, 0},
    {"materialized_views", "LAST_REFRESH_ERROR_CODE", "VARCHAR(20)", 3, 0, 0, 0},
    {"materialized_views", "LAST_REFRESH_ERROR_MESSAGE", "VARCHAR(1024)", 3, 0, 0, 0},
    {"materialized_views", "TABLE_ROWS", "VARCHAR(50)", 3, 0, 3, 3},
    {"materialized_views", "TABLE_ROWS", "BIGINT", 3, 3, 0, 0},
    {"materialized_views", "MATERIALIZED_VIEW_DEFINITION", k_max, 3, 0, 0, 0},
    {"materialized_views", "EXTRA_MESSAGE", "VARCHAR(1024)", 3, 3, 0, 0},
    {"materialized_views", "QUERY_REWRITE_STATUS", "VARCHAR(64)", 3, 3, 0, 0},
    {"materialized_views", "CREATOR", "VARCHAR(64)", 3, 3, 0, 0},
    {"materialized_views", "LAST_REFRESH_PROCESS_TIME", "DATETIME", 3, 3, 0, 0},
    {"materialized_views", "LAST_REFRESH_JOB_ID", "VARCHAR(64)", 3, 3, 0, 0},
    // information_schema.loads (L): 3.1 = L31, 3.3+ = L33 (absent before 3.1)
    {"loads", "JOB_ID", "BIGINT", 3, 1, 3, 3},
    {"loads", "LABEL", k_name, 3, 1, 3, 3},
    {"loads", "DATABASE_NAME", k_name, 3, 1, 3, 3},
    {"loads", "STATE", k_name, 3, 1, 3, 3},
    {"loads", "PROGRESS", k_name, 3, 1, 3, 3},
    {"loads", "TYPE", k_name, 3, 1, 3, 3},
    {"loads", "PRIORITY", k_name, 3, 1, 3, 3},
    {"loads", "SCAN_ROWS", "BIGINT", 3, 1, 3, 3},
    {"loads", "FILTERED_ROWS", "BIGINT", 3, 1, 3, 3},
    {"loads", "UNSELECTED_ROWS", "BIGINT", 3, 1, 3, 3},
    {"loads", "SINK_ROWS", "BIGINT", 3, 1, 3, 3},
    {"loads", "ETL_INFO", k_name, 3, 1, 3, 3},
    {"loads", "TASK_INFO", k_name, 3, 1, 3, 3},
    {"loads", "CREATE_TIME", "DATETIME", 3, 1, 3, 3},
    {"loads", "ETL_START_TIME", "DATETIME", 3, 1, 3, 3},
    {"loads", "ETL_FINISH_TIME", "DATETIME", 3, 1, 3, 3},
    {"loads", "LOAD_START_TIME", "DATETIME", 3, 1, 3, 3},
    {"loads", "LOAD_FINISH_TIME", "DATETIME", 3, 1, 3, 3},
    {"loads", "JOB_DETAILS", k_name, 3, 1, 3, 3},
    {"loads", "ERROR_MSG", k_name, 3, 1, 3, 3},
    {"loads", "TRACKING_URL", k_name, 3, 1, 3, 3},
    {"loads", "TRACKING_SQL", k_name, 3, 1, 3, 3},
    {"loads", "REJECTED_RECORD_PATH", k_name, 3, 1, 3, 3},
    {"loads", "ID", "BIGINT", 3, 3, 0, 0},
    {"loads", "LABEL", k_name, 3, 3, 0, 0},
    {"loads", "PROFILE_ID", k_name, 3, 3, 0, 0},
    {"loads", "DB_NAME", k_name, 3, 3, 0, 0},
    {"loads", "TABLE_NAME", k_name, 3, 3, 0, 0},
    {"loads", "USER", k_name, 3, 3, 0, 0},
    {"loads", "WAREHOUSE", k_name, 3, 3, 0, 0},
    {"loads", "STATE", k_name, 3, 3, 0, 0},
    {"loads", "PROGRESS", k_name, 3, 3, 0, 0},
    {"loads", "TYPE", k_name, 3, 3, 0, 0},
    {"loads", "PRIORITY", k_name, 3, 3, 0, 0},
    {"loads", "SCAN_ROWS", "BIGINT", 3, 3, 0, 0},
    {"loads", "SCAN_BYTES", "BIGINT", 3, 3, 0, 0},
    {"loads", "FILTERED_ROWS", "BIGINT", 3, 3, 0, 0},
    {"loads", "UNSELECTED_ROWS", "BIGINT", 3, 3, 0, 0},
    {"loads", "SINK_ROWS", "BIGINT", 3, 3, 0, 0},
    {"loads", "RUNTIME_DETAILS", "JSON", 3, 3, 0, 0},
    {"loads", "CREATE_TIME", "DATETIME", 3, 3, 0, 0},
    {"loads", "LOAD_START_TIME", "DATETIME", 3, 3, 0, 0},
    {"loads", "LOAD_COMMIT_TIME", "DATETIME", 3, 3, 0, 0},
    {"loads", "LOAD_FINISH_TIME", "DATETIME", 3, 3, 0, 0},
    {"loads", "PROPERTIES", "JSON", 3, 3, 0, 0},
    {"loads", "ERROR_MSG", k_name, 3, 3, 0, 0},
    {"loads", "TRACKING_SQL", k_name, 3, 3, 0, 0},
    {"loads", "REJECTED_RECORD_PATH", k_name, 3, 3, 0, 0},
    {"loads", "JOB_ID", "BIGINT", 3, 3, 0, 0},
};
// clang-format on

bool before(const Version& v, int major, int minor) {
  return major != 0 && !v.at_least(major, minor);
}

} // namespace

std::optional<std::vector<InfoSchemaColumn>> info_schema_columns_of(const std::string& table,
                                                                    const Version& version) {
  std::optional<std::vector<InfoSchemaColumn>> out;
  for (const Entry& e : k_entries) {
    if (table != e.table) {
      continue;
    }
    if (!out) {
      out.emplace();
    }
    if (!before(version, e.since_major, e.since_minor) &&
        (e.until_major == 0 || before(version, e.until_major, e.until_minor))) {
      std::string type = e.type;
      bool text = type.rfind("VARCHAR", 0) == 0 || type == "JSON";
      out->push_back({e.column, type, text ? "TEXT" : type});
    }
  }
  return out;
}

} // namespace srsim::engine
