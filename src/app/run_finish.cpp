#include "app/run_finish.hpp"

#include "app/exit_codes.hpp"
#include "app/job_lock.hpp"
#include "exlschema/report/console_table.hpp"
#include "exlschema/report/json_report.hpp"
#include "exlschema/report/metrics_file.hpp"
#include "exlschema/runner/cancel_token.hpp"
#include "exlschema/util/log.hpp"

#include <exception>

namespace exl::app {
namespace {

// Runs `produce` for the output called `what`: a failure is logged and reported as false, so
// that it neither stops the other outputs nor escapes finish_run.
template <class Produce> bool isolated(const char* what, Produce produce) {
  try {
    produce();
    return true;
  } catch (const std::exception& e) {
    util::log().error("exlSchema: {}: {}", what, e.what());
  } catch (...) {
    util::log().error("exlSchema: {}: unknown failure", what);
  }
  return false;
}

// A file output (-metrics, -json): its error already names the file and the reason, in one line.
template <class Produce> bool written(Produce produce) {
  try {
    produce();
    return true;
  } catch (const std::exception& e) {
    util::log().error("{}", e.what());
  }
  return false;
}

// A cron job waits for the file: one that is missing fails an otherwise good run. 3 and 130/143
// already say that something needs a look and stay.
void failed_output(report::RunReport& report) {
  if (report.exit_code == k_exit_ok) {
    report.exit_code = k_exit_failed;
  }
}

// A plan moved nothing and is not a run to alert on: it leaves the file alone.
bool wants_metrics(const report::RunReport& report, const config::RunOptions& options) {
  return !options.metrics_path.empty() && !report.dry_run;
}

// The -metrics file, then the -json report, both stating the exit code the process ends with: a
// metrics file that cannot be written changes the exit code before the report is written, and a
// report that cannot be written (which changes it after) has the metrics file written again.
void write_files(report::RunReport& report, const config::RunOptions& options) {
  const bool metrics = wants_metrics(report, options);
  report::LastSuccess previous;
  const report::MetricsJob job{metrics ? job_id(options) : std::string()};
  const auto write_metrics = [&] {
    return written(
        [&] { report::write_metrics_file(report, options.metrics_path, job, previous); });
  };
  bool metrics_ok = false;
  if (metrics) {
    previous = report::read_last_success(options.metrics_path); // once: before this run's file
    metrics_ok = write_metrics();
    if (!metrics_ok) {
      failed_output(report);
    }
  }
  if (options.json_path.empty()) {
    return;
  }
  const int before = report.exit_code;
  if (!written([&] { report::write_json_report(report, options.json_path); })) {
    failed_output(report);
  }
  if (metrics_ok && report.exit_code != before) {
    write_metrics();
  }
}

} // namespace

int finish_run(report::RunReport& report, const config::RunOptions& options, int signal_number,
               notify::Notifier& notifier, std::ostream& out) {
  report.exit_code =
      signal_number != 0 ? runner::exit_code_for_signal(signal_number) : exit_code_for(report);
  // First, because a file that cannot be written fails an otherwise good run and the other two
  // outputs then show that exit code.
  write_files(report, options);
  // -q (cron): the table only when something needs a look.
  if (!options.quiet || report.exit_code != k_exit_ok) {
    isolated("the end-of-run table",
             [&] { out << report::render_console_table(report) << std::flush; });
  }
  isolated("the final notification", [&] { notifier.run_finished(report); });
  return report.exit_code;
}

void write_stopped_run_metrics(const report::RunReport& report, const config::RunOptions& options) {
  if (!wants_metrics(report, options)) {
    return;
  }
  written([&] {
    report::write_metrics_file(report, options.metrics_path, {job_id(options)},
                               report::read_last_success(options.metrics_path));
  });
}

} // namespace exl::app
