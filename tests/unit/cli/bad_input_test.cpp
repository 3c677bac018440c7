#include "exlschema/util/errors.hpp"
#include "test_modes.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace exl::cli {
namespace {

using test::base_args;
using test::error_of;
using test::parse;
using test::with;
using ::testing::HasSubstr;

void expect_error(const std::vector<std::string>& args, const std::string& expected) {
  const std::string message = error_of(args);
  EXPECT_THAT(message, HasSubstr(expected));
  EXPECT_EQ(message.rfind("exlSchema: ", 0), 0U) << message;
  EXPECT_EQ(message.find('\n'), std::string::npos) << message;
}

// CLI11's message names the flag as typed: the pre-pass leaves unknown words alone.
TEST(BadInputTest, UnknownFlagIsNamedAsTyped) {
  expect_error(with(base_args(), {"-frobnicate"}), "not expected: -frobnicate");
  expect_error(with(base_args(), {"--frobnicate=1"}), "not expected: --frobnicate=1");
  expect_error(with(base_args(), {"---thread", "3"}), "---thread");
  expect_error(with(base_args(), {"-password", "x"}), "-password");
  // No clustering of short switches, no value glued to a short flag.
  expect_error(with(base_args(), {"-ri"}), "not expected: -ri");
  expect_error(with(base_args(), {"-tdb.t"}), "not expected: -tdb.t");
}

TEST(BadInputTest, StrayPositionalArgument) {
  expect_error(with(base_args(), {"db.t2"}), "not expected: db.t2");
  expect_error(with(base_args(), {"-"}), "not expected: -");
  expect_error({"check", "clean", "-target", "b"}, "not expected: clean");
}

TEST(BadInputTest, MissingRequiredFlags) {
  expect_error({"-target", "b", "-t", "d.t", "-o", "v1"}, "missing required flag -source");
  expect_error({"-source", "a", "-t", "d.t", "-o", "v1"}, "missing required flag -target");
  expect_error({"-source", "a", "-target", "b", "-o", "v1"}, "missing required flag -t");
  expect_error({"-source", "a", "-target", "b", "-t", "d.t"}, "missing required flag -o");
  expect_error({"clean"}, "missing required flag -target");
  expect_error({"check"}, "check needs -source and/or -target");
}

TEST(BadInputTest, MissingValue) {
  expect_error({"-source", "a", "-target", "b", "-t"}, "-t needs a value (LIST)");
  expect_error({"-t", "-o", "v1"}, "-t needs a value");
  expect_error(with(base_args(), {"-thread"}), "-thread needs a value (N)");
}

TEST(BadInputTest, UnknownMode) {
  expect_error(base_args("v9"), "--o: v9 not in {mysql,starrocks,meta,ghost,v1,v2,v3,v4,v5,pipe}");
  expect_error(base_args("V1"), "--o: V1 not in");
}

TEST(BadInputTest, ThreadMustBeAPositiveWholeNumber) {
  // CLI11 alone would read `010` as octal 8 and ` 3` as 3.
  for (const std::string bad : {"abc", "3x", "1.5", " 3", "010", "0x10", "+3"}) {
    expect_error(with(base_args(), {"-thread", bad}), "--thread: '" + bad + "' is not a whole");
  }
  for (const std::string bad : {"0", "-0", "-1", "257", "999999999999"}) {
    expect_error(with(base_args(), {"-thread", bad}),
                 "--thread: Value " + bad + " not in range 1 to 256");
  }
}

TEST(BadInputTest, SpeedMustBePositive) {
  for (const std::string bad :
       {"0", "-1", "abc", "1,5", "nan", "inf", "1e999", "0.0", "0x1p3", " 1"}) {
    expect_error(with(base_args(), {"-speed", bad}), "--speed: must be a number > 0");
  }
}

TEST(BadInputTest, OtherNumbers) {
  expect_error(with(base_args(), {"-interval", "0"}), "--interval: Value 0 not in range 1 to");
  expect_error(with(base_args(), {"-replication", "0"}), "--replication: (Value 0 not in range -1");
  expect_error(with(base_args(), {"-replication", "-2"}), "--replication: (Value -2 not in range");
  EXPECT_EQ(parse(with(base_args(), {"-replication", "3"})).replication, 3);
}

TEST(BadInputTest, EmptyValues) {
  expect_error({"-source", "a", "-target", "b", "-t", "", "-o", "v1"}, "-t is empty (LIST)");
  expect_error({"-source", "a", "-target", "b", "-t", " ", "-o", "v1"}, "-t is empty");
  expect_error({"-source", "", "-target", "b", "-t", "d.t", "-o", "v1"}, "-source is empty");
  expect_error(with(base_args(), {"--json="}), "-json is empty");
  expect_error(with(base_args(), {"--json=", "-r"}), "-json is empty");
}

TEST(BadInputTest, MalformedLists) {
  const auto with_t = [](const std::string& list) {
    return std::vector<std::string>{"-source", "a", "-target", "b", "-t", list, "-o", "v1"};
  };
  expect_error(with_t("db."), "entry 'db.' is malformed");
  expect_error(with_t(".tbl"), "entry '.tbl' is malformed");
  expect_error(with_t("a..b"), "entry 'a..b' is malformed");
  expect_error(with_t("a.b.c"), "entry 'a.b.c' is malformed");
  expect_error(with_t("a.b,,c.d"), "empty entry (stray comma)");
  expect_error(with_t(",a.b"), "empty entry (stray comma)");
  expect_error(with_t("a.b,"), "empty entry (stray comma)");
  expect_error(with_t("db"), "entry 'db' has no table");
  expect_error(with(base_args(), {"-x", "d.t,"}), "-x has an empty entry");
  expect_error(with(base_args(), {"-p", "p1,,p2"}), "-p has an empty entry");
}

TEST(BadInputTest, NamesStarRocksDoesNotAllow) {
  const auto with_t = [](const std::string& list) {
    return std::vector<std::string>{"-source", "a", "-target", "b", "-t", list, "-o", "v1"};
  };
  expect_error(with_t("my-db.t"), "entry 'my-db.t'");
  expect_error(with_t("my-db.t"), "database name");
  expect_error(with_t("db." + std::string(1025, 't')), "table name is 1025 characters long");
  expect_error(with_t("1db.t"), "starts with a digit");
  expect_error(with_t("d\xc3\xa9.t"), "database name");
  expect_error(with(base_args(), {"-p", "p-1"}), "-p entry 'p-1'");
  expect_error(with(base_args(), {"-p", "placeholder_1"}), "reserves");
  expect_error(with(base_args(), {"-x", "d-b.a*"}), "-x entry 'd-b.a*'");
}

// StarRocks 3.3 holds any table name without NUL: such names pass the command line (quoted in
// every statement); a target release that cannot hold one refuses the table after connecting.
TEST(BadInputTest, TableNamesSomeReleaseHoldsAreAccepted) {
  for (const char* list : {"db.t;drop", "db.`t`", "db.t b", "db.t--x", "db.t'\"\\", "db.表"}) {
    const CliArgs args = parse({"-source", "a", "-target", "b", "-t", list, "-o", "v1"});
    ASSERT_EQ(args.tables.size(), 1U) << list;
  }
}

TEST(BadInputTest, LevelMustBeTableOrDb) {
  expect_error(with(base_args(), {"-level", "schema"}), "--level: schema not in {table,db}");
  expect_error(with(base_args(), {"-level", "1"}), "--level: 1 not in {table,db}");
  expect_error(with(base_args(), {"-level", "db"}), "names a table, but -level db");
}

TEST(BadInputTest, SameSourceAndTarget) {
  expect_error({"-source", "a", "-target", "a", "-t", "d.t", "-o", "v1"},
               "-source and -target are both 'a'");
}

TEST(BadInputTest, SwitchesTakeNoValueAndFlagsAreGivenOnce) {
  expect_error(with(base_args(), {"-r=yes"}), "r was given a disallowed flag override");
  expect_error(with(base_args(), {"-add=1"}), "add was given a disallowed flag override");
  expect_error(with(base_args(), {"-thread", "2", "--thread", "3"}),
               "--thread: At Most 1 required but received 2");
  expect_error(with(base_args(), {"-r", "--r"}), "--r: At Most 1 required but received 2");
  expect_error(with(base_args(), {"-v", "--verbose"}), "--v: At Most 1 required");
  expect_error(with(base_args(), {"-o", "v2"}), "--o: At Most 1 required but received 2");
}

TEST(BadInputTest, QuietAndVerboseTogether) {
  expect_error(with(base_args(), {"-q", "-v"}), "--q excludes --v");
  expect_error(with(base_args(), {"--verbose", "-quiet"}), "--q excludes --v");
}

TEST(BadInputTest, ModeSpecificSwitchesWithAnotherMode) {
  expect_error(with(base_args("v2"), {"-batch"}), "-batch only applies to -o v1");
  expect_error(with(base_args("v3"), {"-batchcheck"}), "-batchcheck only applies to -o v1");
  expect_error(with(base_args("v2"), {"-complement"}), "-complement only applies to -o v1");
  expect_error(with(base_args("ghost"), {"-a"}), "-a only applies to -o v1 v2 v3 v4 v5");
  expect_error(with(base_args("v3"), {"-truncate"}), "-truncate only applies to -o v1 v2 v4");
  EXPECT_EQ(error_of(with(base_args("v4"), {"-truncate", "-a"})), "");
}

TEST(BadInputTest, WhereMustBeOneExpression) {
  const auto with_where = [](const std::string& where) {
    return with(base_args(), {"-i", "-where", where});
  };
  expect_error(with_where("1=1; DROP TABLE t"), "--where: contains ';'");
  expect_error(with_where("a=1 -- x"), "--where: contains a comment");
  expect_error(with_where("a='x'' or 1"), "--where: has an unterminated quote");
  expect_error(with_where("(a=1"), "--where: has a '(' that is never closed");
  expect_error(with_where("1=1 UNION SELECT 1"), "--where: is not one expression");
  EXPECT_EQ(parse(with_where("name = 'a;b -- c'")).where, "name = 'a;b -- c'");
}

// The rule of docs/cli.md: -where only where it cannot destroy target rows.
TEST(BadInputTest, WhereOnlyOnAOneTimeFirstLoad) {
  for (const std::string mode : {"v2", "v3", "v4", "v5"}) {
    expect_error(with(base_args(mode), {"-i", "-where", "k > 1"}),
                 "-where cannot be used with -o " + mode + ": it overwrites whole partitions");
  }
  for (const std::string mode : {"ghost", "meta"}) {
    expect_error(with(base_args(mode), {"-i", "-where", "k > 1"}),
                 "-where only applies to a one-time -i load with -o mysql, starrocks, v1, pipe "
                 "(got -o " +
                     mode + ")");
  }
  for (const std::string mode : {"v1", "mysql", "starrocks", "pipe"}) {
    expect_error(with(base_args(mode), {"-where", "k > 1"}), "-where needs -i: incremental rounds");
    EXPECT_EQ(parse(with(base_args(mode), {"-i", "-where", "k > 1"})).where, "k > 1") << mode;
  }
}

// The throttle's control files (modes/throttle.hpp) apply to every mode.
TEST(BadInputTest, ControlFiles) {
  for (const std::string mode : {"v1", "v2", "ghost", "pipe"}) {
    const CliArgs args = parse(
        with(base_args(mode), {"-pause-file", "/run/exl.pause", "--panic-file=/run/exl.panic"}));
    EXPECT_EQ(args.pause_file, "/run/exl.pause") << mode;
    EXPECT_EQ(args.panic_file, "/run/exl.panic") << mode;
  }
  EXPECT_TRUE(parse(base_args()).pause_file.empty());
  expect_error(with(base_args(), {"-pause-file", ""}), "-pause-file is empty (PATH)");
  expect_error(with(base_args(), {"-panic-file"}), "-panic-file needs a value (PATH)");
  expect_error(with(base_args(), {"-pause-file", "/p", "-pause-file", "/q"}), "--pause-file");
  expect_error(with(base_args(), {"-pause-file", "/run/x", "-panic-file", "/run/x"}),
               "-pause-file and -panic-file are both '/run/x': creating it would stop the run "
               "instead of pausing it");
  expect_error({"history", "-pause-file", "/p"}, "-pause-file does not apply to 'history'");
}

TEST(BadInputTest, GoodListsPass) {
  const CliArgs args = parse({"-source", "a", "-target", "b", "-t", " d.t1 , d.ods_* ,d.t1,_x.y",
                              "-o", "v1", "-p", "p20240101,p2"});
  ASSERT_EQ(args.tables.size(), 3U);
  EXPECT_EQ(args.tables[0].text(), "d.t1");
  EXPECT_EQ(args.tables[1].table, "ods_*");
  EXPECT_EQ(args.tables[2].database, "_x");
  EXPECT_EQ(args.partitions.size(), 2U);
}

} // namespace
} // namespace exl::cli
