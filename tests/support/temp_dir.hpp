#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

// A private temporary directory for one test, removed afterwards.
namespace exl::config::test {

class TempDir {
public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "exl-config-XXXXXX").string();
    m_path = ::mkdtemp(pattern.data());
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(m_path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return m_path; }

  // Writes `text` to `name` in the directory with `mode` and returns the full path.
  std::string write(const std::string& name, const std::string& text,
                    std::filesystem::perms mode = std::filesystem::perms::owner_read |
                                                  std::filesystem::perms::owner_write) const {
    const std::string file = m_path + "/" + name;
    std::ofstream(file) << text;
    std::filesystem::permissions(file, mode);
    return file;
  }

private:
  std::string m_path;
};

// Sets an environment variable for the lifetime of the object (unset: nullptr value).
class ScopedEnv {
public:
  ScopedEnv(std::string name, const char* value) : m_name(std::move(name)) {
    if (const char* old = std::getenv(m_name.c_str())) {
      m_old = old;
      m_had = true;
    }
    value ? ::setenv(m_name.c_str(), value, 1) : ::unsetenv(m_name.c_str());
  }
  ~ScopedEnv() { m_had ? ::setenv(m_name.c_str(), m_old.c_str(), 1) : ::unsetenv(m_name.c_str()); }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

private:
  std::string m_name;
  std::string m_old;
  bool m_had = false;
};

} // namespace exl::config::test
