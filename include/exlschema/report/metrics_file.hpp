#pragma once

#include "exlschema/report/run_report.hpp"

#include <map>
#include <optional>
#include <string>
#include <string_view>

// `-metrics PATH`: the run report as a Prometheus textfile-collector file (node_exporter
// `--collector.textfile.directory`), rewritten atomically at the end of each run and of each
// incremental round. Metric names and meanings: docs/cli.md, "The -metrics file".
namespace exl::report {

// What the file carries from one write to the next, in seconds since the epoch: the end of the
// job's last successful run (exit code 0) and of each table's last successful run (status ok),
// so that a failed run does not erase them and "no success for 25 h" can be alerted on.
struct LastSuccess {
  std::optional<double> run;
  std::map<std::string, double, std::less<>> tables; // `db.table` -> seconds
};

// The labels every sample of one job carries: the aliases and mode (never hosts or users) and a
// key telling apart two jobs between the same clusters (node_exporter refuses two files that
// hold the same series).
struct MetricsJob {
  std::string job_key; // 16 hex digits, as the job's lock file (app/job_lock.hpp)
};

// The last successes recorded in `text`, the previous file's content; lines that are not
// exlSchema's samples are ignored.
LastSuccess parse_last_success(std::string_view text);

// parse_last_success of the file at `path`; empty when there is none or it cannot be read.
LastSuccess read_last_success(const std::string& path);

// `report` in the exposition format, gauges only, with `# HELP` and `# TYPE` lines. A last
// success is this run's end when `report` succeeded, else taken from `previous`, else 0 (never).
std::string render_metrics(const RunReport& report, const MetricsJob& job,
                           const LastSuccess& previous);

// Replaces `path` with render_metrics(...) atomically (report/atomic_file.hpp). Throws
// exl::FatalError when it cannot.
void write_metrics_file(const RunReport& report, const std::string& path, const MetricsJob& job,
                        const LastSuccess& previous);

} // namespace exl::report
