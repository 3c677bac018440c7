#include "cli/argv_normalizer.hpp"
#include "cli/cli11_app.hpp"
#include "cli/flag_table.hpp"
#include "test_modes.hpp"

#include <gtest/gtest.h>

#include <cctype>

namespace exl::cli {
namespace {

using test::base_args;
using test::parse;
using test::with;

ParsedArgs raw(const std::vector<std::string>& args) {
  return parse_with_cli11(normalize_argv(args), test::k_modes);
}

// The text CLI11 bound for `spec` in `parsed` (a switch: "1" when given).
std::string bound_text(const ParsedArgs& parsed, const FlagSpec& spec) {
  return std::visit(
      [&](auto field) -> std::string {
        const auto& value = parsed.args.*field;
        using Value = std::remove_cvref_t<decltype(value)>;
        if constexpr (std::is_same_v<Value, std::string>) {
          return value;
        } else if constexpr (std::is_same_v<Value, bool> || std::is_same_v<Value, int>) {
          return std::to_string(value);
        } else {
          return value ? std::to_string(static_cast<int>(*value)) : "";
        }
      },
      spec.slot);
}

// A value every flag with a value accepts as valid.
std::string sample_value(const FlagSpec& spec) {
  if (spec.name == "level") {
    return "db";
  }
  if (spec.name == "t" || spec.name == "x") {
    return "d.t";
  }
  if (spec.name == "o") {
    return "v1";
  }
  if (spec.name == "completion") {
    return "zsh";
  }
  return spec.value_name == "N" || spec.value_name == "SEC" || spec.value_name == "GB" ? "5"
                                                                                       : "val";
}

TEST(FlagSpellingTest, EveryFlagAcceptsOneAndTwoDashes) {
  for (const FlagSpec& spec : flag_table()) {
    const std::string name(spec.name);
    for (const std::string dashes : {"-", "--"}) {
      SCOPED_TRACE(dashes + name);
      std::vector<std::string> args{dashes + name};
      if (spec.takes_value()) {
        args.push_back(sample_value(spec));
      }
      const ParsedArgs parsed = raw(args);
      ASSERT_TRUE(parsed.has(name));
      EXPECT_EQ(bound_text(parsed, spec), spec.takes_value() ? sample_value(spec) : "1");
    }
  }
}

TEST(FlagSpellingTest, EveryFlagWithValueAcceptsEqualsForm) {
  for (const FlagSpec& spec : flag_table()) {
    if (!spec.takes_value()) {
      continue;
    }
    const std::string name(spec.name);
    for (const std::string dashes : {"-", "--"}) {
      SCOPED_TRACE(dashes + name);
      const ParsedArgs parsed = raw({dashes + name + "=" + sample_value(spec)});
      EXPECT_EQ(bound_text(parsed, spec), sample_value(spec));
    }
  }
}

TEST(FlagSpellingTest, LongAliasesOfShortFlags) {
  EXPECT_TRUE(raw({"--help"}).has("h"));
  EXPECT_TRUE(raw({"--verbose"}).has("v"));
  EXPECT_TRUE(raw({"-quiet"}).has("q"));
}

TEST(FlagSpellingTest, AddIsALongFlagDistinctFromA) {
  const ParsedArgs add = raw({"-add"});
  EXPECT_TRUE(add.has("add"));
  EXPECT_FALSE(add.has("a"));
  const ParsedArgs a = raw({"-a"});
  EXPECT_TRUE(a.has("a"));
  EXPECT_FALSE(a.has("add"));
}

// The typed result is the same whichever spelling was used, for every flag.
TEST(FlagSpellingTest, TypedValuesAreIndependentOfSpelling) {
  const std::vector<std::string> single = {
      "-source",   "s1",          "-target",   "t1",          "-t",        "d.a,d.b",
      "-x",        "d.b",         "-o",        "v1",          "-r",        "-i",
      "-interval", "60",          "-thread",   "7",           "-a",        "-add",
      "-p",        "p1,p2",       "-where",    "k > 1",       "-batch",    "-speed",
      "2.5",       "-batchcheck", "-truncate", "-complement", "-recreate", "-replication",
      "2",         "-config",     "c.yaml",    "-json",       "r.json",    "-nonotify",
      "-log",      "x.log",       "-v",        "-level",      "table"};
  std::vector<std::string> doubled;
  for (const std::string& token : single) {
    // `-thread` -> `--thread`; short flags and values (`k > 1`, `p1,p2`) stay as they are.
    const bool is_long_flag = token.size() > 2 && token[0] == '-' &&
                              std::isalpha(static_cast<unsigned char>(token[1])) != 0;
    doubled.push_back(is_long_flag ? "-" + token : token);
  }
  const CliArgs a = parse(single);
  const CliArgs b = parse(doubled);
  EXPECT_EQ(a.source, "s1");
  EXPECT_EQ(b.source, "s1");
  EXPECT_EQ(a.tables, b.tables);
  EXPECT_EQ(a.excludes, b.excludes);
  EXPECT_EQ(b.partitions, (std::vector<std::string>{"p1", "p2"}));
  EXPECT_EQ(b.where, "k > 1");
  EXPECT_EQ(b.interval_s, 60);
  EXPECT_EQ(b.threads, 7);
  EXPECT_DOUBLE_EQ(*b.speed_gb, 2.5);
  EXPECT_EQ(b.replication, 2);
  EXPECT_EQ(b.config_path, "c.yaml");
  EXPECT_EQ(b.json_path, "r.json");
  EXPECT_EQ(b.log_path, "x.log");
  EXPECT_EQ(b.verbosity, Verbosity::Verbose);
  for (const CliArgs* args : {&a, &b}) {
    EXPECT_TRUE(args->execute && args->once && args->create_catalog && args->add_partitions &&
                args->batch && args->batch_check && args->truncate && args->complement &&
                args->recreate && args->no_notify);
  }
}

TEST(FlagSpellingTest, DefaultsWhenFlagsAreAbsent) {
  const CliArgs args = parse(base_args());
  EXPECT_EQ(args.command, Command::Run);
  EXPECT_EQ(args.level, config::Level::Table);
  EXPECT_FALSE(args.execute);
  EXPECT_FALSE(args.threads.has_value());
  EXPECT_FALSE(args.speed_gb.has_value());
  EXPECT_EQ(args.interval_s, 300);
  EXPECT_EQ(args.replication, -1);
  EXPECT_EQ(args.verbosity, Verbosity::Normal);
}

TEST(FlagSpellingTest, NegativeNumberIsAValueNotAFlag) {
  EXPECT_EQ(parse(with(base_args(), {"-replication", "-1"})).replication, -1);
}

TEST(FlagSpellingTest, HelpAndVersionWinOverMissingFlags) {
  EXPECT_EQ(parse({"-h"}).command, Command::Help);
  EXPECT_EQ(parse({"--help"}).command, Command::Help);
  EXPECT_EQ(parse({"--version"}).command, Command::Version);
  EXPECT_EQ(parse({"-version"}).command, Command::Version);
}

TEST(FlagSpellingTest, SubCommands) {
  const CliArgs check = parse({"check", "-source", "a", "--target", "b"});
  EXPECT_EQ(check.command, Command::Check);
  EXPECT_EQ(check.source, "a");
  const CliArgs clean = parse({"clean", "-target", "b"});
  EXPECT_EQ(clean.command, Command::Clean);
  EXPECT_EQ(clean.target, "b");
}

TEST(FlagSpellingTest, DatabaseLevel) {
  const CliArgs args = parse({"-source", "a", "-target", "b", "-level", "db", "-t", "d1,d2", "-x",
                              "d1.tmp", "-o", "ghost"});
  EXPECT_EQ(args.level, config::Level::Database);
  ASSERT_EQ(args.tables.size(), 2U);
  EXPECT_EQ(args.tables[1].database, "d2");
  EXPECT_EQ(args.tables[1].table, "");
  EXPECT_EQ(args.excludes[0].table, "tmp");
}

TEST(FlagSpellingTest, HelpListsEveryFlagWithBothSpellingsAndDefaults) {
  const std::string help = help_text(test::k_modes);
  for (const FlagSpec& spec : flag_table()) {
    const std::string name(spec.name);
    if (spec.hidden) { // the man page documents it (manual_test.cpp)
      EXPECT_EQ(help.find("-" + name), std::string::npos) << name;
      continue;
    }
    EXPECT_NE(help.find("-" + name), std::string::npos) << name;
    if (!spec.is_short()) {
      EXPECT_NE(help.find("-" + name + ", --" + name), std::string::npos) << name;
    }
    if (!spec.default_text.empty()) {
      EXPECT_NE(help.find("[default: " + std::string(spec.default_text) + "]"), std::string::npos)
          << name;
    }
  }
  for (const auto& mode : test::k_modes) {
    EXPECT_NE(help.find("  " + std::string(mode.name) + " "), std::string::npos);
  }
  // Numbers without a default text show the bound field's own default, captured by CLI11.
  EXPECT_NE(help.find("-interval, --interval SEC"), std::string::npos);
  EXPECT_NE(help.find("[default: 300]"), std::string::npos);
  EXPECT_NE(help.find("[default: -1]"), std::string::npos);
}

} // namespace
} // namespace exl::cli
