#include "exlschema/scs/scs_process.hpp"
#include "exlschema/util/redact.hpp"
#include "support/eventually.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace {

namespace fs = std::filesystem;

// An scs home whose start.sh daemonises a shell loop (as a nohup-style start script does) that
// writes its environment and pid, and whose stop.sh stops it by the pid file unless told not to.
void make_fake_scs_home(const exl::config::test::TempDir& dir, const std::string& loop) {
  fs::create_directories(dir.path() + "/bin");
  fs::create_directories(dir.path() + "/conf");
  dir.write("bin/loop.sh", loop);
  dir.write("bin/start.sh",
            "#!/bin/sh\ncd \"$(dirname \"$0\")/..\"\nnohup sh bin/loop.sh >log/out 2>&1 &\n"
            "echo $! >bin/pid\n");
  dir.write("bin/stop.sh", "#!/bin/sh\ncd \"$(dirname \"$0\")/..\"\n"
                           "[ -f bin/no-stop ] || kill \"$(cat bin/pid)\"\n");
  for (const char* script : {"/bin/start.sh", "/bin/stop.sh"}) {
    fs::permissions(dir.path() + script, fs::perms::owner_all);
  }
}

std::string file_text(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

bool wait_for_file(const std::string& path) {
  return exl::test::eventually([&] { return fs::exists(path); }, std::chrono::seconds(5));
}

} // namespace

TEST(ScsProcessTest, StartsInItsOwnGroupWithoutSecretsAndStopsWithStopSh) {
  exl::config::test::TempDir dir;
  // Written whole, then renamed: the test reads it as soon as it exists.
  make_fake_scs_home(dir,
                     "env >log/env.tmp && mv log/env.tmp log/env\nwhile :; do sleep 0.1; done\n");
  ::setenv("EXL_SCS_TEST_SECRET", "scs-secret-value-1", 1);
  ::setenv("EXL_SCS_TEST_PLAIN", "plain-value", 1);
  exl::util::register_secret("scs-secret-value-1");
  exl::scs::ScsProcess process(dir.path());
  process.start();
  ASSERT_TRUE(wait_for_file(dir.path() + "/log/env"));
  EXPECT_TRUE(process.running());
  EXPECT_NE(process.group(), ::getpgrp());
  const std::string env = file_text(dir.path() + "/log/env");
  EXPECT_EQ(env.find("scs-secret-value-1"), std::string::npos);
  EXPECT_NE(env.find("EXL_SCS_TEST_PLAIN=plain-value"), std::string::npos);
  EXPECT_EQ(process.stop(std::chrono::seconds(5)), "stopped by bin/stop.sh");
  EXPECT_FALSE(process.running());
  ::unsetenv("EXL_SCS_TEST_SECRET");
}

// A tool that ignores SIGTERM and whose stop.sh does nothing is killed with its group.
TEST(ScsProcessTest, KillsTheGroupWhenStopShDoesNotStopIt) {
  exl::config::test::TempDir dir;
  make_fake_scs_home(dir, "trap '' TERM\necho up >log/up\nwhile :; do sleep 0.1; done\n");
  dir.write("bin/no-stop", "");
  exl::scs::ScsProcess process(dir.path());
  process.start();
  ASSERT_TRUE(wait_for_file(dir.path() + "/log/up"));
  EXPECT_EQ(process.stop(std::chrono::seconds(1)), "killed (SIGKILL to its process group)");
  EXPECT_FALSE(process.running());
}

// The daemonised tool is reaped by exlSchema (child subreaper): its exit status is known.
TEST(ScsProcessTest, SeesTheToolExitAndItsStatus) {
  exl::config::test::TempDir dir;
  make_fake_scs_home(dir, "sleep 0.2\nexit 7\n");
  exl::scs::ScsProcess process(dir.path());
  process.start();
  EXPECT_TRUE(exl::test::eventually([&] { return !process.running(); }, std::chrono::seconds(5)));
  EXPECT_EQ(process.last_exit(), 7);
}
