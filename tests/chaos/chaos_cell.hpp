#pragma once

#include "chaos/chaos_modes.hpp"

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

// A cell of the matrix (a mode under a fault), what it recorded, and the one result line per cell
// that scripts/chaos.sh renders into docs/reliability.md.
namespace exl::test::chaos {

enum class Fault {
  Kill,          // the load's FE connection killed from another session mid-statement
  LostAnswer,    // the load commits, its answer is lost
  Refuse,        // the FE drops its connections and refuses new ones for a few seconds
  Fail,          // one load fails with a non-retryable StarRocks error
  Sigint,        // SIGINT at a seeded random point
  Sigterm,       // SIGTERM at a seeded random point
  SourceGrows,   // the source table receives rows while the run loads
  TargetAltered, // the target table loses a partition (an operator's ALTER) while the run loads
  HookDown,      // the Feishu webhook refuses connections
  HookSlow,      // the webhook never answers
  Hook500,       // the webhook answers 500
};

inline const std::vector<Fault>& all_faults() {
  static const std::vector<Fault> k_faults{
      Fault::Kill,     Fault::LostAnswer, Fault::Refuse,      Fault::Fail,
      Fault::Sigint,   Fault::Sigterm,    Fault::SourceGrows, Fault::TargetAltered,
      Fault::HookDown, Fault::HookSlow,   Fault::Hook500};
  return k_faults;
}

inline std::string fault_name(Fault f) {
  switch (f) {
  case Fault::Kill:
    return "kill";
  case Fault::LostAnswer:
    return "lost_answer";
  case Fault::Refuse:
    return "refuse";
  case Fault::Fail:
    return "fail";
  case Fault::Sigint:
    return "sigint";
  case Fault::Sigterm:
    return "sigterm";
  case Fault::SourceGrows:
    return "source_grows";
  case Fault::TargetAltered:
    return "target_altered";
  case Fault::HookDown:
    return "hook_down";
  case Fault::HookSlow:
    return "hook_slow";
  case Fault::Hook500:
    return "hook_500";
  }
  return "?";
}

// The exit codes PRODUCT.md §2 allows after the fault. A signal that arrives after the run ended
// leaves its 0; rows arriving on the source during the run may leave the final audit unequal (3);
// an operator's ALTER of the target may also fail the table (1).
inline std::set<int> expected_exits(Fault f) {
  switch (f) {
  case Fault::Fail:
    return {1};
  case Fault::Sigint:
    return {130, 0};
  case Fault::Sigterm:
    return {143, 0};
  case Fault::SourceGrows:
    return {0, 3};
  case Fault::TargetAltered:
    return {0, 1, 3};
  default:
    return {0};
  }
}

struct CellId {
  std::string mode;
  Fault fault;
};

// Why a fault has no meaning for a mode ("" when it has one): such a cell is not run, and the
// table says so with the reason.
inline std::string not_applicable(const CellId& id) {
  if (id.mode == "meta" && id.fault == Fault::LostAnswer) {
    return "meta sends no load: starrocks-cluster-sync copies the rows with its own jobs, and "
           "exlSchema only reads (the audit) and sets an FE flag";
  }
  return "";
}

inline void PrintTo(const CellId& id, std::ostream* os) {
  *os << id.mode << " under " << fault_name(id.fault);
}

struct CellResult {
  CellId id;
  int exit_code = -1;
  bool fault_reached = true; // the stalled load was seen (faults that hold one)
  RowDiff after_fault;
  std::vector<std::string> temps; // after the faulted run and after the re-run
  int rerun_exit = -1;
  bool rerun_exit_ok = false; // 0, or 130 after "round 1 done" for a re-run in rounds
  RowDiff after_rerun;
  double run_s = 0;
  double converge_s = 0;
  std::uint64_t seed = 0;
  std::string note;
  int secret_hits = 0;            // secrets found in anything the runs wrote or showed
  std::size_t processes_seen = 0; // command lines searched
  std::string secret_where;       // "log: source password; ..."
  std::string meta_problems;      // meta: configuration, backup, stand-in, FE flag ("" when none)

  bool exit_ok() const { return expected_exits(id.fault).count(exit_code) > 0; }
  bool converged() const {
    return rerun_exit_ok && after_rerun.lost == 0 && after_rerun.doubled == 0;
  }
  bool meta() const { return id.mode == "meta"; }
};

inline std::string join_exits(const std::set<int>& exits) {
  std::string out;
  for (int e : exits) {
    out += (out.empty() ? "" : "|") + std::to_string(e);
  }
  return out;
}

inline std::string one_line(std::string text) {
  for (char& c : text) {
    c = (c == '\t' || c == '\n' || c == '\r') ? ' ' : c;
  }
  return text;
}

// mode, fault, exit, expected, exit_ok, lost, doubled, temps, converged, rerun_exit, run_s,
// converge_s, seed, note, secret hits, meta's checks ("-" for other modes, "ok", or the
// problems): tab-separated (tests/chaos/render.sh reads them in this order).
inline std::string result_line(const CellResult& r) {
  std::ostringstream line;
  line.setf(std::ios::fixed);
  line.precision(1);
  std::string temps;
  for (const auto& t : r.temps) {
    temps += t + " ";
  }
  line << r.id.mode << '\t' << fault_name(r.id.fault) << '\t' << r.exit_code << '\t'
       << join_exits(expected_exits(r.id.fault)) << '\t' << (r.exit_ok() ? "yes" : "no") << '\t'
       << r.after_fault.lost << '\t' << r.after_fault.doubled << '\t' << r.temps.size() << '\t'
       << (r.converged() ? "yes" : "no") << '\t' << r.rerun_exit << '\t' << r.run_s << '\t'
       << r.converge_s << '\t' << r.seed << '\t'
       << one_line(r.note +
                   (r.after_fault.where.empty() ? "" : " after fault: " + r.after_fault.where) +
                   (r.after_rerun.where.empty() ? "" : " after re-run: " + r.after_rerun.where) +
                   (temps.empty() ? "" : " left: " + temps) +
                   (r.secret_where.empty() ? "" : " secrets found: " + r.secret_where))
       << '\t' << r.secret_hits << '\t'
       << (r.meta() ? (r.meta_problems.empty() ? "ok" : one_line(r.meta_problems)) : "-") << '\n';
  return line.str();
}

// The line of a cell that is not applicable: exit "n/a", the reason as its note.
inline std::string not_applicable_line(const CellId& id, std::uint64_t seed) {
  return id.mode + '\t' + fault_name(id.fault) + "\tn/a\t-\tn/a\t-\t-\t-\tn/a\t-\t-\t-\t" +
         std::to_string(seed) + '\t' + one_line(not_applicable(id)) + "\t-\t-\n";
}

inline void record(const std::string& line) {
  if (const char* path = std::getenv("EXL_CHAOS_OUT"); path != nullptr && *path != '\0') {
    std::ofstream(path, std::ios::app) << line;
  }
}

} // namespace exl::test::chaos
