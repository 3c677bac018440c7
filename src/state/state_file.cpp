#include "state/state_file.hpp"

#include "exlschema/state/state_store.hpp"
#include "exlschema/util/errors.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>

namespace exl::state {
namespace {

namespace fs = std::filesystem;

constexpr mode_t k_dir_mode = 0700;
constexpr mode_t k_file_mode = 0600;

[[noreturn]] void fail(const std::string& path, const std::string& reason) {
  throw ConfigError(state_error(path, reason));
}

// Like `mkdir -p` with mode 0700 for every directory it creates (the history holds command
// lines and table names, which are nobody else's business); existing ones are left as they are.
void make_private_dirs(const std::string& state_path, const fs::path& dir) {
  if (dir.empty()) {
    return;
  }
  struct stat info {};
  if (::stat(dir.c_str(), &info) == 0) {
    if (!S_ISDIR(info.st_mode)) {
      fail(state_path, dir.string() + " is not a directory");
    }
    return;
  }
  make_private_dirs(state_path, dir.parent_path() == dir ? fs::path() : dir.parent_path());
  if (::mkdir(dir.c_str(), k_dir_mode) != 0 && errno != EEXIST) {
    fail(state_path, "cannot create directory " + dir.string() + ": " + std::strerror(errno));
  }
}

} // namespace

std::string state_error(const std::string& path, const std::string& reason, bool hint) {
  std::string message = "exlSchema: state store " + path + ": " + reason;
  if (hint) {
    message += " (move it away or set 'state:' in the configuration to another file)";
  }
  return message;
}

void prepare_state_file(const std::string& path) {
  const fs::path file = fs::absolute(path);
  make_private_dirs(path, file.parent_path());
  struct stat info {};
  if (::stat(file.c_str(), &info) == 0) {
    if (S_ISDIR(info.st_mode)) {
      fail(path, "is a directory, not a file");
    }
    return;
  }
  // Created here rather than by SQLite so that the mode is 0600 from the start; SQLite gives
  // its -wal and -shm files the database file's mode.
  const int fd = ::open(file.c_str(), O_CREAT | O_RDWR | O_CLOEXEC, k_file_mode);
  if (fd < 0) {
    fail(path, std::string("cannot create the file: ") + std::strerror(errno));
  }
  ::close(fd);
}

std::string default_state_path() {
  const char* xdg = std::getenv("XDG_STATE_HOME");
  // The XDG base directory specification: a relative path is invalid and must be ignored.
  if (xdg != nullptr && xdg[0] == '/') {
    return std::string(xdg) + "/exlSchema/state.db";
  }
  const char* home = std::getenv("HOME");
  if (home == nullptr || home[0] == '\0') {
    throw ConfigError("exlSchema: neither XDG_STATE_HOME nor HOME is set: cannot place the state "
                      "store (set 'state:' in the configuration)");
  }
  return std::string(home) + "/.local/state/exlSchema/state.db";
}

} // namespace exl::state
