#pragma once

#include "integration/srsim_test_support.hpp"
#include "support/eventually.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

// End-to-end tests of the exlSchema binary against the two-cluster sandbox (fixture
// `e2e_sandbox`, tests/CMakeLists.txt): run the real binary with the sandbox's configuration,
// then look at what reached the clusters (rows, SHOW CREATE, srsim's query log).
namespace exl::test::e2e {

using xcheck::load_sandbox_env;

inline std::string sandbox_dir() {
  const char* dir = std::getenv("EXL_TEST_SANDBOX_DIR");
  return dir == nullptr ? std::string() : std::string(dir);
}

inline std::string config_path() {
  return sandbox_dir() + "/exlSchema.yaml";
}

// What one run of the binary did.
struct ExlResult {
  int exit_code = -1; // the exit status, or 128 + signal when killed by one
  std::string out;
  std::string err;
};

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// A started exlSchema process: stdout/stderr go to files in a private directory. The child gets
// the sandbox's variables (passwords) and a private XDG_STATE_HOME unless `env` overrides them.
class ExlProcess {
public:
  ExlProcess(const std::vector<std::string>& args, const std::map<std::string, std::string>& env)
      : m_dir(make_dir()) {
    std::map<std::string, std::string> vars = child_env(env);
    m_pid = ::fork();
    if (m_pid == 0) {
      exec_child(args, vars);
    }
  }
  ~ExlProcess() {
    if (m_pid > 0 && !m_waited) {
      ::kill(m_pid, SIGKILL);
      wait();
    }
    std::error_code ec;
    std::filesystem::remove_all(m_dir, ec);
  }
  ExlProcess(const ExlProcess&) = delete;
  ExlProcess& operator=(const ExlProcess&) = delete;

  void signal(int sig) const { ::kill(m_pid, sig); }
  pid_t pid() const { return m_pid; }
  // True once the process has ended (reaped here; wait() then returns its result at once).
  bool exited() {
    if (!m_waited) {
      int status = 0;
      if (::waitpid(m_pid, &status, WNOHANG) != m_pid) {
        return false;
      }
      m_waited = true;
      m_status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    return true;
  }
  std::string out_so_far() const { return read_file(m_dir + "/out"); }
  std::string err_so_far() const { return read_file(m_dir + "/err"); }

  ExlResult wait() {
    int status = 0;
    if (!m_waited) {
      ::waitpid(m_pid, &status, 0);
      m_waited = true;
      m_status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    return {m_status, out_so_far(), err_so_far()};
  }

private:
  static std::string make_dir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "exl-e2e-XXXXXX").string();
    return ::mkdtemp(pattern.data());
  }

  std::map<std::string, std::string> child_env(const std::map<std::string, std::string>& env) {
    std::map<std::string, std::string> vars;
    for (char** e = environ; *e != nullptr; ++e) {
      const std::string kv = *e;
      const auto eq = kv.find('=');
      if (eq != std::string::npos) {
        vars[kv.substr(0, eq)] = kv.substr(eq + 1);
      }
    }
    if (const auto sandbox = load_sandbox_env()) {
      for (const auto& [k, v] : *sandbox) {
        vars[k] = v;
      }
    }
    vars["XDG_STATE_HOME"] = m_dir + "/state";
    vars["HOME"] = m_dir;
    for (const auto& [k, v] : env) {
      vars[k] = v;
    }
    return vars;
  }

  [[noreturn]] void exec_child(const std::vector<std::string>& args,
                               const std::map<std::string, std::string>& vars) {
    const int out = ::open((m_dir + "/out").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const int err = ::open((m_dir + "/err").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const int in = ::open("/dev/null", O_RDONLY);
    ::dup2(in, 0);
    ::dup2(out, 1);
    ::dup2(err, 2);
    // The child starts with its stdio alone: nothing the test runner holds open (ctest's log,
    // a build lock) leaks into it, so what it holds is its own (resource_bounds_test.cpp).
    ::close_range(3, ~0U, 0);
    std::vector<std::string> env_text;
    for (const auto& [k, v] : vars) {
      env_text.push_back(k + "=" + v);
    }
    std::vector<char*> envp;
    for (auto& e : env_text) {
      envp.push_back(e.data());
    }
    envp.push_back(nullptr);
    std::vector<std::string> argv_text{EXL_BIN_PATH};
    argv_text.insert(argv_text.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : argv_text) {
      argv.push_back(a.data());
    }
    argv.push_back(nullptr);
    ::execve(argv[0], argv.data(), envp.data());
    ::_exit(127);
  }

  std::string m_dir;
  pid_t m_pid = -1;
  bool m_waited = false;
  int m_status = -1;
};

// Runs exlSchema to its end with `-config <sandbox config>` prepended (unless `args` has one).
inline ExlResult run_exl(std::vector<std::string> args,
                         const std::map<std::string, std::string>& env = {}) {
  if (std::find(args.begin(), args.end(), "-config") == args.end()) {
    args.insert(args.begin(), {"-config", config_path()});
  }
  ExlProcess process(args, env);
  return process.wait();
}

inline std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  }
  return out + "'";
}

// A shell command running exlSchema with `args` (after `-config <sandbox config>`) under
// script(1), which gives it a pseudo-terminal and writes what it prints to `typescript` as it
// comes (-f); the sandbox's environment and XDG_STATE_HOME=`state_dir` are set for it.
inline std::string on_a_terminal(const std::vector<std::string>& args, const std::string& state_dir,
                                 const std::string& typescript) {
  std::string command = std::string(EXL_BIN_PATH) + " -config " + shell_quote(config_path());
  for (const std::string& arg : args) {
    command += " " + shell_quote(arg);
  }
  std::string env_prefix;
  if (const auto sandbox_env = load_sandbox_env()) {
    for (const auto& [k, v] : *sandbox_env) {
      env_prefix += k + "=" + shell_quote(v) + " ";
    }
  }
  return "env " + env_prefix + "XDG_STATE_HOME=" + shell_quote(state_dir) + " script -qfec " +
         shell_quote(command) + " " + shell_quote(typescript) + " >/dev/null 2>&1";
}

// The statements a cluster (`SRC`, `DST`) received from now on, read from srsim's query.log:
// construct before the run, call statements() after it.
class QueryLogMark {
public:
  explicit QueryLogMark(std::string cluster) : m_path(log_path(cluster)) {
    std::error_code ec;
    m_offset = std::filesystem::exists(m_path, ec) ? std::filesystem::file_size(m_path, ec) : 0;
  }

