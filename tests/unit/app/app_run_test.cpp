#include "app/app.hpp"
#include "exlschema/util/redact.hpp"
#include "support/temp_dir.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <regex>

namespace exl::app {
namespace {

using ::testing::HasSubstr;

struct Outcome {
  int code;
  std::string out;
  std::string err;
};

Outcome run_with(std::vector<std::string> args) {
  args.insert(args.begin(), "exlSchema");
  std::vector<char*> argv;
  for (auto& arg : args) {
    argv.push_back(arg.data());
  }
  ::testing::internal::CaptureStdout();
  ::testing::internal::CaptureStderr();
  const int code = run(static_cast<int>(argv.size()), argv.data());
  Outcome outcome{code, ::testing::internal::GetCapturedStdout(),
                  ::testing::internal::GetCapturedStderr()};
  return outcome;
}

int line_count(const std::string& text) {
  return static_cast<int>(std::count(text.begin(), text.end(), '\n'));
}

class AppRunTest : public ::testing::Test {
protected:
  std::string write_config(const std::string& text) { return m_dir.write("c.yaml", text); }
  std::vector<std::string> run_args(const std::string& config, const std::string& target = "b") {
    // -o meta without scs.home: stops after the configuration and aliases, before connecting.
    return {"-source", "a", "-target", target, "-t", "d.t", "-o", "meta", "-config", config};
  }
  config::test::TempDir m_dir;
};

constexpr const char* k_config = "clusters:\n"
                                 "  a: {host: fe-a, user: u, password: app-Pw-9}\n"
                                 "  b: {host: fe-b, user: u, password_env: EXL_APP_TEST_PW}\n";

TEST_F(AppRunTest, VersionListsLibraries) {
  const Outcome o = run_with({"--version"});
  EXPECT_EQ(o.code, 0);
  EXPECT_THAT(o.out, HasSubstr("exlSchema 0.1.0"));
  for (const char* lib : {"CLI11 ", "yaml-cpp ", "spdlog ", "nlohmann_json ", "libcurl ",
                          "libmariadb ", "OpenSSL "}) {
    EXPECT_THAT(o.out, HasSubstr(lib));
  }
  EXPECT_EQ(o.err, "");
}

TEST_F(AppRunTest, HelpGoesToStdout) {
  const Outcome o = run_with({"-h"});
  EXPECT_EQ(o.code, 0);
  EXPECT_THAT(o.out, HasSubstr("-thread, --thread N"));
  EXPECT_THAT(o.out, HasSubstr("  pipe "));
}

TEST_F(AppRunTest, BadUsageIsExitTwoWithOneLine) {
  const Outcome o = run_with({"-thread", "0"});
  EXPECT_EQ(o.code, 2);
  EXPECT_EQ(line_count(o.err), 1);
  EXPECT_EQ(o.out, "");
}

TEST_F(AppRunTest, UnknownAliasIsExitTwo) {
  const config::test::ScopedEnv env("EXL_APP_TEST_PW", "app-env-Pw-10");
  const Outcome o = run_with(run_args(write_config(k_config), "zz"));
  EXPECT_EQ(o.code, 2);
  EXPECT_EQ(o.err, std::string("exlSchema: unknown cluster alias 'zz' for -target (known in ") +
                       m_dir.path() + "/c.yaml: a, b)\n");
}

TEST_F(AppRunTest, AModesOwnCheckStopsARunBeforeConnecting) {
  const config::test::ScopedEnv env("EXL_APP_TEST_PW", "app-env-Pw-10");
  const Outcome o = run_with(run_args(write_config(k_config)));
  EXPECT_EQ(o.code, 2);
  EXPECT_EQ(o.err, "exlSchema: -o meta needs scs.home in the configuration (" + m_dir.path() +
                       "/c.yaml): the directory where starrocks-cluster-sync is unpacked\n");
  // Loading the configuration registered both passwords as secrets.
  EXPECT_EQ(util::redact("app-Pw-9 app-env-Pw-10"), "*** ***");
}

TEST_F(AppRunTest, UnsetPasswordVariableIsExitTwo) {
  const config::test::ScopedEnv env("EXL_APP_TEST_PW", nullptr);
  const Outcome o = run_with(run_args(write_config(k_config)));
  EXPECT_EQ(o.code, 2);
  EXPECT_THAT(o.err, HasSubstr("c.yaml:3: clusters.b.password_env: environment variable "
                               "EXL_APP_TEST_PW is not set"));
}

TEST_F(AppRunTest, TwoAliasesForOneServerAreRefused) {
  const Outcome o = run_with(run_args(
      write_config("clusters:\n  a: {host: fe, user: u}\n  b: {host: fe, port: 9030, user: v}\n")));
  EXPECT_EQ(o.code, 2);
  EXPECT_THAT(o.err, HasSubstr("are the same server fe:9030"));
}

TEST_F(AppRunTest, ReadableConfigDrawsAWarning) {
  const std::string path =
      m_dir.write("open.yaml",
                  "clusters:\n  a: {host: x, user: u}\n"
                  "  b: {host: y, user: u}\n",
                  std::filesystem::perms::owner_read | std::filesystem::perms::owner_write |
                      std::filesystem::perms::others_read);
  const Outcome o = run_with(run_args(path));
  EXPECT_THAT(o.err, HasSubstr("chmod 600 " + path));
  EXPECT_THAT(o.err, HasSubstr("-o meta needs scs.home"));
}

TEST_F(AppRunTest, MalformedConfigIsExitTwo) {
  const Outcome o = run_with(run_args(write_config("clusters:\n  a:\n    host: h\n")));
  EXPECT_EQ(o.code, 2);
  EXPECT_EQ(o.err, "exlSchema: " + m_dir.path() + "/c.yaml:2: clusters.a: missing key 'user'\n");
}

TEST_F(AppRunTest, SubCommandsResolveTheirAliasesBeforeConnecting) {
  const std::string config = write_config("clusters:\n  a: {host: x, user: u}\n");
  Outcome o = run_with({"clean", "-target", "nope", "-config", config});
  EXPECT_EQ(o.code, 2);
  EXPECT_THAT(o.err, HasSubstr("unknown cluster alias 'nope' for -target"));
  o = run_with({"check", "-source", "nope", "-config", config});
  EXPECT_EQ(o.code, 2);
  EXPECT_THAT(o.err, HasSubstr("unknown cluster alias 'nope' for -source"));
}

TEST_F(AppRunTest, LogFileGetsRunIdAndNoSecrets) {
  const config::test::ScopedEnv env("EXL_APP_TEST_PW", "app-env-Pw-10");
  const std::string log = m_dir.path() + "/run.log";
  auto args = run_args(write_config(k_config));
  args.insert(args.end(), {"-log", log});
  const Outcome o = run_with(args);
  EXPECT_EQ(o.code, 2);
  std::ifstream in(log);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_TRUE(std::regex_search(text, std::regex(R"(\[run \d{8}T\d{6}-[0-9a-f]{4}\] \[task -\])")))
      << text;
  EXPECT_THAT(text, HasSubstr("-o meta: a (u@fe-a:9030) -> b (u@fe-b:9030)"));
  EXPECT_THAT(text, HasSubstr("exit code 2: exlSchema: -o meta needs scs.home"));
  EXPECT_EQ(text.find("app-Pw-9"), std::string::npos);
  EXPECT_EQ(text.find("app-env-Pw-10"), std::string::npos);
  // Debug lines reach the file, not the console without -v.
  EXPECT_EQ(o.err.find("-o v2: a"), std::string::npos);
}

} // namespace
} // namespace exl::app
