CREATE TABLE `empty_range` (
  `dt` date NULL COMMENT ""
) ENGINE=OLAP 
DUPLICATE KEY(`dt`)
PARTITION BY RANGE(`dt`)
()
DISTRIBUTED BY HASH(`dt`) BUCKETS 1 
PROPERTIES (
"replication_num" = "1"
);