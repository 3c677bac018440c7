#include "exlschema/util/log.hpp"

#include "exlschema/util/redact.hpp"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>

#include <memory>
#include <mutex>

namespace exl::util {
namespace {

std::string& run_id_storage() {
  static std::string id = "-";
  return id;
}

thread_local std::string t_task_id = "-";

// `%*` in the pattern: run id and task id of the logging thread.
class ContextFlag : public spdlog::custom_flag_formatter {
public:
  void format(const spdlog::details::log_msg& /*msg*/, const std::tm& /*tm*/,
              spdlog::memory_buf_t& dest) override {
    const std::string text = "[run " + run_id_storage() + "] [task " + t_task_id + "]";
    dest.append(text.data(), text.data() + text.size());
  }
  std::unique_ptr<custom_flag_formatter> clone() const override {
    return std::make_unique<ContextFlag>();
  }
};

// Every message passes through redact() before any sink sees it.
class RedactingLogger : public spdlog::logger {
public:
  using spdlog::logger::logger;

protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    const std::string clean = redact(std::string_view(msg.payload.data(), msg.payload.size()));
    spdlog::details::log_msg copy(msg.time, msg.source, msg.logger_name, msg.level, clean);
    spdlog::logger::sink_it_(copy);
  }
};

std::unique_ptr<spdlog::formatter> make_formatter() {
  auto f = std::make_unique<spdlog::pattern_formatter>();
  f->add_flag<ContextFlag>('*').set_pattern("[%Y-%m-%d %H:%M:%S.%e] [%l] %* %v");
  return f;
}

std::mutex g_mutex;
std::shared_ptr<spdlog::logger> g_logger;

std::shared_ptr<spdlog::logger> build(const LogOptions& options) {
  std::vector<spdlog::sink_ptr> sinks;
  auto console = std::make_shared<spdlog::sinks::stderr_sink_mt>();
  console->set_level(options.console_level);
  sinks.push_back(console);
  if (!options.file_path.empty()) {
    auto file = std::make_shared<spdlog::sinks::basic_file_sink_mt>(options.file_path);
    file->set_level(std::min(options.console_level, spdlog::level::debug));
    sinks.push_back(file);
  }
  auto logger = std::make_shared<RedactingLogger>("exlSchema", sinks.begin(), sinks.end());
  logger->set_formatter(make_formatter());
  logger->set_level(std::min(options.console_level, options.file_path.empty()
                                                        ? options.console_level
                                                        : spdlog::level::debug));
  logger->flush_on(spdlog::level::warn);
  return logger;
}

} // namespace

void init_logging(const LogOptions& options) {
  std::lock_guard lock(g_mutex);
  run_id_storage() = options.run_id.empty() ? "-" : options.run_id;
  g_logger = build(options);
}

void set_thread_task_id(const std::string& task_id) {
  t_task_id = task_id.empty() ? "-" : task_id;
}

const std::string& thread_task_id() {
  return t_task_id;
}

spdlog::logger& log() {
  std::lock_guard lock(g_mutex);
  if (!g_logger) {
    g_logger = build(LogOptions{});
  }
  return *g_logger;
}

} // namespace exl::util
