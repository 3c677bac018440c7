#include "cli/validate_args.hpp"

#include "cli/mode_rules.hpp"
#include "cli/subcommand_table.hpp"
#include "exlschema/cli/name_list.hpp"
#include "exlschema/util/errors.hpp"

#include <algorithm>
#include <array>

namespace exl::cli {
namespace {

[[noreturn]] void fail_validation(const std::string& message) {
  throw UsageError("exlSchema: " + message);
}

Command command_of(const ParsedArgs& parsed) {
  if (parsed.args.help) {
    return Command::Help;
  }
  if (parsed.args.version) {
    return Command::Version;
  }
  if (parsed.args.man) {
    return Command::Man;
  }
  if (parsed.has("completion")) {
    return Command::Completion;
  }
  if (parsed.args.list_aliases) {
    return Command::ListAliases;
  }
  if (parsed.subcommand == "check") {
    return Command::Check;
  }
  if (parsed.subcommand == "history") {
    return Command::History;
  }
  if (parsed.subcommand == "verify") {
    return Command::Verify;
  }
  return parsed.subcommand == "clean" ? Command::Clean : Command::Run;
}

void read_lists(const ParsedArgs& parsed, CliArgs& args) {
  const BoundArgs& bound = parsed.args;
  const bool db_level = args.level == config::Level::Database;
  if (parsed.has("t")) {
    const auto shape = db_level ? EntryShape::DatabaseOnly : EntryShape::QualifiedTable;
    args.tables = parse_table_list("-t", bound.tables_text, shape, Renames::Allowed);
  }
  if (parsed.has("x")) {
    // At database level a whole database or single tables of it may be excluded.
    const auto shape = db_level ? EntryShape::Either : EntryShape::QualifiedTable;
    args.excludes = parse_table_list("-x", bound.excludes_text, shape);
  }
  if (parsed.has("p")) {
    args.partitions = parse_partition_list("-p", bound.partitions_text);
  }
}

void require(const ParsedArgs& parsed, std::string_view name, std::string_view why) {
  if (!parsed.has(name)) {
    fail_validation("missing required flag -" + std::string(name) + " (" + std::string(why) + ")");
  }
}

// Which flags are required depends on the sub-command, and CLI11 checks an option's required()
// whatever sub-command is given, so this stays here.
void check_required(const ParsedArgs& parsed, Command command) {
  if (command == Command::Verify) {
    require(parsed, "source", "the source cluster alias");
    require(parsed, "target", "the target cluster alias");
    require(parsed, "t", "the tables to compare, e.g. -t db.table");
  } else if (command == Command::Run) {
    require(parsed, "source", "the source cluster alias");
    require(parsed, "target", "the target cluster alias");
    require(parsed, "t", "the tables to sync, e.g. -t db.table");
    require(parsed, "o", "the mode, e.g. -o v2");
  } else if (command == Command::Clean) {
    require(parsed, "target", "the cluster to clean");
  } else if (command == Command::Check && !parsed.has("source") && !parsed.has("target")) {
    fail_validation("check needs -source and/or -target");
  }
}

// The same alias on both sides copies within one cluster: only safe when every table is written
// under another name than any table the run reads.
void check_not_onto_itself(const CliArgs& args) {
  if (args.source != args.target) {
    return;
  }
  if (const auto problem = within_one_cluster_problem(args.tables)) {
    fail_validation("-source and -target are both '" + args.source +
                    "': copying within one cluster needs every -t entry renamed to a new name; " +
                    *problem);
  }
}

// One file for both would stop the run at the moment an operator meant to pause it.
void check_control_files(const CliArgs& args) {
  if (!args.pause_file.empty() && args.pause_file == args.panic_file) {
    fail_validation("-pause-file and -panic-file are both '" + args.pause_file +
                    "': creating it would stop the run instead of pausing it; give two files");
  }
}

void check_run(const ParsedArgs& parsed, const CliArgs& args,
               std::span<const modes::ModeInfo> modes) {
  // CLI11 has already refused a `-o` that is not in `modes`.
  const auto mode = std::find_if(modes.begin(), modes.end(),
                                 [&](const modes::ModeInfo& m) { return m.name == args.mode; });
  check_mode_rules(parsed, *mode, modes);
  check_not_onto_itself(args);
  check_control_files(args);
}

// `history` reads the state store only: a flag of a run given to it, or `-n` given to anything
// else, would be silently ignored, which hides a mistake in a script.
void check_history_flags(const ParsedArgs& parsed, Command command) {
  const std::span<const std::string_view> history_flags = find_subcommand("history")->flags;
  for (const std::string& name : parsed.given) {
    const bool history_flag =
        std::find(history_flags.begin(), history_flags.end(), name) != history_flags.end();
    if (command == Command::History && !history_flag) {
      fail_validation("-" + name +
                      " does not apply to 'history' (it takes -t, -n, -json, -config)");
    }
    if (command != Command::History && name == "n") {
      fail_validation("-n only applies to 'exlSchema history'");
    }
    if (command != Command::Clean && name == "catalogs") {
      fail_validation("-catalogs only applies to 'exlSchema clean'");
    }
  }
}

// `verify` reads only and always compares checksums: the flags of a copy would be silently
// ignored, and the bisection bounds mean nothing to a copy.
void check_verify_flags(const ParsedArgs& parsed, Command command) {
  constexpr std::array k_copy_flags{"o",        "r",          "i",          "interval",
                                    "a",        "add",        "batch",      "batchcheck",
                                    "truncate", "complement", "recreate",   "replication",
                                    "speed",    "pause-file", "panic-file", "catalogs"};
  for (const std::string& name : parsed.given) {
    const bool copy_flag =
        std::find(k_copy_flags.begin(), k_copy_flags.end(), name) != k_copy_flags.end();
    if (command == Command::Verify && copy_flag) {
      fail_validation("-" + name +
                      " does not apply to 'verify' (it only reads both clusters and compares)");
    }
    if (command != Command::Verify && (name == "bisect-rows" || name == "bisect-depth")) {
      fail_validation("-" + name + " only applies to 'exlSchema verify'");
    }
  }
}

// -metrics feeds node_exporter's textfile collector, which reads only `*.prom` files: another
// name would be written every run and never collected. It is a run's (and verify's) output;
// check and clean would ignore it (history refuses it with its other flags).
void check_metrics_flag(const ParsedArgs& parsed, const CliArgs& args) {
  if (!parsed.has("metrics")) {
    return;
  }
  if (args.command == Command::Check || args.command == Command::Clean) {
    fail_validation("-metrics only applies to a run and to 'exlSchema verify'");
  }
  const std::string& path = args.metrics_path;
  if (path.size() <= 5 || !path.ends_with(".prom") || path.ends_with("/.prom")) {
    fail_validation("-metrics " + path +
                    ": the file must be named *.prom (node_exporter's textfile collector reads "
                    "only those)");
  }
  if (path == args.json_path || path == args.log_path) {
    fail_validation("-metrics " + path + " is also the " +
                    (path == args.json_path ? "-json" : "-log") + " file; give another file");
  }
}

} // namespace

CliArgs validate_args(const ParsedArgs& parsed, std::span<const modes::ModeInfo> modes) {
  CliArgs args = static_cast<const CliArgs&>(parsed.args); // converted and checked by CLI11
  args.command = command_of(parsed);
  args.help_topic = args.command == Command::Help ? parsed.subcommand : "";
  // These print something and exit: the flags of a run given with them are not checked.
  if (args.command == Command::Help || args.command == Command::Version ||
      args.command == Command::Man || args.command == Command::Completion ||
      args.command == Command::ListAliases) {
    return args;
  }
  check_history_flags(parsed, args.command);
  check_verify_flags(parsed, args.command);
  args.verbosity = parsed.args.quiet     ? Verbosity::Quiet
                   : parsed.args.verbose ? Verbosity::Verbose
                                         : Verbosity::Normal;
  args.quiet = args.verbosity == Verbosity::Quiet;
  args.level = parsed.args.level_text == "db" ? config::Level::Database : config::Level::Table;
  read_lists(parsed, args);
  check_required(parsed, args.command);
  check_metrics_flag(parsed, args);
  if (args.command == Command::Run) {
    check_run(parsed, args, modes);
  }
  if (args.command == Command::Verify) {
    check_not_onto_itself(args);
    args.mode = "verify"; // a read-only mode of its own (modes/verify.cpp), never an -o value
    args.once = true;
    args.execute = false; // the write gate sends nothing
    args.checksum = true;
  }
  return args;
}

} // namespace exl::cli
