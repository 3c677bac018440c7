#pragma once

#include "chaos/chaos_tables.hpp"

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
};

inline const std::vector<ModeSpec>& chaos_modes() {
  static const std::vector<ModeSpec> k_modes{
      {"mysql", false, "DST"}, {"starrocks", false, "SRC"},  {"v1", true, "DST"},
      {"v2", true, "DST"},     {"v3", true, "DST"},          {"v4", true, "DST"},
      {"v5", true, "DST"},     {"pipe", false, "SRC", true},
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
  return "WITH LABEL `?exl_" + mode.name + "_" + db + "_";
}

// pipe's Stream Load labels (the HTTP knobs' pattern).
inline std::string http_label_pattern(const std::string& db) {
  return "exl_pipe_" + db + "_";
}

inline std::vector<std::string> mode_args(const ModeSpec& mode, const std::string& config,
                                          const std::string& db) {
  std::vector<std::string> args{"-config", config, "-source", "src", "-target", "dst",     "-t",
                                db + ".*", "-o",   mode.name, "-r",  "-i",      "-thread", "2"};
  if (mode.catalog) {
    args.emplace_back("-a");
  }
  return args;
}

// The re-run that should bring the target to the source: the same command (its history makes the
// external-table modes and pipe audit and replace what differs), except v1, a first load that
// refuses a target holding rows by design: its re-run adds -truncate.
inline std::vector<std::string> rerun_args(const ModeSpec& mode, const std::string& config,
                                           const std::string& db) {
  auto args = mode_args(mode, config, db);
  if (mode.name == "v1") {
    args.emplace_back("-truncate");
  }
  return args;
}

} // namespace exl::test::chaos
