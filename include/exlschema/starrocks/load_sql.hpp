#pragma once

#include "exlschema/starrocks/partition_info.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

// What became of a labelled load (reference §4, §8): the reads that ask a cluster for a label's
// state, and the parsers of their answers. Pure: no I/O. The columns are found by name because
// they differ between releases:
// - `SHOW LOAD FROM db WHERE LABEL = "l"` (every release; docs SHOW_LOAD.md): JobId, Label, State,
//   Progress, Type, [Priority,] EtlInfo, TaskInfo, ErrorMsg, ... Before 3.1 an INSERT is listed
//   only once it has ended (FINISHED or CANCELLED).
// - `information_schema.loads` (v3.1+; docs information_schema/loads.md): LABEL, STATE, ERROR_MSG
//   in every release, but the database column is DATABASE_NAME in the first layout (src
//   catalog/system/information/LoadsSystemTable.java, 3.1 .. 3.4 docs: JOB_ID, LABEL,
//   DATABASE_NAME, STATE, ...) and DB_NAME in the newer one (ID, LABEL, PROFILE_ID, DB_NAME,
//   TABLE_NAME, ...; the release that renamed it is unconfirmed). So the query filters on the label
//   only and the database is compared here, in whichever column the answer has.
// - `SHOW PROC "/transactions"` (DbId, DbName) and `SHOW PROC "/transactions/<db id>/running"`
//   (TransactionId, Label, Coordinator, TransactionStatus, ...; src
//   common/proc/TransDbProcDir.java, TransProcDir.java). Older releases take only the database id
//   in that path (Doris-derived TransStateProcDir(Long dbId)); newer ones also a name, so the id is
//   always used.
namespace exl::starrocks {

// What a load's state means for whoever sent it.
enum class LoadPhase {
  Running,   // not over: PENDING, ETL, LOADING, QUEUEING, PREPARING, PREPARED, BEGIN,
             // BEFORE_LOAD, PREPARE (a transaction), UNKNOWN, and any word not listed here
  Committed, // COMMITTED (COMMITED in the newer loads view): applied, visible once published
  Visible,   // FINISHED (a load job) or VISIBLE (a transaction): applied and visible
  Cancelled, // CANCELLED (a load job) or ABORTED (a transaction): nothing applied
};

// `text` (a load job's State, a transaction's TransactionStatus, the `status` of an INSERT's
// answer) as a phase, case-insensitively. A word it does not know is Running: the caller waits
// rather than re-send a load that may still commit.
LoadPhase parse_load_state(std::string_view text);

// True for Committed and Visible: the rows are in (or will be once published).
bool load_applied(LoadPhase phase);

// "running", "committed", "visible", "cancelled"
const char* load_phase_name(LoadPhase phase);

// One label's state as a cluster reports it.
struct LabelState {
  std::string state; // as the server wrote it: FINISHED, CANCELLED, LOADING, PREPARE, ...
  LoadPhase phase = LoadPhase::Running;
  std::string error;  // ErrorMsg / ERROR_MSG / ErrMsg; empty when none
  std::string source; // where it was read: "SHOW LOAD", "information_schema.loads", "transactions"
};

// Of several rows for one label (a cancelled attempt and its re-send), the one that decides: a
// label has at most one load that is not cancelled (src transaction/DatabaseTransactionMgr.java
// beginTransaction: "there should be at most 1 txn in PREPARE/COMMITTED/VISIBLE status"), so
// that one, else the last cancelled one; nullopt when `states` is empty.
std::optional<LabelState> decisive_state(const std::vector<LabelState>& states);

// SHOW LOAD FROM `db` WHERE LABEL = "l"
std::string build_show_load(std::string_view database, std::string_view label);

// SELECT * FROM information_schema.loads WHERE `LABEL` = "l" (v3.1+). `*` because the database
// column's name differs between releases (above); parse_loads compares it.
std::string build_loads_query(std::string_view label);

// SHOW PROC "/transactions": one row per database, DbId and DbName.
std::string build_show_transaction_databases();

// SHOW PROC "/transactions/<db_id>/running"; `db_id` is the DbId of the line above.
std::string build_show_running_transactions(std::string_view db_id);

// SHOW PROC "/transactions/<db_id>/finished": the latest finished transactions (VISIBLE, ABORTED),
// the same columns; where a write through an OLAP external table is found on its target (it has
// no load job there).
std::string build_show_finished_transactions(std::string_view db_id);

// The state of `label` in a SHOW LOAD answer (columns Label, State, ErrorMsg); nullopt when no
// row carries it.
std::optional<LabelState> parse_show_load(const std::vector<std::string>& column_names,
                                          const std::vector<ResultRow>& rows,
                                          std::string_view label);

// The state of `label` in database `database` in an information_schema.loads answer (LABEL,
// STATE, ERROR_MSG and DB_NAME or DATABASE_NAME; without either database column every row of the
// label counts); nullopt when no row matches.
std::optional<LabelState> parse_loads(const std::vector<std::string>& column_names,
                                      const std::vector<ResultRow>& rows, std::string_view database,
                                      std::string_view label);

// The DbId of `database` in a SHOW PROC "/transactions" answer; nullopt when it is not listed or
// its id is not a number.
std::optional<std::string>
parse_transaction_database_id(const std::vector<std::string>& column_names,
                              const std::vector<ResultRow>& rows, std::string_view database);

// The transaction carrying `label` in a SHOW PROC ".../running" or ".../finished" answer (Label,
// TransactionStatus: PREPARE, PREPARED, COMMITTED, VISIBLE or ABORTED, ErrMsg); nullopt when
// none does.
std::optional<LabelState> parse_transactions(const std::vector<std::string>& column_names,
                                             const std::vector<ResultRow>& rows,
                                             std::string_view label);

// The `status` of an INSERT's answer (mysql_info), `{'label':'l', 'status':'VISIBLE',
// 'txnId':'1008'}` -> "VISIBLE" (docs INSERT.md); nullopt when `info` has none.
std::optional<std::string> parse_insert_status(std::string_view info);

// True when `message` is StarRocks's refusal of a label that a load which is not cancelled
// already holds: `Label [l] has already been used.` (src common/LabelAlreadyUsedException.java,
// which matches it with `.*Label \[.*\] has already been used.*`), or Stream Load's status
// `Label Already Exists` (be/src/runtime/stream_load/stream_load_context.cpp). The earlier load
// may have committed or may still be running: the caller asks for the label's state.
bool is_label_already_used(std::string_view message);

} // namespace exl::starrocks
