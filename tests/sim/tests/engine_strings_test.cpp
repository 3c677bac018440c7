// String comparison in srsim is StarRocks's: byte for byte, case and trailing spaces count
// (MariaDB's default collation would say 'abc' = 'ABC' and 'a' = 'a ').

#include "engine_test_support.hpp"

namespace srsim::test {
namespace {

class StringsTest : public EngineTest {};

TEST_F(StringsTest, FiltersAndGroupingAreCaseSensitive) {
  ok("CREATE TABLE s (id INT, name VARCHAR(20)) DUPLICATE KEY(id) DISTRIBUTED BY HASH(id)");
  ok("INSERT INTO s VALUES (1, 'abc'), (2, 'ABC'), (3, 'abc ')");
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM s WHERE name = 'abc'"), "1");
  EXPECT_EQ(scalar("SELECT COUNT(DISTINCT name) FROM s"), "3");
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM (SELECT name FROM s GROUP BY name) g"), "3");
  EXPECT_EQ(scalar("SELECT 'a' = 'A'"), "0");
}

TEST_F(StringsTest, PrimaryKeysDifferingInCaseAreTwoRows) {
  ok("CREATE TABLE pk (k VARCHAR(20), v INT) PRIMARY KEY(k) DISTRIBUTED BY HASH(k)");
  ok("INSERT INTO pk VALUES ('key', 1), ('KEY', 2)");
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM pk"), "2");
  ok("INSERT INTO pk VALUES ('key', 3)"); // upsert of the lower-case key only
  EXPECT_EQ(scalar("SELECT GROUP_CONCAT(v ORDER BY v) FROM pk"), "2,3");
}

TEST_F(StringsTest, ListPartitionValuesMatchExactly) {
  ok("CREATE TABLE l (id INT, city VARCHAR(20)) DUPLICATE KEY(id) "
     "PARTITION BY LIST(city) (PARTITION pLA VALUES IN ('LA')) DISTRIBUTED BY HASH(id)");
  ok("INSERT INTO l VALUES (1, 'LA')");
  EXPECT_NE(error("INSERT INTO l VALUES (2, 'la')").find("Insert has filtered data"),
            std::string::npos);
  // One load with both spellings: the whole load fails, as in strict mode in StarRocks.
  EXPECT_NE(error("INSERT INTO l VALUES (3, 'LA'), (4, 'la')").find("Insert has filtered data"),
            std::string::npos);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM l"), "1");
}

} // namespace
} // namespace srsim::test
