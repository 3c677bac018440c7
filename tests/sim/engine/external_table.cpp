// CREATE EXTERNAL TABLE ... ENGINE=MYSQL (readable through FederatedX) and ENGINE=OLAP, the
// StarRocks external table (starrocks-surface.md §7): INSERT-only, rows are sent over the MySQL
// protocol to the destination srsim's rpc port so the destination applies its own semantics
// (labels, versions); usable only once its metadata "synced" (ClusterConfig::olap_external_delay_s
// after creation), SELECT fails.

#include "ddl_translate.hpp"
#include "errors.hpp"
#include "handlers.hpp"
#include "remote_storage.hpp"

namespace srsim::engine {

namespace {

const char* const k_connection_keys[] = {"host", "port", "user", "password", "database", "table"};

void check_connection_properties(const TableModel& m) {
  for (const char* k : k_connection_keys) {
    if (!find_property(m.properties, k)) {
      fail_analyzing(std::string(k) + " of external table is required");
    }
  }
}

// Connection properties in StarRocks's order; the password is printed blank.
Properties ordered_connection_properties(const Properties& props) {
  Properties out;
  for (const char* k : k_connection_keys) {
    if (const std::string* v = find_property(props, k)) {
      out.emplace_back(k, std::string(k) == "password" ? "" : *v);
    }
  }
  return out;
}

std::string values_sql(const ResultSet& rs, std::size_t from, std::size_t to) {
  std::string out;
  for (std::size_t r = from; r < to; ++r) {
    std::string row;
    for (std::size_t i = 0; i < rs.rows[r].size(); ++i) {
      row += (i ? ", " : "") + (rs.rows[r][i] ? quote_literal(*rs.rows[r][i]) : "NULL");
    }
    out += (r > from ? ", (" : "(") + row + ")";
  }
  return out;
}

} // namespace

Reply create_external_table(Ctx& ctx, TableModel m) {
  check_connection_properties(m);
  m.id = ctx.state.store.next_id();
  m.create_time = m.update_time = ctx.now();
  const Properties props = m.properties;
  m.properties = ordered_connection_properties(props);
  // The real password is kept apart from the printed properties.
  m.definition = *find_property(props, "password");
  if (m.kind == "MYSQL") {
    StorageConfig remote =
        resolve_storage(*find_property(props, "host"), std::stoi(*find_property(props, "port")),
                        *find_property(props, "user"), *find_property(props, "password"));
    std::string fed = make_federated_table(ctx, remote, "ext", *find_property(props, "database"),
                                           *find_property(props, "table"));
    std::lock_guard<std::mutex> lock(ctx.state.store.mutex());
    ctx.conn.exec("CREATE VIEW " + table_ref(m.db, m.name) + " AS SELECT * FROM " + fed);
    ctx.state.store.save(ctx.conn, m);
    return OkReply{};
  }
  if (m.kind != "OLAP_EXTERNAL") {
    fail_unsupported("CREATE EXTERNAL TABLE ... ENGINE=" + m.kind);
  }
  std::lock_guard<std::mutex> lock(ctx.state.store.mutex());
  ctx.state.store.save(ctx.conn, m);
  return OkReply{};
}

Reply insert_into_olap_external(Ctx& ctx, const TableModel& target, const std::string& columns,
                                const std::string& source_sql) {
  if (ctx.now() - target.create_time < ctx.state.config.live->olap_external_delay_s.load()) {
    // Before the first metadata sync the FE knows no partitions of the destination table; the
    // text is the one reported in StarRocks issue #9538.
    fail_plain(1064, "data cannot be inserted into table with empty partition.Use `SHOW "
                     "PARTITIONS FROM " +
                         target.name + "` to see the currently partitions of this table. ");
  }
  ResultSet rows = ctx.conn.query(rewrite_query(ctx, source_sql));
  StorageConfig dest{*find_property(target.properties, "host"),
                     std::stoi(*find_property(target.properties, "port")), "",
                     *find_property(target.properties, "user"), target.definition};
  std::unique_ptr<Backend> conn;
  try {
    conn = std::make_unique<Backend>(dest);
  } catch (const BackendError& e) {
    fail_plain(1064, "Failed to connect to the destination cluster " + dest.host + ":" +
                         std::to_string(dest.port) + ": " + e.what());
  }
  std::string head = "INSERT INTO " +
                     table_ref(*find_property(target.properties, "database"),
                               *find_property(target.properties, "table")) +
                     (columns.empty() ? "" : " (" + columns + ")") + " VALUES ";
  std::uint64_t sent = 0;
  try {
    // One statement per 5,000 rows; the destination answers each like any INSERT.
    for (std::size_t from = 0; from < rows.rows.size(); from += 5000) {
      std::size_t to = std::min(rows.rows.size(), from + 5000);
      sent += conn->exec(head + values_sql(rows, from, to));
    }
  } catch (const BackendError& e) {
    fail_plain(1064, std::string(e.what()));
  }
  std::int64_t txn = ctx.state.store.next_id();
  OkReply ok;
  ok.affected_rows = sent;
  ok.info = "{'label':'insert_external_" + std::to_string(txn) +
            "', 'status':'VISIBLE', 'txnId':'" + std::to_string(txn) + "'}";
  return ok;
}

} // namespace srsim::engine
