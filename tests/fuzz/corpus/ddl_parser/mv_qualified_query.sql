CREATE MATERIALIZED VIEW `mv1` (`k`, `total`)
DISTRIBUTED BY HASH(`k`) BUCKETS 1 
REFRESH MANUAL
PROPERTIES (
"replication_num" = "1",
"replicated_storage" = "true",
"storage_medium" = "HDD"
)
AS SELECT `t`.`k`, sum(`t`.`v`) AS `total` FROM `sales`.`t` GROUP BY `t`.`k`;
