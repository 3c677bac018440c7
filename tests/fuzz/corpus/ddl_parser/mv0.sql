CREATE MATERIALIZED VIEW `lo_mv1` (`lo_orderkey`, `total`)
COMMENT "MATERIALIZED_VIEW"
PARTITION BY (`dt`)
DISTRIBUTED BY HASH(`lo_orderkey`) BUCKETS 2 
REFRESH ASYNC START("2023-07-01 10:00:00") EVERY(INTERVAL 1 DAY)
PROPERTIES (
"replication_num" = "3",
"storage_medium" = "HDD"
)
AS SELECT `lo_orderkey`, `dt`, sum(`lo_revenue`) AS `total` FROM `ssb`.`lineorder` GROUP BY `lo_orderkey`, `dt`;