  // Statement texts (the 4th tab-separated field) of the lines appended since construction.
  std::vector<std::string> statements() const {
    std::ifstream in(m_path, std::ios::binary);
    in.seekg(static_cast<std::streamoff>(m_offset));
    std::vector<std::string> out;
    for (std::string line; std::getline(in, line);) {
      std::vector<std::string> fields;
      std::stringstream split(line);
      for (std::string f; std::getline(split, f, '\t');) {
        fields.push_back(f);
      }
      if (fields.size() >= 4) {
        out.push_back(fields[3]);
      }
    }
    return out;
  }

private:
  static std::string log_path(const std::string& cluster) {
    const auto env = load_sandbox_env();
    return env ? env->at(cluster + "_DATA_DIR") + "/query.log" : std::string();
  }

  std::string m_path;
  std::uintmax_t m_offset = 0;
};

// A statement that only reads: SHOW, SELECT, DESC, session SET, USE, a login, ADMIN SHOW.
inline bool is_read_statement(std::string_view sql) {
  std::string head;
  for (char c : sql.substr(0, 40)) {
    head += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  for (std::string_view prefix : {"SHOW ", "SELECT ", "SELECT\n", "DESC ", "DESCRIBE ", "USE ",
                                  "CONNECT", "ADMIN SHOW ", "EXPLAIN ", "/* PING */", "PING"}) {
    if (head.rfind(prefix, 0) == 0) {
      return true;
    }
  }
  return head.rfind("SET ", 0) == 0 && head.find("GLOBAL") == std::string::npos;
}

inline db::ConnectionParams cluster(const std::string& prefix) {
  const auto env = load_sandbox_env();
  if (!env) {
    throw std::runtime_error("EXL_TEST_SANDBOX_DIR not set: run through ctest");
  }
  return xcheck::cluster_params(*env, prefix);
}

} // namespace exl::test::e2e

namespace exl::test::e2e {

// Runs `sql` on the sandbox cluster `prefix` (SRC, DST) as root and returns what it returned.
inline db::ResultSet sql(const std::string& prefix, const std::string& statement) {
  db::ConnectionParams params = cluster(prefix);
  params.query_timeout_s = 0;
  db::Connection c(params);
  return c.query(statement);
}

// SHOW CREATE TABLE's DDL of `db`.`t` on cluster `prefix` (tables, views and MVs alike).
inline std::string show_create(const std::string& prefix, const std::string& db,
                               const std::string& t) {
  return sql(prefix, "SHOW CREATE TABLE `" + db + "`.`" + t + "`").rows.at(0).at(1).value_or("");
}

// Runs each statement in order on one connection.
inline void sql_all(const std::string& prefix, const std::vector<std::string>& statements) {
  db::ConnectionParams params = cluster(prefix);
  params.query_timeout_s = 0;
  db::Connection c(params);
  for (const auto& s : statements) {
    c.query(s);
  }
}

// The statements of `statements` that are not reads.
inline std::vector<std::string> writes_in(const std::vector<std::string>& statements) {
  std::vector<std::string> out;
  for (const auto& s : statements) {
    if (!is_read_statement(s)) {
      out.push_back(s);
    }
  }
  return out;
}

inline bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// A database name unique to this test process and call.
inline std::string fresh_database(const std::string& what) {
  static int counter = 0;
  return "e2e_" + what + "_" + std::to_string(::getpid()) + "_" + std::to_string(++counter);
}

} // namespace exl::test::e2e
