#pragma once

#include "chaos/chaos_tables.hpp"

#include <algorithm>
#include <string>
#include <vector>

// The rows of the matrix: per data mode, how it is run, which statement is its load (where srsim
// holds or breaks it), and how a plain re-run is spelled.
namespace exl::test::chaos {

struct ModeSpec {
  std::string name;    // the -o value
  bool catalog = true; // v1-v5: -a (the JDBC catalog on the target)
  // Where the statement that carries the rows runs, and a regex matching it (srsim's STALL, FAIL,
  // CLOSE AFTER COMMIT patterns; also matched against SHOW PROCESSLIST's Info).
  std::string load_cluster;
  bool http = false; // pipe: the rows go by Stream Load; the FE connection only reads the source
  // mysql, starrocks, pipe, files: a run with -i refuses a target holding rows (INSERT INTO would
  // double them); their re-run is an incremental round (no -i), which audits and replaces what
  // differs.
  bool rerun_in_rounds = false;
};

inline const std::vector<ModeSpec>& chaos_modes() {
  static const std::vector<ModeSpec> k_modes{
      {"mysql", false, "DST", false, true},
      {"starrocks", false, "SRC", false, true},
      {"v1", true, "DST"},
      {"v2", true, "DST"},
      {"v3", true, "DST"},
      {"v4", true, "DST"},
      {"v5", true, "DST"},
      {"pipe", false, "SRC", true, true},
      // files: the load is the labelled INSERT ... FROM FILES() on the target; the export
      // (INSERT INTO FILES on the source) comes before it.
      {"files", false, "DST", false, true},
      // meta: the rows go by starrocks-cluster-sync (the stand-in); exlSchema's own statements
      // on the target are the FE flag and its audit, which is what its faults act on.
      {"meta", false, "DST"},
  };
  return k_modes;
}

inline const ModeSpec& mode_spec(const std::string& name) {
  for (const auto& m : chaos_modes()) {
    if (m.name == name) {
      return m;
    }
  }
  throw std::invalid_argument("no chaos mode " + name);
}

// The regex (srsim's patterns are ECMAScript, case-insensitive) matching the statement that moves
// a partition's rows: the labelled INSERT / OVERWRITE on the target (v3/v5: the SUBMIT TASK
// holding it), the INSERT into the OLAP external table on the source (starrocks), the streaming
// SELECT on the source (pipe).
inline std::string load_pattern(const ModeSpec& mode, const std::string& db) {
  if (mode.name == "starrocks") {
    return "INSERT INTO `" + db + "`.`exl_tmp_";
  }
  if (mode.name == "pipe") {
    return "SELECT `k`, `dt`, `v` FROM `" + db + "`";
  }
  if (mode.name == "meta") { // the audit's count on the target (docs/audit.md)
    return "AS exl_rows.* FROM .*`" + db + "`\\.";
  }
  return "WITH LABEL `?exl_" + mode.name + "_" + db + "_";
}

// pipe's Stream Load labels (the HTTP knobs' pattern).
inline std::string http_label_pattern(const std::string& db) {
  return "exl_pipe_" + db + "_";
}

inline std::vector<std::string> mode_args(const ModeSpec& mode, const std::string& config,
                                          const std::string& db) {
  if (mode.name == "meta") { // whole tables by scs; audited every second
    return {"-config", config, "-source", "src", "-target", "dst",       "-t",
            db + ".*", "-o",   "meta",    "-r",  "-i",      "-interval", "1"};
  }
  std::vector<std::string> args{"-config", config, "-source", "src", "-target", "dst",     "-t",
                                db + ".*", "-o",   mode.name, "-r",  "-i",      "-thread", "2"};
  if (mode.catalog) {
    args.emplace_back("-a");
  }
  return args;
}

// The re-run that should bring the target to the source: the same command for v2-v5 and meta; one
// incremental round (-interval 1 instead of -i, stopped after "round 1 done") for mysql,
// starrocks and pipe; v1, a first load that refuses a target holding rows by design, adds
// -truncate.
inline std::vector<std::string> rerun_args(const ModeSpec& mode, const std::string& config,
                                           const std::string& db) {
  auto args = mode_args(mode, config, db);
  if (mode.name == "v1") {
    args.emplace_back("-truncate");
  }
  if (mode.rerun_in_rounds) {
    std::replace(args.begin(), args.end(), std::string("-i"), std::string("-interval"));
    args.insert(std::find(args.begin(), args.end(), "-interval") + 1, "1");
  }
  return args;
}

} // namespace exl::test::chaos
