// CREATE EXTERNAL TABLE ... ENGINE=MYSQL (readable through FederatedX) and ENGINE=OLAP, the
// StarRocks external table (starrocks-surface.md §7). The OLAP kind keeps metadata only; its
// INSERT is olap_external_insert.cpp, SELECT fails (select.cpp).
//
// Both engines are accepted in every simulated release: TableFactoryProvider still maps MYSQL to
// MysqlTableFactory on the main branch of April 2026 (the docs call MySQL external tables
// deprecated; no release refuses them).

#include "create_table_parser.hpp"
#include "ddl_translate.hpp"
#include "errors.hpp"
#include "handlers.hpp"
#include "remote_storage.hpp"

namespace srsim::engine {

namespace {

const char* const k_connection_keys[] = {"host", "port", "user", "password", "database", "table"};

struct PropertyCheck {
  const char* key;
  const char* missing; // DdlException text when the value is null (or empty, but for password)
};

// ExternalOlapTable.ExternalTableInfo.parseFromProperties (2.5, 3.1, main): texts as written,
// missing spaces included.
const PropertyCheck k_olap_checks[] = {
    {"host", "Host of external table is null. Please add properties('host'='xxx.xxx.xxx.xxx') "
             "when create table"},
    {"port", "miss port of external table is null. Please add properties('port'='3306') when "
             "create table"},
    {"user", "User of external table is null. Please add properties('user'='root') when create "
             "table"},
    {"password", "Password of external table is null. Please add properties('password'='xxxx') "
                 "when create table"},
    {"database", "Database of external table is null. Please add properties('database'='xxxx') "
                 "when create table"},
    {"table", "external table name missing.Please add properties('table'='xxxx') when create "
              "table"}};

// MysqlTable.validate (2.5, main); the `table` text says "Database" in StarRocks too.
const PropertyCheck k_mysql_checks[] = {
    {"host", "Host of MySQL table is null. Please add properties('host'='xxx.xxx.xxx.xxx') when "
             "create table"},
    {"port", "Port of MySQL table is null. Please add properties('port'='3306') when create table"},
    {"user", "User of MySQL table is null. Please add properties('user'='root') when create table"},
    {"password", "Password of MySQL table is null. Please add properties('password'='xxxx') when "
                 "create table"},
    {"database", "Database of MySQL table is null. Please add properties('database'='xxxx') when "
                 "create table"},
    {"table", "Database of MySQL table is null. Please add properties('table'='xxxx') when create "
              "table"}};

bool all_digits(const std::string& s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string::npos;
}

void check_connection_properties(const TableModel& m) {
  bool olap = m.kind == "OLAP_EXTERNAL";
  if (m.properties.empty()) {
    fail_plain(1064, olap ? "miss properties for external table, they are: host, port, user, "
                            "password, database and table"
                          : "Please set properties of mysql table, they are: host, port, user, "
                            "password, database and table");
  }
  for (const PropertyCheck& c : olap ? k_olap_checks : k_mysql_checks) {
    const std::string* v = find_property(m.properties, c.key);
    if (!v || (v->empty() && std::string(c.key) != "password")) {
      fail_plain(1064, c.missing);
    }
    if (std::string(c.key) == "port" && !all_digits(*v)) {
      fail_plain(1064, olap ? "port of external table must be a number.Please add "
                              "properties('port'='3306') when create table"
                            : "Port of MySQL table must be a number.Please add "
                              "properties('port'='3306') when create table");
    }
  }
}

// CreateTableAnalyzer for engines other than OLAP. The engine name is lower-cased by then
// (analyzeEngineName). Up to 3.3 partition and distribution share one message; PR #45498 (May
// 2024, after branch-3.3) split analyzePartitionDesc / analyzeDistributionDesc.
void check_mysql_clauses(Ctx& ctx, const CreateTableStmt& st) {
  if (st.keys_given) {
    fail_analyzing("Create mysql table should not contain keys desc");
  }
  for (const ColumnDef& c : st.model.columns) {
    if (c.base == "array" || c.base == "map" || c.base == "struct") {
      fail_analyzing("mysql external table don't support complex type");
    }
  }
  bool partitioned = st.model.partition.type != "NONE" || !st.partitions.empty();
  bool distributed = !st.model.dist_type.empty();
  if (!ctx.version().at_least(3, 4) && (partitioned || distributed)) {
    fail_analyzing("Create mysql table should not contain partition or distribution desc");
  }
  if (partitioned) {
    fail_analyzing("Create mysql table should not contain partition desc");
  }
  if (distributed) {
    fail_analyzing("Create mysql table should not contain distribution desc");
  }
}

// OlapTableFactory (LocalMetastore in 2.5): checkFeExistByRPCPort(host, port).
void check_not_self(Ctx& ctx, const TableModel& m) {
  const std::string& host = *find_property(m.properties, "host");
  bool local = host == "127.0.0.1" || host == "localhost";
  if (local && std::stoi(*find_property(m.properties, "port")) == ctx.state.config.rpc_port) {
    fail_plain(1064, "can not create OLAP external table of self cluster");
  }
}

// Connection properties in StarRocks's order; the password is kept apart (TableModel::definition)
// and SHOW CREATE TABLE prints it per release (show_create.cpp).
Properties ordered_connection_properties(const Properties& props) {
  Properties out;
  for (const char* k : k_connection_keys) {
    if (const std::string* v = find_property(props, k)) {
      out.emplace_back(k, std::string(k) == "password" ? "" : *v);
    }
  }
  return out;
}

} // namespace

Reply create_external_table(Ctx& ctx, const CreateTableStmt& st) {
  TableModel m = st.model;
  if (m.kind != "MYSQL" && m.kind != "OLAP_EXTERNAL") {
    fail_unsupported("CREATE EXTERNAL TABLE ... ENGINE=" + m.kind);
  }
  if (m.kind == "MYSQL") {
    check_mysql_clauses(ctx, st);
  }
  check_connection_properties(m);
  if (m.kind == "OLAP_EXTERNAL") {
    check_not_self(ctx, m);
  }
  m.id = ctx.state.store.next_id();
  m.create_time = m.update_time = ctx.now();
  const Properties props = m.properties;
  m.properties = ordered_connection_properties(props);
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
  std::lock_guard<std::mutex> lock(ctx.state.store.mutex());
  ctx.state.store.save(ctx.conn, m);
  return OkReply{};
}

} // namespace srsim::engine
