#pragma once

#include <spdlog/spdlog.h>

#include <string>

// Process-wide logging. Every line carries the run id and the task id of the calling thread
// (`-` outside a task): `[2026-11-21 12:00:00.123] [info] [run 20261121T120000-ab12] [task 3] ...`.
namespace exl::util {

struct LogOptions {
  spdlog::level::level_enum console_level = spdlog::level::info;
  std::string file_path; // empty: no log file
  std::string run_id;
};

// (Re)configures the global logger: stderr sink (and file sink when `options.file_path` is set).
// Every message written through it is passed through redact().
void init_logging(const LogOptions& options);

// Sets the task id shown on the calling thread's log lines; empty resets it to `-`.
void set_thread_task_id(const std::string& task_id);
const std::string& thread_task_id();

// The logger to use everywhere (never null; a default stderr logger before init_logging).
spdlog::logger& log();

} // namespace exl::util
