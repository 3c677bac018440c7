// The destination side of an OLAP external table (the writer is another srsim; see
// olap_external_insert.hpp). StarRocks's source FE talks to the destination FE over thrift
// (FrontendService): getTableMeta to sync the table's metadata, beginRemoteTxn /
// commitRemoteTxn / abortRemoteTxn around the rows its BEs write. srsim's writer connects to the
// rpc port instead and sends:
//   SIM TABLE META `db`.`t`        -> LeaderImpl.getTableMeta, as far as the writer needs it
//   SIM LABEL STATE `db` 'label'   -> the label check of beginRemoteTxn, asked before the INSERT
//   INSERT INTO `db`.`t` ... WITH LABEL l VALUES ...
//                                  -> the whole remote transaction: one load (LoadJob, remote)
// These SIM statements exist only on the rpc port (SessionContext::rpc_port).

#include "errors.hpp"
#include "handlers.hpp"
#include "temp_partitions.hpp"

namespace srsim::engine {

namespace {

// TPartitionType as the destination's PartitionType.toThrift writes it (catalog/PartitionType
// .java, the same in 2.5, 3.1, 3.2 and main): the range family becomes RANGE_PARTITIONED,
// UNPARTITIONED stays, every other type (LIST) falls into the default branch.
std::string thrift_partition_type(const TableModel& m) {
  if (m.partition.type == "NONE") {
    return "UNPARTITIONED";
  }
  if (m.partition.type == "RANGE" || m.partition.type == "EXPR") {
    return "RANGE_PARTITIONED";
  }
  return "";
}

Reply table_meta(Ctx& ctx, Cursor& cur) {
  QualifiedName q = cur.qualified_name();
  // LeaderImpl.getTableMeta answers a TStatus with these messages (NOT_FOUND /
  // NOT_IMPLEMENTED_ERROR). It checks no privilege: the check is commented out there.
  if (!db_exists(ctx, q.db)) {
    fail_plain(1064, "db not exist");
  }
  std::optional<TableModel> m = ctx.state.store.load(ctx.conn, q.db, q.name);
  if (!m) {
    fail_plain(1064, "table " + q.name + " not exist");
  }
  if (m->kind != "OLAP") {
    fail_plain(1064, "only olap table supported");
  }
  std::string type = thrift_partition_type(*m);
  if (type.empty()) {
    // getTableMeta's `else { LOG.info("invalid partition type {}"); return null; }` for a LIST
    // table: a null struct result, which the caller's thrift client turns into
    // TApplicationException(MISSING_RESULT, "getTableMeta failed: unknown result").
    fail_plain(1064, "getTableMeta failed: unknown result");
  }
  ResultSet rs{{"PartitionType", "PartitionName", "IsTemp"}, {}};
  for (const PartitionDef& p : m->partition.partitions) {
    rs.rows.push_back({type, p.name, std::string("0")});
  }
  // getAllPartitions() and the temporary ranges: every temporary partition with is_temp set
  // (PR #28389, in every simulated release's LeaderImpl).
  for (const PartitionDef& p : temp_partitions(ctx.conn, *m)) {
    rs.rows.push_back({type, p.name, std::string("1")});
  }
  if (rs.rows.empty()) {
    rs.rows.push_back({type, std::nullopt, std::nullopt});
  }
  return rs;
}

Reply label_state(Ctx& ctx, Cursor& cur) {
  std::string db = cur.identifier();
  std::string label = cur.string_literal();
  // DatabaseTransactionMgr.beginTransaction refuses a label while a transaction holding it is
  // not ABORTED: a finished load (its label row) or a running one.
  bool used = ctx.state.store.label_exists(ctx.conn, db, label);
  {
    std::lock_guard<std::mutex> lock(ctx.state.txn_mutex);
    for (const auto& [id, txn] : ctx.state.running) {
      used = used || (txn.db == db && txn.label == label);
    }
  }
  return ResultSet{{"Used"}, {{std::string(used ? "1" : "0")}}};
}

} // namespace

Reply sim_remote_statement(Ctx& ctx, Cursor& cur) {
  if (!ctx.session.rpc_port) {
    fail_unsupported("SIM statements outside the rpc port");
  }
  if (cur.accept_kws({"TABLE", "META"})) {
    return table_meta(ctx, cur);
  }
  if (cur.accept_kws({"LABEL", "STATE"})) {
    return label_state(ctx, cur);
  }
  fail_unsupported("SIM " + cur.peek().text);
}

} // namespace srsim::engine
