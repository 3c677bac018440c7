CREATE VIEW `w` (`a`) SECURITY INVOKER AS SELECT `db`.`t`.`k` AS `a` FROM `db`.`t`;
