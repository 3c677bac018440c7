#include "cli/cli11_app.hpp"
#include "cli/exit_status_table.hpp"
#include "cli/flag_table.hpp"
#include "cli/mode_rules.hpp"
#include "cli/subcommand_table.hpp"
#include "exlschema/cli/command_line.hpp"
#include "exlschema/util/errors.hpp"

#include <sstream>

namespace exl::cli {
namespace {

constexpr std::size_t k_flag_column = 32;
constexpr std::size_t k_wrap_column = 79;

// "-thread, --thread N", "-t LIST", "-q, --quiet".
std::string spellings(const FlagSpec& spec) {
  std::string text = "-" + std::string(spec.name);
  if (!spec.is_short()) {
    text += ", --" + std::string(spec.name);
  }
  if (!spec.alias.empty()) {
    text += ", --" + std::string(spec.alias);
  }
  if (spec.takes_value()) {
    text += " " + std::string(spec.value_name);
  }
  return text;
}

// The meaning and the default come from the CLI11 option the table made, so `-h` shows what
// the parser was given (a number's default is the bound field's own initial value).
void write_flag(std::ostringstream& out, const FlagSpec& spec, const CLI::App& app,
                std::span<const modes::ModeInfo> modes) {
  const CLI::Option* option = app.get_option("--" + std::string(spec.name));
  std::string left = "  " + spellings(spec);
  left.resize(std::max(left.size() + 1, k_flag_column), ' ');
  out << left << option->get_description();
  if (spec.mode_specific) {
    out << " (-o " << modes_taking(spec.name, modes, " ") << ")";
  }
  if (const std::string& default_text = option->get_default_str(); !default_text.empty()) {
    out << " [default: " << default_text << "]";
  }
  out << "\n";
}

void write_modes(std::ostringstream& out, std::span<const modes::ModeInfo> modes) {
  out << "\nModes (-o):\n";
  for (const auto& mode : modes) {
    std::string left = "  " + std::string(mode.name);
    left.resize(std::max(left.size() + 1, std::size_t{14}), ' ');
    out << left << mode.summary << "\n";
  }
}

// `text` in lines of at most k_wrap_column characters, each starting with `indent`.
void write_wrapped(std::ostringstream& out, std::string_view text, std::string_view indent) {
  std::istringstream words{std::string(text)};
  std::string word;
  std::string line(indent);
  while (words >> word) {
    if (line.size() > indent.size() && line.size() + 1 + word.size() > k_wrap_column) {
      out << line << "\n";
      line = indent;
    }
    line += (line.size() > indent.size() ? " " : "") + word;
  }
  out << line << "\n";
}

// A usage line, continued on an indented line when it is too long.
void write_usage(std::ostringstream& out, const SubcommandSpec& sub) {
  const std::string head = "  exlSchema " + std::string(sub.name) + " ";
  std::istringstream words{std::string(sub.synopsis)};
  std::string word;
  std::string line = head;
  while (words >> word) {
    if (line.size() > head.size() && line.size() + 1 + word.size() > k_wrap_column) {
      out << line << "\n";
      line = std::string(head.size(), ' ');
    }
    line += (line.back() == ' ' ? "" : " ") + word;
  }
  out << line << "\n";
}

} // namespace

std::string help_text(std::span<const modes::ModeInfo> modes) {
  CLI::App app;
  BoundArgs defaults;
  bind_all(app, defaults, modes);
  std::ostringstream out;
  out << "exlSchema: copy table structures and data between StarRocks clusters\n\n"
      << "Usage:\n"
      << "  exlSchema -source ALIAS -target ALIAS -t LIST -o MODE [flags]\n";
  for (const SubcommandSpec& sub : subcommand_table()) {
    write_usage(out, sub);
  }
  out << "  exlSchema COMMAND -h           (the flags of one sub-command)\n"
      << "  exlSchema --man | --completion bash|zsh\n\n"
      << "Every long flag may be written with one or two dashes: -thread 5, --thread 5,\n"
      << "--thread=5. Passwords are never given on the command line (see the configuration).\n\n"
      << "Flags:\n";
  for (const FlagSpec& spec : flag_table()) {
    if (!spec.hidden) {
      write_flag(out, spec, app, modes);
    }
  }
  write_modes(out, modes);
  out << "\nSub-commands:\n";
  for (const SubcommandSpec& sub : subcommand_table()) {
    std::string left = "  " + std::string(sub.name);
    left.resize(14, ' ');
    out << left << sub.summary << "\n";
  }
  std::string codes = "Exit codes:";
  for (const ExitStatusSpec& status : exit_status_table()) {
    codes += " " + std::string(status.code) + " " + std::string(status.brief) + ",";
  }
  codes.back() = '.';
  out << "\n";
  write_wrapped(out, codes + " The manual: man exlSchema (or exlSchema --man).", "");
  return out.str();
}

std::string subcommand_help_text(std::string_view name, std::span<const modes::ModeInfo> modes) {
  const SubcommandSpec* sub = find_subcommand(name);
  if (sub == nullptr) {
    throw UsageError("exlSchema: no sub-command '" + std::string(name) + "'");
  }
  CLI::App app;
  BoundArgs defaults;
  bind_all(app, defaults, modes);
  std::ostringstream out;
  out << "exlSchema " << sub->name << ": " << sub->summary << "\n\nUsage:\n";
  write_usage(out, *sub);
  out << "\n";
  write_wrapped(out, sub->description, "");
  out << "\nFlags (before or after '" << sub->name << "'):\n";
  for (const std::string_view flag : sub->flags) {
    write_flag(out, *find_flag(flag), app, modes);
  }
  out << "\nConfiguration: -config PATH, else $EXLSCHEMA_CONFIG, ./.exlSchema.yaml,\n"
      << "~/.exlSchema.yaml. More: man exlSchema, section SUB-COMMANDS.\n";
  return out.str();
}

} // namespace exl::cli
