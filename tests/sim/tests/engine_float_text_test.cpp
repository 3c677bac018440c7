// FLOAT and DOUBLE in query results as StarRocks prints them (engine/float_text.hpp): shortest
// round-trip digits in the layout of StarRocks's ryu patch (thirdparty/patches/ryu.patch), and
// end to end through the engine, where MariaDB alone would print a FLOAT with six digits.

#include "engine/float_text.hpp"
#include "engine_test_support.hpp"

#include <cmath>
#include <limits>

namespace srsim::test {
namespace {

using engine::restyle_double_text;
using engine::starrocks_double_text;
using engine::starrocks_float_text;

TEST(FloatTextTest, FloatIsShortestRoundTripInStarRocksLayout) {
  EXPECT_EQ(starrocks_float_text(3.1415927f), "3.1415927");
  EXPECT_EQ(starrocks_float_text(0.1f), "0.1");
  EXPECT_EQ(starrocks_float_text(16777216.0f), "16777216"); // exponent 7: still plain
  EXPECT_EQ(starrocks_float_text(123456792.0f), "1.2345679e+08");
  EXPECT_EQ(starrocks_float_text(1e20f), "1e+20");
  EXPECT_EQ(starrocks_float_text(0.0001f), "0.0001"); // exponent -4: plain
  EXPECT_EQ(starrocks_float_text(0.00001f), "1e-05");
  EXPECT_EQ(starrocks_float_text(-1.1754944e-38f), "-1.1754944e-38");
  EXPECT_EQ(starrocks_float_text(3.4028235e38f), "3.4028235e+38");
  EXPECT_EQ(starrocks_float_text(100.0f), "100");
  EXPECT_EQ(starrocks_float_text(0.0f), "0");
  EXPECT_EQ(starrocks_float_text(-0.0f), "-0");
  EXPECT_EQ(starrocks_float_text(std::numeric_limits<float>::infinity()), "inf");
  EXPECT_EQ(starrocks_float_text(-std::numeric_limits<float>::infinity()), "-inf");
  EXPECT_EQ(starrocks_float_text(std::nanf("")), "nan");
}

TEST(FloatTextTest, DoubleIsPlainUpToExponentFifteen) {
  EXPECT_EQ(starrocks_double_text(3.141592653589793), "3.141592653589793");
  EXPECT_EQ(starrocks_double_text(1e15), "1000000000000000");
  EXPECT_EQ(starrocks_double_text(1e16), "1e+16");
  EXPECT_EQ(starrocks_double_text(1e300), "1e+300");
  EXPECT_EQ(starrocks_double_text(1.5e-7), "1.5e-07");
  EXPECT_EQ(starrocks_double_text(-2.5), "-2.5");
  EXPECT_EQ(restyle_double_text("1e300"), "1e+300");
  EXPECT_EQ(restyle_double_text("0.00000015"), "1.5e-07");
  EXPECT_EQ(restyle_double_text("abc"), std::nullopt);
}

class FloatResultTest : public EngineTest {};

TEST_F(FloatResultTest, FloatAndDoubleColumnsPrintAsStarRocks) {
  ok("CREATE TABLE t (k INT, f FLOAT, d DOUBLE, s VARCHAR(20), dt DATETIME, m DECIMAL(10,3)) "
     "DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1 PROPERTIES('replication_num'='1')");
  ok("INSERT INTO t VALUES (1, 3.1415927, 1e300, 'a\\'b', '2024-01-02 03:04:05', 1.5),"
     "(2, 123456789, 0.00000015, NULL, NULL, NULL), (3, NULL, NULL, 'x', '2024-12-31', -2)");
  const ResultSet rs = rows("SELECT k, f, d, s, dt, m FROM t ORDER BY k");
  ASSERT_EQ(rs.rows.size(), 3u);
  EXPECT_EQ(cell(rs, 0, "f"), "3.1415927");
  EXPECT_EQ(cell(rs, 1, "f"), "1.2345679e+08");
  EXPECT_EQ(cell(rs, 2, "f"), "NULL");
  EXPECT_EQ(cell(rs, 0, "d"), "1e+300");
  EXPECT_EQ(cell(rs, 1, "d"), "1.5e-07");
  // The other columns of a result holding a FLOAT print as they do without one.
  EXPECT_EQ(cell(rs, 0, "s"), "a'b");
  EXPECT_EQ(cell(rs, 0, "dt"), "2024-01-02 03:04:05");
  EXPECT_EQ(cell(rs, 2, "dt"), "2024-12-31 00:00:00");
  EXPECT_EQ(cell(rs, 0, "m"), "1.500");
  EXPECT_EQ(cell(rs, 2, "m"), "-2.000");
  EXPECT_EQ(cell(rs, 1, "s"), "NULL");
  const ResultSet without = rows("SELECT k, s, dt, m FROM t ORDER BY k");
  EXPECT_EQ(cell(without, 0, "dt"), cell(rs, 0, "dt"));
  EXPECT_EQ(cell(without, 0, "m"), cell(rs, 0, "m"));
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM t WHERE f > 3.14"), "2");
}

} // namespace
} // namespace srsim::test
