#include "cli/argv_normalizer.hpp"

#include "cli/flag_table.hpp"
#include "exlschema/util/errors.hpp"

#include <optional>
#include <set>
#include <string_view>

namespace exl::cli {
namespace {

constexpr std::string_view k_prefix = "exlSchema: ";

[[noreturn]] void fail(const std::string& message) {
  throw UsageError(std::string(k_prefix) + message);
}

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

// True when `token` names a known flag: then it cannot be the value of the flag before it.
bool is_known_flag(std::string_view token) {
  const auto flag = split_flag(token);
  return flag && !flag->name.empty() && find_flag(flag->name) != nullptr;
}

class Normalizer {
public:
  explicit Normalizer(const std::vector<std::string>& args) : m_args(args) {}

  NormalizedArgs run() {
    while (m_pos < m_args.size()) {
      const std::string& token = m_args[m_pos++];
      if (auto flag = split_flag(token)) {
        add_flag(token, *flag);
      } else {
        add_positional(token);
      }
    }
    return std::move(m_out);
  }

private:
  void add_flag(const std::string& token, const FlagToken& flag) {
    const FlagSpec* spec = find_flag(flag.name);
    if (spec == nullptr || token.starts_with("---")) {
      fail("unknown flag '" + token + "' (see -h for the list)");
    }
    const std::string shown = display_name(*spec);
    if (!m_seen.insert(std::string(spec->name)).second) {
      fail(shown + " is given more than once");
    }
    const std::string canonical = "--" + std::string(spec->name);
    if (!spec->takes_value()) {
      if (flag.inline_value) {
        fail(shown + " takes no value (got '" + *flag.inline_value + "')");
      }
      m_out.tokens.push_back(canonical);
      return;
    }
    const std::string value = take_value(*spec, flag);
    if (value.empty()) {
      fail(shown + " is empty (expected " + std::string(spec->value_name) + ")");
    }
    m_out.tokens.push_back(canonical + "=" + value);
  }

  std::string take_value(const FlagSpec& spec, const FlagToken& flag) {
    if (flag.inline_value) {
      return *flag.inline_value;
    }
    if (m_pos >= m_args.size() || is_known_flag(m_args[m_pos])) {
      fail(display_name(spec) + " needs a value (" + std::string(spec.value_name) + ")");
    }
    return m_args[m_pos++];
  }

  void add_positional(const std::string& token) {
    if ((token == "check" || token == "clean") && m_out.subcommand.empty()) {
      m_out.subcommand = token;
      return;
    }
    fail("unexpected argument '" + token + "' (flags start with '-'; see -h)");
  }

  const std::vector<std::string>& m_args;
  std::size_t m_pos = 0;
  std::set<std::string> m_seen;
  NormalizedArgs m_out;
};

} // namespace

NormalizedArgs normalize_argv(const std::vector<std::string>& args) {
  return Normalizer(args).run();
}

} // namespace exl::cli
