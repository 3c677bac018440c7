// Issue #15, "Resource limits": a run over many tables at -thread 16 keeps its file descriptors,
// its connections to each FE and its threads within the bounds the code sets, whatever the table
// count. exlSchema is sampled from /proc while it runs (bench/scale.sh measures the same over
// 2,000 tables; docs/ARCHITECTURE.md "Resource use").
#include "e2e/e2e_support.hpp"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>

namespace exl::test::e2e {
namespace {

constexpr int k_threads = 16;
constexpr int k_tables = 200;
// src/modes/drive.cpp: one db::Pool per cluster of -thread + 1 connections.
constexpr int k_pool = k_threads + 1;
// Both pools' sockets, and a part that does not grow with the tables: stdin/out/err, the state
// store's SQLite files (database, -wal, -shm, a journal), short-lived ones (the cluster-facts
// connection before the pools open, a file being read).
constexpr int k_fd_bound = 2 * k_pool + 12;
// The runner's workers, main, the signal watcher and its canceller, the throttle's watcher, the
// progress reporter, the progress line's ticker.
constexpr int k_thread_bound = k_threads + 6;

// What one look at the process found; connections are its ESTABLISHED TCP sockets by remote port.
struct Usage {
  int fds = 0;
  std::string fd_list; // "fd -> target" lines, to show what was open when a bound fails
  int threads = 0;
  std::map<int, int> connections;
};

std::set<std::string> socket_inodes(pid_t pid, Usage& usage) {
  std::set<std::string> inodes;
  std::error_code ec;
  const std::string dir = "/proc/" + std::to_string(pid) + "/fd";
  for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    ++usage.fds;
    std::error_code link_ec;
    const std::string target = std::filesystem::read_symlink(it->path(), link_ec).string();
    usage.fd_list += it->path().filename().string() + " -> " + target + "\n";
    if (!link_ec && target.rfind("socket:[", 0) == 0) {
      inodes.insert(target.substr(8, target.size() - 9));
    }
  }
  return inodes;
}

// /proc/PID/net/tcp{,6}: "sl local rem st tx:rx tr:when retr uid timeout inode ..."; st 01 is
// ESTABLISHED, rem is ADDR:PORT with the port in hex.
void count_connections(pid_t pid, const std::set<std::string>& inodes, Usage& usage) {
  for (const char* table : {"/net/tcp", "/net/tcp6"}) {
    std::ifstream in("/proc/" + std::to_string(pid) + table);
    std::string line;
    std::getline(in, line); // the header
    while (std::getline(in, line)) {
      std::istringstream fields(line);
      std::string sl, local, remote, state, queues, timer, retr, uid, timeout, inode;
      fields >> sl >> local >> remote >> state >> queues >> timer >> retr >> uid >> timeout >>
          inode;
      if (state == "01" && inodes.count(inode) != 0) {
        ++usage.connections[std::stoi(remote.substr(remote.find(':') + 1), nullptr, 16)];
      }
    }
  }
}

Usage sample(pid_t pid) {
  Usage usage;
  const std::set<std::string> inodes = socket_inodes(pid, usage);
  count_connections(pid, inodes, usage);
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(status, line);) {
    if (line.rfind("Threads:", 0) == 0) {
      usage.threads = std::stoi(line.substr(8));
    }
  }
  return usage;
}

// The most of each over every sample of a run.
struct Peaks {
  int samples = 0;
  int fds = 0;
  std::string fd_list;
  int threads = 0;
  std::map<int, int> connections;

  void add(const Usage& u) {
    ++samples;
    if (u.fds > fds) {
      fds = u.fds;
      fd_list = u.fd_list;
    }
    threads = std::max(threads, u.threads);
    for (const auto& [port, n] : u.connections) {
      connections[port] = std::max(connections[port], n);
    }
  }
};

// `db`.t000 .. t199: 3 daily partitions, rows in two of them.
void make_tables(const std::string& db) {
  std::vector<std::string> statements{
      "CREATE DATABASE `" + db + "`",
      "CREATE TABLE `" + db +
          "`.t000 (dt DATE NOT NULL, id INT NOT NULL, v INT) DUPLICATE KEY(dt, id) "
          "PARTITION BY RANGE(dt) (START ('2024-01-01') END ('2024-01-04') EVERY (INTERVAL 1 "
          "DAY)) DISTRIBUTED BY HASH(id) BUCKETS 1 PROPERTIES('replication_num'='1')"};
  for (int i = 0; i < k_tables; ++i) {
    std::string t = std::to_string(i);
    t = "`" + db + "`.t" + std::string(3 - t.size(), '0') + t;
    if (i > 0) {
      statements.push_back("CREATE TABLE " + t + " LIKE `" + db + "`.t000");
    }
    statements.push_back("INSERT INTO " + t + " VALUES ('2024-01-01', 1, 1), ('2024-01-03', " +
                         std::to_string(i) + ", 2)");
  }
  sql_all("SRC", statements);
}

int port_of(const std::string& prefix) {
  return std::stoi(load_sandbox_env()->at(prefix + "_PORT"));
}

TEST(ResourceBoundsTest, TwoHundredTablesAtThread16StayWithinThePools) {
  const std::string db = fresh_database("bounds");
  make_tables(db);
  ExlProcess run({"-config", config_path(), "-source", "src", "-target", "dst", "-nonotify", "-t",
                  db + ".*", "-o", "v2", "-a", "-r", "-i", "-thread", std::to_string(k_threads)},
                 {});
  Peaks peaks;
  const bool ended = eventually(
      [&] {
        peaks.add(sample(run.pid()));
        return run.exited();
      },
      std::chrono::minutes(3), std::chrono::milliseconds(20));
  ASSERT_TRUE(ended) << "exlSchema did not end within 3 minutes";
  const ExlResult r = run.wait();
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(sql("DST", "SHOW TABLES FROM `" + db + "`").rows.size(), std::size_t{k_tables});

  const int src = peaks.connections[port_of("SRC")];
  const int dst = peaks.connections[port_of("DST")];
  // The samples saw the run at work (else the bounds below would hold for nothing).
  EXPECT_GT(src, 0);
  EXPECT_GT(dst, 0);
  EXPECT_LE(src, k_pool) << "connections to the source FE";
  EXPECT_LE(dst, k_pool) << "connections to the target FE";
  EXPECT_LE(peaks.fds, k_fd_bound) << "open file descriptors:\n" << peaks.fd_list;
  EXPECT_LE(peaks.threads, k_thread_bound) << "threads";
  std::cout << "resource bounds: " << peaks.samples << " samples; max fds " << peaks.fds
            << ", threads " << peaks.threads << ", connections src " << src << " dst " << dst
            << "\ndescriptors at the most:\n"
            << peaks.fd_list;
  sql("SRC", "DROP DATABASE `" + db + "` FORCE");
  sql("DST", "DROP DATABASE `" + db + "` FORCE");
}

} // namespace
} // namespace exl::test::e2e
