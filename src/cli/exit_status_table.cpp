#include "cli/exit_status_table.hpp"

#include <array>

namespace exl::cli {
namespace {

constexpr std::array k_exit_statuses{
    ExitStatusSpec{"0", "done (or plan printed)",
                   "every table synced and its final audit consistent, or the plan printed (also "
                   "-h, --version, --man)"},
    ExitStatusSpec{"1", "a table failed",
                   "at least one table failed, or work was left unfinished (a failure outranks an "
                   "inconsistency); check: a problem was found"},
    ExitStatusSpec{"2", "bad usage or configuration",
                   "bad usage or configuration; nothing was changed"},
    ExitStatusSpec{"3", "audit inconsistent",
                   "every task ran, but at least one table's final audit is inconsistent (verify: "
                   "a table differs)"},
    ExitStatusSpec{"4", "another run of the same job still runs",
                   "not started: another run of the same job (same -source, -target and -t) "
                   "still runs"},
    ExitStatusSpec{"130, 143", "interrupted by SIGINT/SIGTERM",
                   "interrupted by SIGINT or SIGTERM, after cleaning up"},
};

} // namespace

std::span<const ExitStatusSpec> exit_status_table() {
  return k_exit_statuses;
}

} // namespace exl::cli
