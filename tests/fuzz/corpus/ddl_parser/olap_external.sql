CREATE EXTERNAL TABLE `ext_sr` (
  `k1` date NULL COMMENT "",
  `k2` int(11) NULL COMMENT ""
) ENGINE=OLAP_EXTERNAL 
DUPLICATE KEY(`k1`)
DISTRIBUTED BY HASH(`k1`) BUCKETS 3 
PROPERTIES (
"host" = "10.0.0.2",
"port" = "9020",
"user" = "u",
"password" = "",
"database" = "db_test",
"table" = "t"
);