#include "support/mariadb_env.hpp"

#include <gtest/gtest.h>

using exl::test::parse_mariadb_env;

TEST(MariaDbEnvTest, ParsesTheFileMariadbShWrites) {
  const auto env = parse_mariadb_env("MARIADB_HOST=127.0.0.1\nMARIADB_PORT=34567\n"
                                     "MARIADB_SOCKET=/tmp/x/mysqld.sock\nMARIADB_USER=root\n"
                                     "MARIADB_PASSWORD=pw0a1b\nMARIADB_PID=42\n");
  ASSERT_TRUE(env.has_value());
  EXPECT_EQ(env->host, "127.0.0.1");
  EXPECT_EQ(env->port, 34567);
  EXPECT_EQ(env->socket, "/tmp/x/mysqld.sock");
  EXPECT_EQ(env->user, "root");
  EXPECT_EQ(env->password, "pw0a1b");
}

TEST(MariaDbEnvTest, IncompleteFileIsRejected) {
  EXPECT_FALSE(parse_mariadb_env("MARIADB_HOST=127.0.0.1\n").has_value());
}
