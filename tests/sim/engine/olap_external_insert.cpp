// INSERT INTO an OLAP external table (olap_external_insert.hpp for the steps and sources).

#include "olap_external_insert.hpp"

#include "ddl_translate.hpp"
#include "errors.hpp"
#include "handlers.hpp"
#include "load_job.hpp"

#include <algorithm>
#include <regex>
#include <set>

namespace srsim::engine {

namespace {

// An INSERT may carry far more than libmariadb's default packet bound; StarRocks streams the
// rows, srsim sends them in one statement (one destination load) and lets it be this large.
constexpr unsigned long k_max_packet = 1UL << 30;

bool lost_connection(unsigned code) {
  return code == 2006 || code == 2013 || code == 2055;
}

// The label as the destination's parser takes it: bare when it is a plain identifier (so that a
// fault pattern such as 'WITH LABEL job_1' matches the destination's query log), else quoted.
std::string label_sql(const std::string& label) {
  static const std::regex k_plain("[A-Za-z_][A-Za-z0-9_]*");
  return std::regex_match(label, k_plain) ? label : quote_ident(label);
}

std::string values_sql(const ResultSet& rs) {
  std::string out;
  for (std::size_t r = 0; r < rs.rows.size(); ++r) {
    out += r ? ", (" : "(";
    for (std::size_t i = 0; i < rs.rows[r].size(); ++i) {
      out += (i ? ", " : "") + (rs.rows[r][i] ? quote_literal(*rs.rows[r][i]) : "NULL");
    }
    out += ")";
  }
  return out;
}

} // namespace

OlapExternalInsert::OlapExternalInsert(Ctx& ctx, TableModel target, InsertStmt stmt)
    : m_ctx(ctx), m_target(std::move(target)), m_stmt(std::move(stmt)) {
  m_host = *find_property(m_target.properties, "host");
  m_port = std::stoi(*find_property(m_target.properties, "port"));
  m_db = *find_property(m_target.properties, "database");
  m_table = *find_property(m_target.properties, "table");
}

Reply OlapExternalInsert::run() {
  if (m_stmt.overwrite) {
    refuse_overwrite();
  }
  check_metadata_delay();
  connect();
  sync_meta();
  label_and_partitions();
  ResultSet rows = source_rows();
  m_job_id = m_ctx.state.store.next_id();
  m_create_time = epoch_seconds();
  begin_load_record(m_ctx.conn, record("LOADING", 0, ""));
  auto sent = static_cast<std::int64_t>(rows.rows.size());
  try {
    OkReply ok = write(rows);
    finish_job("FINISHED", sent, "");
    return ok;
  } catch (const EngineError& e) {
    // recordFinishedOrCancelledLoadJob(jobId, INSERT, "Cancelled, msg: " + ..) as FailMsg text.
    finish_job("CANCELLED", sent, "type:LOAD_RUN_FAIL; msg:Cancelled, msg: " + e.reply().message);
    throw;
  }
}

void OlapExternalInsert::finish_job(const std::string& state, std::int64_t rows,
                                    const std::string& error) noexcept {
  try {
    finish_load_record(m_ctx.conn, record(state, rows, error));
  } catch (const std::exception&) {
    // The job is bookkeeping; the INSERT's own outcome is what the client gets.
  }
}

void OlapExternalInsert::label_and_partitions() {
  if (m_stmt.label.empty()) {
    m_stmt.label = generated_insert_label();
  }
  // From 3.2 StatementPlanner begins the (remote) transaction before the analysis (PR #36225,
  // backported to 3.2 as #37667, not to 3.1); before, StmtExecutor begins it after.
  bool planner_begins = m_ctx.version().at_least(3, 2);
  if (planner_begins) {
    check_label();
  }
  analyze_partitions();
  if (!planner_begins) {
    check_label();
  }
}

std::string OlapExternalInsert::empty_partition_text() const {
  return "data cannot be inserted into table with empty partition.Use `SHOW PARTITIONS FROM " +
         m_target.name + "` to see the currently partitions of this table. ";
}

void OlapExternalInsert::refuse_overwrite() const {
  if (m_ctx.version().at_least(3, 2)) {
    // StatementPlanner.beginTransaction returns before the external table's metadata sync for an
    // INSERT OVERWRITE (no overwrite job yet), so InsertAnalyzer sees the table as created:
    // without partitions (OlapTableFactory: "do not create partition for external table").
    if (!m_stmt.partitions.empty()) {
      fail_analyzing("Unknown partition '" + m_stmt.partitions.front() + "' in table '" +
                     m_target.name + "'");
    }
    fail_analyzing(empty_partition_text());
  }
  // 2.5 / 3.1 sync the metadata in InsertAnalyzer and then run an InsertOverwriteJob against
  // the source's own copy of the table; what that does is not defined by any check.
  fail_unsupported("INSERT OVERWRITE into an OLAP external table before 3.2");
}

void OlapExternalInsert::check_metadata_delay() const {
  // A fault, off by default: the FE of StarRocks before 2.5.8 / 3.0.3 / 3.1.4 synced external
  // tables every es_state_sync_interval_second (10 s, StarRocksRepository), and an INSERT before
  // the first sync saw no partitions (StarRocks issues #6126, #9538).
  if (m_ctx.now() - m_target.create_time < m_ctx.state.config.live->olap_external_delay_s.load()) {
    fail_plain(1064, empty_partition_text());
  }
}

void OlapExternalInsert::connect() {
  StorageConfig dest{m_host, m_port, "", *find_property(m_target.properties, "user"),
                     m_target.definition};
  try {
    m_remote = std::make_unique<Backend>(dest, "", k_max_packet);
  } catch (const BackendError& e) {
    if (e.code() == 1045) {
      // FrontendServiceImpl.checkPasswordAndLoadPrivilege (beginRemoteTxn; on by default:
      // enable_starrocks_external_table_auth_check).
      fail_begin(std::string(e.what()) +
                 ". Please check that your user or password is correct. Set the configuration "
                 "'enable_starrocks_external_table_auth_check' to 'false' on the target cluster "
                 "if you don't want to check the authorization and privilege.");
    }
    fail_meta(e.what()); // getTableMeta is the first call to the destination
  }
}

void OlapExternalInsert::sync_meta() {
  ResultSet meta;
  try {
    meta = m_remote->query("SIM TABLE META " + table_ref(m_db, m_table));
  } catch (const BackendError& e) {
    fail_meta(e.what());
  }
  for (const auto& row : meta.rows) {
    if (row.size() == 3 && row[1]) {
      m_partitions.push_back(RemotePartition{*row[1], row[2] == "1"});
    }
  }
}

void OlapExternalInsert::fail_meta(const std::string& error) const {
  // TableMetaSyncer.syncTable wraps every failure, TStatus or thrift exception, like this; the
  // address is TNetworkAddress.toString(). 2.5 rethrows it from InsertAnalyzer as a
  // SemanticException, 3.1+ as sql.common.MetaNotFoundException: the client gets the text.
  fail_plain(1064, "get TableMeta failed from TNetworkAddress(hostname:" + m_host +
                       ", port:" + std::to_string(m_port) + "), error: " + error);
}

void OlapExternalInsert::fail_begin(const std::string& error) const {
  // RemoteTransactionMgr.beginTransaction throws BeginTransactionException(<the destination's
  // messages>). From 3.2 StatementPlanner.plan wraps it: SemanticException("fail to begin
  // transaction. " + msg); before, StmtExecutor answers the message itself.
  if (m_ctx.version().at_least(3, 2)) {
    fail_analyzing("fail to begin transaction. " + error);
  }
  fail_plain(1064, error);
}

void OlapExternalInsert::check_label() {
  ResultSet state;
  try {
    state =
        m_remote->query("SIM LABEL STATE " + quote_ident(m_db) + " " + quote_literal(m_stmt.label));
  } catch (const BackendError& e) {
    fail_begin(e.what());
  }
  if (!state.rows.empty() && state.rows[0][0] == "1") {
    // The destination's DatabaseTransactionMgr: LabelAlreadyUsedException.
    fail_begin("Label [" + m_stmt.label + "] has already been used.");
  }
}

void OlapExternalInsert::analyze_partitions() {
  // InsertAnalyzer on the synced copy. 3.1 (from 3.1.4, cherry-pick #31651 of the sync refactor)
  // lost #28389's is_temp handling in ExternalOlapTable.updateMeta: the destination's temporary
  // partitions become ordinary partitions of the copy. Checked in the 3.1 branch of November
  // 2023 (3.1.5); later 3.1 releases were not checked.
  bool temp_known = !(m_ctx.version().major == 3 && m_ctx.version().minor == 1);
  if (m_stmt.partitions.empty()) {
    bool any = std::any_of(m_partitions.begin(), m_partitions.end(),
                           [](const RemotePartition& p) { return !p.temp; });
    if (!any) {
      fail_analyzing(empty_partition_text());
    }
    return;
  }
  std::set<std::string> seen;
  std::set<bool> kinds;
  for (const std::string& name : m_stmt.partitions) {
    if (!seen.insert(to_lower(name)).second) {
      continue; // InsertAnalyzer de-duplicates the names
    }
    auto hit = std::find_if(m_partitions.begin(), m_partitions.end(), [&](const auto& p) {
      bool kind_ok = temp_known ? p.temp == m_stmt.temporary : !m_stmt.temporary;
      return kind_ok && to_lower(p.name) == to_lower(name);
    });
    if (hit == m_partitions.end()) {
      fail_analyzing("Unknown partition '" + name + "' in table '" + m_target.name + "'");
    }
    m_targets.push_back(hit->name);
    kinds.insert(hit->temp);
  }
  if (kinds.size() > 1) {
    fail_unsupported("PARTITION (..) naming formal and temporary partitions of a 3.1 copy");
  }
  m_temp_targets = *kinds.begin();
}

bool OlapExternalInsert::strict() const {
  if (m_stmt.options.strict) {
    return *m_stmt.options.strict;
  }
  return m_ctx.variable("enable_insert_strict", "true") != "false";
}

ResultSet OlapExternalInsert::source_rows() {
  return run_watched(m_ctx, deadline_for(m_ctx, true), true,
                     [&] { return m_ctx.conn.query(rewrite_query(m_ctx, m_stmt.source)); });
}

std::string OlapExternalInsert::remote_sql(const ResultSet& rows) const {
  std::string sql = "INSERT INTO " + table_ref(m_db, m_table);
  if (!m_targets.empty()) {
    sql += std::string(m_temp_targets ? " TEMPORARY" : "") + " PARTITION (" +
           join_idents(m_targets) + ")";
  }
  sql += " WITH LABEL " + label_sql(m_stmt.label);
  if (!m_stmt.columns.empty()) {
    sql += " (" + join_idents(m_stmt.columns) + ")";
  }
  if (!rows.rows.empty()) {
    return sql + " VALUES " + values_sql(rows);
  }
  // No rows: StarRocks still commits the remote transaction (the empty-INSERT shortcut skips
  // OLAP and OLAP external tables), so the label is taken on the destination.
  std::string nulls;
  for (std::size_t i = 0; i < std::max<std::size_t>(rows.columns.size(), 1); ++i) {
    nulls += i ? ", NULL" : "NULL";
  }
  return sql + " SELECT " + nulls + " FROM DUAL WHERE 1 = 0";
}

OkReply OlapExternalInsert::write(const ResultSet& rows) {
  std::uint64_t affected = 0;
  std::string info;
  try {
    // The source session's strictness decides whether filtered rows fail the load (the source
    // coordinator counts them and aborts the remote transaction).
    m_remote->exec(std::string("SET enable_insert_strict = ") + (strict() ? "true" : "false"));
    affected = m_remote->exec(remote_sql(rows));
    info = m_remote->info();
  } catch (const BackendError& e) {
    fail_write(e);
  }
  static const std::regex k_txn(R"('txnId':'(\d+)')");
  std::smatch m;
  std::string txn = std::regex_search(info, m, k_txn) ? m[1].str() : "0";
  OkReply ok;
  ok.affected_rows = affected;
  // handleDMLStmt: the label, the status of the remote commit and the destination's txn id.
  ok.info = "{'label':'" + m_stmt.label + "', 'status':'VISIBLE', 'txnId':'" + txn + "'}";
  return ok;
}

void OlapExternalInsert::fail_write(const BackendError& e) const {
  std::string message = e.what();
  if (lost_connection(e.code())) {
    // StarRocks's text depends on where its thrift call broke (and the thrift version); srsim's
    // own words. The destination may have committed: the label there tells.
    fail_plain(1064, "srsim: lost the connection to the destination FE " + m_host + ":" +
                         std::to_string(m_port) + " while loading label " + m_stmt.label +
                         "; the load may have committed there");
  }
  if (message.rfind("Label [", 0) == 0 &&
      message.find("has already been used") != std::string::npos) {
    fail_begin("Label [" + m_stmt.label + "] has already been used.");
  }
  throw EngineError(ErrorReply{static_cast<std::uint16_t>(e.code()), "HY000", message});
}

LoadRecord OlapExternalInsert::record(const std::string& state, std::int64_t rows,
                                      const std::string& error) const {
  LoadRecord r;
  r.id = m_job_id;
  r.db = m_target.db;
  r.label = m_stmt.label;
  r.table = m_target.name;
  r.user = m_ctx.session.user;
  r.state = state;
  r.scan_rows = rows;
  r.sink_rows = state == "FINISHED" ? rows : 0;
  r.create_time = m_create_time;
  r.finish_time = epoch_seconds();
  bool v34 = m_ctx.version().at_least(3, 4);
  try {
    r.timeout_s = m_stmt.options.timeout_s
                      ? *m_stmt.options.timeout_s
                      : std::stoll(m_ctx.variable(v34 ? "insert_timeout" : "query_timeout",
                                                  v34 ? "14400" : "300"));
  } catch (const std::exception&) {
    r.timeout_s = 0;
  }
  r.error_msg = error;
  return r;
}

} // namespace srsim::engine
