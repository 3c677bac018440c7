#pragma once

#include "exlschema/config/run_options.hpp"

#include <optional>
#include <string>

// One run of a job at a time: a cron job that outlasts its interval must not start a second copy
// writing the same tables. A job is its source, target and table list (-t, order ignored); the
// lock is an flock(2) on a file beside the state store, held for the whole run (every
// incremental round), released by the kernel when the process ends however it ends.
namespace exl::app {

inline constexpr int k_exit_locked = 4; // another run of the same job holds the lock

class JobLock {
public:
  // Takes the job's lock, or answers nullopt with `holder` set to what the lock file says of the
  // run that holds it ("pid 1234 since 2026-12-01T10:00:00Z, run <id>"). Throws
  // std::runtime_error when the lock file cannot be created.
  static std::optional<JobLock> try_acquire(const config::RunOptions& options, std::string& holder);

  JobLock(JobLock&& other) noexcept;
  JobLock& operator=(JobLock&& other) noexcept;
  JobLock(const JobLock&) = delete;
  JobLock& operator=(const JobLock&) = delete;
  ~JobLock();

  const std::string& path() const { return m_path; }

private:
  JobLock(int fd, std::string path) : m_fd(fd), m_path(std::move(path)) {}
  int m_fd = -1;
  std::string m_path;
};

// The job of `options` as 16 hex digits (the first 8 bytes of a SHA-256 of its source, target
// and -t entries, order ignored): the lock file's name and the -metrics files' `job_key` label.
std::string job_id(const config::RunOptions& options);

// The lock file of `options`' job: `<state store directory>/locks/<sha256 of the job, 16
// hex>.lock`.
std::string job_lock_path(const config::RunOptions& options);

} // namespace exl::app
