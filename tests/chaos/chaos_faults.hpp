#pragma once

#include "chaos/chaos_cell.hpp"

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <random>
#include <regex>
#include <thread>

// How each fault is applied to a running exlSchema: srsim's knobs on the cluster where the load
// runs, another session's KILL, signals at a seeded point, statements of an "operator" while a
// load is held.
namespace exl::test::chaos {

using e2e::ExlProcess;
using e2e::ExlResult;

inline constexpr auto k_refusal = std::chrono::seconds(3); // how long the FE refuses connections
inline constexpr int k_max_signal_delay_ms = 2000;         // the random point's range
inline constexpr int k_signal_latency_ms = 20; // per statement, so that a run outlasts the range

inline db::Connection control_connection(const std::string& prefix) {
  db::ConnectionParams params = e2e::cluster(prefix);
  params.query_timeout_s = 0;
  return db::Connection(params);
}

// The connection id of a statement matching `pattern` in SHOW PROCESSLIST, once one shows (60 s).
inline std::string held_statement(db::Connection& control, const std::string& pattern) {
  const std::regex re(pattern, std::regex::ECMAScript | std::regex::icase);
  std::string id;
  eventually(
      [&] {
        const auto rs = control.query("SHOW PROCESSLIST");
        for (std::size_t i = 0; i < rs.rows.size(); ++i) {
          if (std::regex_search(rs.value(i, "Info").value_or(""), re)) {
            id = rs.value(i, "Id").value_or("");
            return true;
          }
        }
        return false;
      },
      std::chrono::seconds(60), std::chrono::milliseconds(10));
  return id;
}

// pipe: the Stream Loads held on the source (their bodies wait for the SELECT) are in flight on
// the target once their transactions show as running there: the BE begins the transaction before
// it asks for the body (docs/srsim.md, Stream Load). Then the target FE goes away as in a leader
// change: its query and http ports refuse new connections for 3 s, while the SELECTs are let go,
// so the loads in flight finish through the BE and the next ones (the Stream Load's first hop,
// label lookups) meet the refusing FE.
inline std::string refuse_target_fe(db::Connection& source_control, const std::string& db) {
  db::Connection target = control_connection("DST");
  const bool in_flight = eventually(
      [&] {
        try {
          return !target.query("SHOW PROC '/transactions/" + db + "/running'").rows.empty();
        } catch (const db::SqlError&) { // the target database is not created yet
          return false;
        }
      },
      std::chrono::seconds(60), std::chrono::milliseconds(10));
  if (!in_flight) {
    return "";
  }
  target.query("ADMIN SET SIM REFUSE CONNECTIONS ON");
  source_control.query("ADMIN SET SIM RESET");
  std::this_thread::sleep_for(k_refusal); // the fault's length, not a synchronisation
  target.query("ADMIN SET SIM REFUSE CONNECTIONS OFF");
  return "target FE (query and http ports) refused connections for 3 s, a Stream Load in flight";
}

// What the "operator" does while the load is held: each returns a note for the cell.
inline std::string act_on_held_load(Fault fault, const ModeSpec& mode, const std::string& db,
                                    db::Connection& control, const std::string& id) {
  switch (fault) {
  case Fault::Kill:
    control.query("KILL CONNECTION " + id);
    return "killed connection " + id;
  case Fault::Refuse: {
    if (mode.http) {
      return refuse_target_fe(control, db);
    }
    control.query("ADMIN SET SIM REFUSE CONNECTIONS ON");
    control.query("KILL CONNECTION " + id);
    std::this_thread::sleep_for(k_refusal); // the fault's length, not a synchronisation
    return "killed connection " + id + ", refused connections for 3 s";
  }
  case Fault::SourceGrows: {
    std::vector<std::string> rows;
    for (const std::string& t : chaos_tables()) {
      if (mode.name != "v4" && mode.name != "v5") { // they never touch a partition holding rows
        rows.push_back(e2e::rows_for_day(db, t, 1, 90000, 50));
      }
      rows.push_back(e2e::rows_for_day(db, t, 5, 95000, 50));
    }
    sql_all("SRC", rows);
    return mode.name == "v4" || mode.name == "v5" ? "50 rows per table into p20240105"
                                                  : "50 rows per table into p20240101, p20240105";
  }
  case Fault::TargetAltered:
    // A partition-layout change: srsim simulates ALTER TABLE for partitions only (no ADD COLUMN,
    // docs/srsim-engine.md), so the operator drops the target's empty last partition.
    sql("DST", "ALTER TABLE `" + db + "`.`dups` DROP PARTITION p20240105");
    return "dups: DROP PARTITION p20240105 on the target";
  default:
    return "";
  }
}

// Faults that hold the load (srsim's STALL on its statement), act, then let it go.
inline ExlResult run_with_held_load(Fault fault, const ModeSpec& mode, const std::string& db,
                                    const std::vector<std::string>& args,
                                    const std::map<std::string, std::string>& env,
                                    CellResult& cell) {
  db::Connection control = control_connection(mode.load_cluster);
  const std::string pattern = load_pattern(mode, db);
  control.query("ADMIN SET SIM STALL '" + pattern + "'");
  ExlProcess run(args, env);
  const std::string id = held_statement(control, pattern);
  cell.fault_reached = !id.empty();
  if (cell.fault_reached) {
    cell.note = act_on_held_load(fault, mode, db, control, id);
    if (cell.note.empty()) { // pipe's refuse: no Stream Load seen in flight
      cell.fault_reached = false;
      cell.note = "no Stream Load was seen in flight on the target";
    }
  } else {
    cell.note = "the load was never seen in SHOW PROCESSLIST";
  }
  control.query("ADMIN SET SIM RESET");
  return run.wait();
}

// Arms a one-shot knob on the load's cluster: the commit's answer lost, or a non-retryable error.
inline void arm_knob(Fault fault, const ModeSpec& mode, const std::string& db) {
  if (mode.http) {
    sql("DST", std::string("ADMIN SET SIM HTTP ") +
                   (fault == Fault::LostAnswer ? "LOSE COMMIT" : "FAIL") + " 1 '" +
                   http_label_pattern(db) + "'");
    return;
  }
  if (mode.name == "meta") { // the FE flag exlSchema sets for scs (docs/modes.md, meta)
    sql("DST", "ADMIN SET SIM FAIL 1 'enable_legacy_compatibility_for_replication.{0,8}true' 1064 "
               "'chaos: injected syntax error' '42000'");
    return;
  }
  const std::string pattern = load_pattern(mode, db);
  sql(mode.load_cluster,
      fault == Fault::LostAnswer
          ? "ADMIN SET SIM CLOSE AFTER COMMIT '" + pattern + "'"
          : "ADMIN SET SIM FAIL 1 '" + pattern + "' 1064 'chaos: injected syntax error' '42000'");
}

// SIGINT / SIGTERM after a delay drawn from the cell's seed.
inline ExlResult run_with_signal(Fault fault, const std::vector<std::string>& args,
                                 const std::map<std::string, std::string>& env, CellResult& cell) {
  for (const char* prefix : {"SRC", "DST"}) {
    sql(prefix, "ADMIN SET SIM LATENCY " + std::to_string(k_signal_latency_ms));
  }
  std::mt19937_64 rng(cell.seed);
  const int delay_ms = std::uniform_int_distribution<int>(0, k_max_signal_delay_ms)(rng);
  ExlProcess run(args, env);
  std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms)); // the random point itself
  run.signal(fault == Fault::Sigint ? SIGINT : SIGTERM);
  cell.note = std::string(fault == Fault::Sigint ? "SIGINT" : "SIGTERM") + " after " +
              std::to_string(delay_ms) + " ms";
  return run.wait();
}

// A loopback port nothing listens on (bound, then closed): a webhook that is down.
inline int closed_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

} // namespace exl::test::chaos
