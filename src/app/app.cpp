#include "app/app.hpp"

#include "app/exit_codes.hpp"
#include "app/info_commands.hpp"
#include "app/job_lock.hpp"
#include "app/notifier_setup.hpp"
#include "app/options_builder.hpp"
#include "app/process_libraries.hpp"
#include "app/run_finish.hpp"
#include "app/run_id.hpp"
#include "commands/history_command.hpp"
#include "exlschema/build_info.hpp"
#include "exlschema/cli/command_line.hpp"
#include "exlschema/commands/check_command.hpp"
#include "exlschema/commands/clean_command.hpp"
#include "exlschema/config/config_locator.hpp"
#include "exlschema/config/secrets.hpp"
#include "exlschema/modes/drive.hpp"
#include "exlschema/modes/mode_registry.hpp"
#include "exlschema/report/json_report.hpp"
#include "exlschema/runner/cancel_token.hpp"
#include "exlschema/state/state_store.hpp"
#include "exlschema/util/errors.hpp"
#include "exlschema/util/log.hpp"
#include "exlschema/util/redact.hpp"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

namespace exl::app {
namespace {

// What a run needs besides its options, alive for the whole run.
struct Session {
  std::string run_id;
  runner::CancelToken cancel;
  std::string command_line; // argv joined, redacted
};

// Takes SIGINT/SIGTERM for the lifetime of a run. Created before any other thread starts: the
// signals are blocked in the creating thread and every thread it starts inherits that mask, so
// only the watcher ever receives them.
class SignalScope {
public:
  explicit SignalScope(runner::CancelToken& token) { runner::install_signal_handlers(token); }
  ~SignalScope() { runner::uninstall_signal_handlers(); }
  SignalScope(const SignalScope&) = delete;
  SignalScope& operator=(const SignalScope&) = delete;
};

spdlog::level::level_enum console_level(cli::Verbosity verbosity) {
  switch (verbosity) {
  case cli::Verbosity::Quiet:
    return spdlog::level::warn;
  case cli::Verbosity::Verbose:
    return spdlog::level::debug;
  case cli::Verbosity::Normal:
    break;
  }
  return spdlog::level::info;
}

void start_logging(const cli::CliArgs& args, const std::string& run_id) {
  try {
    util::init_logging({console_level(args.verbosity), args.log_path, run_id});
  } catch (const spdlog::spdlog_ex& e) {
    throw UsageError("exlSchema: cannot open the -log file " + args.log_path + ": " + e.what());
  }
}

// A -json report or -metrics file that cannot be written would be noticed only after the whole
// run; check the directory (`flag`'s `path`) now, while nothing has been done.
void check_output_path(const char* flag, const std::string& path) {
  if (path.empty()) {
    return;
  }
  const std::filesystem::path parent = std::filesystem::absolute(path).parent_path();
  std::error_code ec;
  if (!std::filesystem::is_directory(parent, ec) || ::access(parent.c_str(), W_OK) != 0) {
    throw UsageError("exlSchema: " + std::string(flag) + " " + path + ": directory " +
                     parent.string() + " does not exist or is not writable");
  }
  if (std::filesystem::is_directory(path, ec)) {
    throw UsageError("exlSchema: " + std::string(flag) + " " + path + " is a directory");
  }
}

config::ConfigFile load_configuration(const cli::CliArgs& args) {
  const std::string path =
      config::find_config_file(config::ConfigSearch::from_process(args.config_path));
  if (const auto warning = config::permission_warning(path)) {
    util::log().warn("{}", *warning);
  }
  return config::load_config_file(path);
}

// `check`: both aliases are resolved (a typo, an unset password variable -> exit 2) before any
// cluster is connected to.
int check_clusters(const cli::CliArgs& args, config::ClusterDirectory& directory,
                   const config::ConfigFile& file) {
  commands::CheckRequest request;
  if (!args.source.empty()) {
    request.source = directory.resolve(args.source, "-source");
  }
  if (!args.target.empty()) {
    request.target = directory.resolve(args.target, "-target");
  }
  request.limits.max_disk_used_pct = file.defaults.max_disk_used_pct;
  return commands::run_check(request, stdout) ? k_exit_ok : k_exit_failed;
}

// clean: the named clusters (target, and source when given), each resolved before connecting.
int run_clean_command(const cli::CliArgs& args, config::ClusterDirectory& directory,
                      const config::ConfigFile& file, const runner::CancelToken& cancel) {
  commands::CleanRequest request;
  if (file.storage) { // -o files' buckets: resolved (keys from the environment) before connecting
    const config::StorageSettings storage = config::resolve_storage(*file.storage);
    request.storage.push_back(*storage.source);
    if (storage.target) {
      request.storage.push_back(*storage.target);
    }
    request.state_path = file.state_path.empty() ? state::default_state_path() : file.state_path;
  }
  request.clusters.push_back(directory.resolve(args.target, "-target"));
  if (!args.source.empty() && args.source != args.target) {
    request.clusters.push_back(directory.resolve(args.source, "-source"));
  }
  request.execute = args.execute;
  request.catalogs = args.clean_catalogs;
  request.cancel = &cancel;
  return commands::run_clean(request, std::cout);
}

// At debug level: the console shows it with -v, the -log file always.
void log_start(const config::RunOptions& options) {
  const auto& source = options.source.connection;
  const auto& target = options.target.connection;
  util::log().debug("exlSchema {} -o {}: {} ({}@{}:{}) -> {} ({}@{}:{}), {} -t entries, config {}",
                    build::k_version, options.mode, options.source.alias, source.user, source.host,
                    source.port, options.target.alias, target.user, target.host, target.port,
                    options.tables.size(), options.config_path);
}

// The history's first record of a run, before anything connects: a run that crashes stays
// visible as unfinished.
report::RunReport history_header(const config::RunOptions& options, const Session& session) {
  report::RunReport header = modes::report_header(options);
  header.command_line = session.command_line;
  return header;
}

// The exit code an error ends the process with (PRODUCT.md §2): 2 for bad usage or configuration
// (nothing was changed), 1 for anything else.
int exit_code_of(const std::exception& e) {
  return dynamic_cast<const UsageError*>(&e) != nullptr ||
                 dynamic_cast<const ConfigError*>(&e) != nullptr
             ? k_exit_usage
             : k_exit_failed;
}

// `header` closed by the error `e` that stopped its run before any table's report.
report::RunReport stopped_report(report::RunReport header, const std::exception& e) {
  header.exit_code = exit_code_of(e);
  header.end = std::chrono::system_clock::now();
  header.error = util::redact(e.what());
  return header;
}

// The -json report of a run that stopped before its tables: written all the same, so that a cron
// job alerting on the JSON never reads the previous run's "exit_code": 0.
void write_stopped_json(const report::RunReport& stopped, const std::string& path) {
  if (path.empty()) {
    return;
  }
  try {
    report::write_json_report(stopped, path);
  } catch (const std::exception& json_error) {
    util::log().error("exlSchema: the -json report: {}", json_error.what());
  }
}

// A run or verify refused before it starts (the configuration, an alias, the mode's own checks)
// still replaces its -json report.
template <class Fn>
auto refused_with_json(const cli::CliArgs& args, const std::string& run_id, Fn&& fn)
    -> decltype(fn()) {
  try {
    return fn();
  } catch (const std::exception& e) {
    if (args.command == cli::Command::Run || args.command == cli::Command::Verify) {
      // args.mode is "verify" for verify (validate_args).
      write_stopped_json(
          stopped_report(
              modes::report_header(run_id, args.mode, args.source, args.target, args.execute), e),
          args.json_path);
    }
    throw;
  }
}

// A run that stops before its report (nothing matched, a cluster unreachable) is recorded in the
// history, the -metrics file and the -json report with the exit code it ends with, then the error
// goes on to the top-level handler.
template <class Fn>
report::RunReport recorded(state::StateStore& store, const config::RunOptions& options,
                           const report::RunReport& header, Fn&& fn) {
  try {
    return fn();
  } catch (const std::exception& e) {
    const report::RunReport stopped = stopped_report(header, e);
    store.finish_run(stopped);
    write_stopped_run_metrics(stopped, options);
    write_stopped_json(stopped, options.json_path);
    throw;
  }
}

int run_mode(const config::RunOptions& options, Session& session) {
  const modes::ModeInfo* mode = modes::find_mode(options.mode);
  if (mode == nullptr || !mode->implemented || mode->make == nullptr) {
    // Honest until the mode lands: nothing was connected to.
    throw UsageError("exlSchema: mode '" + options.mode + "' is not implemented in this build yet");
  }
  // Opened before anything connects: a store that cannot be used is exit 2 with nothing sent.
  state::StateStore store(options.state_path);
  std::optional<JobLock> lock;
  if (options.execute) {
    std::string holder;
    lock = JobLock::try_acquire(options, holder);
    if (!lock) {
      util::log().error("exlSchema: another run of this job (same -source, -target and -t) is "
                        "still running: {}; not starting (exit {})",
                        holder, k_exit_locked);
      return k_exit_locked;
    }
  }
  if (session.cancel.is_cancelled()) {
    return runner::exit_code_for_signal(session.cancel.signal_number());
  }
  const report::RunReport header = history_header(options, session);
  store.begin_run(header);
  const std::unique_ptr<notify::Notifier> notifier = make_run_notifier(options);
  // Incremental runs: each round's table, history record and Feishu card before the pause.
  auto round_finished = [&](report::RunReport& round) {
    round.command_line = session.command_line;
    round.start = header.start;
    finish_run(round, options, 0, *notifier, std::cout);
    store.finish_run(round);
  };
  report::RunReport report = recorded(store, options, header, [&] {
    return modes::drive(*mode, options, session.cancel,
                        modes::DriveOutput{std::cout, ::isatty(STDOUT_FILENO) == 1, *notifier,
                                           &store, round_finished});
  });
  report.command_line = session.command_line;
  report.start = header.start;
  const int code =
      finish_run(report, options, session.cancel.signal_number(), *notifier, std::cout);
  store.finish_run(report);
  return code;
}

std::string joined_command_line(const std::vector<std::string>& argv) {
  std::string text = "exlSchema";
  for (const std::string& arg : argv) {
    text += " " + arg;
  }
  return util::redact(text);
}

int run_command(const cli::CliArgs& args, const std::vector<std::string>& argv) {
  Session session{make_run_id(), {}, joined_command_line(argv)};
  // Both before any thread starts (libmariadb and libcurl initialise unsafely; the signal mask is
  // inherited), and in this order so that the libraries outlive the signal watcher.
  const ProcessLibraries libraries;
  const SignalScope signals(session.cancel);
  start_logging(args, session.run_id);
  check_output_path("-json", args.json_path);
  check_output_path("-metrics", args.metrics_path);
  if (args.command == cli::Command::History) {
    return commands::run_history(args); // reads the state store; needs no configuration file
  }
  const config::ConfigFile file =
      refused_with_json(args, session.run_id, [&] { return load_configuration(args); });
  config::ClusterDirectory directory(file, db::fetch_all);
  if (args.command == cli::Command::Clean || args.command == cli::Command::Check) {
    const int code = args.command == cli::Command::Clean
                         ? run_clean_command(args, directory, file, session.cancel)
                         : check_clusters(args, directory, file);
    return session.cancel.is_cancelled()
               ? runner::exit_code_for_signal(session.cancel.signal_number())
               : code;
  }
  const config::RunOptions options = refused_with_json(args, session.run_id, [&] {
    config::RunOptions built = build_run_options(args, file, directory, session.run_id);
    log_start(built);
    if (const modes::ModeInfo* mode = modes::find_mode(built.mode);
        mode != nullptr && mode->check_options != nullptr) {
      mode->check_options(built); // exit 2 before anything connects
    }
    return built;
  });
  return run_mode(options, session);
}

int run_args(const std::vector<std::string>& argv) {
  const cli::CliArgs args = cli::parse_command_line(argv, modes::mode_table());
  if (const auto code = run_info_command(args)) {
    return *code; // -h, --version, --man, --completion, --list-aliases: nothing connects
  }
  return run_command(args, argv);
}

// One line on stderr, redacted: a message may quote a value the user typed. The -log file gets it
// too (at debug level, so that the console does not show it twice without -v).
int report_error(const std::exception& e, int code) {
  std::fprintf(stderr, "%s\n", util::redact(e.what()).c_str());
  util::log().debug("exit code {}: {}", code, e.what());
  return code;
}

// Every exception ends here as one line on stderr and its exit code (PRODUCT.md §2).
int run_guarded(const std::vector<std::string>& args) {
  try {
    return run_args(args);
  } catch (const std::exception& e) {
    return report_error(e, exit_code_of(e));
  }
}

} // namespace

int run(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  const int code = run_guarded(args);
  // The -log file sink buffers; nothing may be lost when the process ends.
  util::log().flush();
  return code;
}

} // namespace exl::app
