CREATE TABLE `e1` (
  `dt` datetime NULL COMMENT "",
  `v` int(11) NULL COMMENT ""
) ENGINE=OLAP 
DUPLICATE KEY(`dt`)
PARTITION BY RANGE(date_trunc('day', dt))
()
DISTRIBUTED BY HASH(`dt`) BUCKETS 3 
PROPERTIES (
"replication_num" = "1"
);