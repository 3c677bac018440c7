#pragma once

#include <string_view>
#include <vector>

// Real-shaped SHOW CREATE TABLE texts, laid out the way getDdlStmt prints them
// (reference/starrocks-surface.md §1): two-space column lines, trailing spaces after
// "ENGINE=OLAP" and "BUCKETS n", properties in several orders.
namespace exl::starrocks::test {

inline constexpr std::string_view k_aggregate_range = R"(CREATE TABLE `t` (
  `k1` date NULL COMMENT "",
  `v1` int(11) SUM NULL COMMENT ""
) ENGINE=OLAP 
AGGREGATE KEY(`k1`)
COMMENT "my table"
PARTITION BY RANGE(`k1`)
(PARTITION p1 VALUES [("0000-01-01"), ("2020-01-01")),
PARTITION p2 VALUES [("2020-01-01"), ("2020-02-01")))
DISTRIBUTED BY HASH(`k1`) BUCKETS 10 
PROPERTIES (
"replication_num" = "3",
"in_memory" = "false",
"enable_persistent_index" = "false",
"replicated_storage" = "true",
"compression" = "LZ4"
);)";

inline constexpr std::string_view k_duplicate_all_types = R"(CREATE TABLE `all_types` (
  `c_tinyint` tinyint(4) NOT NULL COMMENT "",
  `c_smallint` smallint(6) NULL COMMENT "",
  `c_int` int(11) NULL DEFAULT "0" COMMENT "",
  `c_bigint` bigint(20) NULL COMMENT "",
  `c_largeint` largeint(40) NULL COMMENT "",
  `c_bool` boolean NULL COMMENT "",
  `c_float` float NULL COMMENT "",
  `c_double` double NULL COMMENT "",
  `c_dec` decimal64(10, 2) NULL COMMENT "",
  `c_dec128` decimal128(27, 9) NULL COMMENT "",
  `c_decv2` decimal(27, 9) NULL COMMENT "",
  `c_char` char(10) NULL COMMENT "",
  `c_varchar` varchar(65533) NULL COMMENT "",
  `c_string` varchar(1048576) NULL COMMENT "",
  `c_date` date NULL COMMENT "",
  `c_datetime` datetime NULL DEFAULT CURRENT_TIMESTAMP COMMENT "",
  `c_json` json NULL COMMENT "",
  `c_array` array<int(11)> NULL COMMENT "",
  `c_nested` array<array<varchar(65533)>> NULL COMMENT "",
  `c_map` map<varchar(65533),int(11)> NULL COMMENT "",
  `c_struct` struct<`a` int(11), `b` varchar(10)> NULL COMMENT "",
  `c_varbinary` varbinary NULL COMMENT "",
  `c_comment` int(11) NULL COMMENT "注释 with \"quotes\" and 'single'"
) ENGINE=OLAP 
DUPLICATE KEY(`c_tinyint`, `c_smallint`)
DISTRIBUTED BY HASH(`c_tinyint`) 
PROPERTIES (
"compression" = "LZ4",
"replication_num" = "1"
);)";

inline constexpr std::string_view k_agg_bitmap_hll = R"(CREATE TABLE `uv` (
  `dt` date NOT NULL COMMENT "",
  `user_ids` bitmap BITMAP_UNION NOT NULL COMMENT "",
  `hll_ids` hll HLL_UNION NOT NULL COMMENT "",
  `last` varchar(20) REPLACE_IF_NOT_NULL NULL COMMENT "",
  `mx` bigint(20) MAX NULL COMMENT "",
  `mn` bigint(20) MIN NULL COMMENT "",
  `rp` varchar(20) REPLACE NULL COMMENT ""
) ENGINE=OLAP 
AGGREGATE KEY(`dt`)
DISTRIBUTED BY RANDOM BUCKETS 4 
PROPERTIES (
"replication_num" = "3"
);)";

inline constexpr std::string_view k_primary_list = R"(CREATE TABLE `orders` (
  `id` bigint(20) NOT NULL AUTO_INCREMENT COMMENT "",
  `city` varchar(20) NOT NULL COMMENT "",
  `amount` decimal64(10, 2) NULL COMMENT "",
  INDEX idx_city (`city`) USING BITMAP COMMENT 'city index'
) ENGINE=OLAP 
PRIMARY KEY(`id`, `city`)
PARTITION BY LIST(`city`)(
  PARTITION pLA VALUES IN ('Los Angeles', 'San Diego'),
  PARTITION pSF VALUES IN ('San Francisco')
)
DISTRIBUTED BY HASH(`id`) BUCKETS 8 
ORDER BY(`city`, `id`)
PROPERTIES (
"enable_persistent_index" = "true",
"replication_num" = "3"
);)";

