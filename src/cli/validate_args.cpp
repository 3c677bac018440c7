#include "cli/validate_args.hpp"

#include "cli/combinations.hpp"
#include "cli/numbers.hpp"
#include "exlschema/cli/name_list.hpp"
#include "exlschema/util/errors.hpp"

#include <algorithm>
#include <array>
#include <limits>

namespace exl::cli {
namespace {

constexpr int k_max_int = std::numeric_limits<int>::max();
// More tasks at once than this would only queue up on the FE; a typo like `-thread 3000` is
// refused instead of opening thousands of connections.
constexpr int k_max_threads = 256;

[[noreturn]] void fail(const std::string& message) {
  throw UsageError("exlSchema: " + message);
}

std::string value_of(const RawArgs& raw, std::string_view name) {
  const auto it = raw.values.find(name);
  return it == raw.values.end() ? std::string() : it->second;
}

Command command_of(const RawArgs& raw) {
  if (raw.has("h")) {
    return Command::Help;
  }
  if (raw.has("version")) {
    return Command::Version;
  }
  if (raw.subcommand == "check") {
    return Command::Check;
  }
  return raw.subcommand == "clean" ? Command::Clean : Command::Run;
}

void read_switches(const RawArgs& raw, CliArgs& args) {
  args.execute = raw.has("r");
  args.once = raw.has("i");
  args.create_catalog = raw.has("a");
  args.add_partitions = raw.has("add");
  args.batch = raw.has("batch");
  args.batch_check = raw.has("batchcheck");
  args.truncate = raw.has("truncate");
  args.complement = raw.has("complement");
  args.recreate = raw.has("recreate");
  args.no_notify = raw.has("nonotify");
  if (raw.has("q") && raw.has("v")) {
    fail("-q and -v cannot be used together");
  }
  args.verbosity = raw.has("q")   ? Verbosity::Quiet
                   : raw.has("v") ? Verbosity::Verbose
                                  : Verbosity::Normal;
}

void read_numbers(const RawArgs& raw, CliArgs& args) {
  if (raw.has("thread")) {
    args.threads = parse_whole_number("-thread", value_of(raw, "thread"), 1, k_max_threads);
  }
  if (raw.has("speed")) {
    args.speed_gb = parse_positive_number("-speed", value_of(raw, "speed"));
  }
  if (raw.has("interval")) {
    args.interval_s = parse_whole_number("-interval", value_of(raw, "interval"), 1, k_max_int);
  }
  if (raw.has("replication")) {
    const std::string text = value_of(raw, "replication");
    args.replication = parse_whole_number("-replication", text, -1, k_max_int);
    if (args.replication == 0) {
      fail("-replication must be -1 (as on the source) or a whole number >= 1 (got '0')");
    }
  }
}

void read_level(const RawArgs& raw, CliArgs& args) {
  if (!raw.has("level")) {
    return;
  }
  const std::string level = value_of(raw, "level");
  if (level != "table" && level != "db") {
    fail("-level must be 'table' or 'db' (got '" + level + "')");
  }
  args.level = level == "db" ? config::Level::Database : config::Level::Table;
}

void read_lists(const RawArgs& raw, CliArgs& args) {
  const bool db_level = args.level == config::Level::Database;
  if (raw.has("t")) {
    const auto shape = db_level ? EntryShape::DatabaseOnly : EntryShape::QualifiedTable;
    args.tables = parse_table_list("-t", value_of(raw, "t"), shape);
  }
  if (raw.has("x")) {
    // At database level a whole database or single tables of it may be excluded.
    const auto shape = db_level ? EntryShape::Either : EntryShape::QualifiedTable;
    args.excludes = parse_table_list("-x", value_of(raw, "x"), shape);
  }
  if (raw.has("p")) {
    args.partitions = parse_partition_list("-p", value_of(raw, "p"));
  }
}

void read_strings(const RawArgs& raw, CliArgs& args) {
  args.source = value_of(raw, "source");
  args.target = value_of(raw, "target");
  args.mode = value_of(raw, "o");
  args.where = value_of(raw, "where");
  args.config_path = value_of(raw, "config");
  args.json_path = value_of(raw, "json");
  args.log_path = value_of(raw, "log");
}

void require(const RawArgs& raw, std::string_view name, std::string_view why) {
  if (!raw.has(name)) {
    fail("missing required flag -" + std::string(name) + " (" + std::string(why) + ")");
  }
}

void check_required(const RawArgs& raw, Command command) {
  if (command == Command::Run) {
    require(raw, "source", "the source cluster alias");
    require(raw, "target", "the target cluster alias");
    require(raw, "t", "the tables to sync, e.g. -t db.table");
    require(raw, "o", "the mode, e.g. -o v2");
  } else if (command == Command::Clean) {
    require(raw, "target", "the cluster to clean");
  } else if (command == Command::Check && !raw.has("source") && !raw.has("target")) {
    fail("check needs -source and/or -target");
  }
}

} // namespace

CliArgs validate_args(const RawArgs& raw, std::span<const ModeChoice> modes) {
  CliArgs args;
  args.command = command_of(raw);
  if (args.command == Command::Help || args.command == Command::Version) {
    return args;
  }
  read_strings(raw, args);
  read_switches(raw, args);
  read_numbers(raw, args);
  read_level(raw, args);
  read_lists(raw, args);
  check_required(raw, args.command);
  if (args.command == Command::Run) {
    check_combinations(args, modes);
  }
  return args;
}

} // namespace exl::cli
