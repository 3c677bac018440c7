#include "exlschema/report/atomic_file.hpp"

#include "exlschema/util/errors.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <utility>

namespace exl::report {
namespace {

// A file next to `target` (same directory, so that rename() is atomic) that becomes `target` on
// commit(). Until then readers of `target` see the previous file, whole; on failure or
// destruction without commit() it is removed, so nothing is left behind.
class TemporaryFile {
public:
  TemporaryFile(const std::string& target, std::string_view what) : m_target(target), m_what(what) {
    // O_EXCL with a per-process, per-call name: never another run's file, never a symlink. The
    // name does not end in `.prom`, so node_exporter's textfile collector never reads it.
    static std::atomic<unsigned> counter{0};
    m_path = target + ".tmp." + std::to_string(::getpid()) + "." + std::to_string(counter++);
    m_fd = ::open(m_path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (m_fd < 0) {
      fail("cannot create");
    }
  }
  ~TemporaryFile() {
    if (m_fd >= 0) {
      ::close(m_fd);
    }
    if (!m_committed) {
      ::unlink(m_path.c_str());
    }
  }
  TemporaryFile(const TemporaryFile&) = delete;
  TemporaryFile& operator=(const TemporaryFile&) = delete;

  void write_all(std::string_view text) {
    while (!text.empty()) {
      const ssize_t n = ::write(m_fd, text.data(), text.size());
      if (n < 0 && errno == EINTR) {
        continue;
      }
      if (n <= 0) {
        fail("cannot write");
      }
      text.remove_prefix(static_cast<std::size_t>(n));
    }
  }

  // Flushed to disk before the rename, so that a crash cannot leave an empty file in place.
  void commit() {
    if (::fsync(m_fd) != 0) {
      fail("cannot flush");
    }
    const int fd = std::exchange(m_fd, -1);
    if (::close(fd) != 0) {
      fail("cannot close");
    }
    if (std::rename(m_path.c_str(), m_target.c_str()) != 0) {
      fail("cannot rename");
    }
    m_committed = true;
    sync_directory();
  }

private:
  // The rename itself reaches the disk with the directory. Best effort: the file is in place for
  // every reader already, and some file systems refuse fsync on a directory.
  void sync_directory() const {
    const std::filesystem::path dir = std::filesystem::absolute(m_target).parent_path();
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
      ::fsync(fd);
      ::close(fd);
    }
  }

  // `step` failed on the temporary file; errno says why.
  [[noreturn]] void fail(const char* step) const {
    const int error = errno;
    throw FatalError("exlSchema: cannot write " + m_what + " " + m_target + ": " + step + " " +
                     m_path + ": " + std::strerror(error));
  }

  std::string m_target;
  std::string m_what;
  std::string m_path;
  int m_fd = -1;
  bool m_committed = false;
};

} // namespace

void write_file_atomically(const std::string& path, std::string_view text, std::string_view what) {
  TemporaryFile temporary(path, what);
  temporary.write_all(text);
  temporary.commit();
}

} // namespace exl::report
