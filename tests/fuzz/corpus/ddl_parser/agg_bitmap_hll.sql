CREATE TABLE `uv` (
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
);