inline constexpr std::string_view k_unique_multi_list = R"(CREATE TABLE `ul` (
  `dt` date NOT NULL COMMENT "",
  `city` varchar(20) NOT NULL COMMENT "",
  `v` int(11) NULL COMMENT ""
) ENGINE=OLAP 
UNIQUE KEY(`dt`, `city`)
PARTITION BY LIST(`dt`, `city`)(
  PARTITION p1 VALUES IN (('2022-04-01', 'LA'), ('2022-04-02', 'LA')),
  PARTITION p2 VALUES IN (('2022-04-01', 'SF'))
)
DISTRIBUTED BY HASH(`dt`) BUCKETS 2 
PROPERTIES (
"replication_num" = "1"
);)";

inline constexpr std::string_view k_multi_range_maxvalue = R"(CREATE TABLE `mr` (
  `dt` date NOT NULL COMMENT "",
  `id` int(11) NOT NULL COMMENT ""
) ENGINE=OLAP 
DUPLICATE KEY(`dt`, `id`)
PARTITION BY RANGE(`dt`, `id`)
(PARTITION p1 VALUES [("0000-01-01", "-2147483648"), ("2020-01-01", "100")),
PARTITION p2 VALUES [("2020-01-01", "100"), ("2021-01-01", "0")) ("replication_num" = "1"),
PARTITION p3 VALUES [("2021-01-01", "0"), (MAXVALUE, MAXVALUE)))
DISTRIBUTED BY HASH(`id`) BUCKETS 3 
PROPERTIES (
"replication_num" = "3",
"dynamic_partition.enable" = "false"
);)";

inline constexpr std::string_view k_expr_range_wrapper = R"(CREATE TABLE `e1` (
  `dt` datetime NULL COMMENT "",
  `v` int(11) NULL COMMENT ""
) ENGINE=OLAP 
DUPLICATE KEY(`dt`)
PARTITION BY RANGE(date_trunc('day', dt))
()
DISTRIBUTED BY HASH(`dt`) BUCKETS 3 
PROPERTIES (
"replication_num" = "1"
);)";

inline constexpr std::string_view k_expr_bare = R"(CREATE TABLE `e2` (
  `dt` datetime NULL COMMENT "",
  `v` int(11) NULL COMMENT ""
) ENGINE=OLAP 
DUPLICATE KEY(`dt`)
PARTITION BY date_trunc('day', `dt`)
DISTRIBUTED BY HASH(`dt`) 
PROPERTIES (
"replication_num" = "1",
"partition_live_number" = "3"
);)";

inline constexpr std::string_view k_expr_bare_unquoted = R"(CREATE TABLE `e3` (
  `dt` datetime NULL COMMENT "",
  `v` int(11) NULL COMMENT ""
) ENGINE=OLAP 
DUPLICATE KEY(`dt`)
PARTITION BY date_trunc('day', dt)
DISTRIBUTED BY HASH(`dt`) 
PROPERTIES (
"replication_num" = "1"
);)";

inline constexpr std::string_view k_time_slice = R"(CREATE TABLE `ts` (
  `dt` datetime NOT NULL COMMENT "",
  `v` int(11) NULL COMMENT ""
) ENGINE=OLAP 
DUPLICATE KEY(`dt`)
PARTITION BY time_slice(dt, interval 7 day)
DISTRIBUTED BY RANDOM 
PROPERTIES (
"replication_num" = "1"
);)";

inline constexpr std::string_view k_column_list = R"(CREATE TABLE `cl` (
  `dt` date NOT NULL COMMENT "",
  `city` varchar(20) NOT NULL COMMENT "",
  `v` int(11) NULL COMMENT ""
) ENGINE=OLAP 
DUPLICATE KEY(`dt`, `city`)
PARTITION BY (`dt`,`city`)
DISTRIBUTED BY HASH(`dt`) BUCKETS 4 
PROPERTIES (
"replication_num" = "1"
);)";

