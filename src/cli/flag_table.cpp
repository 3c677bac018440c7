#include "cli/flag_table.hpp"

#include <array>

namespace exl::cli {
namespace {

// Meanings and defaults as in PRODUCT.md §1.
constexpr std::array k_flags{
    FlagSpec{"source", "", "ALIAS", "required", "source cluster alias from the configuration"},
    FlagSpec{"target", "", "ALIAS", "required", "target cluster alias from the configuration"},
    FlagSpec{"t", "", "LIST", "required",
             "comma list of db.table (db with -level db); db.* and globs like db.ods_* allowed"},
    FlagSpec{"x", "", "LIST", "none", "exclude list, same syntax as -t, applied after -t"},
    FlagSpec{"level", "", "table|db", "table", "what -t names: tables or whole databases"},
    FlagSpec{"o", "", "MODE", "required", "mode (see the list of modes below)"},
    FlagSpec{"r", "", "", "off", "run: actually execute; without it only the plan is printed"},
    FlagSpec{"i", "", "", "off", "one-time run: sync once and exit instead of repeating"},
    FlagSpec{"interval", "", "SEC", "300", "pause between incremental rounds (without -i)"},
    FlagSpec{"thread", "", "N", "3 (defaults.thread)", "tasks running at once"},
    FlagSpec{"a", "", "", "off", "v1-v5: create (or reuse) the JDBC catalog on the target"},
    FlagSpec{"add", "", "", "off", "create on the target the partitions it lacks before loading"},
    FlagSpec{"p", "", "LIST", "all", "only these partitions (comma list of names)"},
    FlagSpec{"where", "", "EXPR", "none", "extra filter applied to the source rows of every task"},
    FlagSpec{"batch", "", "", "off", "v1: split each table into capacity batches of -speed GB"},
    FlagSpec{"speed", "", "GB", "1 (defaults.speed_gb)", "batch size in GB for v1/v3/v5, > 0"},
    FlagSpec{"batchcheck", "", "", "off", "v1: print each table's batch predicates, then exit"},
    FlagSpec{"truncate", "", "", "off", "empty the target table (v1) or partition (v2/v4) first"},
    FlagSpec{"complement", "", "", "off",
             "v1: after loading, audit and overwrite every partition that differs"},
    FlagSpec{"recreate", "", "", "off",
             "drop and recreate a target table whose structure differs from the source"},
    FlagSpec{"replication", "", "N", "-1",
             "replication_num of tables created on the target (-1: as on the source)"},
    FlagSpec{"config", "", "PATH", "search",
             "configuration file (else $EXLSCHEMA_CONFIG, "
             "./.exlSchema.yaml, ~/.exlSchema.yaml)"},
    FlagSpec{"json", "", "PATH", "none", "also write the run report as JSON to PATH"},
    FlagSpec{"nonotify", "", "", "off", "send no Feishu messages for this run"},
    FlagSpec{"log", "", "PATH", "none", "also write the log to PATH"},
    FlagSpec{"q", "quiet", "", "off", "quieter console (warnings and errors only)"},
    FlagSpec{"v", "verbose", "", "off", "more verbose console (every statement, redacted)"},
    FlagSpec{"h", "help", "", "", "print this help and exit"},
    FlagSpec{"version", "", "", "", "print the version and the library versions, then exit"},
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
