CREATE TABLE `mr` (
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
);