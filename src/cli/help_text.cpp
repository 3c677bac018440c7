#include "cli/cli11_app.hpp"
#include "cli/flag_table.hpp"
#include "exlschema/cli/command_line.hpp"

#include <sstream>

namespace exl::cli {
namespace {

constexpr std::size_t k_flag_column = 32;

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
void write_flag(std::ostringstream& out, const FlagSpec& spec, const CLI::App& app) {
  const CLI::Option* option = app.get_option("--" + std::string(spec.name));
  std::string left = "  " + spellings(spec);
  left.resize(std::max(left.size() + 1, k_flag_column), ' ');
  out << left << option->get_description();
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

} // namespace

std::string help_text(std::span<const modes::ModeInfo> modes) {
  CLI::App app;
  BoundArgs defaults;
  bind_all(app, defaults, modes);
  std::ostringstream out;
  out << "exlSchema: copy table structures and data between StarRocks clusters\n\n"
      << "Usage:\n"
      << "  exlSchema -source ALIAS -target ALIAS -t LIST -o MODE [flags]\n"
      << "  exlSchema check -source ALIAS [-target ALIAS]\n"
      << "  exlSchema clean -target ALIAS [-source ALIAS] [-catalogs] [-r]\n"
      << "  exlSchema history [-t LIST] [-n N] [-json PATH]\n"
      << "  exlSchema verify -source ALIAS -target ALIAS -t LIST [-p LIST] [-where EXPR]\n"
      << "                   [-bisect-rows N] [-bisect-depth N]   (read-only; exit 3 if any "
         "differs)\n\n"
      << "Every long flag may be written with one or two dashes: -thread 5, --thread 5,\n"
      << "--thread=5. Passwords are never given on the command line (see the configuration).\n\n"
      << "Flags:\n";
  for (const FlagSpec& spec : flag_table()) {
    write_flag(out, spec, app);
  }
  write_modes(out, modes);
  out << "\nExit codes: 0 done (or plan printed), 1 a table failed, 2 bad usage or configuration,\n"
      << "3 audit inconsistent, 130/143 interrupted by SIGINT/SIGTERM.\n";
  return out.str();
}

} // namespace exl::cli
