#include "exlschema/util/errors.hpp"
#include "test_modes.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

// `exlSchema history [-t LIST] [-n N] [-json PATH] [-config PATH]`.
namespace exl::cli {
namespace {

using test::error_of;
using test::parse;
using ::testing::HasSubstr;

TEST(HistoryArgsTest, NeedsNoFlagAndShowsTenRuns) {
  const CliArgs args = parse({"history"});
  EXPECT_EQ(args.command, Command::History);
  EXPECT_EQ(args.history_runs, 10);
  EXPECT_TRUE(args.tables.empty());
  EXPECT_TRUE(args.source.empty());
}

TEST(HistoryArgsTest, TakesTablesRunsJsonAndConfigBeforeOrAfterTheCommand) {
  const CliArgs args = parse(
      {"-n", "3", "history", "-t", "ods.*,dw.f?", "--json", "h.json", "-config", "c.yaml", "-q"});
  EXPECT_EQ(args.command, Command::History);
  EXPECT_EQ(args.history_runs, 3);
  ASSERT_EQ(args.tables.size(), 2U);
  EXPECT_EQ(args.tables[0].text(), "ods.*");
  EXPECT_EQ(args.tables[1].text(), "dw.f?");
  EXPECT_EQ(args.json_path, "h.json");
  EXPECT_EQ(args.config_path, "c.yaml");
  EXPECT_EQ(args.verbosity, Verbosity::Quiet);
}

TEST(HistoryArgsTest, RefusesABadRunCount) {
  EXPECT_THAT(error_of({"history", "-n", "0"}), HasSubstr("--n: Value 0 not in range"));
  EXPECT_THAT(error_of({"history", "-n", "-2"}), HasSubstr("--n"));
  EXPECT_THAT(error_of({"history", "-n", "x"}), HasSubstr("'x' is not a whole number"));
  EXPECT_THAT(error_of({"history", "-n"}), HasSubstr("-n needs a value"));
}

TEST(HistoryArgsTest, RefusesFlagsOfARun) {
  EXPECT_THAT(error_of({"history", "-source", "a"}),
              HasSubstr("-source does not apply to 'history'"));
  EXPECT_THAT(error_of({"history", "-r"}), HasSubstr("-r does not apply to 'history'"));
  EXPECT_THAT(error_of({"history", "-t", "db"}), HasSubstr("-t entry 'db' has no table"));
  EXPECT_THAT(error_of({"history", "-frobnicate"}), HasSubstr("not expected: -frobnicate"));
  EXPECT_THAT(error_of({"history", "check"}), HasSubstr("not expected: check"));
}

TEST(HistoryArgsTest, RunCountOnlyAppliesToHistory) {
  EXPECT_THAT(error_of(test::with(test::base_args(), {"-n", "3"})),
              HasSubstr("-n only applies to 'exlSchema history'"));
  EXPECT_THAT(error_of({"clean", "-target", "b", "-n", "3"}), HasSubstr("-n only applies"));
}

} // namespace
} // namespace exl::cli
