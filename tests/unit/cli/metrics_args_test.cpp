#include "test_modes.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

// `-metrics PATH` (issue #16): a Prometheus textfile-collector file for a run and for verify.
namespace exl::cli {
namespace {

using test::base_args;
using test::error_of;
using test::parse;
using test::with;
using ::testing::HasSubstr;

TEST(MetricsArgsTest, BothSpellingsAndTheEqualsForm) {
  EXPECT_EQ(parse(with(base_args("v2"), {"-metrics", "/var/lib/ne/exl.prom"})).metrics_path,
            "/var/lib/ne/exl.prom");
  EXPECT_EQ(parse(with(base_args("v2"), {"--metrics", "exl.prom"})).metrics_path, "exl.prom");
  EXPECT_EQ(parse(with(base_args("v2"), {"--metrics=exl.prom"})).metrics_path, "exl.prom");
  EXPECT_EQ(parse(base_args("v2")).metrics_path, "");
}

TEST(MetricsArgsTest, VerifyTakesIt) {
  const CliArgs args =
      parse({"verify", "-source", "a", "-target", "b", "-t", "db.t", "-metrics", "verify.prom"});
  EXPECT_EQ(args.metrics_path, "verify.prom");
}

TEST(MetricsArgsTest, FileMustBeNamedProm) {
  for (const std::string path : {"exl.txt", "exl.prom.tmp", "dir/.prom", ".prom", "prom"}) {
    EXPECT_THAT(error_of(with(base_args("v2"), {"-metrics", path})),
                HasSubstr("-metrics " + path + ": the file must be named *.prom"));
  }
}

TEST(MetricsArgsTest, NotTheJsonOrLogFile) {
  EXPECT_THAT(error_of(with(base_args("v2"), {"-metrics", "x.prom", "-json", "x.prom"})),
              HasSubstr("-metrics x.prom is also the -json file"));
  EXPECT_THAT(error_of(with(base_args("v2"), {"-metrics", "x.prom", "-log", "x.prom"})),
              HasSubstr("-metrics x.prom is also the -log file"));
}

TEST(MetricsArgsTest, SubCommandsWithoutARunRefuseIt) {
  EXPECT_THAT(error_of({"check", "-source", "a", "-metrics", "x.prom"}),
              HasSubstr("-metrics only applies to a run and to 'exlSchema verify'"));
  EXPECT_THAT(error_of({"clean", "-target", "a", "-metrics", "x.prom"}),
              HasSubstr("-metrics only applies to a run and to 'exlSchema verify'"));
  EXPECT_THAT(error_of({"history", "-metrics", "x.prom"}),
              HasSubstr("-metrics does not apply to 'history'"));
}

} // namespace
} // namespace exl::cli
