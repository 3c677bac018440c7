#include "support_client.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/sha.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

extern char** environ;

namespace srsim::test {

const Sandbox& Sandbox::get() {
  static const Sandbox instance = [] {
    const char* dir = std::getenv("EXL_TEST_SANDBOX_DIR");
    if (dir == nullptr) {
      throw std::runtime_error("EXL_TEST_SANDBOX_DIR is not set (run through ctest)");
    }
    Sandbox s;
    s.m_dir = dir;
    std::ifstream in(s.m_dir + "/sandbox.env");
    std::string word;
    while (in >> word) {
      auto eq = word.find('=');
      if (eq != std::string::npos) {
        s.m_values[word.substr(0, eq)] = word.substr(eq + 1);
      }
    }
    if (s.m_values.empty()) {
      throw std::runtime_error("cannot read " + s.m_dir + "/sandbox.env");
    }
    return s;
  }();
  return instance;
}

std::string Sandbox::env(const std::string& key) const {
  auto it = m_values.find(key);
  if (it == m_values.end()) {
    throw std::runtime_error("sandbox.env has no " + key);
  }
  return it->second;
}

std::optional<std::string> QueryResult::cell(std::size_t row, const std::string& name) const {
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (columns[i] == name) {
      return rows.at(row).at(i);
    }
  }
  throw std::runtime_error("no column " + name);
}

std::unique_ptr<Client> Client::connect(const ConnectOptions& o, unsigned* error,
                                        std::string* message) {
  MYSQL* m = mysql_init(nullptr);
  unsigned timeout = 10;
  mysql_options(m, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
  mysql_options(m, MYSQL_OPT_READ_TIMEOUT, &o.read_timeout_s);
  mysql_optionsv(m, MYSQL_OPT_CONNECT_ATTR_ADD, "program_name", o.program_name.c_str());
  if (!mysql_real_connect(m, "127.0.0.1", o.user.c_str(), o.password.c_str(),
                          o.database.empty() ? nullptr : o.database.c_str(),
                          static_cast<unsigned>(o.port), nullptr, 0)) {
    if (error) {
      *error = mysql_errno(m);
    }
    if (message) {
      *message = mysql_error(m);
    }
    mysql_close(m);
    return nullptr;
  }
  return std::unique_ptr<Client>(new Client(m));
}

std::unique_ptr<Client> Client::root(const std::string& which) {
  const Sandbox& s = Sandbox::get();
  ConnectOptions o;
  o.port = s.port(which + "_PORT");
  o.password = s.env(which + "_PASSWORD");
  std::string message;
  auto c = connect(o, nullptr, &message);
  if (!c) {
    throw std::runtime_error("cannot connect to " + which + ": " + message);
  }
  return c;
}

Client::~Client() {
  mysql_close(m_mysql);
}

QueryResult Client::query(const std::string& sql) {
  QueryResult r;
  if (mysql_real_query(m_mysql, sql.data(), sql.size()) != 0) {
    r.error = mysql_errno(m_mysql);
    r.sqlstate = mysql_sqlstate(m_mysql);
    r.message = mysql_error(m_mysql);
    return r;
  }
  MYSQL_RES* res = mysql_store_result(m_mysql);
  if (res == nullptr) {
    r.affected_rows = mysql_affected_rows(m_mysql);
    r.info = mysql_info(m_mysql) ? mysql_info(m_mysql) : "";
    return r;
  }
  unsigned n = mysql_num_fields(res);
  MYSQL_FIELD* fields = mysql_fetch_fields(res);
  for (unsigned i = 0; i < n; ++i) {
    r.columns.emplace_back(fields[i].name);
  }
  while (MYSQL_ROW row = mysql_fetch_row(res)) {
    unsigned long* lengths = mysql_fetch_lengths(res);
    std::vector<std::optional<std::string>> values;
    for (unsigned i = 0; i < n; ++i) {
      values.push_back(row[i] ? std::optional<std::string>(std::string(row[i], lengths[i]))
                              : std::nullopt);
    }
    r.rows.push_back(std::move(values));
  }
  mysql_free_result(res);
  return r;
}

namespace {

std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  }
  return out + "'";
}

} // namespace

