#include "modes/meta.hpp"

#include "exlschema/db/sql_error.hpp"
#include "exlschema/modes/mode_registry.hpp"
#include "exlschema/modes/run_context.hpp"
#include "exlschema/modes/structure.hpp"
#include "exlschema/scs/conf_files.hpp"
#include "exlschema/scs/log_follower.hpp"
#include "exlschema/scs/scs_process.hpp"
#include "exlschema/scs/sync_properties.hpp"
#include "exlschema/util/errors.hpp"
#include "exlschema/util/log.hpp"
#include "exlschema/util/redact.hpp"
#include "modes/meta_setup.hpp"
#include "modes/meta_watch.hpp"

#include <algorithm>
#include <filesystem>
#include <fmt/format.h>
#include <mutex>
#include <optional>
#include <unistd.h>

namespace exl::modes {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr int k_failed_rises_limit = 3; // consecutive reports with more failed jobs, none finished

std::string indented_text(const std::string& text) {
  std::string out;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = text.find('\n', start);
    out += "    " + text.substr(start, end - start) + "\n";
    start = end == std::string::npos ? text.size() : end + 1;
  }
  return out;
}

std::string tail_text(const std::deque<std::string>& tail, std::size_t lines) {
  std::string out;
  const std::size_t from = tail.size() > lines ? tail.size() - lines : 0;
  for (std::size_t i = from; i < tail.size(); ++i) {
    out += (out.empty() ? "" : " | ") + tail[i];
  }
  return out.empty() ? "(the log is empty)" : out;
}

// How the watch ended (the loop's answer).
enum class WatchEnd { Done, ToolFinished, Interrupted };

class MetaMode : public Mode {
public:
  const ModeInfo& info() const override { return *find_mode("meta"); }

  std::vector<Statement> plan_run(RunContext& ctx) override {
    m_setup = plan_meta_setup(ctx);
    return {};
  }

  std::vector<std::string> plan_preamble(RunContext& ctx) override;

  TablePlan plan_table(RunContext& ctx, const TableJob& job) override {
    TablePlan plan;
    plan.job = job;
    if (job.kind != ObjectKind::Table) {
      plan.outcome = "by scs";
      plan.summary = job.kind == ObjectKind::View
                         ? "view: starrocks-cluster-sync creates it on the target"
                         : "materialized view: starrocks-cluster-sync creates its structure (it "
                           "copies no MV data; the target refreshes it)";
      return plan;
    }
    starrocks::AnyModel model = read_object_model(ctx, Side::Source, job.source);
    if (auto* table = std::get_if<starrocks::TableModel>(&model)) {
      plan.source_table = std::move(*table);
    }
    plan.outcome = "synced";
    plan.summary = "copied by starrocks-cluster-sync (BE to BE); done when every partition's "
                   "rows and VisibleVersion are the source's";
    return plan;
  }

  void supervise(RunContext& ctx, const std::vector<TablePlan>& plans,
                 const SuperviseEvents& events) override;

  void verify_table(RunContext& ctx, const TablePlan& plan, report::TableReport& r) override;

private:
  WatchEnd watch(RunContext& ctx, const std::vector<TablePlan>& plans,
                 const SuperviseEvents& events, scs::ScsProcess& process, scs::LogFollower& log);
  std::optional<bool> audit_all(RunContext& ctx, const std::vector<TablePlan>& plans,
                                const SuperviseEvents& events, bool report_lag);
  [[noreturn]] void fail_with_tail(const std::string& what, const scs::LogFollower& log,
                                   const SuperviseEvents& events);

  MetaSetup m_setup;
  std::mutex m_mutex;
  std::map<std::string, MetaTableState> m_states;
  ScsProgressTracker m_progress;
  std::vector<std::string> m_run_notes; // for every table's report
};

std::vector<std::string> MetaMode::plan_preamble(RunContext& ctx) {
  const fs::path home = ctx.options.scs.home;
  std::vector<std::string> lines;
  lines.push_back("\nstarrocks-cluster-sync in " + home.string() + " (-o meta)");
  lines.push_back("  would write " + (home / "conf" / "sync.properties").string() +
                  " (mode 0600; the current file is kept and restored at the end):");
  lines.push_back(
      indented_text(scs::properties_text(scs::sync_properties(m_setup.settings), /*masked=*/true)));
  if (!ctx.options.scs.hosts.empty()) {
    lines.push_back("  would write " + (home / "conf" / "hosts.properties").string() + ":");
    lines.push_back(indented_text(scs::hosts_text(ctx.options.scs.hosts)));
  }
  for (const FeSetting& f : m_setup.fe_settings) {
    lines.push_back("  [" + ctx.options.target.alias + "] " + f.set.sql);
  }
  lines.push_back("  then: bin/start.sh; follow log/sync.INFO.log; audit every table until every "
                  "partition's rows and version are the source's" +
                  std::string(ctx.options.once ? ", then bin/stop.sh"
                                               : " (without -i: until Ctrl-C, every -interval)"));
  for (const FeSetting& f : m_setup.fe_settings) {
    lines.push_back("  [" + ctx.options.target.alias + "] " + f.restore.sql + "   (at the end)");
  }
  for (const std::string& note : m_setup.notes) {
    lines.push_back("  note: " + note);
  }
  return lines;
}

