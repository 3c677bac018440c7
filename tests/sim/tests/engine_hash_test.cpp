// xx_hash3_64 and murmur_hash3_32 (srsim_udf.so), the release gate of xx_hash3_64, and the CAST
// translations the content checksum of issue #11 relies on (engine/call_rewrite.hpp).

#include "engine/hash_functions.hpp"
#include "engine_test_support.hpp"

#include <gmock/gmock.h>
#include <xxhash.h>

#include <filesystem>

namespace srsim::test {
namespace {

// StarRocks's xx_hash3_64: XXH3 with seed 0, each further argument seeded with the previous hash
// (be/src/exprs/hash_functions.cpp); independent of the UDF, through libxxhash directly.
std::int64_t reference_xx_hash3_64(const std::vector<std::string>& args) {
  std::uint64_t seed = 0;
  for (const std::string& a : args) {
    seed = XXH3_64bits_withSeed(a.data(), a.size(), seed);
  }
  return static_cast<std::int64_t>(seed);
}

std::string reference_int128_text(__int128 v) {
  if (v == 0) {
    return "0";
  }
  bool negative = v < 0;
  unsigned __int128 u = negative ? -static_cast<unsigned __int128>(v) : v;
  std::string digits;
  for (; u != 0; u /= 10) {
    digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(u % 10)));
  }
  return negative ? "-" + digits : digits;
}

class HashTest : public EngineTest {};

TEST_F(HashTest, XxHash3MatchesStarRocksDocsAndTests) {
  // docs sql-functions/hash-functions/xx_hash3_64.md and be/test/exprs/hash_functions_test.cpp.
  ResultSet rs = rows("SELECT xx_hash3_64('hello'), xx_hash3_64('hello', 'world'), "
                      "xx_hash3_64(NULL), xx_hash3_64('starrocks'), "
                      "XX_HASH3_64('hello', 'starrocks') AS two");
  ASSERT_EQ(rs.rows.size(), 1u);
  EXPECT_EQ(rs.columns[0], "xx_hash3_64('hello')");
  EXPECT_EQ(rs.columns[1], "xx_hash3_64('hello', 'world')");
  EXPECT_EQ(rs.rows[0][0], "-7685981735718036227");
  EXPECT_EQ(rs.rows[0][1], "7001965798170371843");
  EXPECT_EQ(rs.rows[0][2], std::nullopt);
  EXPECT_EQ(rs.rows[0][3], "6573472450560322992");
  EXPECT_EQ(rs.rows[0][4], "2803320466222626098");
  EXPECT_EQ(reference_xx_hash3_64({"hello", "world"}), 7001965798170371843);
}

TEST_F(HashTest, NullInAnyArgumentGivesNullAndEmptyStringDoesNot) {
  ResultSet rs = rows("SELECT xx_hash3_64('a', NULL, 'b'), murmur_hash3_32('a', NULL), "
                      "xx_hash3_64(''), murmur_hash3_32(''), xx_hash3_64('', 'a')");
  ASSERT_EQ(rs.rows.size(), 1u);
  EXPECT_EQ(rs.rows[0][0], std::nullopt);
  EXPECT_EQ(rs.rows[0][1], std::nullopt);
  EXPECT_EQ(rs.rows[0][2], std::to_string(reference_xx_hash3_64({""})));
  EXPECT_EQ(rs.rows[0][3], std::to_string(engine::murmur_hash3_32({""})));
  EXPECT_EQ(rs.rows[0][4], std::to_string(reference_xx_hash3_64({"", "a"})));
}

TEST_F(HashTest, ColumnsHashAsTheirTextAndSumsStayExact) {
  ok("CREATE TABLE h (id BIGINT, name VARCHAR(40)) DUPLICATE KEY(id) "
     "DISTRIBUTED BY HASH(id) BUCKETS 1");
  std::string values;
  __int128 sum1 = 0, sum_m1 = 0, sum_m2 = 0;
  for (int i = 0; i < 2000; ++i) {
    std::string id = std::to_string(1000000007LL * i), name = "name-" + std::to_string(i);
    values += (values.empty() ? "(" : ", (") + id + ", '" + name + "')";
    sum1 += reference_xx_hash3_64({id, name});
    sum_m1 += engine::murmur_hash3_32({id, name});
    sum_m2 += engine::murmur_hash3_32({"exl", id, name});
  }
  ok("INSERT INTO h VALUES " + values);
  // Near 2^63 per hash: a BIGINT sum would overflow; LARGEINT (DECIMAL(39,0)) must not.
  ResultSet rs = rows("SELECT COUNT(*) AS n, SUM(CAST(xx_hash3_64(id, name) AS LARGEINT)) AS s1, "
                      "SUM(CAST(murmur_hash3_32(id, name) AS LARGEINT)) AS m1, "
                      "SUM(CAST(murmur_hash3_32('exl', id, name) AS LARGEINT)) AS m2 FROM h");
  ASSERT_EQ(rs.rows.size(), 1u);
  EXPECT_EQ(cell(rs, 0, "n"), "2000");
  EXPECT_EQ(cell(rs, 0, "s1"), reference_int128_text(sum1));
  EXPECT_EQ(cell(rs, 0, "m1"), reference_int128_text(sum_m1));
  EXPECT_EQ(cell(rs, 0, "m2"), reference_int128_text(sum_m2));
}

