#pragma once

#include "e2e/external_copy_support.hpp"

#include <map>
#include <string>
#include <vector>

// The tables of a chaos cell and what is measured on them afterwards: rows lost and doubled per
// partition (target against source, row by row), and the temporary objects left on both clusters.
namespace exl::test::chaos {

using e2e::sql;
using e2e::sql_all;

inline constexpr int k_days_with_rows = 4; // p20240101..p20240104 hold rows; p20240105 is empty
inline constexpr int k_rows_per_day = 500;

// The two tables of every cell: `dups` (DUPLICATE KEY: a row loaded twice shows as a repeated
// row) and `pk` (PRIMARY KEY: a row lost shows, a doubled load would not, hence `dups`).
inline const std::vector<std::string>& chaos_tables() {
  static const std::vector<std::string> k_tables{"dups", "pk"};
  return k_tables;
}

// `db`.`name` (k, dt, v), RANGE(dt) with the day partitions p20240101..p20240105.
inline std::string chaos_table_ddl(const std::string& db, const std::string& name,
                                   const std::string& key) {
  std::string partitions;
  for (int d = 1; d <= 5; ++d) {
    partitions += std::string(d > 1 ? ", " : "") + "PARTITION p2024010" + std::to_string(d) +
                  " VALUES [('2024-01-0" + std::to_string(d) + "'), ('2024-01-0" +
                  std::to_string(d + 1) + "'))";
  }
  return "CREATE TABLE `" + db + "`.`" + name +
         "` (`k` INT NOT NULL, `dt` DATE NOT NULL, `v` INT) " + key +
         " PARTITION BY RANGE(`dt`) (" + partitions +
         ") DISTRIBUTED BY HASH(`k`) BUCKETS 2 PROPERTIES('replication_num'='1')";
}

// A fresh source database holding both tables, k_rows_per_day rows in each of the first
// k_days_with_rows partitions. Returns its name.
inline std::string make_chaos_database(const std::string& what) {
  const std::string db = e2e::fresh_database("chaos_" + what);
  sql_all("SRC", {"CREATE DATABASE `" + db + "`", chaos_table_ddl(db, "dups", "DUPLICATE KEY(`k`)"),
                  chaos_table_ddl(db, "pk", "PRIMARY KEY(`k`, `dt`)")});
  for (const std::string& t : chaos_tables()) {
    std::vector<std::string> loads;
    for (int d = 1; d <= k_days_with_rows; ++d) {
      loads.push_back(e2e::rows_for_day(db, t, d, d * 10000, k_rows_per_day));
    }
    sql_all("SRC", loads);
  }
  return db;
}

// Rows of `db`.`t` on `prefix` (the source's three columns only: an altered target may hold
// more), as text, grouped by their partition's day; empty when the table does not exist.
inline std::map<std::string, std::vector<std::string>>
rows_by_day(const std::string& prefix, const std::string& db, const std::string& t) {
  std::map<std::string, std::vector<std::string>> out;
  db::ResultSet rs;
  try {
    rs = sql(prefix, "SELECT `k`, `dt`, `v` FROM `" + db + "`.`" + t + "`");
  } catch (const db::SqlError&) {
    return out; // not created (a run stopped before its structure statements)
  }
  for (const auto& row : rs.rows) {
    out[row.at(1).value_or("NULL")].push_back(row.at(0).value_or("NULL") + "|" +
                                              row.at(2).value_or("NULL"));
  }
  return out;
}

// Rows the target lacks and rows it holds more often than the source (row by row), per table and
// partition day.
struct RowDiff {
  long lost = 0;
  long doubled = 0;
  std::string where; // "dups/2024-01-01: -3 +0; ..." for the days that differ
};

inline void diff_day(const std::vector<std::string>& source, const std::vector<std::string>& target,
                     long& lost, long& doubled) {
  std::map<std::string, long> balance;
  for (const auto& r : source) {
    ++balance[r];
  }
  for (const auto& r : target) {
    --balance[r];
  }
  for (const auto& [row, n] : balance) {
    (n > 0 ? lost : doubled) += n > 0 ? n : -n;
  }
}

inline RowDiff diff_tables(const std::string& db) {
  RowDiff out;
  for (const std::string& t : chaos_tables()) {
    auto source = rows_by_day("SRC", db, t);
    auto target = rows_by_day("DST", db, t);
    std::map<std::string, bool> days;
    for (const auto& [day, rows] : source) {
      days[day] = true;
    }
    for (const auto& [day, rows] : target) {
      days[day] = true;
    }
    for (const auto& [day, unused] : days) {
      long lost = 0;
      long doubled = 0;
      diff_day(source[day], target[day], lost, doubled);
      if (lost + doubled > 0) {
        out.where +=
            t + "/" + day + ": -" + std::to_string(lost) + " +" + std::to_string(doubled) + "; ";
      }
      out.lost += lost;
      out.doubled += doubled;
    }
  }
  return out;
}

// exlSchema's temporary objects of `db` left on both clusters: exl_tmp_ tables (external tables
// included) on either side, SUBMIT TASKs and temporary partitions on the target, and load
// transactions still open on the target.
inline std::vector<std::string> leftovers(const std::string& db) {
  std::vector<std::string> out;
  for (const char* prefix : {"SRC", "DST"}) {
    try {
      for (const auto& t : e2e::temp_tables(prefix, db)) {
        out.push_back(std::string(prefix) + ":" + t);
      }
    } catch (const db::SqlError&) { // the run stopped before it created the target database
    }
  }
  const auto tasks = sql("DST", "SELECT TASK_NAME FROM information_schema.tasks WHERE TASK_NAME "
                                "LIKE 'exl\\_tmp\\_%' AND `DATABASE` = '" +
                                    db + "'");
  for (const auto& row : tasks.rows) {
    out.push_back("DST:task " + row.at(0).value_or(""));
  }
  for (const std::string& t : chaos_tables()) {
    try {
      for (const auto& row :
           sql("DST", "SHOW TEMPORARY PARTITIONS FROM `" + db + "`.`" + t + "`").rows) {
        out.push_back("DST:temporary partition " + t + "." + row.at(1).value_or(""));
      }
    } catch (const db::SqlError&) { // the table was never created on the target
    }
  }
  try {
    for (const auto& row : sql("DST", "SHOW PROC '/transactions/" + db + "/running'").rows) {
      out.push_back("DST:open transaction " + row.at(1).value_or(""));
    }
  } catch (const db::SqlError&) { // no such database on the target
  }
  return out;
}

} // namespace exl::test::chaos