inline constexpr std::string_view k_shared_data = R"(CREATE TABLE `sd` (
  `id` bigint(20) NOT NULL COMMENT "",
  `v` varchar(65533) NULL COMMENT ""
) ENGINE=OLAP 
DUPLICATE KEY(`id`)
DISTRIBUTED BY HASH(`id`) 
PROPERTIES (
"datacache.enable" = "true",
"storage_volume" = "builtin_storage_volume",
"enable_async_write_back" = "false",
"enable_persistent_index" = "false",
"compression" = "LZ4"
);)";

inline constexpr std::string_view k_mysql_external = R"(CREATE EXTERNAL TABLE `ext_mysql` (
  `k1` date NULL COMMENT "",
  `k2` int(11) NULL COMMENT ""
) ENGINE=MYSQL 
COMMENT "EXTERNAL"
PROPERTIES (
"host" = "127.0.0.1",
"port" = "3306",
"user" = "u",
"password" = "",
"database" = "db",
"table" = "t"
);)";

inline constexpr std::string_view k_olap_external = R"(CREATE EXTERNAL TABLE `ext_sr` (
  `k1` date NULL COMMENT "",
  `k2` int(11) NULL COMMENT ""
) ENGINE=OLAP_EXTERNAL 
DUPLICATE KEY(`k1`)
DISTRIBUTED BY HASH(`k1`) BUCKETS 3 
PROPERTIES (
"host" = "10.0.0.2",
"port" = "9020",
"user" = "u",
"password" = "",
"database" = "db_test",
"table" = "t"
);)";

inline constexpr std::string_view k_odd_names = R"(CREATE TABLE `select` (
  `a``b` int(11) NULL COMMENT "a backtick",
  `order` varchar(10) NULL COMMENT "semicolon; and -- dashes",
  `列` int(11) NULL COMMENT "unicode 列名"
) ENGINE=OLAP 
DUPLICATE KEY(`a``b`)
COMMENT "表注释 \"quoted\""
DISTRIBUTED BY HASH(`a``b`) BUCKETS 1 
PROPERTIES (
"replication_num" = "1"
);)";

inline constexpr std::string_view k_no_partitions_range = R"(CREATE TABLE `empty_range` (
  `dt` date NULL COMMENT ""
) ENGINE=OLAP 
DUPLICATE KEY(`dt`)
PARTITION BY RANGE(`dt`)
()
DISTRIBUTED BY HASH(`dt`) BUCKETS 1 
PROPERTIES (
"replication_num" = "1"
);)";

inline constexpr std::string_view k_dynamic = R"(CREATE TABLE `dyn` (
  `dt` date NULL COMMENT "",
  `v` int(11) NULL COMMENT ""
) ENGINE=OLAP 
DUPLICATE KEY(`dt`)
PARTITION BY RANGE(`dt`)
(PARTITION p20240101 VALUES [("2024-01-01"), ("2024-01-02")),
PARTITION p20240102 VALUES [("2024-01-02"), ("2024-01-03")))
DISTRIBUTED BY HASH(`dt`) BUCKETS 2 
PROPERTIES (
"replication_num" = "3",
"colocate_with" = "g1",
"dynamic_partition.enable" = "true",
"dynamic_partition.time_unit" = "DAY",
"dynamic_partition.time_zone" = "Asia/Shanghai",
"dynamic_partition.start" = "-7",
"dynamic_partition.end" = "3",
"dynamic_partition.prefix" = "p",
"dynamic_partition.buckets" = "2",
"in_memory" = "false"
);)";

inline const std::vector<std::string_view>& all_table_samples() {
  static const std::vector<std::string_view> samples = {k_aggregate_range,
                                                        k_duplicate_all_types,
                                                        k_agg_bitmap_hll,
                                                        k_primary_list,
                                                        k_unique_multi_list,
                                                        k_multi_range_maxvalue,
                                                        k_expr_range_wrapper,
                                                        k_expr_bare,
                                                        k_expr_bare_unquoted,
                                                        k_time_slice,
                                                        k_column_list,
                                                        k_shared_data,
                                                        k_mysql_external,
                                                        k_olap_external,
                                                        k_odd_names,
                                                        k_no_partitions_range,
                                                        k_dynamic};
  return samples;
}

} // namespace exl::starrocks::test
