// StarRocks's hash functions over the wire: documented values on the sandbox (3.3.5), the same
// checksum on two clusters of different releases, and xx_hash3_64 refused before 3.2.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support_client.hpp"

namespace srsim::test {
namespace {

using ::testing::ElementsAre;

TEST(FrontHashTest, DocumentedValuesThroughTheWire) {
  auto c = Client::root("SRC");
  auto r = c->query("SELECT xx_hash3_64('hello'), xx_hash3_64('hello', 'world'), "
                    "xx_hash3_64(NULL), murmur_hash3_32('hello'), "
                    "murmur_hash3_32('hello', 'world'), murmur_hash3_32(NULL)");
  ASSERT_TRUE(r.ok()) << r.message;
  EXPECT_THAT(r.columns, ElementsAre("xx_hash3_64('hello')", "xx_hash3_64('hello', 'world')",
                                     "xx_hash3_64(NULL)", "murmur_hash3_32('hello')",
                                     "murmur_hash3_32('hello', 'world')", "murmur_hash3_32(NULL)"));
  EXPECT_THAT(r.rows[0], ElementsAre("-7685981735718036227", "7001965798170371843", std::nullopt,
                                     "1321743225", "984713481", std::nullopt));
}

// exlSchema compares one cluster's answer with another's: the murmur pair checksum of the same
// rows must read the same on 3.3 and on 2.5, DECIMAL and DATETIME text included.
TEST(FrontHashTest, MurmurChecksumReadsTheSameOnTwoReleases) {
  PrivateSrsim old_release({"--version", "2.5.22"});
  std::string db = unique_id("hash");
  std::string setup = "CREATE TABLE " + db +
                      ".t (id INT, amount DECIMAL(10,2), ts DATETIME, f DOUBLE) DUPLICATE KEY(id) "
                      "DISTRIBUTED BY HASH(id) BUCKETS 1";
  std::string load = "INSERT INTO " + db +
                     ".t VALUES (1, 1.5, '2024-01-01 10:00:05', 0.25), (2, NULL, NULL, NULL)";
  std::string checksum =
      "SELECT COUNT(*) AS n, SUM(CAST(exl_h1 AS LARGEINT)) AS s1, SUM(CAST(exl_h2 AS LARGEINT)) "
      "AS s2 FROM (SELECT murmur_hash3_32(IFNULL(CONCAT('v', CAST(amount AS VARCHAR)), 'n'), "
      "IFNULL(CONCAT('v', date_format(ts, '%Y-%m-%d %H:%i:%s.%f')), 'n'), IFNULL(CONCAT('v', "
      "CAST(f AS STRING)), 'n')) AS exl_h1, murmur_hash3_32('exl', CAST(id AS VARCHAR(65533))) "
      "AS exl_h2 FROM " +
      db + ".t) AS exl_audit";
  std::vector<std::unique_ptr<Client>> clients;
  clients.push_back(Client::root("DST"));
  clients.push_back(old_release.root());
  std::vector<QueryResult> answers;
  for (auto& c : clients) {
    ASSERT_TRUE(c->query("CREATE DATABASE " + db).ok());
    ASSERT_TRUE(c->query(setup).ok());
    ASSERT_TRUE(c->query(load).ok());
    answers.push_back(c->query(checksum));
    ASSERT_TRUE(answers.back().ok()) << answers.back().message;
    EXPECT_TRUE(c->query("DROP DATABASE " + db).ok());
  }
  EXPECT_EQ(answers[0].rows, answers[1].rows);
  EXPECT_EQ(answers[0].rows[0][0], "2");
}

TEST(FrontHashTest, XxHash3IsAnAnalyzerErrorBefore32) {
  PrivateSrsim sim({"--version", "3.1.17"});
  auto r = sim.root()->query("SELECT xx_hash3_64('hello')");
  EXPECT_EQ(r.error, 1064u);
  EXPECT_EQ(r.sqlstate, "HY000");
  EXPECT_EQ(r.message, "Getting analyzing error. Detail message: No matching function with "
                       "signature: xx_hash3_64(varchar).");
}

} // namespace
} // namespace srsim::test
