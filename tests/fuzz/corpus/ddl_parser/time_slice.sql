CREATE TABLE `ts` (
  `dt` datetime NOT NULL COMMENT "",
  `v` int(11) NULL COMMENT ""
) ENGINE=OLAP 
DUPLICATE KEY(`dt`)
PARTITION BY time_slice(dt, interval 7 day)
DISTRIBUTED BY RANDOM 
PROPERTIES (
"replication_num" = "1"
);