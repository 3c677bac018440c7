#include "cli/cli11_app.hpp"
#include "cli/flag_table.hpp"
#include "cli/subcommand_table.hpp"
#include "exlschema/cli/command_line.hpp"
#include "exlschema/starrocks/where_expression.hpp"
#include "exlschema/util/errors.hpp"

#include <charconv>
#include <cmath>
#include <limits>
#include <type_traits>

namespace exl::cli {
namespace {

constexpr int k_max_int = std::numeric_limits<int>::max();
// More tasks at once than this would only queue up on the FE; a typo like `-thread 3000` is
// refused instead of opening thousands of connections.
constexpr int k_max_threads = 256;

// CLI11 converts whole numbers with strtoll in base 0, so `010` would be 8 and ` 3` would be 3;
// this runs first and lets only plain decimal through.
std::string decimal_only(const std::string& text) {
  const std::string_view digits = std::string_view(text).substr(text.starts_with('-') ? 1 : 0);
  const bool decimal = !digits.empty() &&
                       digits.find_first_not_of("0123456789") == std::string_view::npos &&
                       (digits.size() == 1 || digits[0] != '0');
  return decimal ? "" : "'" + text + "' is not a whole number";
}

// CLI::PositiveNumber lets `nan` through and prints its bound as a 300-digit number; from_chars
// also refuses `0x1p3`, ` 1` and `1,5` whatever the locale.
std::string positive_number(const std::string& text) {
  double value = 0;
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  const bool ok = ec == std::errc() && ptr == end && std::isfinite(value) && value > 0;
  return ok ? "" : "must be a number > 0, e.g. 1 or 0.5 (got '" + text + "')";
}

std::string where_expression(const std::string& text) {
  return starrocks::check_where_expression(text).value_or("");
}

CLI::Validator validator(std::string (*check)(const std::string&), std::string description) {
  return {[check](std::string& text) { return check(text); }, std::move(description)};
}

std::vector<std::string> mode_names(std::span<const modes::ModeInfo> modes) {
  std::vector<std::string> names;
  for (const auto& mode : modes) {
    names.emplace_back(mode.name);
  }
  return names;
}

void add_checks(CLI::Option& option, ValueCheck check, std::span<const modes::ModeInfo> modes) {
  const CLI::Validator decimal = validator(decimal_only, "");
  switch (check) {
  case ValueCheck::None:
    break;
  case ValueCheck::Threads:
    option.check(decimal)->check(CLI::Range(1, k_max_threads));
    break;
  case ValueCheck::AtLeastOne:
    option.check(decimal)->check(CLI::Range(1, k_max_int));
    break;
  case ValueCheck::Replication:
    option.check(decimal)->check(CLI::Range(-1, -1) | CLI::Range(1, k_max_int));
    break;
  case ValueCheck::PositiveNumber:
    option.check(validator(positive_number, "> 0"));
    break;
  case ValueCheck::Level:
    option.check(CLI::IsMember({"table", "db"}));
    break;
  case ValueCheck::Mode:
    option.check(CLI::IsMember(mode_names(modes)));
    break;
  case ValueCheck::WhereExpression:
    option.check(validator(where_expression, "one expression"));
    break;
  case ValueCheck::Shell:
    option.check(CLI::IsMember({"bash", "zsh"}));
    break;
  }
}

CLI::Option* add_bound(CLI::App& app, const FlagSpec& spec, BoundArgs& args) {
  std::string names = "--" + std::string(spec.name);
  if (!spec.alias.empty()) {
    names += ",--" + std::string(spec.alias);
  }
  const std::string meaning(spec.meaning);
  return std::visit(
      [&](auto field) -> CLI::Option* {
        auto& target = args.*field;
        if constexpr (std::is_same_v<std::remove_reference_t<decltype(target)>, bool>) {
          // `-r=1` would otherwise set the switch from the value.
          return app.add_flag(names, target, meaning)->disable_flag_override();
        } else {
          CLI::Option* option = app.add_option(names, target, meaning);
          option->type_name(std::string(spec.value_name));
          if constexpr (std::is_same_v<std::remove_reference_t<decltype(target)>, int>) {
            if (spec.default_text.empty()) {
              option->capture_default_str(); // `-h` shows the field's own default
            }
          }
          return option;
        }
      },
      spec.slot);
}

} // namespace

void bind_all(CLI::App& app, BoundArgs& args, std::span<const modes::ModeInfo> modes) {
  app.set_help_flag(); // `-h` is a flag of the table, rendered by help_text
  for (const FlagSpec& spec : flag_table()) {
    CLI::Option* option = add_bound(app, spec, args);
    option->multi_option_policy(CLI::MultiOptionPolicy::Throw);
    if (!spec.default_text.empty()) {
      option->default_str(std::string(spec.default_text));
    }
    add_checks(*option, spec.check, modes);
  }
  for (const FlagSpec& spec : flag_table()) {
    if (!spec.excludes.empty()) {
      app.get_option("--" + std::string(spec.name))
          ->excludes(app.get_option("--" + std::string(spec.excludes)));
    }
  }
  // Flags may come before or after the sub-command; after it they belong to the run as well.
  for (const SubcommandSpec& sub : subcommand_table()) {
    app.add_subcommand(std::string(sub.name), std::string(sub.summary))->fallthrough();
  }
  app.require_subcommand(0, 1);
}

ParsedArgs parse_with_cli11(const std::vector<std::string>& tokens,
                            std::span<const modes::ModeInfo> modes) {
  ParsedArgs parsed;
  CLI::App app{"exlSchema"};
  bind_all(app, parsed.args, modes);
  // CLI11 takes the arguments in reverse order.
  std::vector<std::string> reversed(tokens.rbegin(), tokens.rend());
  try {
    app.parse(reversed);
  } catch (const CLI::ParseError& e) {
    throw UsageError(std::string("exlSchema: ") + e.what());
  }
  for (const FlagSpec& spec : flag_table()) {
    if (app.count("--" + std::string(spec.name)) > 0) {
      parsed.given.emplace(spec.name);
    }
  }
  for (const SubcommandSpec& sub : subcommand_table()) {
    if (app.got_subcommand(std::string(sub.name))) {
      parsed.subcommand = sub.name;
    }
  }
  return parsed;
}

std::string cli11_version() {
  return CLI11_VERSION;
}

} // namespace exl::cli
