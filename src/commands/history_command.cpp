#include "commands/history_command.hpp"

#include "commands/history_json.hpp"
#include "commands/history_text.hpp"
#include "exlschema/config/config_file.hpp"
#include "exlschema/config/config_locator.hpp"
#include "exlschema/state/state_store.hpp"
#include "exlschema/util/errors.hpp"
#include "exlschema/util/log.hpp"

#include <cstdio>
#include <filesystem>
#include <optional>

namespace exl::commands {
namespace {

// The configuration file, if any: unlike a run, history goes on without one.
std::optional<std::string> find_optional_config(const std::string& cli_config_path) {
  const auto search = config::ConfigSearch::from_process(cli_config_path);
  if (!search.cli_path.empty() || search.env_path) {
    return config::find_config_file(search); // named explicitly: it must exist
  }
  try {
    return config::find_config_file(search);
  } catch (const ConfigError&) {
    return std::nullopt; // searched and found nothing
  }
}

// Reading does not create anything: with no file yet there is no history to show.
HistoryView load_view(const std::string& path, const cli::CliArgs& args) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    HistoryView view;
    view.state_path = path;
    view.store_exists = false;
    view.limit = args.history_runs;
    view.filtered = !args.tables.empty();
    return view;
  }
  state::StateStore store(path);
  return load_history(store, args.tables, args.history_runs);
}

} // namespace

std::string history_state_path(const std::string& cli_config_path) {
  if (const auto file = find_optional_config(cli_config_path)) {
    if (const auto warning = config::permission_warning(*file)) {
      util::log().warn("{}", *warning);
    }
    const config::ConfigFile config = config::load_config_file(*file);
    if (!config.state_path.empty()) {
      return config.state_path;
    }
  }
  return state::default_state_path();
}

int run_history(const cli::CliArgs& args) {
  const HistoryView view = load_view(history_state_path(args.config_path), args);
  std::fputs(render_history_text(view).c_str(), stdout);
  if (!args.json_path.empty()) {
    write_history_json(view, args.json_path);
  }
  return 0;
}

} // namespace exl::commands
