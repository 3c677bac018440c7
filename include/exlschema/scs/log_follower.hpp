#pragma once

#include <cstdio>
#include <deque>
#include <filesystem>
#include <string>
#include <sys/types.h>
#include <vector>

// Follows a log file the way `tail -F` does: lines appended since the follower started, across
// rotation (the file renamed and a new one started: what the old file still received is read to
// its end first) and truncation (read again from the start). Used on scs's log/sync.INFO.log.
namespace exl::scs {

class LogFollower {
public:
  // Starts at the current end of `path` (earlier runs' lines are not this run's progress); a
  // missing file is waited for.
  explicit LogFollower(std::filesystem::path path);
  ~LogFollower();
  LogFollower(const LogFollower&) = delete;
  LogFollower& operator=(const LogFollower&) = delete;

  // The complete lines written since the last call (a line without its newline yet waits).
  std::vector<std::string> poll();

  // The last lines seen (at most 30), for a failure report.
  const std::deque<std::string>& tail() const { return m_tail; }

private:
  void open_current(bool at_end);
  void read_available(std::vector<std::string>& lines);
  bool replaced() const; // the path now names another file, or the file shrank

  std::filesystem::path m_path;
  std::FILE* m_file = nullptr;
  ino_t m_inode = 0;
  long m_offset = 0;
  std::string m_partial;
  std::deque<std::string> m_tail;
};

} // namespace exl::scs