CliResult run_mariadb_cli(int port, const std::string& user, const std::string& password,
                          const std::string& sql, const std::string& extra_args) {
  std::string cmd = "MYSQL_PWD=" + shell_quote(password) + " mariadb --no-defaults -h127.0.0.1 -P" +
                    std::to_string(port) + " -u" + shell_quote(user) + " " + extra_args + " -e " +
                    shell_quote(sql) + " 2>&1";
  CliResult r;
  FILE* p = ::popen(cmd.c_str(), "r");
  if (p == nullptr) {
    return r;
  }
  std::array<char, 4096> buf{};
  std::size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) {
    r.output.append(buf.data(), n);
  }
  int status = ::pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

namespace {

// Minimal framing for the raw client.
class RawSocket {
public:
  explicit RawSocket(int port) {
    m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<std::uint16_t>(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    timeval tv{10, 0};
    ::setsockopt(m_fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    if (::connect(m_fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
      throw std::runtime_error("raw connect failed");
    }
  }
  ~RawSocket() { ::close(m_fd); }
  std::string read() {
    unsigned char h[4];
    read_exact(reinterpret_cast<char*>(h), 4);
    std::size_t len = h[0] | (h[1] << 8) | (h[2] << 16);
    m_seq = static_cast<std::uint8_t>(h[3] + 1);
    std::string payload(len, '\0');
    read_exact(payload.data(), len);
    return payload;
  }
  void write(const std::string& payload) {
    std::string p;
    p += static_cast<char>(payload.size() & 0xFF);
    p += static_cast<char>((payload.size() >> 8) & 0xFF);
    p += static_cast<char>((payload.size() >> 16) & 0xFF);
    p += static_cast<char>(m_seq++);
    p += payload;
    ::send(m_fd, p.data(), p.size(), MSG_NOSIGNAL);
  }
  void reset() { m_seq = 0; }

private:
  void read_exact(char* buf, std::size_t n) {
    std::size_t got = 0;
    while (got < n) {
      ssize_t r = ::recv(m_fd, buf + got, n - got, 0);
      if (r <= 0) {
        throw std::runtime_error("raw read failed");
      }
      got += static_cast<std::size_t>(r);
    }
  }
  int m_fd;
  std::uint8_t m_seq = 0;
};

std::string sha1(const std::string& s) {
  unsigned char d[SHA_DIGEST_LENGTH];
  SHA1(reinterpret_cast<const unsigned char*>(s.data()), s.size(), d);
  return std::string(reinterpret_cast<char*>(d), SHA_DIGEST_LENGTH);
}

// Scramble = 8 bytes after the connection id + 12 bytes after the 10 reserved bytes.
std::string scramble_of(const std::string& hs) {
  std::size_t pos = hs.find('\0', 1) + 1 + 4;
  std::string part1 = hs.substr(pos, 8);
  pos += 8 + 1 + 2 + 1 + 2 + 2 + 1 + 10;
  return part1 + hs.substr(pos, 12);
}

std::string native_token(const std::string& password, const std::string& scramble) {
  std::string s1 = sha1(password);
  std::string mask = sha1(scramble + sha1(s1));
  for (std::size_t i = 0; i < s1.size(); ++i) {
    s1[i] = static_cast<char>(s1[i] ^ mask[i]);
  }
  return s1;
}

void put_u32(std::string& out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) {
    out += static_cast<char>((v >> (8 * i)) & 0xFF);
  }
}

} // namespace

RawExchange raw_query(int port, const std::string& user, const std::string& password,
                      const std::string& sql, bool deprecate_eof) {
  RawExchange ex;
  RawSocket s(port);
  std::string scramble = scramble_of(s.read());
  std::uint32_t caps = 0x200 | 0x8000 | 0x80000 | (deprecate_eof ? 0x1000000 : 0);
  std::string resp;
  put_u32(resp, caps);
  put_u32(resp, 1 << 24);
  resp += static_cast<char>(33);
  resp.append(23, '\0');
  resp += user + '\0';
  std::string token = native_token(password, scramble);
  resp += static_cast<char>(token.size());
  resp += token;
  resp += std::string("mysql_native_password") + '\0';
  s.write(resp);
  std::string auth = s.read();
  ex.authenticated = !auth.empty() && auth[0] == 0x00;
  if (!ex.authenticated) {
    ex.packets.push_back(auth);
    return ex;
  }
  s.reset();
  s.write(std::string(1, '\x03') + sql);
  std::string first = s.read();
  ex.packets.push_back(first);
  if (first[0] == 0x00 || static_cast<unsigned char>(first[0]) == 0xFF) {
    return ex;
  }
  int eofs_needed = deprecate_eof ? 1 : 2;
  while (eofs_needed > 0) {
    std::string p = s.read();
    ex.packets.push_back(p);
    if (static_cast<unsigned char>(p[0]) == 0xFE && p.size() < 0xFFFFFF) {
      --eofs_needed;
    } else if (static_cast<unsigned char>(p[0]) == 0xFF) {
      break;
    }
  }
  return ex;
}

PrivateSrsim::PrivateSrsim(const std::vector<std::string>& extra_args,
                           const std::string& data_dir) {
  const Sandbox& sb = Sandbox::get();
  m_data_dir = data_dir.empty() ? sb.dir() + "/" + unique_id("private") : data_dir;
  ::mkdir(m_data_dir.c_str(), 0700);
  ::unlink((m_data_dir + "/srsim.ready").c_str());
  const char* bin = std::getenv("SRSIM_BIN");
#ifdef SRSIM_BIN_DEFAULT
  if (bin == nullptr) {
    bin = SRSIM_BIN_DEFAULT;
  }
#endif
  if (bin == nullptr) {
    throw std::runtime_error("SRSIM_BIN is not set");
  }
  std::vector<std::string> args = {bin,
                                   "--name",
                                   "private",
                                   "--data-dir",
                                   m_data_dir,
                                   "--storage-host",
                                   "127.0.0.1",
                                   "--storage-port",
                                   sb.env("SRC_MARIADB_PORT"),
                                   "--storage-socket",
                                   sb.env("SRC_MARIADB_SOCKET"),
                                   "--storage-user",
                                   sb.env("SRC_MARIADB_USER")};
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  std::vector<char*> argv;
  for (auto& a : args) {
    argv.push_back(a.data());
  }
  argv.push_back(nullptr);
  std::vector<std::string> env_strings = {"SRSIM_ROOT_PASSWORD=" + m_password,
                                          "SRSIM_STORAGE_PASSWORD=" +
                                              sb.env("SRC_MARIADB_PASSWORD")};
  std::vector<char*> envp;
  for (auto& e : env_strings) {
    envp.push_back(e.data());
  }
  envp.push_back(nullptr);
  pid_t pid;
  if (posix_spawn(&pid, bin, nullptr, nullptr, argv.data(), envp.data()) != 0) {
    throw std::runtime_error("cannot start srsim");
  }
  m_pid = pid;
  std::string ready = m_data_dir + "/srsim.ready";
  bool exited = false;
  bool up = eventually([&] {
    int status = 0;
    if (::waitpid(m_pid, &status, WNOHANG) == m_pid) {
      exited = true;
      return true;
    }
    std::ifstream in(ready);
    return in.good() && in.peek() != EOF;
  });
  if (exited) {
    m_pid = -1;
    throw std::runtime_error("private srsim exited at start, see " + m_data_dir);
  }
  if (!up) {
    stop();
    throw std::runtime_error("private srsim did not become ready in " + m_data_dir);
  }
  std::ifstream in(ready);
  std::string line;
  while (std::getline(in, line)) {
    auto eq = line.find('=');
    std::string key = line.substr(0, eq);
    int value = std::atoi(line.substr(eq + 1).c_str());
    if (key == "PORT") {
      m_port = value;
    } else if (key == "HTTP_PORT") {
      m_http_port = value;
    } else if (key == "RPC_PORT") {
      m_rpc_port = value;
    } else if (key == "BE_HTTP_PORT") {
      m_be_http_port = value;
    }
  }
}

PrivateSrsim::~PrivateSrsim() {
  stop();
}

void PrivateSrsim::stop() {
  if (m_pid <= 0) {
    return;
  }
  ::kill(m_pid, SIGTERM);
  int status = 0;
  bool gone = eventually([&] { return ::waitpid(m_pid, &status, WNOHANG) == m_pid; },
                         std::chrono::seconds(10));
  if (!gone) {
    ::kill(m_pid, SIGKILL);
    ::waitpid(m_pid, &status, 0);
  }
  m_pid = -1;
}

std::unique_ptr<Client> PrivateSrsim::root() {
  ConnectOptions o;
  o.port = m_port;
  o.password = m_password;
  std::string message;
  auto c = Client::connect(o, nullptr, &message);
  if (!c) {
    throw std::runtime_error("cannot connect to private srsim: " + message);
  }
  return c;
}

std::string unique_id(const std::string& prefix) {
  static std::atomic<int> counter{0};
  return prefix + "_" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
}

} // namespace srsim::test
