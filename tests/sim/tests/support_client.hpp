#pragma once

// Helpers for srsim's end-to-end tests: the sandbox started by the ctest fixture
// (EXL_TEST_SANDBOX_DIR), a libmariadb client, the stock `mariadb` command-line client, a raw
// protocol client (to test the classic EOF framing libmariadb never asks for), a private srsim
// process (for cluster-wide fault state and other versions), and polling with a deadline.

#include "support/eventually.hpp"

#include <mysql.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace srsim::test {

// The values of DIR/sandbox.env, e.g. env("SRC_PORT").
class Sandbox {
public:
  static const Sandbox& get(); // reads $EXL_TEST_SANDBOX_DIR/sandbox.env once; throws if unset
  std::string env(const std::string& key) const;
  int port(const std::string& key) const { return std::stoi(env(key)); }
  const std::string& dir() const { return m_dir; }

private:
  std::string m_dir;
  std::map<std::string, std::string> m_values;
};

struct QueryResult {
  unsigned error = 0;
  std::string sqlstate;
  std::string message;
  std::vector<std::string> columns;
  std::vector<std::vector<std::optional<std::string>>> rows;
  std::uint64_t affected_rows = 0;
  std::string info;

  bool ok() const { return error == 0; }
  // The value in `row` under column `name` (throws when there is no such column).
  std::optional<std::string> cell(std::size_t row, const std::string& name) const;
};

struct ConnectOptions {
  int port = 0;
  std::string user = "root";
  std::string password;
  std::string database;
  std::string program_name = "srsim_tests";
  unsigned read_timeout_s = 30;
};

class Client {
public:
  // nullptr when the connection fails; `error`/`message` then say why.
  static std::unique_ptr<Client> connect(const ConnectOptions& options, unsigned* error = nullptr,
                                         std::string* message = nullptr);
  // Root on the sandbox cluster `which` ("SRC" or "DST").
  static std::unique_ptr<Client> root(const std::string& which = "SRC");
  ~Client();

  QueryResult query(const std::string& sql);
  MYSQL* handle() { return m_mysql; }
  unsigned long connection_id() { return mysql_thread_id(m_mysql); }

private:
  explicit Client(MYSQL* mysql) : m_mysql(mysql) {}
  MYSQL* m_mysql;
};

// Runs the stock client: `mariadb --no-defaults -h127.0.0.1 -P<port> -u<user> <extra> -e <sql>`
// with the password in MYSQL_PWD; returns exit status and combined output.
struct CliResult {
  int exit_code = -1;
  std::string output;
};
CliResult run_mariadb_cli(int port, const std::string& user, const std::string& password,
                          const std::string& sql, const std::string& extra_args = "");

// A raw client speaking the protocol by hand; answers the first byte of every packet the server
// sent for one COM_QUERY (0x00 OK, 0xFE EOF, 0xFF ERR, others = counts/columns/rows).
struct RawExchange {
  bool authenticated = false;
  std::vector<std::string> packets; // payloads, in order
};
RawExchange raw_query(int port, const std::string& user, const std::string& password,
                      const std::string& sql, bool deprecate_eof);

// A private srsim over the sandbox's src MariaDB, in a fresh directory under the sandbox dir.
class PrivateSrsim {
public:
  explicit PrivateSrsim(const std::vector<std::string>& extra_args = {},
                        const std::string& data_dir = "");
  ~PrivateSrsim();
  PrivateSrsim(const PrivateSrsim&) = delete;
  PrivateSrsim& operator=(const PrivateSrsim&) = delete;

  int port() const { return m_port; }
  int http_port() const { return m_http_port; }
  int rpc_port() const { return m_rpc_port; }
  int be_http_port() const { return m_be_http_port; }
  const std::string& password() const { return m_password; }
  const std::string& data_dir() const { return m_data_dir; }
  std::unique_ptr<Client> root();
  void stop();

private:
  int m_pid = -1;
  int m_port = 0, m_http_port = 0, m_rpc_port = 0, m_be_http_port = 0;
  std::string m_password = "private-root-pw";
  std::string m_data_dir;
};

using exl::test::eventually; // tests/support/eventually.hpp: the project's one polling helper

// A unique name for this test process (databases, users, directories).
std::string unique_id(const std::string& prefix);

} // namespace srsim::test
