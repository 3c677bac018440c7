#include "cli/argv_normalizer.hpp"

#include "cli/flag_table.hpp"
#include "exlschema/util/errors.hpp"

#include <optional>
#include <string_view>

namespace exl::cli {
namespace {

// `-thread` / `--thread` / `--thread=5` -> "thread" (and "5"); nullopt when `token` is not
// flag-shaped (a value, a sub-command, a lone dash).
struct FlagToken {
  std::string name;
  std::optional<std::string> inline_value;
};

std::optional<FlagToken> split_flag(std::string_view token) {
  if (token.size() < 2 || token[0] != '-') {
    return std::nullopt;
  }
  std::string_view body = token.substr(token[1] == '-' ? 2 : 1);
  FlagToken result;
  if (const auto eq = body.find('='); eq != std::string_view::npos) {
    result.inline_value = std::string(body.substr(eq + 1));
    body = body.substr(0, eq);
  }
  result.name = std::string(body);
  return result;
}

// The flag `token` names, or nullptr (a value, a sub-command, an unknown or `---` flag).
const FlagSpec* known_flag(std::string_view token) {
  const auto flag = split_flag(token);
  return flag && !flag->name.empty() ? find_flag(flag->name) : nullptr;
}

[[noreturn]] void fail(const FlagSpec& spec, std::string_view problem) {
  throw UsageError("exlSchema: " + display_name(spec) + " " + std::string(problem) + " (" +
                   std::string(spec.value_name) + ")");
}

} // namespace

std::vector<std::string> normalize_argv(const std::vector<std::string>& args) {
  std::vector<std::string> out;
  for (std::size_t pos = 0; pos < args.size(); ++pos) {
    const std::string& token = args[pos];
    const FlagSpec* spec = known_flag(token);
    if (spec == nullptr) {
      out.push_back(token);
      continue;
    }
    const FlagToken flag = *split_flag(token);
    std::optional<std::string> value = flag.inline_value; // on a switch CLI11 refuses it
    if (spec->takes_value() && !value) {
      if (pos + 1 == args.size() || known_flag(args[pos + 1]) != nullptr) {
        fail(*spec, "needs a value");
      }
      value = args[++pos];
    }
    if (spec->takes_value() && value->empty()) {
      fail(*spec, "is empty");
    }
    // The name as typed: aliases are CLI11 names too.
    out.push_back("--" + flag.name + (value ? "=" + *value : ""));
  }
  return out;
}

} // namespace exl::cli
