#include "exlschema/scs/conf_files.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace {

namespace fs = std::filesystem;

std::string conf_text(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

} // namespace

// The generated file is 0600; the previous one (and its mode) comes back, a new one goes away.
TEST(ConfFilesTest, WritesPrivatelyAndRestores) {
  exl::config::test::TempDir dir;
  const std::string sync = dir.write("sync.properties", "user's own\n",
                                     fs::perms::owner_read | fs::perms::owner_write |
                                         fs::perms::group_read | fs::perms::others_read);
  const std::string hosts = dir.path() + "/hosts.properties";
  {
    exl::scs::ConfFiles files;
    files.write(sync, "generated\n");
    files.write(hosts, "# hosts\n");
    EXPECT_EQ(conf_text(sync), "generated\n");
    EXPECT_EQ(fs::status(sync).permissions(), fs::perms::owner_read | fs::perms::owner_write);
    EXPECT_EQ(conf_text(sync + ".exl-backup"), "user's own\n");
    EXPECT_TRUE(fs::exists(hosts));
  } // the destructor restores: also what happens when an exception unwinds a run
  EXPECT_EQ(conf_text(sync), "user's own\n");
  EXPECT_EQ(fs::status(sync).permissions(), fs::perms::owner_read | fs::perms::owner_write |
                                                fs::perms::group_read | fs::perms::others_read);
  EXPECT_FALSE(fs::exists(sync + ".exl-backup"));
  EXPECT_FALSE(fs::exists(hosts));
}
