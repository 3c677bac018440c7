CREATE TABLE `cl` (
  `dt` date NOT NULL COMMENT "",
  `city` varchar(20) NOT NULL COMMENT "",
  `v` int(11) NULL COMMENT ""
) ENGINE=OLAP 
DUPLICATE KEY(`dt`, `city`)
PARTITION BY (`dt`,`city`)
DISTRIBUTED BY HASH(`dt`) BUCKETS 4 
PROPERTIES (
"replication_num" = "1"
);