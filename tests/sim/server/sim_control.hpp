#pragma once

// Fault injection state of one simulated cluster (SANDBOX.md "Fault injection"): latency per
// statement, fail the Nth matching statement, drop a connection after N statements, stall
// matching statements, refuse new connections. Changed by `ADMIN SET SIM ...` statements and by
// srsim's --fault options; control statements themselves are never subject to it.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "sim_api.hpp"

namespace srsim::server {

// What to do with one incoming statement.
struct FaultDecision {
  int latency_ms = 0;
  std::optional<ErrorReply> fail; // answer this instead of executing
  bool drop_connection = false;   // close the socket without answering
  bool close_after_run = false;   // run the statement, then close the socket without answering
  bool stall = false;             // never answer until RESET or the client goes away
  std::uint64_t generation = 0;   // RESET counter when decided (to wait for the next RESET)
};

struct FailRule {
  long long remaining = 1; // the rule fires on the statement that brings it to 0
  std::string pattern;
  ErrorReply error;
};

// Faults of the Stream Load http ports (docs/srsim.md): each rule applies to the next
// `remaining` BE requests whose label matches `pattern` (empty: every label).
enum class HttpFault { ResetAfter, Fail500, Stall, LoseCommit, PublishTimeout };

struct HttpFaultRule {
  HttpFault kind = HttpFault::Fail500;
  long long remaining = 1;
  std::string pattern;
  std::int64_t bytes = 0; // ResetAfter: body bytes received before the reset
};

struct HttpFaultDecision {
  std::optional<std::int64_t> reset_after; // close with RST after this many body bytes
  bool fail500 = false;                    // answer HTTP 500 before doing anything
  bool stall = false;                      // hold the request until RESET or its deadline
  bool lose_commit = false;                // commit, then close without the answer
  bool publish_timeout = false;            // commit, then answer Publish Timeout
  std::uint64_t generation = 0;
};

class SimControl {
public:
  explicit SimControl(std::shared_ptr<LiveSettings> live);

  FaultDecision on_statement(const std::string& sql);
  // Waits while a stall holds: returns when RESET happened (true) or `give_up` says so (false).
  bool wait_stall(std::uint64_t generation, const std::function<bool()>& give_up);

  void set_latency_ms(int ms);
  void add_fail(FailRule rule);
  void set_close_after(long long n);
  // The next statement matching `pattern` (any connection) runs normally, then its connection
  // is closed without the answer; one-shot.
  void set_close_after_commit(const std::string& pattern);
  void add_stall(const std::string& pattern);
  void add_http_fault(HttpFaultRule rule);
  // The faults for one BE request with `label`: `body` when it carries rows, `commits` when it
  // commits (a Stream Load, /api/transaction/commit).
  HttpFaultDecision on_http(const std::string& label, bool body, bool commits);
  void set_refuse_connections(bool on);
  bool refuse_connections() const;
  void set_max_disk_used_pct(double pct);
  double max_disk_used_pct() const;
  LiveSettings& live() { return *m_live; }
  // Clears every fault and releases stalled statements; delays/intervals return to start-up values.
  void reset();
  // Remembers the current delays as the values RESET returns to.
  void remember_startup_values();
  // (knob, value) rows for ADMIN SHOW SIM FAULTS.
  std::vector<std::pair<std::string, std::string>> describe() const;

private:
  std::shared_ptr<LiveSettings> m_live;
  mutable std::mutex m_mutex;
  std::condition_variable m_released;
  std::uint64_t m_generation = 0;
  int m_latency_ms = 0;
  std::vector<FailRule> m_fails;
  std::optional<long long> m_close_after;
  std::optional<std::string> m_close_after_commit;
  std::vector<std::string> m_stalls;
  std::vector<HttpFaultRule> m_http_faults;
  bool m_refuse = false;
  double m_max_disk_used_pct = 44.72;
  int m_startup_olap_delay_s = 10;
  int m_startup_stats_interval_s = 300;
};

// Case-insensitive regex search; when `pattern` is not a valid regex, a case-insensitive
// substring search.
bool pattern_matches(const std::string& pattern, const std::string& text);

} // namespace srsim::server
