CREATE TABLE `ul` (
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
);