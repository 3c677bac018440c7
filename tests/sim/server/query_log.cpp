#include "server/query_log.hpp"

#include <chrono>
#include <ctime>

#include "server/sql_text.hpp"

namespace srsim::server {
namespace {

std::string now_text() {
  auto now = std::chrono::system_clock::now();
  std::time_t secs = std::chrono::system_clock::to_time_t(now);
  auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
  char out[80];
  std::snprintf(out, sizeof out, "%s.%03d", buf, static_cast<int>(ms));
  return out;
}

} // namespace

QueryLog::QueryLog(const std::string& path, std::size_t capacity) : m_capacity(capacity) {
  if (!path.empty()) {
    m_file.open(path, std::ios::app);
  }
}

void QueryLog::append(std::uint32_t connection_id, const std::string& user,
                      const std::string& statement, const std::string& result) {
  QueryLogEntry e{now_text(), connection_id, user, redact_passwords(statement), result};
  std::lock_guard lock(m_mutex);
  if (m_file.is_open()) {
    std::string one_line = e.statement;
    for (char& c : one_line) {
      if (c == '\n' || c == '\r' || c == '\t') {
        c = ' ';
      }
    }
    m_file << e.time << '\t' << e.connection_id << '\t' << e.user << '\t' << one_line << '\t'
           << e.result << '\n';
    m_file.flush();
  }
  m_entries.push_back(std::move(e));
  while (m_entries.size() > m_capacity) {
    m_entries.pop_front();
  }
}

ResultSet QueryLog::show(const std::optional<std::string>& like,
                         std::optional<long long> limit) const {
  ResultSet rs;
  rs.columns = {"Time", "ConnectionId", "User", "Statement", "Result"};
  std::lock_guard lock(m_mutex);
  for (const auto& e : m_entries) {
    if (like && !like_match(*like, e.statement)) {
      continue;
    }
    rs.rows.push_back({e.time, std::to_string(e.connection_id), e.user, e.statement, e.result});
  }
  if (limit && *limit >= 0 && rs.rows.size() > static_cast<std::size_t>(*limit)) {
    rs.rows.erase(rs.rows.begin(), rs.rows.end() - *limit);
  }
  return rs;
}

void QueryLog::clear() {
  std::lock_guard lock(m_mutex);
  m_entries.clear();
}

std::string QueryLog::describe(const Reply& reply) {
  if (const auto* ok = std::get_if<OkReply>(&reply)) {
    return "OK " + std::to_string(ok->affected_rows);
  }
  if (const auto* rs = std::get_if<ResultSet>(&reply)) {
    return "ROWS " + std::to_string(rs->rows.size());
  }
  return "ERR " + std::to_string(std::get<ErrorReply>(reply).code);
}

} // namespace srsim::server
