CREATE TABLE `all_types` (
  `c_tinyint` tinyint(4) NOT NULL COMMENT "",
  `c_smallint` smallint(6) NULL COMMENT "",
  `c_int` int(11) NULL DEFAULT "0" COMMENT "",
  `c_bigint` bigint(20) NULL COMMENT "",
  `c_largeint` largeint(40) NULL COMMENT "",
  `c_bool` boolean NULL COMMENT "",
  `c_float` float NULL COMMENT "",
  `c_double` double NULL COMMENT "",
  `c_dec` decimal64(10, 2) NULL COMMENT "",
  `c_dec128` decimal128(27, 9) NULL COMMENT "",
  `c_decv2` decimal(27, 9) NULL COMMENT "",
  `c_char` char(10) NULL COMMENT "",
  `c_varchar` varchar(65533) NULL COMMENT "",
  `c_string` varchar(1048576) NULL COMMENT "",
  `c_date` date NULL COMMENT "",
  `c_datetime` datetime NULL DEFAULT CURRENT_TIMESTAMP COMMENT "",
  `c_json` json NULL COMMENT "",
  `c_array` array<int(11)> NULL COMMENT "",
  `c_nested` array<array<varchar(65533)>> NULL COMMENT "",
  `c_map` map<varchar(65533),int(11)> NULL COMMENT "",
  `c_struct` struct<`a` int(11), `b` varchar(10)> NULL COMMENT "",
  `c_varbinary` varbinary NULL COMMENT "",
  `c_comment` int(11) NULL COMMENT "注释 with \"quotes\" and 'single'"
) ENGINE=OLAP 
DUPLICATE KEY(`c_tinyint`, `c_smallint`)
DISTRIBUTED BY HASH(`c_tinyint`) 
PROPERTIES (
"compression" = "LZ4",
"replication_num" = "1"
);