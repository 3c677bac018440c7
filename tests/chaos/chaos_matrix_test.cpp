// The fault matrix (issue #15): every data mode under every fault, on a table of known content
// (5 day partitions, 4 of them with 500 rows; a DUPLICATE KEY and a PRIMARY KEY table). Each cell
// records the exit code (against PRODUCT.md §2), rows lost and doubled (row by row), temporary
// objects left on both clusters, and whether a plain re-run converges (exit 0, content equal) and
// how long it takes. ctest runs the short form; EXL_CHAOS_FULL=1 runs every cell
// (scripts/chaos.sh, which renders the lines written to EXL_CHAOS_OUT into docs/reliability.md).
// EXL_CHAOS_SEED fixes the seed of the random signal points (printed either way).
#include "chaos/chaos_faults.hpp"

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

// The webhook of a hook_* cell, and the configuration pointing at it.
struct Webhook {
  std::unique_ptr<HttpReceiver> receiver; // not movable: held by pointer
  std::string url;
};

Webhook webhook_for(Fault fault) {
  Webhook hook;
  if (fault == Fault::HookDown) {
    hook.url = "http://127.0.0.1:" + std::to_string(closed_port()) + "/hook";
  } else if (fault == Fault::HookSlow || fault == Fault::Hook500) {
    hook.receiver = std::make_unique<HttpReceiver>(
        fault == Fault::HookSlow ? HttpReceiver::Mode::Hang : HttpReceiver::Mode::Fail500);
    hook.url = hook.receiver->url("/hook");
  }
  return hook;
}

// The sandbox's configuration with a short query_timeout (a load whose outcome is unknown and
// whose label never showed is sent again after it) and the cell's webhook.
std::string cell_config(const config::test::TempDir& dir, const std::string& name,
                        const std::string& hook_url) {
  std::string text = e2e::read_file(e2e::config_path()) + "defaults:\n  query_timeout: 10\n";
  if (!hook_url.empty()) {
    text += "feishu:\n  webhook: " + hook_url + "\n";
  }
  return dir.write(name, text);
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

CellResult run_cell(const CellId& id, std::string& output) {
  const ModeSpec& mode = mode_spec(id.mode);
  CellResult cell;
  cell.id = id;
  cell.seed = cell_seed(id);
  const std::string db = make_chaos_database(id.mode + "_" + fault_name(id.fault));
  config::test::TempDir dir;
  const std::map<std::string, std::string> env{{"XDG_STATE_HOME", dir.path() + "/state"}};
  Webhook hook = webhook_for(id.fault);
  const std::string config = cell_config(dir, "faulted.yaml", hook.url);

  const auto start = Clock::now();
  const ExlResult faulted = run_faulted(id, mode, db, mode_args(mode, config, db), env, cell);
  cell.run_s = seconds_since(start);
  reset_knobs();
  cell.exit_code = faulted.exit_code;
  cell.after_fault = diff_tables(db);
  append(cell.temps, leftovers(db));
  if (hook.receiver) {
    cell.note += (cell.note.empty() ? "" : "; ") +
                 std::to_string(hook.receiver->requests().size()) + " webhook request(s)";
    hook.receiver->stop(); // a hung request is released before the re-run
  }

  // The re-run: the same command, the same history, a webhook that works again (none).
  const auto again_start = Clock::now();
  const auto rerun = rerun_args(mode, cell_config(dir, "rerun.yaml", ""), db);
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
  cell.rerun_exit = again.exit_code;
  cell.after_rerun = diff_tables(db);
  append(cell.temps, leftovers(db));
  std::string spelled;
  for (const auto& a : rerun) {
    spelled += " " + a;
  }
  output = "faulted run:\n" + faulted.out + faulted.err + "\nre-run:" + spelled + "\n" + again.out +
           again.err;
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
// take ~30 s), the main ones for pipe, one fault for each other mode, and the FE refusing
// connections for v3 (a SUBMIT TASK load).
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
  return out;
}

std::vector<CellId> selected_cells() {
  const char* full = std::getenv("EXL_CHAOS_FULL");
  return full != nullptr && std::string(full) == "1" ? every_cell() : short_cells();
}

class ChaosMatrixTest : public ::testing::TestWithParam<CellId> {};

TEST_P(ChaosMatrixTest, NothingLostDoubledOrLeftAndAReRunConverges) {
  std::string output;
  const CellResult cell = run_cell(GetParam(), output);
  record(cell);
  std::cout << result_line(cell);
  ASSERT_TRUE(cell.fault_reached) << cell.note << "\n" << output;
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
