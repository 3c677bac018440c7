CREATE TABLE `t` (
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
);