// The fault matrix (issue #15): every data mode (meta against the scs stand-in) under every
// fault, on a table of known content (5 day partitions, 4 of them with 500 rows; a DUPLICATE KEY
// and a PRIMARY KEY table). Each cell records the exit code (against PRODUCT.md §2), rows lost and
// doubled (row by row), temporary objects left on both clusters, whether a plain re-run converges
// (exit 0, content equal) and how long it takes, and every secret found in what the runs wrote or
// showed (chaos_secrets.hpp: 0 hits is the bar). ctest runs the short form; EXL_CHAOS_FULL=1 runs
// every cell (scripts/chaos.sh, which renders the lines written to EXL_CHAOS_OUT into
// docs/reliability.md). EXL_CHAOS_SEED fixes the seed of the random signal points (printed).
#include "chaos/chaos_faults.hpp"
#include "chaos/chaos_meta.hpp"

#include "support/http_receiver.hpp"
#include "support/temp_dir.hpp"

#include <iostream>
#include <memory>

namespace exl::test::chaos {
namespace {

using Clock = std::chrono::steady_clock;

std::uint64_t global_seed() {
  static const std::uint64_t k_seed = [] {
    const char* text = std::getenv("EXL_CHAOS_SEED");
    const std::uint64_t seed =
        text != nullptr && *text != '\0'
            ? std::stoull(text)
            : (std::uint64_t{std::random_device{}()} << 32) ^ std::random_device{}();
    std::cout << "chaos seed: " << seed << " (EXL_CHAOS_SEED=" << seed << " repeats it)\n";
    return seed;
  }();
  return k_seed;
}

// The cell's seed: the run's seed mixed with the cell's name (FNV-1a), so one cell can be
// repeated alone.
std::uint64_t cell_seed(const CellId& id) {
  std::uint64_t h = 1469598103934665603ULL;
  for (char c : id.mode + "/" + fault_name(id.fault)) {
    h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  }
  return h ^ global_seed();
}

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// The webhook of a cell: every cell runs with Feishu on, signed, the hook's key in its URL; the
// hook_* cells' webhook is down, hangs or answers 500, the others' records what it gets.
struct Webhook {
  std::unique_ptr<HttpReceiver> receiver; // not movable: held by pointer
  std::string url;
};

Webhook webhook_for(Fault fault) {
  Webhook hook;
  if (fault == Fault::HookDown) {
    hook.url = "http://127.0.0.1:" + std::to_string(closed_port()) + hook_path();
    return hook;
  }
  hook.receiver =
      std::make_unique<HttpReceiver>(fault == Fault::HookSlow  ? HttpReceiver::Mode::Hang
                                     : fault == Fault::Hook500 ? HttpReceiver::Mode::Fail500
                                                               : HttpReceiver::Mode::Record);
  hook.url = hook.receiver->url(hook_path());
  return hook;
}

// The sandbox's configuration (the source's password AES-encrypted) with a short query_timeout
// (a load whose outcome is unknown and whose label never showed is sent again after it), the
// cell's webhook and, for meta, the scs home.
std::string cell_config(const config::test::TempDir& dir, const std::string& name,
                        const std::string& hook_url, const std::string& scs_section) {
  return dir.write(name, config_with_encrypted_source() + "defaults:\n  query_timeout: 10\n" +
                             feishu_section(hook_url) + scs_section);
}

// -v -log FILE -json FILE for a run tagged `tag` in `dir`.
std::vector<std::string> with_outputs(std::vector<std::string> args, const std::string& dir,
                                      const std::string& tag) {
  args.insert(args.end(),
              {"-v", "-log", dir + "/" + tag + ".log", "-json", dir + "/" + tag + ".json"});
  return args;
}

ExlResult run_faulted(const CellId& id, const ModeSpec& mode, const std::string& db,
                      const std::vector<std::string>& args,
                      const std::map<std::string, std::string>& env, CellResult& cell) {
  switch (id.fault) {
  case Fault::Kill:
  case Fault::Refuse:
  case Fault::SourceGrows:
  case Fault::TargetAltered:
    return run_with_held_load(id.fault, mode, db, args, env, cell);
  case Fault::LostAnswer:
  case Fault::Fail: {
    arm_knob(id.fault, mode, db);
    ExlProcess run(args, env);
    return run.wait();
  }
  case Fault::Sigint:
  case Fault::Sigterm:
    return run_with_signal(id.fault, args, env, cell);
  default: {
    ExlProcess run(args, env);
    return run.wait();
  }
  }
}

void reset_knobs() {
  for (const char* prefix : {"SRC", "DST"}) {
    sql(prefix, "ADMIN SET SIM RESET");
  }
}

void append(std::vector<std::string>& to, const std::vector<std::string>& more) {
  to.insert(to.end(), more.begin(), more.end());
}

// The plan (no -r) of a mode, once per mode in a process: its output and files are searched too.
std::string plan_output_once(const ModeSpec& mode, const std::string& config, const std::string& db,
                             const std::map<std::string, std::string>& env,
                             const std::string& dir) {
  static std::set<std::string> done;
  if (!done.insert(mode.name).second) {
    return "";
  }
  auto args = with_outputs(mode_args(mode, config, db), dir, "plan");
  args.erase(std::find(args.begin(), args.end(), "-r"));
  const ExlResult plan = e2e::run_exl(args, env);
  return plan.out + plan.err + e2e::read_file(dir + "/plan.log") +
         e2e::read_file(dir + "/plan.json");
}

// Every place a secret must not be: the runs' output, log, report, the history (its file dumped
// and `history`), the notifications received, the command lines of the processes of the run.
void sweep_secrets(CellResult& cell, const std::string& dir, const std::string& config,
                   const std::map<std::string, std::string>& env,
                   const std::vector<std::pair<std::string, std::string>>& places,
                   const std::vector<std::string>& cmdlines, const Webhook& hook) {
  const auto secrets = cell_secrets();
  SecretSweep sweep;
  for (const auto& [place, text] : places) {
    sweep.search(place, text, secrets);
  }
  for (const char* tag : {"faulted", "rerun"}) {
    sweep.search(std::string(tag) + " log", e2e::read_file(dir + "/" + tag + ".log"), secrets);
    sweep.search(std::string(tag) + " report", e2e::read_file(dir + "/" + tag + ".json"), secrets);
  }
  sweep.search("history store", dump_history(dir + "/state/exlSchema/state.db"), secrets);
  const ExlResult history = e2e::run_exl({"-config", config, "history"}, env);
  sweep.search("history", history.out + history.err, secrets);
  if (hook.receiver) {
    for (const auto& request : hook.receiver->requests()) {
      sweep.search("notification", request.body, secrets);
    }
  }
  for (const auto& line : cmdlines) {
    sweep.search("cmdline", line, secrets);
  }
  cell.secret_hits = sweep.hits;
  cell.secret_where = sweep.where;
  cell.processes_seen = cmdlines.size();
  cell.note += (cell.note.empty() ? "" : "; ") + std::to_string(cmdlines.size()) +
               " process command line(s) searched";
}

CellResult run_cell(const CellId& id, std::string& output) {
  const ModeSpec& mode = mode_spec(id.mode);
  CellResult cell;
  cell.id = id;
  cell.seed = cell_seed(id);
  const std::string db = make_chaos_database(id.mode + "_" + fault_name(id.fault));
  config::test::TempDir dir;
  std::map<std::string, std::string> env = secret_env();
  env["XDG_STATE_HOME"] = dir.path() + "/state";
  std::unique_ptr<MetaCellHome> meta;
  if (cell.meta()) {
    meta = std::make_unique<MetaCellHome>(dir.path());
  }
  const std::string scs = meta                 ? meta->scs_section()
                          : id.mode == "files" ? storage_section("chaos-" + db)
                                               : "";
  Webhook hook = webhook_for(id.fault);
  const std::string config = cell_config(dir, "faulted.yaml", hook.url, scs);
  std::vector<std::pair<std::string, std::string>> places{
      {"plan", plan_output_once(mode, config, db, env, dir.path())}};

  ProcessWatch watch(dir.path(), meta ? meta->sync_path() : "", meta ? meta->original() : "");
  const auto start = Clock::now();
  const ExlResult faulted = run_faulted(
      id, mode, db, with_outputs(mode_args(mode, config, db), dir.path(), "faulted"), env, cell);
  cell.run_s = seconds_since(start);
  reset_knobs();
  cell.exit_code = faulted.exit_code;
  cell.after_fault = diff_tables(db);
  append(cell.temps, leftovers(db));
  if (meta) {
    cell.meta_problems =
        meta->after_run_problems() +
        MetaCellHome::generated_problems(watch.generated(), watch.generated_modes());
  }
  if (hook.receiver && id.fault != Fault::HookDown) {
    cell.note += (cell.note.empty() ? "" : "; ") +
                 std::to_string(hook.receiver->requests().size()) + " webhook request(s)";
  }
  Webhook again_hook = webhook_for(Fault::Kill); // a webhook that works

  // The re-run: the same command, the same history, a webhook that works.
  const auto again_start = Clock::now();
  const auto rerun =
      with_outputs(rerun_args(mode, cell_config(dir, "rerun.yaml", again_hook.url, scs), db),
                   dir.path(), "rerun");
  ExlResult again;
  if (mode.rerun_in_rounds) {
    const auto round = e2e::first_round(rerun, env);
    again = round.result;
    cell.rerun_exit_ok = round.done && again.exit_code == 130;
  } else {
    again = e2e::run_exl(rerun, env);
    cell.rerun_exit_ok = again.exit_code == 0;
  }
  cell.converge_s = seconds_since(again_start);
  watch.stop();
  cell.rerun_exit = again.exit_code;
  cell.after_rerun = diff_tables(db);
  append(cell.temps, leftovers(db));
  if (meta) {
    const std::string after = meta->after_run_problems();
    cell.meta_problems += after.empty() ? "" : "after the re-run: " + after;
  }
  places.insert(places.end(), {{"faulted run output", faulted.out + faulted.err},
                               {"re-run output", again.out + again.err}});
  if (hook.receiver) {
    hook.receiver->stop(); // a hung request is released
  }
  sweep_secrets(cell, dir.path(), config, env, places, watch.cmdlines(), hook);
  for (const auto& request : again_hook.receiver->requests()) {
    SecretSweep extra;
    extra.search("notification", request.body, cell_secrets());
    cell.secret_hits += extra.hits;
    cell.secret_where += extra.where;
  }
  std::string spelled;
  for (const auto& a : rerun) {
    spelled += " " + a;
  }
  output = "faulted run:\n" + faulted.out + faulted.err + "\nre-run:" + spelled + "\n" + again.out +
           again.err + "\nprocesses seen:\n";
  for (const auto& line : watch.cmdlines()) {
    output += "  " + line + "\n";
  }
  return cell;
}

std::vector<CellId> every_cell() {
  std::vector<CellId> out;
  for (const auto& mode : chaos_modes()) {
    for (Fault f : all_faults()) {
      out.push_back({mode.name, f});
    }
  }
  return out;
}

// The short form (ctest): every fault for v2 (a SQL mode) but hook_slow (the notifier's timeouts
// take ~30 s), the main ones for pipe, one fault for each other mode, the FE refusing
// connections for v3 (a SUBMIT TASK load), meta's cheap cells (its FE flag failing, the
// target FE refusing while its audit runs), and files' lost load answer and SIGINT.
std::vector<CellId> short_cells() {
  std::vector<CellId> out;
  for (Fault f : all_faults()) {
    if (f != Fault::HookSlow) {
      out.push_back({"v2", f});
    }
  }
  out.push_back({"v3", Fault::Refuse});
  for (Fault f : {Fault::Kill, Fault::LostAnswer, Fault::Fail, Fault::Sigterm, Fault::Refuse}) {
    out.push_back({"pipe", f});
  }
  out.push_back({"mysql", Fault::LostAnswer});
  out.push_back({"starrocks", Fault::Kill});
  out.push_back({"v1", Fault::Fail});
  out.push_back({"v3", Fault::LostAnswer});
  out.push_back({"v4", Fault::Sigint});
  out.push_back({"v5", Fault::SourceGrows});
  out.push_back({"meta", Fault::Fail});
  out.push_back({"meta", Fault::Refuse});
  out.push_back({"files", Fault::LostAnswer});
  out.push_back({"files", Fault::Sigint});
  return out;
}

std::vector<CellId> selected_cells() {
  const char* full = std::getenv("EXL_CHAOS_FULL");
  return full != nullptr && std::string(full) == "1" ? every_cell() : short_cells();
}

class ChaosMatrixTest : public ::testing::TestWithParam<CellId> {};

TEST_P(ChaosMatrixTest, NothingLostDoubledLeftOrLeakedAndAReRunConverges) {
  if (!not_applicable(GetParam()).empty()) { // the reason goes into the table; nothing to run
    record(not_applicable_line(GetParam(), cell_seed(GetParam())));
    std::cout << not_applicable_line(GetParam(), cell_seed(GetParam()));
    return;
  }
  std::string output;
  const CellResult cell = run_cell(GetParam(), output);
  record(result_line(cell));
  std::cout << result_line(cell);
  if (const char* verbose = std::getenv("EXL_CHAOS_VERBOSE"); verbose && *verbose == '1') {
    std::cout << output << "\n";
  }
  ASSERT_TRUE(cell.fault_reached) << cell.note << "\n" << output;
  EXPECT_EQ(cell.secret_hits, 0) << cell.secret_where << "\n" << output;
  EXPECT_GT(cell.processes_seen, 0U) << "no process of the run was seen: its command line was not "
                                        "searched\n"
                                     << output;
  EXPECT_EQ(cell.meta_problems, "") << output;
  EXPECT_TRUE(cell.exit_ok()) << "exit " << cell.exit_code << ", PRODUCT.md §2 allows "
                              << join_exits(expected_exits(cell.id.fault)) << "\n"
                              << output;
  EXPECT_EQ(cell.after_fault.doubled, 0) << cell.after_fault.where << "\n" << output;
  if (cell.exit_code == 0) { // exit 0 says every table is synced: nothing may be missing
    EXPECT_EQ(cell.after_fault.lost, 0) << cell.after_fault.where << "\n" << output;
  }
  EXPECT_EQ(cell.temps, std::vector<std::string>{}) << output;
  if (cell.id.fault != Fault::TargetAltered) { // the operator changed the structure: judged apart
    EXPECT_TRUE(cell.converged()) << "re-run exit " << cell.rerun_exit << " "
                                  << cell.after_rerun.where << "\n"
                                  << output;
  }
}

std::string cell_test_name(const ::testing::TestParamInfo<CellId>& info) {
  return info.param.mode + "_" + fault_name(info.param.fault);
}

INSTANTIATE_TEST_SUITE_P(Matrix, ChaosMatrixTest, ::testing::ValuesIn(selected_cells()),
                         cell_test_name);

} // namespace
} // namespace exl::test::chaos
