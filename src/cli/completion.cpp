#include "cli/flag_table.hpp"
#include "cli/subcommand_table.hpp"
#include "exlschema/cli/command_line.hpp"
#include "exlschema/util/errors.hpp"

#include <algorithm>
#include <sstream>
#include <vector>

// The bash and zsh completion scripts, generated from the flag table, the sub-command table and
// the mode table, so that they offer exactly what the parser takes. Cluster aliases are not in
// the script: it asks `exlSchema --list-aliases [-config PATH]` when completing -source/-target,
// so they follow the configuration the run would read.
namespace exl::cli {
namespace {

// What the word after a flag is completed with.
enum class ValueKind { None, Mode, Level, Shell, Alias, Path, Other };

ValueKind value_kind(const FlagSpec& spec) {
  if (!spec.takes_value()) {
    return ValueKind::None;
  }
  switch (spec.check) {
  case ValueCheck::Mode:
    return ValueKind::Mode;
  case ValueCheck::Level:
    return ValueKind::Level;
  case ValueCheck::Shell:
    return ValueKind::Shell;
  default:
    break;
  }
  if (spec.value_name == "ALIAS") {
    return ValueKind::Alias;
  }
  return spec.value_name == "PATH" ? ValueKind::Path : ValueKind::Other;
}

// Every spelling of a flag: "-thread --thread", "-t", "-q --quiet".
std::vector<std::string> completion_spellings(const FlagSpec& spec) {
  std::vector<std::string> words{"-" + std::string(spec.name)};
  if (!spec.is_short()) {
    words.push_back("--" + std::string(spec.name));
  }
  if (!spec.alias.empty()) {
    words.push_back("--" + std::string(spec.alias));
  }
  return words;
}

std::string joined_words(const std::vector<std::string>& words, std::string_view separator) {
  std::string out;
  for (const std::string& word : words) {
    out += (out.empty() ? "" : std::string(separator)) + word;
  }
  return out;
}

// The spellings of the flags `names` (all visible flags when `names` is empty).
std::vector<std::string> flag_words(std::span<const std::string_view> names) {
  std::vector<std::string> words;
  for (const FlagSpec& spec : flag_table()) {
    const bool listed = names.empty()
                            ? !spec.hidden
                            : std::find(names.begin(), names.end(), spec.name) != names.end();
    if (listed) {
      for (std::string& word : completion_spellings(spec)) {
        words.push_back(std::move(word));
      }
    }
  }
  return words;
}

// The case pattern of every flag whose value completes as `kind` ("-o|--o").
std::string value_pattern(ValueKind kind) {
  std::vector<std::string> words;
  for (const FlagSpec& spec : flag_table()) {
    if (value_kind(spec) == kind) {
      words.push_back("-" + std::string(spec.name));
      words.push_back("--" + std::string(spec.name));
    }
  }
  return joined_words(words, "|");
}

std::string value_flags_pattern() {
  std::vector<std::string> words;
  for (const ValueKind kind : {ValueKind::Mode, ValueKind::Level, ValueKind::Shell,
                               ValueKind::Alias, ValueKind::Path, ValueKind::Other}) {
    if (std::string pattern = value_pattern(kind); !pattern.empty()) {
      words.push_back(std::move(pattern));
    }
  }
  return joined_words(words, "|");
}

std::string mode_words(std::span<const modes::ModeInfo> modes) {
  std::vector<std::string> words;
  for (const modes::ModeInfo& mode : modes) {
    words.emplace_back(mode.name);
  }
  return joined_words(words, " ");
}

// The sub-command names joined by `separator`: "check clean history verify".
std::string subcommand_words(std::string_view separator = " ") {
  std::vector<std::string> words;
  for (const SubcommandSpec& sub : subcommand_table()) {
    words.emplace_back(sub.name);
  }
  return joined_words(words, separator);
}

constexpr std::string_view k_bash_aliases = R"sh(_exlSchema_aliases() {
  local bin=$1 config=$2
  [[ $bin == "~/"* ]] && bin=$HOME/${bin#"~/"}
  [[ $config == "~/"* ]] && config=$HOME/${config#"~/"}
  if [[ -n $config ]]; then
    "$bin" --list-aliases -config "$config" 2>/dev/null
  else
    "$bin" --list-aliases 2>/dev/null
  fi
}
)sh";

// Finds the sub-command and -config among the words before the cursor; a flag's value is never
// taken for a sub-command (`-t check`).
void bash_scan(std::ostringstream& out) {
  out << "  local sub=\"\" config=\"\" i word\n"
      << "  for ((i = 1; i < COMP_CWORD; i++)); do\n"
      << "    word=${COMP_WORDS[i]}\n"
      << "    if [[ $word == -* && ${COMP_WORDS[i + 1]} == \"=\" ]]; then\n"
      << "      case $word in -config | --config) config=${COMP_WORDS[i + 2]} ;; esac\n"
      << "      ((i += 2))\n"
      << "      continue\n"
      << "    fi\n"
      << "    case $word in\n"
      << "    -config=* | --config=*) config=${word#*=} ;;\n"
      << "    -config | --config) config=${COMP_WORDS[i + 1]} ;;\n"
      << "    esac\n"
      << "    case $word in\n"
      << "    " << value_flags_pattern() << ") ((i++)) ;;\n"
      << "    " << subcommand_words(" | ") << ") [[ -z $sub ]] && sub=$word ;;\n"
      << "    esac\n"
      << "  done\n";
}

// One arm of the `case $prev` below; none when no flag's value completes as `kind`.
void bash_value_arm(std::ostringstream& out, ValueKind kind, std::string_view body) {
  if (const std::string pattern = value_pattern(kind); !pattern.empty()) {
    out << "  " << pattern << ")\n" << body << "    return ;;\n";
  }
}

std::string bash_words_reply(std::string_view words) {
  return "    mapfile -t COMPREPLY < <(compgen -W \"" + std::string(words) + "\" -- \"$cur\")\n";
}

void bash_values(std::ostringstream& out, std::span<const modes::ModeInfo> modes) {
  out << "  case $prev in\n";
  bash_value_arm(out, ValueKind::Mode, bash_words_reply(mode_words(modes)));
  bash_value_arm(out, ValueKind::Level, bash_words_reply("table db"));
  bash_value_arm(out, ValueKind::Shell, bash_words_reply("bash zsh"));
  bash_value_arm(out, ValueKind::Alias,
                 bash_words_reply("$(_exlSchema_aliases \"${COMP_WORDS[0]}\" \"$config\")"));
  bash_value_arm(out, ValueKind::Path,
                 "    compopt -o filenames 2>/dev/null\n"
                 "    mapfile -t COMPREPLY < <(compgen -f -- \"$cur\")\n");
  bash_value_arm(out, ValueKind::Other, "    COMPREPLY=()\n");
  out << "  esac\n";
}

void bash_flags(std::ostringstream& out) {
  out << "  if [[ $cur == -* ]]; then\n"
      << "    local words\n"
      << "    case $sub in\n";
  for (const SubcommandSpec& sub : subcommand_table()) {
    out << "    " << sub.name << ") words=\"" << joined_words(flag_words(sub.flags), " ")
        << "\" ;;\n";
  }
  out << "    *) words=\"" << joined_words(flag_words({}), " ") << "\" ;;\n"
      << "    esac\n"
      << "    mapfile -t COMPREPLY < <(compgen -W \"$words\" -- \"$cur\")\n"
      << "    return\n"
      << "  fi\n"
      << "  if [[ -z $sub ]]; then\n"
      << "    mapfile -t COMPREPLY < <(compgen -W \"" << subcommand_words() << "\" -- \"$cur\")\n"
      << "  fi\n";
}

std::string bash_script(std::span<const modes::ModeInfo> modes) {
  std::ostringstream out;
  out << "# bash completion for exlSchema(1). Generated by `exlSchema --completion bash`; do not\n"
      << "# edit. Installed as share/bash-completion/completions/exlSchema; or, in ~/.bashrc:\n"
      << "#   source <(exlSchema --completion bash)\n\n"
      << k_bash_aliases << "\n"
      << "_exlSchema() {\n"
      << "  local cur=${COMP_WORDS[COMP_CWORD]} prev=\"\"\n"
      << "  ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}\n"
      << "  # `--o=v<TAB>`: bash splits the word at '=' (COMP_WORDBREAKS).\n"
      << "  if [[ $cur == \"=\" ]]; then\n"
      << "    cur=\"\"\n"
      << "  elif [[ $prev == \"=\" ]] && ((COMP_CWORD > 1)); then\n"
      << "    prev=${COMP_WORDS[COMP_CWORD - 2]}\n"
      << "  fi\n";
  bash_scan(out);
  bash_values(out, modes);
  bash_flags(out);
  out << "}\n"
      << "complete -F _exlSchema exlSchema\n";
  return out.str();
}

// A zsh _arguments spec: '(-thread --thread)'{-thread,--thread}'[tasks running at once]:N:'.
std::string zsh_quoted(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == '\'') {
      out += "'\\''";
    } else if (c == '[') {
      out += '(';
    } else if (c == ']') {
      out += ')';
    } else {
      out += c;
    }
  }
  return out;
}

