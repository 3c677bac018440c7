#include "app/run_finish.hpp"

#include "app/exit_codes.hpp"
#include "exlschema/report/console_table.hpp"
#include "exlschema/report/json_report.hpp"
#include "exlschema/runner/cancel_token.hpp"
#include "exlschema/util/errors.hpp"
#include "exlschema/util/log.hpp"

namespace exl::app {

int finish_run(report::RunReport& report, const config::RunOptions& options, int signal_number,
               std::ostream& out) {
  report.exit_code =
      signal_number != 0 ? runner::exit_code_for_signal(signal_number) : exit_code_for(report);
  out << report::render_console_table(report) << std::flush;
  if (options.json_path.empty()) {
    return report.exit_code;
  }
  try {
    report::write_json_report(report, options.json_path);
  } catch (const FatalError& e) {
    util::log().error("{}", e.what());
    return report.exit_code == k_exit_ok ? k_exit_failed : report.exit_code;
  }
  return report.exit_code;
}

} // namespace exl::app
