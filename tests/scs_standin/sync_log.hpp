#pragma once

// log/sync.INFO.log of the stand-in. Every line:
//   `2026-12-01 10:00:00.123 INFO (report|1) [SyncJobManager.report():211] message`
// (local time, milliseconds, level, `(thread|id)`, `[Class.method():line]`). ASSUMPTION: the
// real tool's docs show its log only as pictures (data_migration_tool-1.png / -2.png), so this
// layout is a log4j-style guess; the field names of the progress lines are the documented ones.
// Lines are appended and flushed one by one. With `rotate_bytes` > 0 the file is renamed to
// `sync.INFO.log.<yyyyMMdd-HHmmss>` (`.1`, `.2`, ... appended when taken) once it has grown past
// that many bytes, and a new file is started, as a log4j size-based rolling appender does.

#include <cstdint>
#include <fstream>
#include <mutex>
#include <string>

namespace scs_standin {

class SyncLog {
public:
  SyncLog(std::string path, std::uint64_t rotate_bytes);

  // `where` is the `(thread|id) [Class.method():line]` part.
  void info(const std::string& where, const std::string& message);
  void warn(const std::string& where, const std::string& message);
  void error(const std::string& where, const std::string& message);

private:
  void write(const char* level, const std::string& where, const std::string& message);
  void rotate_if_needed();

  std::string m_path;
  std::uint64_t m_rotate_bytes;
  std::mutex m_mutex;
  std::ofstream m_out;
};

} // namespace scs_standin