std::string zsh_action(const FlagSpec& spec, std::span<const modes::ModeInfo> modes) {
  const std::string message = ":" + zsh_quoted(spec.value_name) + ":";
  switch (value_kind(spec)) {
  case ValueKind::None:
    return "";
  case ValueKind::Mode:
    return message + "(" + mode_words(modes) + ")";
  case ValueKind::Level:
    return message + "(table db)";
  case ValueKind::Shell:
    return message + "(bash zsh)";
  case ValueKind::Alias:
    return message + "_exlSchema_aliases";
  case ValueKind::Path:
    return message + "_files";
  case ValueKind::Other:
    break;
  }
  return message + " ";
}

std::string zsh_spec(const FlagSpec& spec, std::span<const modes::ModeInfo> modes) {
  const std::vector<std::string> names = completion_spellings(spec);
  const std::string group = "'(" + joined_words(names, " ") + ")'";
  const std::string spelled = names.size() == 1 ? names[0] : "{" + joined_words(names, ",") + "}";
  return group + spelled + "'[" + zsh_quoted(spec.meaning) + "]" + zsh_action(spec, modes) + "'";
}

void zsh_specs(std::ostringstream& out, std::span<const std::string_view> names,
               std::span<const modes::ModeInfo> modes) {
  out << "specs=(\n";
  for (const FlagSpec& spec : flag_table()) {
    const bool listed = names.empty()
                            ? !spec.hidden
                            : std::find(names.begin(), names.end(), spec.name) != names.end();
    if (listed) {
      out << "      " << zsh_spec(spec, modes) << "\n";
    }
  }
  out << "    ) ;;\n";
}

