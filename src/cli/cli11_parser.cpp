#include "cli/flag_table.hpp"
#include "cli/raw_args.hpp"
#include "exlschema/cli/command_line.hpp"
#include "exlschema/util/errors.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <vector>

namespace exl::cli {
namespace {

// One CLI11 option per flag of the table, each bound to a slot of `values` / `flags`.
struct Bindings {
  std::map<std::string, std::string, std::less<>> values;
  std::map<std::string, bool, std::less<>> flags;
};

void bind_all(CLI::App& app, Bindings& bindings) {
  // The help flag is ours (the table's `-h`), rendered by help_text.
  app.set_help_flag();
  for (const FlagSpec& spec : flag_table()) {
    const std::string name(spec.name);
    const std::string option = "--" + name;
    if (spec.takes_value()) {
      app.add_option(option, bindings.values[name]);
    } else {
      app.add_flag(option, bindings.flags[name]);
    }
  }
}

RawArgs collect(const CLI::App& app, const Bindings& bindings, std::string subcommand) {
  RawArgs raw;
  raw.subcommand = std::move(subcommand);
  for (const auto& [name, value] : bindings.values) {
    if (app.count("--" + name) > 0) {
      raw.values.emplace(name, value);
    }
  }
  for (const auto& [name, given] : bindings.flags) {
    if (given) {
      raw.switches.insert(name);
    }
  }
  return raw;
}

} // namespace

RawArgs parse_with_cli11(const NormalizedArgs& normalized) {
  CLI::App app{"exlSchema"};
  Bindings bindings;
  bind_all(app, bindings);
  // CLI11 takes the arguments in reverse order.
  std::vector<std::string> reversed(normalized.tokens.rbegin(), normalized.tokens.rend());
  try {
    app.parse(reversed);
  } catch (const CLI::ParseError& e) {
    // The normaliser has already caught every case we know of; this is a safety net.
    throw UsageError(std::string("exlSchema: ") + e.what());
  }
  return collect(app, bindings, normalized.subcommand);
}

std::string cli11_version() {
  return CLI11_VERSION;
}

} // namespace exl::cli
