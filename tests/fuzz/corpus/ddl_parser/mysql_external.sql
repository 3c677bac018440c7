CREATE EXTERNAL TABLE `ext_mysql` (
  `k1` date NULL COMMENT "",
  `k2` int(11) NULL COMMENT ""
) ENGINE=MYSQL 
COMMENT "EXTERNAL"
PROPERTIES (
"host" = "127.0.0.1",
"port" = "3306",
"user" = "u",
"password" = "",
"database" = "db",
"table" = "t"
);