#pragma once

// One side (source or target) as the stand-in sees it: a connection to its FE (the mapped
// address from hosts.properties when the FE host is mapped, the password decrypted with the
// secret key when one is set) and the few reads the tool needs. The SQL here is the stand-in's
// own, written from the StarRocks docs; it shares nothing with exlSchema's builders on purpose.

#include "sync_properties.hpp"

#include "exlschema/db/connection.hpp"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace scs_standin {

struct PartitionInfo {
  std::string name;
  std::int64_t visible_version = 0;
  std::string layout; // Range / List text and DistributionKey, to spot inconsistent partitions
};

std::string quote_ident(const std::string& name);  // `a``b`
std::string quote_string(const std::string& text); // 'it\'s', backslash and NUL escaped
std::string table_ref(const std::string& db, const std::string& table);

class ClusterLink {
public:
  // `side` is "SOURCE" or "TARGET" (the hosts.properties prefix). Throws std::runtime_error when
  // the password cannot be decrypted.
  ClusterLink(std::string side, const ClusterProperties& props,
              const std::map<std::string, std::string>& hosts);

  const std::string& side() const { return m_side; }
  std::string address() const; // host:port actually used (never the password)
  bool mapped() const { return m_mapped; }

  exl::db::Connection& conn(); // (re)connects when needed; throws exl::db::SqlError
  void drop_connection() { m_conn.reset(); }

  std::vector<std::string> databases();
  std::vector<std::string> base_tables(const std::string& db);
  std::vector<PartitionInfo> partitions(const std::string& db, const std::string& table);
  std::string show_create_table(const std::string& db, const std::string& table);
  std::string schema_of(const std::string& db, const std::string& table); // DESC rows, joined
  std::optional<std::string> fe_config(const std::string& key);
  double max_disk_used_pct(); // fullest BE, from SHOW BACKENDS MaxDiskUsedPct (`44.72 %`)
  std::string version();      // `3.3.5` from current_version()

private:
  std::string m_side;
  exl::db::ConnectionParams m_params;
  bool m_mapped = false;
  std::unique_ptr<exl::db::Connection> m_conn;
};

} // namespace scs_standin
