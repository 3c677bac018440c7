#include "exlschema/scs/log_follower.hpp"

#include <sys/stat.h>

namespace exl::scs {
namespace {

constexpr std::size_t k_tail_lines = 30;

} // namespace

LogFollower::LogFollower(std::filesystem::path path) : m_path(std::move(path)) {
  open_current(true);
}

LogFollower::~LogFollower() {
  if (m_file != nullptr) {
    std::fclose(m_file);
  }
}

void LogFollower::open_current(bool at_end) {
  if (m_file != nullptr) {
    std::fclose(m_file);
    m_file = nullptr;
  }
  m_offset = 0;
  m_file = std::fopen(m_path.c_str(), "rb");
  if (m_file == nullptr) {
    return;
  }
  struct stat st {};
  if (::fstat(::fileno(m_file), &st) == 0) {
    m_inode = st.st_ino;
    if (at_end) {
      m_offset = static_cast<long>(st.st_size);
    }
  }
  std::fseek(m_file, m_offset, SEEK_SET);
}

bool LogFollower::replaced() const {
  struct stat st {};
  if (::stat(m_path.c_str(), &st) != 0) {
    return false; // renamed away and not yet recreated: keep reading the old one
  }
  return st.st_ino != m_inode || static_cast<long>(st.st_size) < m_offset;
}

void LogFollower::read_available(std::vector<std::string>& lines) {
  if (m_file == nullptr) {
    return;
  }
  std::clearerr(m_file);
  std::fseek(m_file, m_offset, SEEK_SET);
  char buffer[8192];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, m_file)) > 0) {
    m_offset += static_cast<long>(n);
    for (std::size_t i = 0; i < n; ++i) {
      if (buffer[i] != '\n') {
        m_partial += buffer[i];
        continue;
      }
      if (!m_partial.empty() && m_partial.back() == '\r') {
        m_partial.pop_back();
      }
      m_tail.push_back(m_partial);
      if (m_tail.size() > k_tail_lines) {
        m_tail.pop_front();
      }
      lines.push_back(std::move(m_partial));
      m_partial.clear();
    }
  }
}

std::vector<std::string> LogFollower::poll() {
  std::vector<std::string> lines;
  if (m_file == nullptr) {
    open_current(false); // created after the follower started: all of it is new
  }
  read_available(lines);
  if (m_file != nullptr && replaced()) {
    const bool truncated = [&] {
      struct stat st {};
      return ::stat(m_path.c_str(), &st) == 0 && st.st_ino == m_inode;
    }();
    if (!truncated) {
      read_available(lines); // what the rotated file received before the switch
    }
    m_partial.clear();
    open_current(false);
    read_available(lines);
  }
  return lines;
}

} // namespace exl::scs
