#include "exlschema/scs/conf_files.hpp"

#include "exlschema/util/errors.hpp"

#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace exl::scs {
namespace {

namespace fs = std::filesystem;

std::optional<std::string> read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return std::nullopt;
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// `text` into `path` with mode `mode`, through `path`.exl-tmp and a rename: a reader never
// sees half a file, and the file is never readable by others, not even for a moment.
void write_file(const fs::path& path, const std::string& text, fs::perms mode) {
  const fs::path temporary = path.string() + ".exl-tmp";
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (fd < 0) {
    throw FatalError("exlSchema: cannot write " + temporary.string());
  }
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n <= 0) {
      ::close(fd);
      throw FatalError("exlSchema: cannot write " + temporary.string());
    }
    done += static_cast<std::size_t>(n);
  }
  ::fchmod(fd, static_cast<mode_t>(mode));
  ::fsync(fd);
  ::close(fd);
  fs::rename(temporary, path);
}

} // namespace

ConfFiles::~ConfFiles() {
  restore();
}

void ConfFiles::write(const fs::path& path, const std::string& text) {
  Kept kept{path, read_text(path), fs::perms::owner_read | fs::perms::owner_write};
  if (kept.previous) {
    kept.mode = fs::status(path).permissions();
    write_file(path.string() + ".exl-backup", *kept.previous, kept.mode);
  }
  m_kept.push_back(kept);
  write_file(path, text, fs::perms::owner_read | fs::perms::owner_write);
}

std::vector<std::string> ConfFiles::restore() noexcept {
  std::vector<std::string> problems;
  for (auto it = m_kept.rbegin(); it != m_kept.rend(); ++it) {
    try {
      if (it->previous) {
        write_file(it->path, *it->previous, it->mode);
        fs::remove(it->path.string() + ".exl-backup");
      } else {
        fs::remove(it->path);
      }
    } catch (const std::exception& e) {
      problems.push_back("cannot restore " + it->path.string() + ": " + e.what());
    }
  }
  m_kept.clear();
  return problems;
}

} // namespace exl::scs
