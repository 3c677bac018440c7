// Bad input against a live sandbox: exit 2 and not one statement, not even a login, reaches
// either cluster (PRODUCT.md §1).
#include "e2e/e2e_support.hpp"

namespace exl::test::e2e {
namespace {

TEST(BadInputTest, UnknownAliasConnectsToNothing) {
  const QueryLogMark src("SRC");
  const QueryLogMark dst("DST");
  const ExlResult r = run_exl({"-source", "src", "-target", "nosuch", "-t", "db.t", "-o", "ghost"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("nosuch"), std::string::npos) << r.err;
  EXPECT_TRUE(src.statements().empty());
  EXPECT_TRUE(dst.statements().empty());
}

} // namespace
} // namespace exl::test::e2e
