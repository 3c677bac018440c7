#include "app/info_commands.hpp"

#include "app/exit_codes.hpp"
#include "app/version_text.hpp"
#include "exlschema/cli/command_line.hpp"
#include "exlschema/config/config_file.hpp"
#include "exlschema/config/config_locator.hpp"
#include "exlschema/modes/mode_registry.hpp"

#include <cstdio>
#include <string>

namespace exl::app {
namespace {

// The aliases under `clusters:` of the configuration a run would read (the same search), one a
// line. Only names: no host, user or password, and no `registry:` lookup, which would connect.
std::string alias_lines(const cli::CliArgs& args) {
  const std::string path =
      config::find_config_file(config::ConfigSearch::from_process(args.config_path));
  std::string lines;
  for (const auto& [alias, cluster] : config::load_config_file(path).clusters) {
    lines += alias + "\n";
  }
  return lines;
}

// What an informational command prints; nullopt for a command that is not one.
std::optional<std::string> info_text(const cli::CliArgs& args) {
  switch (args.command) {
  case cli::Command::Help:
    return args.help_topic.empty()
               ? cli::help_text(modes::mode_table())
               : cli::subcommand_help_text(args.help_topic, modes::mode_table());
  case cli::Command::Version:
    return version_text();
  case cli::Command::Man:
    return cli::man_page(modes::mode_table());
  case cli::Command::Completion:
    return cli::completion_script(args.completion_shell, modes::mode_table());
  case cli::Command::ListAliases:
    return alias_lines(args);
  default:
    return std::nullopt;
  }
}

} // namespace

std::optional<int> run_info_command(const cli::CliArgs& args) {
  const std::optional<std::string> text = info_text(args);
  if (!text) {
    return std::nullopt;
  }
  std::fputs(text->c_str(), stdout);
  return k_exit_ok;
}

} // namespace exl::app
