CREATE TABLE `dyn` (
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
);