// srsim refuses to start without its UDF library rather than compute something else. The library
// leaves the fixture server's plugin directory (tests/support/mariadb.sh) for this test only.
TEST_F(HashTest, EngineRefusesToStartWithoutTheUdfLibrary) {
  std::filesystem::path env = std::getenv("EXL_TEST_MARIADB_ENV");
  std::filesystem::path library = env.parent_path() / "plugin" / "srsim_udf.so";
  std::filesystem::path hidden = env.parent_path() / "srsim_udf.so.hidden";
  ASSERT_TRUE(std::filesystem::exists(library));
  struct Restore {
    std::filesystem::path from, to;
    ~Restore() { std::filesystem::rename(from, to); }
  };
  {
    std::filesystem::rename(library, hidden);
    Restore restore{hidden, library};
    engine::Backend conn(m_config.storage);
    conn.exec("DROP FUNCTION IF EXISTS srsim_xxh3_64");
    conn.exec("DROP FUNCTION IF EXISTS srsim_mmh3_32");
    try {
      make_engine(m_config);
      ADD_FAILURE() << "the engine started without srsim_udf.so";
    } catch (const std::runtime_error& e) {
      EXPECT_THAT(e.what(), ::testing::HasSubstr("needs its MariaDB UDF library srsim_udf.so"));
      EXPECT_THAT(e.what(), ::testing::HasSubstr("SRSIM_UDF="));
    }
  }
  make_engine(m_config); // the library is back: the functions are created again
  EXPECT_EQ(scalar("SELECT xx_hash3_64('hello')"), "-7685981735718036227");
}

class HashGateTest : public EngineTest {
protected:
  void configure(ClusterConfig& c) override { c.version = Version{3, 1, 17}; }
};

TEST_F(HashGateTest, XxHash3IsUnknownBefore32) {
  EXPECT_EQ(error("SELECT xx_hash3_64('hello')"),
            "Getting analyzing error. Detail message: No matching function with signature: "
            "xx_hash3_64(varchar).");
  EXPECT_EQ(error("SELECT k FROM (SELECT 1 AS k) q WHERE Xx_Hash3_64('a', 7, NULL) > 0"),
            "Getting analyzing error. Detail message: No matching function with signature: "
            "xx_hash3_64(varchar, tinyint(4), unknown type: NULL_TYPE).");
  // murmur_hash3_32 is in every simulated release.
  EXPECT_EQ(scalar("SELECT murmur_hash3_32('hello')"), "1321743225");
}

class HashGate25Test : public EngineTest {
protected:
  void configure(ClusterConfig& c) override { c.version = Version{2, 5, 22}; }
};

TEST_F(HashGate25Test, XxHash3IsUnknownIn25EvenInsideAnInsert) {
  ok("CREATE TABLE s (k INT, h BIGINT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1");
  EXPECT_EQ(error("INSERT INTO s SELECT 1, xx_hash3_64('a', 100000)"),
            "Getting analyzing error. Detail message: No matching function with signature: "
            "xx_hash3_64(varchar, int(11)).");
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM s"), "0");
}

class HashGate32Test : public EngineTest {
protected:
  void configure(ClusterConfig& c) override { c.version = Version{3, 2, 0}; }
};

TEST_F(HashGate32Test, XxHash3ExistsFrom320) {
  EXPECT_EQ(scalar("SELECT xx_hash3_64('hello')"), "-7685981735718036227");
  EXPECT_EQ(error("SELECT xx_hash3_64()"),
            "Getting analyzing error. Detail message: No matching function with signature: "
            "xx_hash3_64().");
}

} // namespace
} // namespace srsim::test
