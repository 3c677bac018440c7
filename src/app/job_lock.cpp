#include "app/job_lock.hpp"

#include "exlschema/util/log.hpp"

#include <fcntl.h>
#include <openssl/evp.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fmt/chrono.h>
#include <fmt/format.h>
#include <stdexcept>
#include <vector>

namespace exl::app {
namespace {

std::string hex_sha256(const std::string& text) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  EVP_Digest(text.data(), text.size(), md, &n, EVP_sha256(), nullptr);
  std::string out;
  for (unsigned i = 0; i < 8; ++i) {
    out += fmt::format("{:02x}", md[i]);
  }
  return out;
}

// source, target and the -t entries (as written, renames included), sorted: the same job however
// the list is ordered.
std::string job_key(const config::RunOptions& options) {
  std::vector<std::string> entries;
  for (const auto& t : options.tables) {
    entries.push_back(
        t.text() + (t.renames() ? "=" + t.target_database + "." + t.target_table : std::string()));
  }
  std::sort(entries.begin(), entries.end());
  std::string key = options.source.alias + "\n" + options.target.alias;
  for (const auto& e : entries) {
    key += "\n" + e;
  }
  return key;
}

std::string read_holder(int fd) {
  char buf[512];
  const ssize_t n = ::pread(fd, buf, sizeof buf - 1, 0);
  std::string text(buf, n > 0 ? static_cast<std::size_t>(n) : 0);
  while (!text.empty() && (text.back() == '\n' || text.back() == '\0')) {
    text.pop_back();
  }
  return text.empty() ? "another exlSchema process" : text;
}

void write_holder(int fd, const config::RunOptions& options) {
  const std::string text = fmt::format(
      "pid {} since {:%Y-%m-%dT%H:%M:%SZ}, run {}\n", ::getpid(),
      fmt::gmtime(std::chrono::system_clock::to_time_t(std::chrono::system_clock::now())),
      options.run_id);
  if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, text.data(), text.size(), 0) < 0) {
    // The lock holds without its description; a second run then says less about the first.
    util::log().debug("job lock: could not describe this run in its file");
  }
}

} // namespace

std::string job_id(const config::RunOptions& options) {
  return hex_sha256(job_key(options));
}

std::string job_lock_path(const config::RunOptions& options) {
  const std::filesystem::path dir =
      std::filesystem::absolute(options.state_path).parent_path() / "locks";
  return (dir / (job_id(options) + ".lock")).string();
}

std::optional<JobLock> JobLock::try_acquire(const config::RunOptions& options,
                                            std::string& holder) {
  const std::string path = job_lock_path(options);
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
  // O_CLOEXEC: a child (starrocks-cluster-sync) must not keep the lock after exlSchema ends.
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) {
    throw std::runtime_error("cannot open the job lock " + path);
  }
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    holder = read_holder(fd);
    ::close(fd);
    return std::nullopt;
  }
  write_holder(fd, options);
  return JobLock(fd, path);
}

JobLock::JobLock(JobLock&& other) noexcept : m_fd(other.m_fd), m_path(std::move(other.m_path)) {
  other.m_fd = -1;
}

JobLock& JobLock::operator=(JobLock&& other) noexcept {
  if (this != &other) {
    if (m_fd >= 0) {
      ::close(m_fd);
    }
    m_fd = other.m_fd;
    m_path = std::move(other.m_path);
    other.m_fd = -1;
  }
  return *this;
}

JobLock::~JobLock() {
  if (m_fd >= 0) {
    ::close(m_fd); // releases the flock; the file stays (removing it would race a new run)
  }
}

} // namespace exl::app
