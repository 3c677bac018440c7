#include "exlschema/starrocks/stream_load_request.hpp"

#include <gtest/gtest.h>

using exl::starrocks::parse_version;

TEST(StreamLoadRequestTest, StrictHeadersInOrder) {
  exl::starrocks::StreamLoadSpec spec;
  spec.target = {{}, "sales db", "orders"};
  spec.label = "exl_pipe_l1";
  spec.columns = {"k", "dt", "order"};
  spec.dialect = exl::starrocks::stream_load_dialect(parse_version("3.3.5"));
  spec.partitions = {"p20240101"};
  spec.timeout_s = 3600;
  const auto r = exl::starrocks::build_stream_load(spec);
  EXPECT_EQ(r.path(), "/api/sales%20db/orders/_stream_load");
  EXPECT_EQ(exl::starrocks::describe(r),
            "PUT /api/sales%20db/orders/_stream_load label: exl_pipe_l1, format: CSV, "
            "column_separator: \\x01, row_delimiter: \\x0A, enclose: \", escape: \\, columns: "
            "`k`,`dt`,`order`, strict_mode: true, max_filter_ratio: 0, timeout: 3600, "
            "partitions: p20240101");
  spec.temporary = true;
  spec.dialect = exl::starrocks::stream_load_dialect(parse_version("2.5.22"));
  const auto old = exl::starrocks::build_stream_load(spec);
  EXPECT_EQ(old.headers.at(3).second, "\\x02");
  EXPECT_EQ(old.headers.back().first, "temporary_partitions");
}

TEST(StreamLoadRequestTest, TypesWithoutATextFormAreRefused) {
  exl::starrocks::TableModel m;
  m.columns = {{"k", {"int", {}, {}, {}}}, {"b", {"bitmap", {}, {}, {}}}};
  EXPECT_TRUE(exl::starrocks::stream_load_unsupported(m));
  m.columns.pop_back();
  EXPECT_FALSE(exl::starrocks::stream_load_unsupported(m));
}

// StarRocks's CSV reader: STRUCT only in Hive's form, no unescaping inside ARRAY / MAP elements.
TEST(StreamLoadRequestTest, ComplexTypesTravelOnlyWhereTheCsvReaderReadsThemBack) {
  using exl::starrocks::ColumnType;
  const ColumnType text{"varchar", {64}, {}, {}};
  const ColumnType number{"int", {}, {}, {}};
  const auto refused = [](ColumnType type) {
    exl::starrocks::TableModel m;
    m.columns = {{"k", {"int", {}, {}, {}}}, {"c", std::move(type)}};
    return exl::starrocks::stream_load_unsupported(m).value_or("");
  };
  EXPECT_EQ(refused({"json", {}, {}, {}}), "");
  EXPECT_EQ(refused({"array", {}, {number}, {}}), "");
  EXPECT_EQ(refused({"map", {}, {number, {"date", {}, {}, {}}}, {}}), "");
  EXPECT_NE(refused({"array", {}, {text}, {}}).find("does not unescape quotes"), std::string::npos);
  EXPECT_NE(refused({"map", {}, {number, {"array", {}, {text}, {}}}, {}}).find("unescape"),
            std::string::npos);
  EXPECT_NE(refused({"struct", {}, {number}, {"a"}}).find("Hive's text form"), std::string::npos);
  EXPECT_NE(refused({"array", {}, {{"struct", {}, {number}, {"a"}}}, {}}).find("STRUCT"),
            std::string::npos);
}
