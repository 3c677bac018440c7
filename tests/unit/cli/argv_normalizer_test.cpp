#include "cli/argv_normalizer.hpp"
#include "exlschema/util/errors.hpp"

#include <gtest/gtest.h>

namespace exl::cli {
namespace {

using Tokens = std::vector<std::string>;

TEST(ArgvNormalizerTest, EverySpellingBecomesOneCanonicalToken) {
  const NormalizedArgs out = normalize_argv(
      {"-thread", "5", "--speed", "2", "-level=db", "--json=r.json", "-t", "d", "-r", "--add"});
  EXPECT_EQ(out.tokens, (Tokens{"--thread=5", "--speed=2", "--level=db", "--json=r.json", "--t=d",
                                "--r", "--add"}));
  EXPECT_EQ(out.subcommand, "");
}

TEST(ArgvNormalizerTest, AliasesMapToTheCanonicalName) {
  EXPECT_EQ(normalize_argv({"--help", "-verbose"}).tokens, (Tokens{"--h", "--v"}));
}

TEST(ArgvNormalizerTest, ValuesMayStartWithADashUnlessTheyAreFlags) {
  EXPECT_EQ(normalize_argv({"-replication", "-1"}).tokens, (Tokens{"--replication=-1"}));
  EXPECT_EQ(normalize_argv({"-where", "-x_col > 0"}).tokens, (Tokens{"--where=-x_col > 0"}));
  EXPECT_THROW(normalize_argv({"-t", "-o", "v1"}), UsageError);
}

TEST(ArgvNormalizerTest, ValueKeepsEqualsSignsAfterTheFirst) {
  EXPECT_EQ(normalize_argv({"--where=a=1"}).tokens, (Tokens{"--where=a=1"}));
}

TEST(ArgvNormalizerTest, SubCommandAnywhereOnce) {
  EXPECT_EQ(normalize_argv({"-target", "b", "clean"}).subcommand, "clean");
  EXPECT_EQ(normalize_argv({"check"}).subcommand, "check");
  EXPECT_THROW(normalize_argv({"check", "clean"}), UsageError);
  EXPECT_THROW(normalize_argv({"sync"}), UsageError);
}

TEST(ArgvNormalizerTest, Refusals) {
  EXPECT_THROW(normalize_argv({"-"}), UsageError);
  EXPECT_THROW(normalize_argv({"--"}), UsageError);
  EXPECT_THROW(normalize_argv({"---t", "d.t"}), UsageError);
  EXPECT_THROW(normalize_argv({"-ri"}), UsageError); // no clustering of short switches
  EXPECT_THROW(normalize_argv({"-tdb.t"}), UsageError);
  EXPECT_THROW(normalize_argv({"-r", "--r"}), UsageError);
  EXPECT_THROW(normalize_argv({"-add=1"}), UsageError);
  EXPECT_THROW(normalize_argv({"-json="}), UsageError);
}

} // namespace
} // namespace exl::cli
