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
