#include "cli/argv_normalizer.hpp"
#include "exlschema/util/errors.hpp"

#include <gtest/gtest.h>

namespace exl::cli {
namespace {

using Tokens = std::vector<std::string>;

TEST(ArgvNormalizerTest, EverySpellingBecomesOneCanonicalToken) {
  EXPECT_EQ(
      normalize_argv(
          {"-thread", "5", "--speed", "2", "-level=db", "--json=r.json", "-t", "d", "-r", "--add"}),
      (Tokens{"--thread=5", "--speed=2", "--level=db", "--json=r.json", "--t=d", "--r", "--add"}));
}

TEST(ArgvNormalizerTest, AliasesKeepTheirNameForCli11) {
  EXPECT_EQ(normalize_argv({"-help", "-verbose", "--quiet"}),
            (Tokens{"--help", "--verbose", "--quiet"}));
}

TEST(ArgvNormalizerTest, ValuesMayStartWithADashUnlessTheyAreFlags) {
  EXPECT_EQ(normalize_argv({"-replication", "-1"}), (Tokens{"--replication=-1"}));
  EXPECT_EQ(normalize_argv({"-where", "-x_col > 0"}), (Tokens{"--where=-x_col > 0"}));
}

// CLI11 would take `-o` as the value of `-t`, and the next argument as the value of `--json=`.
TEST(ArgvNormalizerTest, MissingOrEmptyValueIsRefusedHere) {
  EXPECT_THROW(normalize_argv({"-t", "-o", "v1"}), UsageError);
  EXPECT_THROW(normalize_argv({"-o", "v1", "-t"}), UsageError);
  EXPECT_THROW(normalize_argv({"-source", "", "-target", "b"}), UsageError);
  EXPECT_THROW(normalize_argv({"--json=", "-r"}), UsageError);
}

TEST(ArgvNormalizerTest, ValueKeepsEqualsSignsAfterTheFirst) {
  EXPECT_EQ(normalize_argv({"--where=a=1"}), (Tokens{"--where=a=1"}));
  EXPECT_EQ(normalize_argv({"-where", "a="}), (Tokens{"--where=a="}));
}

// Everything that is not a flag of the table reaches CLI11 as typed, so that its message names
// it as the user wrote it; CLI11 has no short names, so `-ri` and `-tdb.t` are not split.
TEST(ArgvNormalizerTest, EverythingElseStaysAsTyped) {
  const Tokens as_typed{"check", "-frobnicate", "---t", "-", "--", "-ri", "-tdb.t", "-password"};
  EXPECT_EQ(normalize_argv(as_typed), as_typed);
  EXPECT_EQ(normalize_argv({"-r=1"}), (Tokens{"--r=1"}));
}

} // namespace
} // namespace exl::cli
