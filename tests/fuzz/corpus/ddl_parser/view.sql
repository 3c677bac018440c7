CREATE VIEW `v_orders` (`id` COMMENT "order id", `city`)
COMMENT "daily view" AS SELECT `id`, `city` FROM `db`.`orders` WHERE `amount` > 0;