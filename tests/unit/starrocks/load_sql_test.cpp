// Golden tests of the reads that ask a cluster what became of a labelled load, and of the parsers
// of their answers, on rows laid out as StarRocks prints them (docs SHOW_LOAD.md,
// information_schema/loads.md for 3.1 .. 3.4 and for the newer layout, src TransProcDir.java).
#include "exlschema/starrocks/load_sql.hpp"

#include <gtest/gtest.h>

#include <map>
#include <optional>

namespace exl::starrocks {
namespace {

TEST(LoadSqlTest, BuildsTheLabelReads) {
  EXPECT_EQ(build_show_load("db1", "exl_v2_orders_r1_0123"),
            "SHOW LOAD FROM `db1` WHERE LABEL = \"exl_v2_orders_r1_0123\"");
  EXPECT_EQ(build_show_load("we`ird", "a\"b"), "SHOW LOAD FROM `we``ird` WHERE LABEL = \"a\\\"b\"");
  EXPECT_EQ(build_loads_query("l1"),
            "SELECT * FROM information_schema.loads WHERE `LABEL` = \"l1\"");
  EXPECT_EQ(build_show_transaction_databases(), "SHOW PROC \"/transactions\"");
  EXPECT_EQ(build_show_running_transactions("10005"), "SHOW PROC \"/transactions/10005/running\"");
  EXPECT_EQ(build_show_finished_transactions("10005"),
            "SHOW PROC \"/transactions/10005/finished\"");
}

TEST(LoadSqlTest, ReadsEveryStateWordAsItsPhase) {
  for (const char* running : {"PENDING", "ETL", "LOADING", "QUEUEING", "PREPARING", "PREPARED",
                              "BEGIN", "BEFORE_LOAD", "PREPARE", "UNKNOWN", "", "SOMETHING_NEW"}) {
    EXPECT_EQ(parse_load_state(running), LoadPhase::Running) << running;
  }
  EXPECT_EQ(parse_load_state("COMMITTED"), LoadPhase::Committed);
  EXPECT_EQ(parse_load_state("COMMITED"), LoadPhase::Committed); // the newer loads view's spelling
  EXPECT_EQ(parse_load_state("FINISHED"), LoadPhase::Visible);
  EXPECT_EQ(parse_load_state(" visible "), LoadPhase::Visible);
  EXPECT_EQ(parse_load_state("CANCELLED"), LoadPhase::Cancelled);
  EXPECT_EQ(parse_load_state("ABORTED"), LoadPhase::Cancelled);
  EXPECT_TRUE(load_applied(LoadPhase::Committed));
  EXPECT_TRUE(load_applied(LoadPhase::Visible));
  EXPECT_FALSE(load_applied(LoadPhase::Running));
  EXPECT_FALSE(load_applied(LoadPhase::Cancelled));
  EXPECT_STREQ(load_phase_name(LoadPhase::Cancelled), "cancelled");
}

const std::vector<std::string> k_show_load_columns = {
    "JobId",         "Label",          "State",    "Progress",   "Type",         "Priority",
    "EtlInfo",       "TaskInfo",       "ErrorMsg", "CreateTime", "EtlStartTime", "EtlFinishTime",
    "LoadStartTime", "LoadFinishTime", "URL",      "JobDetails"};

ResultRow show_load_row(const std::string& label, const std::string& state,
                        std::optional<std::string> error = std::nullopt) {
  return {"11001",
          label,
          state,
          "ETL:100%; LOAD:100%",
          "INSERT",
          "NORMAL",
          std::nullopt,
          "resource:N/A; timeout(s):300; max_filter_ratio:0.0",
          std::move(error),
          "2024-05-01 10:00:00",
          "2024-05-01 10:00:00",
          "2024-05-01 10:00:00",
          "2024-05-01 10:00:00",
          "2024-05-01 10:00:05",
          std::nullopt,
          "{}"};
}

TEST(LoadSqlTest, ReadsTheLabelFromShowLoad) {
  const auto finished =
      parse_show_load(k_show_load_columns,
                      {show_load_row("other", "CANCELLED"), show_load_row("l1", "FINISHED")}, "l1");
  ASSERT_TRUE(finished);
  EXPECT_EQ(finished->state, "FINISHED");
  EXPECT_EQ(finished->phase, LoadPhase::Visible);
  EXPECT_EQ(finished->source, "SHOW LOAD");
  EXPECT_EQ(finished->error, "");

  const auto cancelled = parse_show_load(
      k_show_load_columns,
      {show_load_row("l1", "CANCELLED", "type:LOAD_RUN_FAIL; msg:Insert has filtered data")}, "l1");
  ASSERT_TRUE(cancelled);
  EXPECT_EQ(cancelled->phase, LoadPhase::Cancelled);
  EXPECT_EQ(cancelled->error, "type:LOAD_RUN_FAIL; msg:Insert has filtered data");

  EXPECT_FALSE(parse_show_load(k_show_load_columns, {show_load_row("l10", "FINISHED")}, "l1"));
  EXPECT_FALSE(parse_show_load(k_show_load_columns, {}, "l1"));
  EXPECT_FALSE(parse_show_load({"Something"}, {{"l1"}}, "l1")); // no Label column
}

TEST(LoadSqlTest, TheLoadThatIsNotCancelledDecides) {
  // A cancelled first attempt and its re-send, in either order: the re-send decides.
  const std::vector<ResultRow> rows = {show_load_row("l1", "CANCELLED", "type:TIMEOUT"),
                                       show_load_row("l1", "LOADING")};
  EXPECT_EQ(parse_show_load(k_show_load_columns, rows, "l1")->state, "LOADING");
  const std::vector<ResultRow> reversed = {rows[1], rows[0]};
  EXPECT_EQ(parse_show_load(k_show_load_columns, reversed, "l1")->state, "LOADING");
  // Only cancelled ones: the last.
  const std::vector<ResultRow> cancelled = {show_load_row("l1", "CANCELLED", "first"),
                                            show_load_row("l1", "CANCELLED", "second")};
  EXPECT_EQ(parse_show_load(k_show_load_columns, cancelled, "l1")->error, "second");
}

// 3.1 .. 3.4 layout (src LoadsSystemTable.java of that time; docs 3.1 .. 3.4).
const std::vector<std::string> k_loads_columns_31 = {"JOB_ID",
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

// The newer layout (src LoadsSystemTable.java, current; docs information_schema/loads.md).
const std::vector<std::string> k_loads_columns_new = {"ID",
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

ResultRow loads_row(const std::vector<std::string>& columns,
                    const std::map<std::string, std::string>& values) {
  ResultRow row(columns.size());
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (const auto it = values.find(columns[i]); it != values.end()) {
      row[i] = it->second;
    }
  }
  return row;
}

TEST(LoadSqlTest, ReadsTheLabelFromEitherLoadsLayoutInItsDatabase) {
  for (const auto* columns : {&k_loads_columns_31, &k_loads_columns_new}) {
    const std::string db_column = columns == &k_loads_columns_31 ? "DATABASE_NAME" : "DB_NAME";
    const std::vector<ResultRow> rows = {
        loads_row(*columns, {{"LABEL", "l1"}, {db_column, "elsewhere"}, {"STATE", "CANCELLED"}}),
        loads_row(*columns, {{"LABEL", "l1"}, {db_column, "db1"}, {"STATE", "FINISHED"}})};
    const auto state = parse_loads(*columns, rows, "db1", "l1");
    ASSERT_TRUE(state) << db_column;
    EXPECT_EQ(state->phase, LoadPhase::Visible) << db_column;
    EXPECT_EQ(state->source, "information_schema.loads");
    EXPECT_FALSE(parse_loads(*columns, rows, "db2", "l1")) << db_column;
  }
  const std::vector<ResultRow> failed = {loads_row(
      k_loads_columns_new,
      {{"LABEL", "l1"}, {"DB_NAME", "db1"}, {"STATE", "CANCELLED"}, {"ERROR_MSG", "timeout"}})};
  const auto cancelled = parse_loads(k_loads_columns_new, failed, "db1", "l1");
  ASSERT_TRUE(cancelled);
  EXPECT_EQ(cancelled->phase, LoadPhase::Cancelled);
  EXPECT_EQ(cancelled->error, "timeout");
}

TEST(LoadSqlTest, FindsTheDatabaseIdForTheTransactionList) {
  const std::vector<std::string> columns = {"DbId", "DbName"};
  const std::vector<ResultRow> rows = {{"10002", "other"}, {"10005", "db1"}, {"x", "bad"}};
  EXPECT_EQ(parse_transaction_database_id(columns, rows, "db1"), "10005");
  EXPECT_FALSE(parse_transaction_database_id(columns, rows, "db9"));
  EXPECT_FALSE(parse_transaction_database_id(columns, rows, "bad")); // its id is not a number
  EXPECT_EQ(parse_transaction_database_id(columns, {{"7", "default_cluster:db1"}}, "db1"), "7");
}

TEST(LoadSqlTest, FindsTheLabelAmongRunningTransactions) {
  const std::vector<std::string> columns = {
      "TransactionId",     "Label",       "Coordinator",        "TransactionStatus",
      "LoadJobSourceType", "PrepareTime", "CommitTime",         "PublishTime",
      "FinishTime",        "Reason",      "ErrorReplicasCount", "ListenerId",
      "TimeoutMs",         "ErrMsg"};
  auto txn = [](const std::string& label, const std::string& status) -> ResultRow {
    return {"1008",
            label,
            "FE: 127.0.0.1",
            status,
            "INSERT_STREAMING",
            "2024-05-01 10:00:00",
            std::nullopt,
            std::nullopt,
            std::nullopt,
            "",
            "0",
            "-1",
            "300000",
            ""};
  };
  const auto running =
      parse_transactions(columns, {txn("l0", "PREPARE"), txn("l1", "PREPARE")}, "l1");
  ASSERT_TRUE(running);
  EXPECT_EQ(running->state, "PREPARE");
  EXPECT_EQ(running->phase, LoadPhase::Running);
  EXPECT_EQ(running->source, "transactions");
  // Committed transactions stay in the running list until published.
  EXPECT_EQ(parse_transactions(columns, {txn("l1", "COMMITTED")}, "l1")->phase,
            LoadPhase::Committed);
  EXPECT_FALSE(parse_transactions(columns, {txn("l0", "PREPARE")}, "l1"));
  // The finished list (a write through an OLAP external table has no load job on its target).
  EXPECT_EQ(parse_transactions(columns, {txn("l1", "VISIBLE")}, "l1")->phase, LoadPhase::Visible);
  EXPECT_EQ(parse_transactions(columns, {txn("l1", "ABORTED")}, "l1")->phase, LoadPhase::Cancelled);
}

TEST(LoadSqlTest, ReadsTheStatusOfAnInsertAnswer) {
  EXPECT_EQ(parse_insert_status("{'label':'insert_load_test', 'status':'VISIBLE', 'txnId':'1008'}"),
            "VISIBLE");
  EXPECT_EQ(parse_insert_status("{'label':'l', 'status':'COMMITTED', 'txnId':'9'}"), "COMMITTED");
  EXPECT_FALSE(parse_insert_status(""));
  EXPECT_FALSE(parse_insert_status("{'label':'l'}"));
  EXPECT_FALSE(parse_insert_status("{'status':''}"));
  EXPECT_FALSE(parse_insert_status("{'status':'VISIBLE"));
}

TEST(LoadSqlTest, RecognisesStarRocksLabelRefusals) {
  EXPECT_TRUE(is_label_already_used("Label [exl_v2_orders_r1_ab] has already been used."));
  EXPECT_TRUE(is_label_already_used(
      "Getting analyzing error. Detail message: Label [l1] has already been used."));
  EXPECT_TRUE(is_label_already_used("Label Already Exists"));
  EXPECT_FALSE(is_label_already_used("Sub label [s] has already been used."));
  EXPECT_FALSE(is_label_already_used("Unknown table 'db.t'"));
  EXPECT_FALSE(is_label_already_used("Label [l1] is fine"));
  EXPECT_FALSE(is_label_already_used(""));
}

} // namespace
} // namespace exl::starrocks
