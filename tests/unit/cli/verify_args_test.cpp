#include "exlschema/util/errors.hpp"
#include "test_modes.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

// `exlSchema verify -source A -target B -t LIST [-p LIST] [-where EXPR] [-bisect-rows N]
// [-bisect-depth N]` (issue #11): a read-only run of its own mode, always with checksums.
namespace exl::cli {
namespace {

using test::error_of;
using test::parse;
using ::testing::HasSubstr;

TEST(VerifyArgsTest, IsAReadOnlyChecksumRunOfTheVerifyMode) {
  const CliArgs args = parse({"verify", "-source", "a", "-target", "b", "-t", "db.t", "-p", "p1",
                              "-where", "k > 0", "-bisect-rows", "50", "--bisect-depth", "3"});
  EXPECT_EQ(args.command, Command::Verify);
  EXPECT_EQ(args.mode, "verify");
  EXPECT_FALSE(args.execute);
  EXPECT_TRUE(args.once);
  EXPECT_TRUE(args.checksum);
  EXPECT_EQ(args.partitions, std::vector<std::string>{"p1"});
  EXPECT_EQ(args.where, "k > 0");
  EXPECT_EQ(args.bisect_rows, 50);
  EXPECT_EQ(args.bisect_depth, 3);
}

TEST(VerifyArgsTest, DefaultsBisectToThousandRowsAndSixLevels) {
  const CliArgs args = parse({"verify", "-source", "a", "-target", "b", "-t", "db.t"});
  EXPECT_EQ(args.bisect_rows, 1000);
  EXPECT_EQ(args.bisect_depth, 6);
}

TEST(VerifyArgsTest, NeedsBothClustersAndTables) {
  EXPECT_THAT(error_of({"verify", "-source", "a", "-target", "b"}),
              HasSubstr("missing required flag -t"));
  EXPECT_THAT(error_of({"verify", "-source", "a", "-t", "db.t"}), HasSubstr("-target"));
}

TEST(VerifyArgsTest, FlagsOfACopyAreRefused) {
  for (const char* flag : {"-r", "-i", "-a", "-add", "-truncate", "-recreate", "-batch"}) {
    EXPECT_THAT(error_of({"verify", "-source", "a", "-target", "b", "-t", "db.t", flag}),
                HasSubstr("does not apply to 'verify'"))
        << flag;
  }
  EXPECT_THAT(error_of({"verify", "-source", "a", "-target", "b", "-t", "db.t", "-o", "v2"}),
              HasSubstr("-o does not apply to 'verify'"));
}

TEST(VerifyArgsTest, BisectionBoundsOnlyApplyToVerify) {
  std::vector<std::string> args = test::base_args("v2");
  args.insert(args.end(), {"-bisect-rows", "10"});
  EXPECT_THAT(error_of(args), HasSubstr("only applies to 'exlSchema verify'"));
  EXPECT_THAT(
      error_of({"verify", "-source", "a", "-target", "b", "-t", "db.t", "-bisect-depth", "0"}),
      HasSubstr("bisect-depth"));
}

} // namespace
} // namespace exl::cli
