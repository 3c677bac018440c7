#include "exlschema/util/errors.hpp"
#include "test_modes.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace exl::cli {
namespace {

using test::base_args;
using test::parse;
using test::with;
using ::testing::HasSubstr;

// The one-line message of the UsageError `args` raise ("" when they parse).
std::string error_of(const std::vector<std::string>& args) {
  try {
    parse(args);
  } catch (const UsageError& e) {
    return e.what();
  }
  return "";
}

void expect_error(const std::vector<std::string>& args, const std::string& expected) {
  const std::string message = error_of(args);
  EXPECT_THAT(message, HasSubstr(expected));
  EXPECT_EQ(message.rfind("exlSchema: ", 0), 0U) << message;
  EXPECT_EQ(message.find('\n'), std::string::npos) << message;
}

TEST(BadInputTest, UnknownFlagIsNamedAsTyped) {
  expect_error(with(base_args(), {"-frobnicate"}), "unknown flag '-frobnicate'");
  expect_error(with(base_args(), {"--frobnicate=1"}), "unknown flag '--frobnicate=1'");
  expect_error(with(base_args(), {"---thread", "3"}), "unknown flag '---thread'");
  expect_error(with(base_args(), {"-password", "x"}), "unknown flag '-password'");
}

TEST(BadInputTest, StrayPositionalArgument) {
  expect_error(with(base_args(), {"db.t2"}), "unexpected argument 'db.t2'");
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
  expect_error({"-source", "a", "-target", "b", "-t"}, "-t needs a value");
  expect_error({"-t", "-o", "v1"}, "-t needs a value");
  expect_error(with(base_args(), {"-thread"}), "-thread needs a value");
}

TEST(BadInputTest, UnknownMode) {
  expect_error(base_args("v9"), "unknown mode -o 'v9'");
  expect_error(base_args("V1"), "unknown mode -o 'V1'");
}

TEST(BadInputTest, ThreadMustBeAPositiveWholeNumber) {
  for (const std::string bad : {"0", "-1", "abc", "3x", "1.5", " 3", "999999999999"}) {
    expect_error(with(base_args(), {"-thread", bad}), "-thread must be a whole number");
  }
  expect_error(with(base_args(), {"-thread", "0"}), "(got '0')");
}

TEST(BadInputTest, SpeedMustBePositive) {
  for (const std::string bad : {"0", "-1", "abc", "1,5", "nan", "inf", "1e999", "0.0"}) {
    expect_error(with(base_args(), {"-speed", bad}), "-speed must be a number > 0");
  }
}

TEST(BadInputTest, OtherNumbers) {
  expect_error(with(base_args(), {"-interval", "0"}), "-interval must be a whole number");
  expect_error(with(base_args(), {"-replication", "0"}), "-replication must be -1");
  expect_error(with(base_args(), {"-replication", "-2"}), "-replication must be a whole number");
}

TEST(BadInputTest, EmptyValues) {
  expect_error({"-source", "a", "-target", "b", "-t", "", "-o", "v1"}, "-t is empty");
  expect_error({"-source", "a", "-target", "b", "-t", " ", "-o", "v1"}, "-t is empty");
  expect_error({"-source", "", "-target", "b", "-t", "d.t", "-o", "v1"}, "-source is empty");
  expect_error(with(base_args(), {"--json="}), "-json is empty");
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
  expect_error(with_t("db.t;drop"), "table name");
  expect_error(with_t("db.`t`"), "entry 'db.`t`'");
  expect_error(with_t("1db.t"), "starts with a digit");
  expect_error(with_t("db.t b"), "entry 'db.t b'");
  expect_error(with_t("d\xc3\xa9.t"), "database name");
  expect_error(with(base_args(), {"-p", "p-1"}), "-p entry 'p-1'");
  expect_error(with(base_args(), {"-x", "db.a-*"}), "-x entry 'db.a-*'");
}

TEST(BadInputTest, LevelMustBeTableOrDb) {
  expect_error(with(base_args(), {"-level", "schema"}), "-level must be 'table' or 'db'");
  expect_error(with(base_args(), {"-level", "db"}), "names a table, but -level db");
}

TEST(BadInputTest, SameSourceAndTarget) {
  expect_error({"-source", "a", "-target", "a", "-t", "d.t", "-o", "v1"},
               "-source and -target are both 'a'");
}

TEST(BadInputTest, SwitchesTakeNoValueAndFlagsAreGivenOnce) {
  expect_error(with(base_args(), {"-r=yes"}), "-r takes no value");
  expect_error(with(base_args(), {"-thread", "2", "--thread", "3"}), "-thread is given more");
}

TEST(BadInputTest, QuietAndVerboseTogether) {
  expect_error(with(base_args(), {"-q", "-v"}), "-q and -v cannot be used together");
}

TEST(BadInputTest, ModeSpecificSwitchesWithAnotherMode) {
  expect_error(with(base_args("v2"), {"-batch"}), "-batch only applies to -o v1");
  expect_error(with(base_args("v3"), {"-batchcheck"}), "-batchcheck only applies to -o v1");
  expect_error(with(base_args("v2"), {"-complement"}), "-complement only applies to -o v1");
  expect_error(with(base_args("ghost"), {"-a"}), "-a only applies to -o v1 v2 v3 v4 v5");
  expect_error(with(base_args("v3"), {"-truncate"}), "-truncate only applies to -o v1 v2 v4");
  EXPECT_EQ(error_of(with(base_args("v4"), {"-truncate", "-a"})), "");
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
