#pragma once

#include "e2e/e2e_support.hpp"

#include <spawn.h>

// A shared-data srsim of its own (a third cluster) for the tests that need one (check, meta),
// storing in the sandbox source's MariaDB under its own name; stopped and removed afterwards.
namespace exl::test::e2e {

class SharedDataCluster {
public:
  // `name`: the cluster's name (its storage schemas on the source's MariaDB); `version`: the
  // StarRocks release it plays (empty: srsim's default).
  explicit SharedDataCluster(const std::string& name = "e2echeck", const std::string& version = "")
      : m_dir(sandbox_dir() + "/" + name + "-shared-" + std::to_string(::getpid())) {
    const auto env = load_sandbox_env();
    std::filesystem::create_directories(m_dir);
    std::filesystem::remove(m_dir + "/srsim.ready");
    std::vector<std::string> args = {EXL_SRSIM_PATH,
                                     "--name",
                                     name,
                                     "--shared-data",
                                     "--data-dir",
                                     m_dir,
                                     "--storage-host",
                                     "127.0.0.1",
                                     "--storage-port",
                                     env->at("SRC_MARIADB_PORT"),
                                     "--storage-socket",
                                     env->at("SRC_MARIADB_SOCKET"),
                                     "--storage-user",
                                     env->at("SRC_MARIADB_USER")};
    if (!version.empty()) {
      args.insert(args.end(), {"--version", version});
    }
    std::vector<std::string> vars = {"SRSIM_ROOT_PASSWORD=" + m_password,
                                     "SRSIM_STORAGE_PASSWORD=" + env->at("SRC_MARIADB_PASSWORD")};
    std::vector<char*> argv;
    argv.reserve(args.size() + 1);
    for (auto& a : args) {
      argv.push_back(a.data());
    }
    argv.push_back(nullptr);
    std::vector<char*> envp;
    envp.reserve(vars.size() + 1);
    for (auto& v : vars) {
      envp.push_back(v.data());
    }
    envp.push_back(nullptr);
    if (::posix_spawn(&m_pid, argv[0], nullptr, nullptr, argv.data(), envp.data()) != 0) {
      throw std::runtime_error("cannot start srsim");
    }
    read_port();
  }
  ~SharedDataCluster() {
    ::kill(m_pid, SIGTERM);
    int status = 0;
    if (!eventually([&] { return ::waitpid(m_pid, &status, WNOHANG) == m_pid; })) {
      ::kill(m_pid, SIGKILL);
      ::waitpid(m_pid, &status, 0);
    }
    std::error_code ec;
    std::filesystem::remove_all(m_dir, ec);
  }
  SharedDataCluster(const SharedDataCluster&) = delete;
  SharedDataCluster& operator=(const SharedDataCluster&) = delete;

  [[nodiscard]] int port() const { return m_port; }
  [[nodiscard]] const std::string& password() const { return m_password; }

private:
  // srsim writes PORT=... into srsim.ready once it listens.
  void read_port() {
    const bool ready = eventually([&] {
      std::ifstream in(m_dir + "/srsim.ready");
      for (std::string line; std::getline(in, line);) {
        if (line.rfind("PORT=", 0) == 0) {
          m_port = std::stoi(line.substr(5));
        }
      }
      return m_port > 0;
    });
    if (!ready) {
      throw std::runtime_error("the shared-data srsim did not start, see " + m_dir);
    }
  }

  std::string m_dir;
  std::string m_password = "shared-root-pw";
  pid_t m_pid = -1;
  int m_port = 0;
};

} // namespace exl::test::e2e