constexpr std::string_view k_zsh_aliases = R"zsh(_exlSchema_aliases() {
  local -a config aliases
  local i
  for ((i = 2; i < CURRENT; i++)); do
    case $words[i] in
    (-config|--config) config=(-config "${words[i+1]}") ;;
    (-config=*|--config=*) config=(-config "${words[i]#*=}") ;;
    esac
  done
  aliases=(${(f)"$(${~words[1]} --list-aliases $config 2>/dev/null)"})
  _wanted aliases expl 'cluster alias' compadd -a aliases
}
)zsh";

std::string zsh_script(std::span<const modes::ModeInfo> modes) {
  std::ostringstream out;
  out << "#compdef exlSchema\n"
      << "# zsh completion for exlSchema(1). Generated by `exlSchema --completion zsh`; do not\n"
      << "# edit. Installed as share/zsh/vendor-completions/_exlSchema (a directory of $fpath);\n"
      << "# or, after compinit in ~/.zshrc:  source <(exlSchema --completion zsh)\n\n"
      << k_zsh_aliases << "\n"
      << "_exlSchema() {\n"
      << "  local sub=\"\" w\n"
      << "  for w in \"${(@)words[2,CURRENT-1]}\"; do\n"
      << "    case $w in\n"
      << "    (" << subcommand_words("|") << ") sub=$w; break ;;\n"
      << "    esac\n"
      << "  done\n"
      << "  local -a specs\n"
      << "  case $sub in\n";
  for (const SubcommandSpec& sub : subcommand_table()) {
    out << "  (" << sub.name << ") ";
    zsh_specs(out, sub.flags, modes);
  }
  out << "  (*) ";
  zsh_specs(out, {}, modes);
  out << "  esac\n"
      << "  _arguments $specs '1:command:(" << subcommand_words() << ")'\n"
      << "}\n\n"
      << "if [[ $funcstack[1] == _exlSchema ]]; then\n"
      << "  _exlSchema \"$@\"\n"
      << "else\n"
      << "  compdef _exlSchema exlSchema\n"
      << "fi\n";
  return out.str();
}

} // namespace

std::string completion_script(std::string_view shell, std::span<const modes::ModeInfo> modes) {
  if (shell == "bash") {
    return bash_script(modes);
  }
  if (shell == "zsh") {
    return zsh_script(modes);
  }
  throw UsageError("exlSchema: --completion takes bash or zsh (got '" + std::string(shell) + "')");
}

} // namespace exl::cli
