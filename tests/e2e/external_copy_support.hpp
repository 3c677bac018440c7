#pragma once

#include <csignal>

#include "e2e/vmode_support.hpp"

#include <string>
#include <vector>

// Tables of every partitioning kind for the -o mysql / -o starrocks end-to-end tests, and the
// temporary objects a run may leave behind.
namespace exl::test::e2e {

// In `db` on the source: `ranged` (4 day partitions, rows in 3), `listed` (LIST on city),
// `expr` (date_trunc('day', dt), automatic partitions) and `single` (unpartitioned), with rows.
inline void make_copy_tables(const std::string& db) {
  sql_all("SRC",
          {"CREATE DATABASE `" + db + "`", daily_table(db, "ranged", 4),
           rows_for_day(db, "ranged", 1, 100, 5), rows_for_day(db, "ranged", 2, 200, 4),
           rows_for_day(db, "ranged", 3, 300, 3),
           "CREATE TABLE `" + db +
               "`.`listed` (k INT, city VARCHAR(16), v INT) DUPLICATE KEY(k) "
               "PARTITION BY LIST(city) (PARTITION pa VALUES IN ('a'), PARTITION pb VALUES IN "
               "('b', 'c')) DISTRIBUTED BY HASH(k) BUCKETS 2 PROPERTIES('replication_num'='1')",
           "INSERT INTO `" + db +
               "`.`listed` VALUES (1, 'a', 10), (2, 'b', 20), (3, 'c', 30), "
               "(4, 'a', NULL)",
           "CREATE TABLE `" + db +
               "`.`expr` (k INT, dt DATETIME, v VARCHAR(20)) DUPLICATE KEY(k) "
               "PARTITION BY date_trunc('day', dt) DISTRIBUTED BY HASH(k) BUCKETS 2 "
               "PROPERTIES('replication_num'='1')",
           "INSERT INTO `" + db +
               "`.`expr` VALUES (1, '2024-03-01 10:00:00', 'x'), "
               "(2, '2024-03-02 11:30:00', NULL), (3, '2024-03-02 23:59:59', 'z')",
           "CREATE TABLE `" + db +
               "`.`single` (k BIGINT, s STRING, d DECIMAL(10, 2)) DUPLICATE KEY(k) "
               "DISTRIBUTED BY HASH(k) BUCKETS 1 PROPERTIES('replication_num'='1')",
           "INSERT INTO `" + db + "`.`single` VALUES (1, 'one', 1.50), (2, NULL, -2.25)"});
}

inline const std::vector<std::string>& copy_tables() {
  static const std::vector<std::string> k_tables{"ranged", "listed", "expr", "single"};
  return k_tables;
}

// The `exl_tmp_` tables (external tables included) of database `db` on `prefix`. (Per database:
// srsim's information_schema.tables reads every object of the cluster, slow on a busy sandbox.)
inline std::vector<std::string> temp_tables(const std::string& prefix, const std::string& db) {
  std::vector<std::string> out;
  const auto rs = sql(prefix, "SHOW TABLES FROM `" + db + "` LIKE 'exl\\_tmp\\_%'");
  for (const auto& row : rs.rows) {
    out.push_back(db + "." + row.at(0).value_or(""));
  }
  return out;
}

// Whether a statement containing `fragment` shows in `control`'s SHOW PROCESSLIST within 30 s
// (a stalled statement, ADMIN SET SIM STALL).
inline bool statement_running(db::Connection& control, const std::string& fragment) {
  return eventually(
      [&] {
        for (const auto& row : control.query("SHOW PROCESSLIST").rows) {
          for (const auto& cell : row) {
            if (contains(cell.value_or(""), fragment)) {
              return true;
            }
          }
        }
        return false;
      },
      std::chrono::seconds(30), std::chrono::milliseconds(10));
}

// One round of a run without -i (`args` hold `-interval`, and `-config` when needed): started,
// then stopped with SIGINT once it prints "round 1 done". `done` says whether it did (the run
// is stopped either way); a run stopped so exits 130.
struct RoundResult {
  bool done = false;
  ExlResult result;
};
inline RoundResult first_round(const std::vector<std::string>& args,
                               const std::map<std::string, std::string>& env) {
  ExlProcess run(args, env);
  RoundResult out;
  out.done = eventually([&] { return contains(run.out_so_far(), "round 1 done"); },
                        std::chrono::seconds(60), std::chrono::milliseconds(20));
  run.signal(SIGINT);
  out.result = run.wait();
  return out;
}

} // namespace exl::test::e2e
