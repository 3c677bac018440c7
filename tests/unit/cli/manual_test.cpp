#include "cli/exit_status_table.hpp"
#include "cli/flag_table.hpp"
#include "cli/subcommand_table.hpp"
#include "test_modes.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

// The man page, the sub-commands' help and the completion scripts are generated from the flag
// table, the sub-command table and the mode table: nothing in those tables may be left out.
namespace exl::cli {
namespace {

using test::error_of;
using test::k_modes;
using test::parse;
using ::testing::HasSubstr;
using ::testing::Not;

// How the man page writes `text` in bold: hyphens as \- (a minus, what a reader copies).
std::string bold(std::string_view text) {
  std::string out = "\\fB";
  for (const char c : text) {
    out += c == '-' ? std::string("\\-") : std::string(1, c);
  }
  return out + "\\fR";
}

TEST(ManPageTest, DocumentsEveryFlagOfTheTableInEverySpelling) {
  const std::string page = man_page(k_modes);
  for (const FlagSpec& spec : flag_table()) {
    EXPECT_THAT(page, HasSubstr(".TP\n" + bold("-" + std::string(spec.name)))) << spec.name;
    if (!spec.is_short()) {
      EXPECT_THAT(page, HasSubstr(bold("--" + std::string(spec.name)))) << spec.name;
    }
    if (!spec.alias.empty()) {
      EXPECT_THAT(page, HasSubstr(bold("--" + std::string(spec.alias)))) << spec.name;
    }
  }
}

TEST(ManPageTest, ListsEveryModeSubCommandAndExitCode) {
  const std::string page = man_page(k_modes);
  for (const modes::ModeInfo& mode : k_modes) {
    EXPECT_THAT(page, HasSubstr(".TP\n" + bold(mode.name) + "\n" + std::string(mode.summary)))
        << mode.name;
  }
  for (const SubcommandSpec& sub : subcommand_table()) {
    EXPECT_THAT(page, HasSubstr(bold("exlSchema " + std::string(sub.name)))) << sub.name;
  }
  // The codes the program really uses (app/exit_codes.hpp, runner::exit_code_for_signal) are
  // all in the table, and every row of it is in the page and in -h.
  std::string help = help_text(k_modes); // wrapped at 79 columns: compared as one line
  std::replace(help.begin(), help.end(), '\n', ' ');
  std::vector<std::string> codes;
  for (const ExitStatusSpec& status : exit_status_table()) {
    codes.emplace_back(status.code);
    EXPECT_THAT(page, HasSubstr(".TP\n\\fB" + codes.back() + "\\fR\n" +
                                std::string(status.meaning.substr(0, 20))))
        << status.code;
    EXPECT_THAT(help, HasSubstr(std::string(status.code) + " " + std::string(status.brief)))
        << status.code;
  }
  EXPECT_EQ(codes, (std::vector<std::string>{"0", "1", "2", "3", "4", "130, 143"}));
  for (const char* section :
       {"NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "MODES", "SUB-COMMANDS", "CONFIGURATION",
        "EXIT STATUS", "ENVIRONMENT", "FILES", "EXAMPLES", "SEE ALSO"}) {
    EXPECT_THAT(page, HasSubstr(".SH " + std::string(section) + "\n")) << section;
  }
}

TEST(ManPageTest, EscapesWhatRoffWouldInterpret) {
  static constexpr std::array<std::string_view, 0> k_none{};
  static constexpr std::array k_odd{
      modes::ModeInfo{.name = "odd",
                      .summary = "summary",
                      .writes = true,
                      .implemented = true,
                      .mode_flags = k_none,
                      .where_ok_one_time = false,
                      .overwrites_partitions = false,
                      .statements = "target: .starts with a dot\nsource: 'quoted\\N and -dash"}};
  const std::string page = man_page(k_odd);
  EXPECT_THAT(page, HasSubstr("\n\\&.starts with a dot\n"));
  EXPECT_THAT(page, HasSubstr("\n\\&'quoted\\eN and \\-dash\n"));
  EXPECT_THAT(page, HasSubstr("\\fItarget\\fR"));
}

TEST(SubcommandTableTest, EveryListedFlagIsInTheFlagTable) {
  for (const SubcommandSpec& sub : subcommand_table()) {
    EXPECT_FALSE(sub.summary.empty()) << sub.name;
    for (const std::string_view flag : sub.flags) {
      EXPECT_NE(find_flag(flag), nullptr) << sub.name << " lists -" << flag;
    }
    EXPECT_EQ(find_subcommand(sub.name), &sub);
  }
  EXPECT_EQ(find_subcommand("run"), nullptr);
}

TEST(SubcommandHelpTest, HelpAfterOrBeforeASubCommandIsThatSubCommandsHelp) {
  for (const SubcommandSpec& sub : subcommand_table()) {
    const std::string name(sub.name);
    for (const auto& argv :
         {std::vector<std::string>{name, "-h"}, std::vector<std::string>{"--help", name},
          std::vector<std::string>{name, "-source", "a", "-h"}}) {
      const CliArgs args = parse(argv);
      EXPECT_EQ(args.command, Command::Help) << name;
      EXPECT_EQ(args.help_topic, name);
    }
  }
  EXPECT_EQ(parse({"-h"}).help_topic, "");
}

TEST(SubcommandHelpTest, ListsOnlyTheSubCommandsFlags) {
  const std::string text = subcommand_help_text("history", k_modes);
  EXPECT_THAT(text, HasSubstr("  exlSchema history [-t LIST] [-n N] [-json PATH]\n"));
  EXPECT_THAT(text, HasSubstr("\n  -n N "));
  EXPECT_THAT(text, HasSubstr("\n  -json, --json PATH "));
  EXPECT_THAT(text, Not(HasSubstr("\n  -source")));
  EXPECT_THAT(text, Not(HasSubstr("\n  -o ")));
  EXPECT_THROW(subcommand_help_text("run", k_modes), UsageError);
}

TEST(PrintCommandsTest, ManCompletionAndListAliasesParse) {
  EXPECT_EQ(parse({"--man"}).command, Command::Man);
  EXPECT_EQ(parse({"-man"}).command, Command::Man);
  const CliArgs bash = parse({"--completion", "bash"});
  EXPECT_EQ(bash.command, Command::Completion);
  EXPECT_EQ(bash.completion_shell, "bash");
  EXPECT_EQ(parse({"--completion=zsh"}).completion_shell, "zsh");
  EXPECT_THAT(error_of({"--completion", "fish"}), HasSubstr("fish not in {bash,zsh}"));
  const CliArgs aliases = parse({"--list-aliases", "-config", "c.yaml"});
  EXPECT_EQ(aliases.command, Command::ListAliases);
  EXPECT_EQ(aliases.config_path, "c.yaml");
}

TEST(HelpTextTest, HidesHiddenFlagsAndNamesTheNewOnes) {
  const std::string help = help_text(k_modes);
  EXPECT_THAT(help, Not(HasSubstr("list-aliases")));
  EXPECT_THAT(help, HasSubstr("\n  -man, --man "));
  EXPECT_THAT(help, HasSubstr("\n  -completion, --completion bash|zsh "));
  EXPECT_THAT(help, HasSubstr("4 another run of the same job still runs"));
}

TEST(CompletionTest, OffersEveryVisibleFlagInBothSpellingsAndEveryMode) {
  const std::string bash = completion_script("bash", k_modes);
  const std::string zsh = completion_script("zsh", k_modes);
  for (const FlagSpec& spec : flag_table()) {
    std::vector<std::string> names{"-" + std::string(spec.name)};
    if (!spec.is_short()) {
      names.push_back("--" + std::string(spec.name));
    }
    if (!spec.alias.empty()) {
      names.push_back("--" + std::string(spec.alias));
    }
    std::string spaced;
    std::string braced;
    for (const std::string& name : names) {
      spaced += (spaced.empty() ? "" : " ") + name;
      braced += (braced.empty() ? "" : ",") + name;
    }
    if (spec.hidden) {
      EXPECT_THAT(bash, Not(HasSubstr(" " + spaced + " "))) << spec.name;
      EXPECT_THAT(zsh, Not(HasSubstr("'(" + spaced + ")'"))) << spec.name;
      continue;
    }
    EXPECT_THAT(bash, ::testing::AnyOf(HasSubstr(spaced + " "), HasSubstr(spaced + "\"")))
        << spec.name;
    const std::string spelled = names.size() == 1 ? names[0] : "{" + braced + "}";
    EXPECT_THAT(zsh, HasSubstr("'(" + spaced + ")'" + spelled + "'[")) << spec.name;
  }
  EXPECT_THAT(bash, HasSubstr("\"mysql starrocks meta ghost v1 v2 v3 v4 v5 pipe\""));
  EXPECT_THAT(zsh, HasSubstr("(mysql starrocks meta ghost v1 v2 v3 v4 v5 pipe)"));
  EXPECT_THAT(bash, HasSubstr("complete -F _exlSchema exlSchema\n"));
  EXPECT_EQ(zsh.rfind("#compdef exlSchema\n", 0), 0U);
  EXPECT_THROW(completion_script("fish", k_modes), UsageError);
}

} // namespace
} // namespace exl::cli