void MetaMode::supervise(RunContext& ctx, const std::vector<TablePlan>& plans,
                         const SuperviseEvents& events) {
  const fs::path home = ctx.options.scs.home;
  // Set back last, after the tool has stopped: registered before each SET, whose answer may be
  // lost after it took effect.
  std::vector<std::unique_ptr<TempGuard>> fe_restores;
  for (const FeSetting& f : m_setup.fe_settings) {
    fe_restores.push_back(std::make_unique<TempGuard>(ctx.temps, f.restore));
    ctx.gate.mutate(f.set);
    events.progress("[" + ctx.options.target.alias + "] " + f.set.sql);
  }
  scs::ConfFiles files;
  const scs::Properties properties = scs::sync_properties(m_setup.settings);
  for (const auto& [key, value] : properties) {
    if (key.ends_with("_password") && !value.empty()) {
      util::register_secret(value); // the ciphertext too: with its key it is the password
    }
  }
  files.write(home / "conf" / "sync.properties", scs::properties_text(properties, false));
  if (!ctx.options.scs.hosts.empty()) {
    files.write(home / "conf" / "hosts.properties", scs::hosts_text(ctx.options.scs.hosts));
  }
  scs::LogFollower log(home / "log" / "sync.INFO.log");
  scs::ScsProcess process(home);
  process.start();
  events.progress("starrocks-cluster-sync started (" + (home / "bin" / "start.sh").string() + ")");
  WatchEnd end = WatchEnd::Interrupted;
  try {
    end = watch(ctx, plans, events, process, log);
  } catch (...) {
    process.stop(std::chrono::seconds(ctx.options.scs.stop_timeout_s));
    throw;
  }
  const std::string how = process.stop(std::chrono::seconds(ctx.options.scs.stop_timeout_s));
  events.progress("starrocks-cluster-sync " + how);
  for (const std::string& problem : files.restore()) {
    util::log().error("{}", problem);
    m_run_notes.push_back(problem);
  }
  events.progress("conf/sync.properties restored" +
                  std::string(m_setup.fe_settings.empty()
                                  ? ""
                                  : "; the FE settings are set back as the run ends (none of "
                                    "them belongs in fe.conf)"));
  if (end == WatchEnd::ToolFinished) {
    m_run_notes.push_back("starrocks-cluster-sync ended its one-time run before every table was "
                          "in sync");
  }
}

WatchEnd MetaMode::watch(RunContext& ctx, const std::vector<TablePlan>& plans,
                         const SuperviseEvents& events, scs::ScsProcess& process,
                         scs::LogFollower& log) {
  const bool once = ctx.options.once;
  const auto period = std::chrono::seconds(once ? std::clamp(ctx.options.interval_s, 1, 60)
                                                : std::max(ctx.options.interval_s, 1));
  const auto stall = std::chrono::seconds(ctx.options.scs.stall_timeout_s);
  auto next_audit = Clock::now() + period;
  auto last_move = Clock::now();
  int equal_partitions = 0;
  while (!ctx.cancel.is_cancelled()) {
    bool moved = false;
    // Before the log: a tool seen exited has written its last lines, which are read below.
    const bool running = process.running();
    for (const std::string& line : log.poll()) {
      if (const auto text = m_progress.read(line, moved)) {
        events.progress(*text);
        events.notice(*text, false);
      }
    }
    if (m_progress.failed_rises >= k_failed_rises_limit) {
      fail_with_tail("its failed job count keeps rising (" +
                         std::to_string(m_progress.jobs->failed) + " failed, none finishing)",
                     log, events);
    }
    bool audited = true;
    if (!running || Clock::now() >= next_audit) {
      const std::optional<bool> done = audit_all(ctx, plans, events, !once);
      next_audit = Clock::now() + period;
      audited = done.has_value();
      int equal = 0;
      for (const auto& [name, state] : m_states) {
        equal += state.equal_partitions;
      }
      moved = moved || equal > equal_partitions || done.value_or(false);
      equal_partitions = equal;
      if (done.value_or(false) && once) {
        events.progress("every table is in sync; stopping starrocks-cluster-sync");
        return WatchEnd::Done;
      }
    }
    if (!running && audited) { // a tool that ended is judged by an audit that could be read
      const auto code = process.last_exit();
      const bool finished_run =
          once && code.value_or(0) == 0 && m_progress.jobs && m_progress.jobs->idle();
      if (!finished_run) {
        fail_with_tail("it exited unexpectedly" +
                           (code ? " (exit status " + std::to_string(*code) + ")" : std::string()),
                       log, events);
      }
      return WatchEnd::ToolFinished;
    }
    if (moved) {
      last_move = Clock::now();
    }
    if (Clock::now() - last_move > stall) {
      fail_with_tail("no progress for " + std::to_string(stall.count()) +
                         " s (scs.stall_timeout): neither its log nor the audit moved",
                     log, events);
    }
    ctx.cancel.wait_for(std::chrono::milliseconds(250));
  }
  return WatchEnd::Interrupted;
}

