CREATE TABLE `sd` (
  `id` bigint(20) NOT NULL COMMENT "",
  `v` varchar(65533) NULL COMMENT ""
) ENGINE=OLAP 
DUPLICATE KEY(`id`)
DISTRIBUTED BY HASH(`id`) 
PROPERTIES (
"datacache.enable" = "true",
"storage_volume" = "builtin_storage_volume",
"enable_async_write_back" = "false",
"enable_persistent_index" = "false",
"compression" = "LZ4"
);