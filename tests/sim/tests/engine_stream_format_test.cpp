// Stream Load bodies and values without a server: CSV splitting (separators, enclose, escape,
// `\N`), JSON rows, header checks per version, and the conversion of each column type
// (engine/stream_format.hpp, engine/stream_convert.hpp).

#include "engine/stream_convert.hpp"
#include "engine/stream_format.hpp"

#include <gtest/gtest.h>

namespace srsim::engine {
namespace {

std::string fields_of(const SourceRow& row) {
  std::string out;
  for (const auto& f : row.fields) {
    out += (out.empty() ? "" : "|") + f.value_or("<NULL>");
  }
  return out;
}

LoadFormat csv_format(const std::map<std::string, std::string>& headers,
                      Version v = Version{3, 3, 5}) {
  return load_format(headers, v);
}

TEST(StreamFormatTest, SplitsPlainCsvWithNullsAndEmptyStrings) {
  auto rows = parse_csv(csv_format({{"column_separator", ","}}), "1,,\\N\n\n2,b,c");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(fields_of(rows[0]), "1||<NULL>");
  EXPECT_EQ(rows[0].text, "1,,\\N");
  EXPECT_EQ(fields_of(rows[1]), "2|b|c");
}

TEST(StreamFormatTest, HexSeparatorsAndMultiByteDelimiters) {
  EXPECT_EQ(decode_separator("\\x01"), std::string("\x01"));
  EXPECT_EQ(decode_separator("\\x0D0A"), "\r\n");
  EXPECT_EQ(decode_separator("||"), "||");
  auto rows = parse_csv(csv_format({{"column_separator", "||"}, {"row_delimiter", "\\x0D0A"}}),
                        "a||b\r\nc||d\r\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(fields_of(rows[1]), "c|d");
}

TEST(StreamFormatTest, EncloseAndEscapeFromThreeZeroOnly) {
  std::map<std::string, std::string> h = {
      {"column_separator", ","}, {"enclose", "\""}, {"escape", "\\"}};
  auto rows = parse_csv(csv_format(h), "1,\"a,b\nc\",\"x\"\"y\",q\\,r,\\N\n");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(fields_of(rows[0]), "1|a,b\nc|x\"y|q,r|<NULL>");
  rows = parse_csv(csv_format(h, Version{2, 5, 22}), "1,\"a,b\"\n");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(fields_of(rows[0]), "1|\"a|b\""); // 2.5 ignores both headers
}

TEST(StreamFormatTest, RefusesUnknownFormatsAndReadsJson) {
  EXPECT_THROW(csv_format({{"format", "parquet"}}), LoadFailure);
  LoadFormat f = csv_format({{"format", "JSON"}, {"strip_outer_array", "true"}});
  auto rows = parse_json(f, R"([{"a": 1, "b": "x"}, {"a": null}, 5])", {"a", "b"});
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(fields_of(rows[0]), "1|x");
  EXPECT_EQ(fields_of(rows[1]), "<NULL>|<NULL>");
  EXPECT_FALSE(rows[2].error.empty());
  f.strip_outer_array = false;
  rows = parse_json(f, R"([{"a": 1}])", {"a"});
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].error, "JSON data is an array, strip_outer_array must be set true");
}

ColumnDef column(const std::string& base, const std::string& type, const std::string& sql = "") {
  ColumnDef c;
  c.name = "c";
  c.base = base;
  c.type = type;
  c.sql_type = sql;
  return c;
}

std::string conv(const ColumnDef& c, const std::string& v) {
  Converted r = convert_field(c, v);
  return r.ok ? literal_of(r) : "<bad>";
}

TEST(StreamConvertTest, ConvertsOrRefusesEachType) {
  EXPECT_EQ(conv(column("tinyint", "tinyint(4)"), "-128"), "-128");
  EXPECT_EQ(conv(column("tinyint", "tinyint(4)"), "128"), "<bad>");
  EXPECT_EQ(conv(column("int", "int(11)"), "+7"), "7");
  EXPECT_EQ(conv(column("int", "int(11)"), "7.5"), "<bad>");
  EXPECT_EQ(conv(column("largeint", "largeint(40)"), "170141183460469231731687303715884105727"),
            "170141183460469231731687303715884105727");
  EXPECT_EQ(conv(column("largeint", "largeint(40)"), "170141183460469231731687303715884105728"),
            "<bad>");
  EXPECT_EQ(conv(column("largeint", "largeint(40)"), "-170141183460469231731687303715884105728"),
            "-170141183460469231731687303715884105728");
  EXPECT_EQ(conv(column("largeint", "largeint(40)"), "-170141183460469231731687303715884105729"),
            "<bad>");
  EXPECT_EQ(conv(column("bigint", "bigint(20)"), "-9223372036854775808"), "-9223372036854775808");
  EXPECT_EQ(conv(column("bigint", "bigint(20)"), "-9223372036854775809"), "<bad>");
  EXPECT_EQ(conv(column("tinyint", "tinyint(4)"), "-129"), "<bad>");
  ColumnDef dec = column("decimal", "decimal64(10, 2)", "DECIMAL(10,2)");
  EXPECT_EQ(conv(dec, "12345678.999"), "12345678.999");
  EXPECT_EQ(conv(dec, "123456789"), "<bad>");
  EXPECT_EQ(conv(column("double", "double"), "1e3"), "1e3");
  EXPECT_EQ(conv(column("double", "double"), "nan"), "<bad>");
  EXPECT_EQ(conv(column("boolean", "boolean"), "TRUE"), "1");
  EXPECT_EQ(conv(column("date", "date"), "2024-2-9"), "'2024-02-09'");
  EXPECT_EQ(conv(column("date", "date"), "20240229"), "'2024-02-29'");
  EXPECT_EQ(conv(column("date", "date"), "2023-02-29"), "<bad>");
  EXPECT_EQ(conv(column("datetime", "datetime"), "2024-01-02T03:04:05.5"),
            "'2024-01-02 03:04:05.5'");
  EXPECT_EQ(conv(column("datetime", "datetime"), "2024-01-02 24:00:00"), "<bad>");
  EXPECT_EQ(conv(column("varchar", "varchar(3)"), "abc"), "'abc'");
  EXPECT_EQ(conv(column("varchar", "varchar(3)"), "abcd"), "<bad>");
  EXPECT_EQ(conv(column("varchar", "varchar(10)"), "it's \\"), "'it\\'s \\\\'");
  EXPECT_EQ(conv(column("json", "json"), "{\"a\": 1}"), "'{\"a\": 1}'");
  EXPECT_EQ(conv(column("json", "json"), "{a"), "<bad>");
  EXPECT_EQ(conv(column("array", "array<int(11)>"), "[1,2]"), "'[1,2]'");
  EXPECT_EQ(conv(column("array", "array<int(11)>"), "1,2"), "<bad>");
}

} // namespace
} // namespace srsim::engine