// Audits every table; true when all are in sync. Continuous runs print each table's lag.
// nullopt when a cluster could not be reached: an FE restarting or changing leader refuses
// connections for a while (longer than the gate's own retries), so that audit saw nothing and the
// next one goes a period later; scs.stall_timeout bounds how long nothing moves.
std::optional<bool> MetaMode::audit_all(RunContext& ctx, const std::vector<TablePlan>& plans,
                                        const SuperviseEvents& events, bool report_lag) {
  std::map<std::string, MetaTableState> states;
  try {
    states = audit_meta_tables(ctx, plans);
  } catch (const std::exception& e) {
    if (!db::is_retryable(e)) {
      throw;
    }
    util::log().warn("audit: a cluster cannot be read now ({}); auditing again",
                     util::redact(e.what()));
    events.progress("audit: a cluster cannot be read now; auditing again");
    return std::nullopt;
  }
  int done = 0;
  for (const auto& [name, state] : states) {
    done += state.done ? 1 : 0;
    if (report_lag) {
      events.progress("  " + name + ": " + state.lag);
    }
  }
  const std::string summary = fmt::format("audit: {} of {} table(s) in sync", done, states.size());
  events.progress(summary);
  if (report_lag) {
    events.notice(summary, false);
  }
  const std::lock_guard lock(m_mutex);
  m_states = std::move(states);
  return done == static_cast<int>(m_states.size());
}

void MetaMode::fail_with_tail(const std::string& what, const scs::LogFollower& log,
                              const SuperviseEvents& events) {
  events.progress("starrocks-cluster-sync: " + what + "; the last lines of log/sync.INFO.log:");
  for (const std::string& line : log.tail()) {
    events.progress("  | " + line);
    util::log().error("scs log: {}", util::redact(line));
  }
  events.notice("starrocks-cluster-sync: " + what, true);
  throw FatalError("starrocks-cluster-sync: " + what + "; log tail: " + tail_text(log.tail(), 5));
}

void MetaMode::verify_table(RunContext& /*ctx*/, const TablePlan& plan, report::TableReport& r) {
  for (const std::string& note : m_run_notes) {
    r.notes.push_back(note);
  }
  if (m_progress.jobs) {
    r.notes.push_back("last scs report: " + scs::describe(*m_progress.jobs));
  }
  if (plan.job.kind != ObjectKind::Table) {
    r.outcome = plan.outcome;
    return;
  }
  const std::lock_guard lock(m_mutex);
  const auto found = m_states.find(plan.job.name());
  if (found == m_states.end()) {
    r.outcome = "not audited";
    r.status = runner::TaskStatus::Inconsistent;
    r.error = "the run ended before the table was audited";
    return;
  }
  const MetaTableState& s = found->second;
  r.source_rows = s.source_rows;
  r.target_rows = s.target_rows;
  r.partitions_audited = s.partitions;
  r.outcome = s.done ? "equal" : "differs";
  if (!s.done) {
    r.status = runner::TaskStatus::Inconsistent;
    r.error = s.lag;
  }
}

} // namespace

std::unique_ptr<Mode> make_meta_mode() {
  return std::make_unique<MetaMode>();
}

void check_meta_options(const config::RunOptions& options) {
  const std::string& home = options.scs.home;
  if (home.empty()) {
    throw UsageError("exlSchema: -o meta needs scs.home in the configuration (" +
                     options.config_path +
                     "): the directory where starrocks-cluster-sync is unpacked");
  }
  std::string missing;
  for (const char* part : {"bin/start.sh", "bin/stop.sh", "conf"}) {
    if (!fs::exists(fs::path(home) / part)) {
      missing += (missing.empty() ? "" : ", ") + std::string(part);
    }
  }
  for (const char* script : {"bin/start.sh", "bin/stop.sh"}) {
    const fs::path path = fs::path(home) / script;
    if (fs::exists(path) && ::access(path.c_str(), X_OK) != 0) {
      missing += (missing.empty() ? "" : ", ") + std::string("an executable ") + script;
    }
  }
  if (!missing.empty()) {
    throw UsageError("exlSchema: scs.home " + home +
                     " is not a usable starrocks-cluster-sync installation: missing " + missing);
  }
  for (const config::TablePattern& p : options.tables) {
    if (p.renames()) {
      throw UsageError("exlSchema: -o meta cannot rename (-t " + p.full_text() +
                       "): starrocks-cluster-sync copies every object under its own name");
    }
  }
  if (!options.partitions.empty()) {
    throw UsageError("exlSchema: -p cannot be used with -o meta: starrocks-cluster-sync copies "
                     "whole tables");
  }
  for (const auto& [key, value] : options.scs.properties) {
    if (const auto problem = scs::tuning_key_problem(key)) {
      throw UsageError("exlSchema: scs.properties in " + options.config_path + ": " + *problem);
    }
  }
}

} // namespace exl::modes
