CREATE TABLE `select` (
  `a``b` int(11) NULL COMMENT "a backtick",
  `order` varchar(10) NULL COMMENT "semicolon; and -- dashes",
  `列` int(11) NULL COMMENT "unicode 列名"
) ENGINE=OLAP 
DUPLICATE KEY(`a``b`)
COMMENT "表注释 \"quoted\""
DISTRIBUTED BY HASH(`a``b`) BUCKETS 1 
PROPERTIES (
"replication_num" = "1"
);