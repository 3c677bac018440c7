#include "cli/flag_table.hpp"

#include <array>

namespace exl::cli {
namespace {

using B = BoundArgs;
using C = ValueCheck;

// Meanings and defaults as in PRODUCT.md §1.
constexpr std::array k_flags{
    FlagSpec{"source", "", "ALIAS", "required", "source cluster alias from the configuration",
             &B::source},
    FlagSpec{"target", "", "ALIAS", "required", "target cluster alias from the configuration",
             &B::target},
    FlagSpec{"t", "", "LIST", "required",
             "comma list of db.table (db with -level db); db.* and globs like db.ods_* allowed; "
             "db.t=db2.t2 (db=db2) copies under another name",
             &B::tables_text},
    FlagSpec{"x", "", "LIST", "none",
             "exclude list, same syntax as -t (no renames), applied after -t", &B::excludes_text},
    FlagSpec{"level", "", "table|db", "table", "what -t names: tables or whole databases",
             &B::level_text, C::Level},
    FlagSpec{"o", "", "MODE", "required", "mode (see the list of modes below)", &B::mode, C::Mode},
    FlagSpec{"r", "", "", "off", "run: actually execute; without it only the plan is printed",
             &B::execute},
    FlagSpec{"i", "", "", "off", "one-time run: sync once and exit instead of repeating", &B::once},
    FlagSpec{"interval", "", "SEC", "", "pause between incremental rounds (without -i)",
             &B::interval_s, C::AtLeastOne},
    FlagSpec{"thread", "", "N", "3 (defaults.thread)", "tasks running at once", &B::threads,
             C::Threads},
    FlagSpec{"a", "", "", "off", "create (or reuse) the JDBC catalog on the target",
             &B::create_catalog, C::None, "", true},
    FlagSpec{"add", "", "", "off", "create on the target the partitions it lacks before loading",
             &B::add_partitions},
    FlagSpec{"p", "", "LIST", "all", "only these partitions (comma list of names)",
             &B::partitions_text},
    FlagSpec{"where", "", "EXPR", "none",
             "filter on the source rows: one expression, only on a one-time (-i) first load",
             &B::where, C::WhereExpression},
    FlagSpec{"batch", "", "", "off", "split each table into capacity batches of -speed GB",
             &B::batch, C::None, "", true},
    FlagSpec{"speed", "", "GB", "1 (defaults.speed_gb)",
             "batch size in GB for v1/v3/v5, and the load size -o pipe cuts a partition into, > 0",
             &B::speed_gb, C::PositiveNumber},
    FlagSpec{"batchcheck", "", "", "off", "print each table's batch predicates, then exit",
             &B::batch_check, C::None, "", true},
    FlagSpec{"truncate", "", "", "off", "empty the target table before the first load",
             &B::truncate, C::None, "", true},
    FlagSpec{"complement", "", "", "off",
             "after loading, audit and overwrite every partition that differs", &B::complement,
             C::None, "", true},
    FlagSpec{"checksum", "", "", "off",
             "audits also compare a content checksum per partition (docs/verify.md)", &B::checksum,
             C::None, "", true},
    FlagSpec{"keep-files", "", "", "off",
             "leave the run's objects in the bucket(s) after a verified load", &B::keep_files,
             C::None, "", true},
    FlagSpec{"bisect-rows", "", "N", "",
             "verify: narrow a differing partition down to key ranges of at most N rows, then "
             "list their differing keys",
             &B::bisect_rows, C::AtLeastOne},
    FlagSpec{"bisect-depth", "", "N", "", "verify: at most N bisection levels per partition",
             &B::bisect_depth, C::AtLeastOne},
    FlagSpec{"recreate", "", "", "off",
             "drop and recreate a target table whose structure differs from the source",
             &B::recreate},
    FlagSpec{"replication", "", "N", "",
             "replication_num of tables created on the target (-1: as on the source)",
             &B::replication, C::Replication},
    FlagSpec{"n", "", "N", "10", "history: how many past runs to show", &B::history_runs,
             C::AtLeastOne},
    FlagSpec{"catalogs", "", "", "off", "clean: also the JDBC catalogs exl_src_* of v1-v5",
             &B::clean_catalogs},
    FlagSpec{"config", "", "PATH", "search",
             "configuration file (else $EXLSCHEMA_CONFIG, "
             "./.exlSchema.yaml, ~/.exlSchema.yaml)",
             &B::config_path},
    FlagSpec{"json", "", "PATH", "none", "also write the run report as JSON to PATH",
             &B::json_path},
    FlagSpec{"metrics", "", "PATH", "none",
             "write a Prometheus textfile-collector file (*.prom) at the end of each run and round",
             &B::metrics_path},
    FlagSpec{"nonotify", "", "", "off", "send no Feishu messages for this run", &B::no_notify},
    FlagSpec{"log", "", "PATH", "none", "also write the log to PATH", &B::log_path},
    FlagSpec{"pause-file", "", "PATH", "none",
             "while PATH exists no new task starts (running ones finish); removing it resumes",
             &B::pause_file},
    FlagSpec{"panic-file", "", "PATH", "none",
             "once PATH exists the run stops cleanly: running tasks finish, the others fail",
             &B::panic_file},
    FlagSpec{"q", "quiet", "", "off", "problems only: warnings, errors, failed tasks (cron)",
             &B::quiet, C::None, "v"},
    FlagSpec{"v", "verbose", "", "off", "more verbose console (every statement, redacted)",
             &B::verbose},
    FlagSpec{"h", "help", "", "", "print this help and exit", &B::help},
    FlagSpec{"version", "", "", "", "print the version and the library versions, then exit",
             &B::version},
    FlagSpec{"man", "", "", "", "print this manual page (roff, exlSchema(1)) and exit", &B::man},
    FlagSpec{"completion", "", "bash|zsh", "", "print the bash or zsh completion script and exit",
             &B::completion_shell, C::Shell},
    FlagSpec{"list-aliases", "", "", "",
             "print the cluster aliases of the configuration, one a line, and exit (for the "
             "completion; connects nowhere, prints no secret)",
             &B::list_aliases, C::None, "", false, true},
};

} // namespace

std::span<const FlagSpec> flag_table() {
  return k_flags;
}

const FlagSpec* find_flag(std::string_view name) {
  for (const FlagSpec& spec : k_flags) {
    if (spec.name == name || (!spec.alias.empty() && spec.alias == name)) {
      return &spec;
    }
  }
  return nullptr;
}

std::string display_name(const FlagSpec& spec) {
  return "-" + std::string(spec.name);
}

} // namespace exl::cli
