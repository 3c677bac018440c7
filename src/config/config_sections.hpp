#pragma once

#include "config/yaml_scope.hpp"
#include "exlschema/config/config_file.hpp"

// Readers for each section of the configuration file; each checks its keys and types.
namespace exl::config {

// One cluster mapping (`clusters.<alias>` or `registry:` inline): host, port, http_port,
// rpc_port, user and at most one password source.
ClusterEntry read_cluster(const YamlScope& scope, const std::string& alias);

RegistrySettings read_registry(const YamlScope& scope);
FeishuEntry read_feishu(const YamlScope& scope);
Defaults read_defaults(const YamlScope& scope);
ScsEntry read_scs(const YamlScope& scope);         // scs_section.cpp
StorageEntry read_storage(const YamlScope& scope); // storage_section.cpp

} // namespace exl::config
