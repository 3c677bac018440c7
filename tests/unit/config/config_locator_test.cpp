#include "exlschema/config/config_locator.hpp"
#include "exlschema/util/errors.hpp"
#include "support/temp_dir.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace exl::config {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

class ConfigLocatorTest : public ::testing::Test {
protected:
  ConfigLocatorTest() {
    fs::create_directories(m_dir.path() + "/cwd");
    fs::create_directories(m_dir.path() + "/home");
    m_search.working_dir = m_dir.path() + "/cwd";
    m_search.home_dir = m_dir.path() + "/home";
  }
  test::TempDir m_dir;
  ConfigSearch m_search;
};

TEST_F(ConfigLocatorTest, SearchOrderCliThenEnvThenCwdThenHome) {
  const std::string cli = m_dir.write("cli.yaml", "x");
  const std::string env = m_dir.write("env.yaml", "x");
  const std::string cwd = m_dir.write("cwd/.exlSchema.yaml", "x");
  const std::string home = m_dir.write("home/.exlSchema.yaml", "x");
  m_search.cli_path = cli;
  m_search.env_path = env;
  EXPECT_EQ(find_config_file(m_search), cli);
  m_search.cli_path.clear();
  EXPECT_EQ(find_config_file(m_search), env);
  m_search.env_path.reset();
  EXPECT_EQ(find_config_file(m_search), cwd);
  fs::remove(cwd);
  EXPECT_EQ(find_config_file(m_search), home);
  fs::remove(home);
  EXPECT_THAT([&] { find_config_file(m_search); }, ::testing::Throws<ConfigError>());
}

TEST_F(ConfigLocatorTest, ExplicitFileMustExist) {
  m_dir.write("cwd/.exlSchema.yaml", "x");
  m_search.cli_path = m_dir.path() + "/nope.yaml";
  try {
    find_config_file(m_search);
    FAIL() << "expected ConfigError";
  } catch (const ConfigError& e) {
    EXPECT_THAT(e.what(), HasSubstr("nope.yaml (from -config) does not exist"));
  }
  m_search.cli_path.clear();
  m_search.env_path = m_dir.path() + "/env-nope.yaml";
  EXPECT_THROW(find_config_file(m_search), ConfigError);
}

TEST_F(ConfigLocatorTest, NothingFoundListsThePlaces) {
  try {
    find_config_file(m_search);
    FAIL() << "expected ConfigError";
  } catch (const ConfigError& e) {
    EXPECT_THAT(e.what(), HasSubstr("-config PATH"));
    EXPECT_THAT(e.what(), HasSubstr("$EXLSCHEMA_CONFIG"));
    EXPECT_THAT(e.what(), HasSubstr("~/.exlSchema.yaml"));
  }
}

TEST_F(ConfigLocatorTest, FromProcessReadsEnvironment) {
  const test::ScopedEnv env("EXLSCHEMA_CONFIG", "/some/where.yaml");
  const ConfigSearch search = ConfigSearch::from_process("");
  EXPECT_EQ(search.env_path, "/some/where.yaml");
  EXPECT_FALSE(search.working_dir.empty());
}

TEST_F(ConfigLocatorTest, PermissionWarning) {
  using fs::perms;
  const std::string private_file = m_dir.write("p.yaml", "x");
  EXPECT_EQ(permission_warning(private_file), std::nullopt);
  const std::string group =
      m_dir.write("g.yaml", "x", perms::owner_read | perms::owner_write | perms::group_read);
  const auto warning = permission_warning(group);
  ASSERT_TRUE(warning.has_value());
  EXPECT_THAT(*warning, HasSubstr(group));
  EXPECT_THAT(*warning, HasSubstr("mode 0640"));
  EXPECT_THAT(*warning, HasSubstr("chmod 600 " + group));
  const std::string others = m_dir.write("o.yaml", "x", perms::owner_read | perms::others_read);
  EXPECT_TRUE(permission_warning(others).has_value());
}

} // namespace
} // namespace exl::config
