#pragma once

#include "chaos/chaos_cell.hpp"

#include "exlschema/config/password_cipher.hpp"

#include <sys/stat.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <thread>

// The secrets of every cell (issue #15, "Security and bad input"): both clusters' passwords (the
// source's given encrypted with the AES key of the configuration), that key, the Feishu webhook's
// key (in its URL) and its signing secret, and meta's scs key. After each cell everything
// exlSchema wrote or showed is searched for each of them: 0 hits is the bar.
namespace exl::test::chaos {

inline constexpr const char* k_aes_key_env = "EXL_CHAOS_AES_KEY";
inline constexpr const char* k_sign_env = "EXL_CHAOS_FEISHU_SECRET";
inline constexpr const char* k_scs_key_env = "EXL_CHAOS_SCS_KEY";
inline constexpr const char* k_aes_key = "chaosAesKey7f3a91";
inline constexpr const char* k_hook_key = "chaoshookkeyc4e2b8d1";
inline constexpr const char* k_sign_secret = "chaosSignSecret19d7e0";
inline constexpr const char* k_scs_key = "chaosScsKey5b6a2c";
// -o files: the object store's secret key (s3rver checks only the key id, S3RVER).
inline constexpr const char* k_s3_secret_env = "EXL_CHAOS_S3_SECRET";
inline constexpr const char* k_s3_secret = "chaosS3Secret8e41d6";

struct Secret {
  std::string what;
  std::string value;
};

inline std::vector<Secret> cell_secrets() {
  return {{"source password", e2e::cluster("SRC").password},
          {"target password", e2e::cluster("DST").password},
          {"AES key", k_aes_key},
          {"webhook key", k_hook_key},
          {"signing secret", k_sign_secret},
          {"scs key", k_scs_key},
          {"object store key", k_s3_secret}};
}

// The environment of every run: the keys the configuration names.
inline std::map<std::string, std::string> secret_env() {
  return {{k_aes_key_env, k_aes_key},
          {k_sign_env, k_sign_secret},
          {k_scs_key_env, k_scs_key},
          {k_s3_secret_env, k_s3_secret}};
}

inline std::string hook_path() {
  return "/open-apis/bot/v2/hook/" + std::string(k_hook_key);
}

// The sandbox's configuration with the source's password given as password_enc (AES) instead of
// password_env.
inline std::string config_with_encrypted_source() {
  std::string text = e2e::read_file(e2e::config_path());
  const std::string plain = "    password_env: EXL_SRC_PASSWORD\n";
  const auto at = text.find(plain);
  if (at == std::string::npos) {
    throw std::runtime_error("the sandbox configuration has no " + plain);
  }
  const std::string enc = config::mysql_aes_encrypt_base64(e2e::cluster("SRC").password, k_aes_key);
  text.replace(at, plain.size(),
               "    password_enc: \"" + enc + "\"\n    secret_key_env: " + k_aes_key_env + "\n");
  return text;
}

// -o files: the sandbox's object store (tests/s3/s3rver.sh, its endpoint in sandbox.env), bucket
// exl-src, a prefix of the cell's own.
inline std::string storage_section(const std::string& prefix) {
  const auto env = e2e::load_sandbox_env();
  const std::string endpoint =
      env && env->count("EXL_S3_ENDPOINT") != 0 ? env->at("EXL_S3_ENDPOINT") : "";
  return "storage:\n  format: csv\n  source:\n    endpoint: " + endpoint +
         "\n    bucket: exl-src\n    prefix: " + prefix +
         "\n    access_key_env: EXL_S3_ACCESS_KEY\n    secret_key_env: " + k_s3_secret_env + "\n";
}

inline std::string feishu_section(const std::string& url) {
  return "feishu:\n  webhook: " + url + "\n  secret_env: " + k_sign_env + "\n";
}

// What the search found: hits per place ("log: source password; ...").
struct SecretSweep {
  int hits = 0;
  std::string where;
  void search(const std::string& place, const std::string& text,
              const std::vector<Secret>& secrets) {
    for (const auto& s : secrets) {
      if (!s.value.empty() && text.find(s.value) != std::string::npos) {
        ++hits;
        where += place + ": " + s.what + "; ";
      }
    }
  }
};

// The history store as text: `sqlite3 FILE .dump` (and the raw bytes, WAL included).
inline std::string dump_history(const std::string& db_file) {
  std::string out = e2e::read_file(db_file) + e2e::read_file(db_file + "-wal");
  if (!std::filesystem::exists(db_file)) {
    ADD_FAILURE() << "no history store at " << db_file << ": nothing to search";
    return out;
  }
  const std::string cmd = "sqlite3 '" + db_file + "' .dump 2>&1";
  FILE* p = ::popen(cmd.c_str(), "r");
  if (p == nullptr) {
    ADD_FAILURE() << "cannot run " << cmd;
    return out;
  }
  std::string dump;
  char buf[4096];
  std::size_t n = 0;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) {
    dump.append(buf, n);
  }
  // A dump that did not run (no sqlite3 installed) would search nothing and find nothing.
  EXPECT_EQ(::pclose(p), 0) << cmd << ": " << dump;
  EXPECT_NE(dump.find("CREATE TABLE"), std::string::npos) << cmd << ": " << dump;
  return out + dump;
}

