#pragma once

#include "support_client.hpp"

#include <gtest/gtest.h>

#include <string>

// Shared by srsim's end-to-end tests.
namespace srsim::test {

// Runs `sql` on `c` and expects it to succeed; a failure names the statement and the error.
inline QueryResult ok(Client& c, const std::string& sql) {
  QueryResult r = c.query(sql);
  EXPECT_TRUE(r.ok()) << sql << " -> " << r.error << " " << r.message;
  return r;
}

} // namespace srsim::test
