#pragma once

#include "exlschema/notify/feishu_config.hpp"
#include "exlschema/report/run_report.hpp"

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

// What a run tells the outside world while it runs. Implementations never throw and never change
// the run's result: a notification that cannot be delivered is logged and forgotten.
namespace exl::notify {

// Facts for the "run started" message.
struct RunStartInfo {
  std::string run_id;
  std::string mode;
  std::string source;
  std::string target;
  int tables = 0;
  int threads = 0;
  bool dry_run = true;
};

// A progress message's numbers (from runner::TaskRunner::progress and the modes' row counters).
struct ProgressSnapshot {
  std::string run_id;
  int done = 0;
  int total = 0;
  int running = 0;
  int failed = 0;
  std::int64_t rows = 0;
  std::chrono::seconds elapsed{0};
};

class Notifier {
public:
  virtual ~Notifier() = default;
  virtual void run_started(const RunStartInfo& info) = 0;
  virtual void progress(const ProgressSnapshot& snapshot) = 0;
  virtual void run_finished(const report::RunReport& report) = 0;
  // One line about the run as it goes (a throttle pause, an incremental round); already
  // redacted. Default: not sent.
  virtual void notice(const std::string& /*run_id*/, const std::string& /*text*/) {}
  // Seconds between progress messages this notifier wants; 0: none.
  virtual int progress_interval_s() const = 0;
};

// -nonotify, or no webhook configured: sends nothing.
class NullNotifier final : public Notifier {
public:
  void run_started(const RunStartInfo& /*info*/) override {}
  void progress(const ProgressSnapshot& /*snapshot*/) override {}
  void run_finished(const report::RunReport& /*report*/) override {}
  int progress_interval_s() const override { return 0; }
};

// A Feishu notifier for `config`, or a NullNotifier when `disabled` (-nonotify) or no webhook is
// configured.
std::unique_ptr<Notifier> make_notifier(const FeishuConfig& config, bool disabled);

} // namespace exl::notify