// Watches the processes of one run while it runs: every process whose command line names
// `marker` (the cell's private directory: exlSchema's -config, the scs home of start.sh and the
// stand-in) and their children (by /proc/<pid>/stat's ppid). Keeps each command line seen, and
// for meta how the generated sync.properties looks while the run has it in place.
class ProcessWatch {
public:
  ProcessWatch(std::string marker, std::string sync_path, std::string sync_original)
      : m_marker(std::move(marker)), m_sync_path(std::move(sync_path)),
        m_sync_original(std::move(sync_original)), m_thread([this] { loop(); }) {}
  ~ProcessWatch() { stop(); }
  ProcessWatch(const ProcessWatch&) = delete;
  ProcessWatch& operator=(const ProcessWatch&) = delete;

  void stop() {
    if (!m_stop.exchange(true)) {
      m_thread.join();
    }
  }
  std::vector<std::string> cmdlines() const {
    std::lock_guard lock(m_mutex);
    return {m_cmdlines.begin(), m_cmdlines.end()};
  }
  // The generated sync.properties (meta) as seen while in place, and its modes then.
  std::string generated() const {
    std::lock_guard lock(m_mutex);
    return m_generated;
  }
  std::set<unsigned> generated_modes() const {
    std::lock_guard lock(m_mutex);
    return m_modes;
  }

private:
  static std::string cmdline_of(const std::string& pid) {
    std::string text = e2e::read_file("/proc/" + pid + "/cmdline");
    for (char& c : text) {
      c = c == '\0' ? ' ' : c;
    }
    return text;
  }
  static std::string ppid_of(const std::string& pid) {
    const std::string stat = e2e::read_file("/proc/" + pid + "/stat");
    const auto close = stat.rfind(')');
    if (close == std::string::npos) {
      return "";
    }
    std::istringstream rest(stat.substr(close + 2));
    std::string state;
    std::string ppid;
    rest >> state >> ppid;
    return ppid;
  }
  void scan() {
    std::set<std::string> ours;
    std::map<std::string, std::string> parent;
    std::map<std::string, std::string> lines;
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator("/proc", ec)) {
      const std::string pid = e.path().filename().string();
      if (pid.find_first_not_of("0123456789") != std::string::npos) {
        continue;
      }
      lines[pid] = cmdline_of(pid);
      parent[pid] = ppid_of(pid);
      if (lines[pid].find(m_marker) != std::string::npos) {
        ours.insert(pid);
      }
    }
    std::lock_guard lock(m_mutex);
    for (const auto& [pid, line] : lines) {
      if (ours.count(pid) > 0 || ours.count(parent[pid]) > 0) {
        m_cmdlines.insert(line);
      }
    }
    if (!m_sync_path.empty()) {
      const std::string now = e2e::read_file(m_sync_path);
      struct stat st {};
      if (!now.empty() && now != m_sync_original && ::stat(m_sync_path.c_str(), &st) == 0) {
        m_generated = now;
        m_modes.insert(st.st_mode & 0777);
      }
    }
  }
  void loop() {
    while (!m_stop) {
      scan();
      std::this_thread::sleep_for(std::chrono::milliseconds(50)); // a sampling period
    }
  }

  std::string m_marker;
  std::string m_sync_path;
  std::string m_sync_original;
  mutable std::mutex m_mutex;
  std::set<std::string> m_cmdlines;
  std::string m_generated;
  std::set<unsigned> m_modes;
  std::atomic<bool> m_stop{false};
  std::thread m_thread;
};

} // namespace exl::test::chaos
