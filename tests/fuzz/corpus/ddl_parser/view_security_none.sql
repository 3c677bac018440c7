CREATE VIEW `v` (`k` COMMENT "x")
COMMENT "c" SECURITY NONE AS SELECT `db`.`t`.`k` FROM `db`.`t`;
