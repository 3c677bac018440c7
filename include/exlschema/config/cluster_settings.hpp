#pragma once

#include "exlschema/db/connection_params.hpp"

#include <string>

// One cluster alias, resolved (from the file or the registry table): how to reach its FE over
// the MySQL protocol, plus the HTTP and RPC ports some modes need. The password inside
// `connection` is registered as a secret when it is loaded.
namespace exl::config {

struct ClusterSettings {
  std::string alias;
  db::ConnectionParams connection; // host, query port (9030), user, password
  int http_port = 8030;            // FE HTTP port (Stream Load, REST)
  int rpc_port = 9020;             // FE thrift RPC port (-o starrocks external tables)
};

} // namespace exl::config
