CREATE TABLE `orders` (
  `id` bigint(20) NOT NULL AUTO_INCREMENT COMMENT "",
  `city` varchar(20) NOT NULL COMMENT "",
  `amount` decimal64(10, 2) NULL COMMENT "",
  INDEX idx_city (`city`) USING BITMAP COMMENT 'city index'
) ENGINE=OLAP 
PRIMARY KEY(`id`, `city`)
PARTITION BY LIST(`city`)(
  PARTITION pLA VALUES IN ('Los Angeles', 'San Diego'),
  PARTITION pSF VALUES IN ('San Francisco')
)
DISTRIBUTED BY HASH(`id`) BUCKETS 8 
ORDER BY(`city`, `id`)
PROPERTIES (
"enable_persistent_index" = "true",
"replication_num" = "3"
);