#pragma once

// Finding the MariaDB server behind another cluster, and FederatedX tables that read from it.
// A jdbc_uri / external-table host:port names the other srsim's query (or rpc) port; srsim
// connects there with the given user and password (so the credentials are checked for real, as
// StarRocks does at first use) and asks `ADMIN SHOW SIM STORAGE`, which the front answers with the
// storage server's Host, Port, Socket, User, Password. When that statement is unknown the port is
// a plain MySQL server and is used directly.

#include "engine_state.hpp"
#include "metadata_store.hpp"

#include <string>

namespace srsim::engine {

struct HostPort {
  std::string host;
  int port = 0;
};

// jdbc:mysql://host:port[/db][?params]; throws the StarRocks "Malformed database URL" error.
HostPort parse_jdbc_uri(const std::string& uri);
StorageConfig resolve_storage(const std::string& host, int port, const std::string& user,
                              const std::string& password);
StorageConfig resolve_catalog_storage(Ctx& ctx, const CatalogDef& catalog);
// Creates (or refreshes) `__srsim_fed`.<name> reading db.table on `remote`; returns its reference.
std::string make_federated_table(Ctx& ctx, const StorageConfig& remote, const std::string& prefix,
                                 const std::string& db, const std::string& table);

} // namespace srsim::engine
