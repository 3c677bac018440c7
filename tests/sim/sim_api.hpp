#pragma once

// The contract between srsim's two halves:
//  - the front (tests/sim/server/): MySQL wire protocol, connections, authentication, users and
//    privileges, session variables, system statements, fault injection, the query log, main();
//  - the engine (tests/sim/engine/): every statement that touches stored data or table
//    metadata, executed on the cluster's MariaDB server.
// The front parses nothing the engine owns: each COM_QUERY it does not answer itself goes to
// Engine::execute. srsim is independent of exlSchema's src/starrocks on purpose (SANDBOX.md).

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace srsim {

// ---- replies -------------------------------------------------------------------------------
struct OkReply {
  std::uint64_t affected_rows = 0;
  std::uint64_t last_insert_id = 0;
  std::uint16_t warnings = 0;
  std::string info; // e.g. {'label':'l1', 'status':'VISIBLE', 'txnId':'1008'} after an INSERT
};

// Every value is text (StarRocks sends SHOW results as strings); nullopt is SQL NULL.
struct ResultSet {
  std::vector<std::string> columns;
  std::vector<std::vector<std::optional<std::string>>> rows;
};

struct ErrorReply {
  std::uint16_t code = 1064;
  std::string sqlstate = "HY000";
  std::string message;
};

using Reply = std::variant<OkReply, ResultSet, ErrorReply>;

// StarRocks's analyzer error shape: 1064 / HY000 / "Getting analyzing error. Detail message: ...".
inline ErrorReply analyzing_error(const std::string& detail) {
  return ErrorReply{1064, "HY000", "Getting analyzing error. Detail message: " + detail + "."};
}

// ---- version -------------------------------------------------------------------------------
struct Version {
  int major = 3;
  int minor = 3;
  int patch = 5;
  std::string text() const {
    return std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(patch);
  }
  bool at_least(int ma, int mi, int pa = 0) const {
    return major != ma ? major > ma : minor != mi ? minor > mi : patch >= pa;
  }
};

// ---- cluster configuration -----------------------------------------------------------------
struct StorageConfig { // the cluster's MariaDB server
  std::string host = "127.0.0.1";
  int port = 0;
  std::string socket;
  std::string user = "root";
  std::string password;
};

// Values the front changes while the cluster runs (ADMIN SET SIM OLAP EXTERNAL DELAY / STATS
// INTERVAL). Every copy of a ClusterConfig shares one LiveSettings, so the engine reads the current
// value through its own copy (config.live->olap_external_delay_s.load()). The front initialises
// them from the fields below at start-up.
struct LiveSettings {
  std::atomic<int> olap_external_delay_s{0};
  std::atomic<int> stats_interval_s{300};
  // FE config task_runs_concurrency (Config.java: @ConfField(mutable = true), default 4): how many
  // task runs execute at once. ADMIN SET FRONTEND CONFIG changes it; the task runner reads it.
  std::atomic<int> task_runs_concurrency{4};
};

struct ClusterConfig {
  std::string name = "sim";
  Version version;
  int query_port = 0;
  int http_port = 0;
  int rpc_port = 0;
  int be_http_port = 0; // the simulated BE's http port (Stream Load after the FE's 307)
  StorageConfig storage;
  int stats_interval_s = 300;    // SHOW PARTITIONS RowCount/DataSize refresh period
  int olap_external_delay_s = 0; // fault: OLAP external table metadata not synced yet (s)
  int dynamic_partition_check_interval_s = 600; // FE dynamic_partition_check_interval_seconds
  bool shared_data = false;                     // shared-data (cloud-native) cluster
  std::string data_dir;                         // srsim's own files (query log, ...)
  std::shared_ptr<LiveSettings> live = std::make_shared<LiveSettings>(); // never null
};

// ---- a session -----------------------------------------------------------------------------
// One per client connection; owned by the front, passed to the engine on every call.
struct SessionContext {
  std::uint32_t connection_id = 0;
  std::string user;
  std::string current_db;
  // Session variables as set by SET (lower-case names): query_timeout, insert_timeout,
  // dynamic_overwrite, enable_insert_strict, ... The front fills the defaults.
  std::map<std::string, std::string> variables;
  // Coarse privilege check answered by the front: `privilege` is one of SELECT, INSERT, ALTER,
  // CREATE, DROP, ADMIN; `db` may be empty for global operations.
  std::function<bool(const std::string& privilege, const std::string& db)> allowed;
  // Set by KILL; a running engine statement should stop and answer the StarRocks error.
  std::atomic<bool> kill_query{false};
  // The session came in on the rpc port: it is another cluster's FE writing through an OLAP
  // external table (beginRemoteTxn / commitRemoteTxn in StarRocks), not a client.
  bool rpc_port = false;
};

// ---- Stream Load ---------------------------------------------------------------------------
// The front (server/http_*.cpp) speaks HTTP, checks accounts and faults, and composes a Stream
// Load from these operations; the engine (engine/stream_*.cpp) parses and converts the rows and
// keeps the transactions (docs/srsim.md "Stream Load").
enum class LoadOp {
  Begin,    // begin a transaction with a label (Stream Load or /api/transaction/begin)
  Load,     // add a body's rows to the open transaction
  Prepare,  // PREPARE -> PREPARED (/api/transaction/prepare)
  Commit,   // commit: the rows land, versions bump, the label becomes FINISHED
  Rollback, // abort
  State,    // the label's transaction: `state` and `txn_id` of the result
  JobInfo,  // the SQL load job of a label (GET /api/{db}/_load_info)
};

struct LoadRequest {
  std::string db;
  std::string table;
  std::string label;
  std::map<std::string, std::string> headers; // lower-case names: format, columns, timeout, ...
  std::string body;
  bool stream_load = false; // a PUT _stream_load (not the transaction interface)
};

struct LoadResult {
  // StarRocks's TStatusCode name: OK, LABEL_ALREADY_EXISTS, PUBLISH_TIMEOUT, TXN_NOT_EXISTS,
  // TXN_IN_PROCESSING, INVALID_ARGUMENT, ANALYSIS_ERROR, INTERNAL_ERROR, ABORTED.
  std::string code = "OK";
  std::string message;
  std::string existing_job_status; // RUNNING or FINISHED with LABEL_ALREADY_EXISTS
  std::string state; // State/JobInfo: PREPARE, PREPARED, VISIBLE, ABORTED / LOADING, FINISHED,
                     // CANCELLED; empty = unknown label
  std::string table; // JobInfo: the job's table
  std::int64_t txn_id = 0;
  std::int64_t total_rows = 0;
  std::int64_t loaded_rows = 0;
  std::int64_t filtered_rows = 0;
  std::int64_t unselected_rows = 0;
  std::int64_t load_bytes = 0;
  std::int64_t begin_ms = 0;
  std::int64_t plan_ms = 0;
  std::int64_t write_ms = 0;
  std::int64_t commit_ms = 0;
  std::string error_log; // one "Error: ... Row: ..." line per rejected row
  bool ok() const { return code == "OK"; }
};

// ---- the engine ----------------------------------------------------------------------------
class Engine {
public:
  virtual ~Engine() = default;

  // Executes one statement (no trailing `;`) for `session`.
  virtual Reply execute(SessionContext& session, const std::string& sql) = 0;

  // COM_INIT_DB / USE: checks that `db` exists; answers OK or the StarRocks error.
  virtual Reply use_database(SessionContext& session, const std::string& db) = 0;

  // Called by the front when a session ends (drop per-session backend connections).
  virtual void close_session(SessionContext& session) = 0;

  // KILL QUERY n: interrupts the statement running for `connection_id` (if any).
  virtual void kill_query(std::uint32_t connection_id) = 0;

  // ADMIN SET SIM PARTITION VERSION (parsed by the front, ADMIN checked there): `partition` of
  // `db`.`table` becomes visible at `version`, as after StarRocks's replication job. OK, or the
  // StarRocks error for an unknown database, table or partition.
  virtual Reply set_partition_version(SessionContext& session, const std::string& db,
                                      const std::string& table, const std::string& partition,
                                      std::int64_t version) = 0;

  // One Stream Load operation for `session` (user and privileges already known).
  virtual LoadResult load_op(SessionContext& session, LoadOp op, const LoadRequest& request) {
    (void)session, (void)op, (void)request;
    LoadResult r;
    r.code = "INTERNAL_ERROR";
    r.message = "srsim: this engine has no Stream Load";
    return r;
  }
};

// Creates the engine for one cluster; connects to its MariaDB server. Throws std::runtime_error
// when the storage cannot be reached.
std::unique_ptr<Engine> make_engine(const ClusterConfig& config);

} // namespace srsim
