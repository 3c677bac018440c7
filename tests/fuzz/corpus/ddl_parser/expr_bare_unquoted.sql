CREATE TABLE `e3` (
  `dt` datetime NULL COMMENT "",
  `v` int(11) NULL COMMENT ""
) ENGINE=OLAP 
DUPLICATE KEY(`dt`)
PARTITION BY date_trunc('day', dt)
DISTRIBUTED BY HASH(`dt`) 
PROPERTIES (
"replication_num" = "1"
);