#pragma once

// Every statement a cluster received (time, connection id, user, redacted text, result), kept in
// memory (bounded) and appended to DATA_DIR/query.log, so tests can count round trips and check
// what a client sent (ADMIN SHOW SIM QUERY LOG).

#include <cstddef>
#include <cstdint>
#include <deque>
#include <fstream>
#include <mutex>
#include <optional>
#include <string>

#include "sim_api.hpp"

namespace srsim::server {

struct QueryLogEntry {
  std::string time; // yyyy-MM-dd HH:mm:ss.mmm, UTC
  std::uint32_t connection_id = 0;
  std::string user;
  std::string statement; // passwords redacted
  std::string result;    // OK <affected> | ROWS <n> | ERR <code> | DROPPED | STALLED
};

class QueryLog {
public:
  // `path` may be empty (memory only).
  QueryLog(const std::string& path, std::size_t capacity = 20000);

  void append(std::uint32_t connection_id, const std::string& user, const std::string& statement,
              const std::string& result);
  // Entries in arrival order; `like` filters Statement (SQL LIKE, case-insensitive); `limit`
  // keeps the most recent n.
  ResultSet show(const std::optional<std::string>& like, std::optional<long long> limit) const;
  void clear();

  static std::string describe(const Reply& reply);

private:
  mutable std::mutex m_mutex;
  std::deque<QueryLogEntry> m_entries;
  std::size_t m_capacity;
  std::ofstream m_file;
};

} // namespace srsim::server
