#include "sync_log.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <iostream>

namespace scs_standin {
namespace {

std::string timestamp(const char* format, bool millis) {
  auto now = std::chrono::system_clock::now();
  std::time_t secs = std::chrono::system_clock::to_time_t(now);
  std::tm tm{};
  localtime_r(&secs, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, format, &tm);
  std::string out = buf;
  if (millis) {
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()) % 1000;
    char frac[8];
    std::snprintf(frac, sizeof frac, ".%03d", static_cast<int>(ms.count()));
    out += frac;
  }
  return out;
}

} // namespace

SyncLog::SyncLog(std::string path, std::uint64_t rotate_bytes)
    : m_path(std::move(path)), m_rotate_bytes(rotate_bytes) {
  m_out.open(m_path, std::ios::app);
}

void SyncLog::info(const std::string& where, const std::string& message) {
  write("INFO", where, message);
}

void SyncLog::warn(const std::string& where, const std::string& message) {
  write("WARN", where, message);
}

void SyncLog::error(const std::string& where, const std::string& message) {
  write("ERROR", where, message);
  // Also on stderr (log/sync.out), where an operator looks first when the tool is gone.
  std::cerr << "ERROR " << message << std::endl;
}

void SyncLog::write(const char* level, const std::string& where, const std::string& message) {
  std::lock_guard<std::mutex> lock(m_mutex);
  rotate_if_needed();
  m_out << timestamp("%Y-%m-%d %H:%M:%S", true) << ' ' << level << ' ' << where << ' ' << message
        << '\n';
  m_out.flush();
}

void SyncLog::rotate_if_needed() {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (m_rotate_bytes == 0 || fs::file_size(m_path, ec) <= m_rotate_bytes || ec) {
    return;
  }
  std::string rolled = m_path + "." + timestamp("%Y%m%d-%H%M%S", false);
  for (int n = 1; fs::exists(rolled, ec); ++n) {
    rolled = m_path + "." + timestamp("%Y%m%d-%H%M%S", false) + "." + std::to_string(n);
  }
  m_out.close();
  fs::rename(m_path, rolled, ec);
  m_out.open(m_path, std::ios::app);
}

} // namespace scs_standin
