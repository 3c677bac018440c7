#include "app/run_finish.hpp"

#include "app/exit_codes.hpp"
#include "exlschema/report/console_table.hpp"
#include "exlschema/report/json_report.hpp"
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

} // namespace

int finish_run(report::RunReport& report, const config::RunOptions& options, int signal_number,
               notify::Notifier& notifier, std::ostream& out) {
  report.exit_code =
      signal_number != 0 ? runner::exit_code_for_signal(signal_number) : exit_code_for(report);
  // First, because a missing -json file fails an otherwise good run and the other two outputs
  // then show that exit code.
  if (!options.json_path.empty() &&
      !isolated("the -json report",
                [&] { report::write_json_report(report, options.json_path); }) &&
      report.exit_code == k_exit_ok) {
    report.exit_code = k_exit_failed;
  }
  // -q (cron): the table only when something needs a look.
  if (!options.quiet || report.exit_code != k_exit_ok) {
    isolated("the end-of-run table",
             [&] { out << report::render_console_table(report) << std::flush; });
  }
  isolated("the final notification", [&] { notifier.run_finished(report); });
  return report.exit_code;
}

} // namespace exl::app
