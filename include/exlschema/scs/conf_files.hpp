#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

// The scs configuration files a meta run writes (conf/sync.properties, conf/hosts.properties):
// each written 0600 through a temporary file and a rename, the previous content kept in memory
// and in `<file>.exl-backup` (should exlSchema itself be killed), and put back by restore() or
// the destructor — at the end of the run, after a failure and after SIGINT/SIGTERM.
namespace exl::scs {

class ConfFiles {
public:
  ConfFiles() = default;
  ~ConfFiles(); // restore(), never throws
  ConfFiles(const ConfFiles&) = delete;
  ConfFiles& operator=(const ConfFiles&) = delete;

  // Writes `text` to `path`, keeping what was there. Throws FatalError when it cannot.
  void write(const std::filesystem::path& path, const std::string& text);

  // Puts every file back as it was (a file that did not exist is removed). Returns the problems
  // (one line each), empty when every file was restored.
  std::vector<std::string> restore() noexcept;

private:
  struct Kept {
    std::filesystem::path path;
    std::optional<std::string> previous; // nullopt: there was no file
    std::filesystem::perms mode{};
  };
  std::vector<Kept> m_kept;
};

} // namespace exl::scs
