#pragma once

#include "e2e/e2e_support.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

// Helpers of the v1-v5 end-to-end tests: a daily-range table with rows on the source, content
// compared row by row (a doubled load shows as a repeated row in a DUPLICATE KEY table and as a
// doubled SUM in an AGGREGATE one), and the statements of a run counted from srsim's query log.
namespace exl::test::e2e {

// `db`.`name` (k INT, dt DATE, v INT), RANGE(dt) with day partitions p20240101..p2024010<days>.
inline std::string daily_table(const std::string& db, const std::string& name, int days = 4,
                               const std::string& model = "DUPLICATE KEY(`k`)",
                               const std::string& value = "`v` INT") {
  std::string partitions;
  for (int d = 1; d <= days; ++d) {
    partitions += std::string(d > 1 ? ", " : "") + "PARTITION p2024010" + std::to_string(d) +
                  " VALUES [('2024-01-0" + std::to_string(d) + "'), ('2024-01-0" +
                  std::to_string(d + 1) + "'))";
  }
  return "CREATE TABLE `" + db + "`.`" + name + "` (`k` INT, `dt` DATE, " + value + ") " + model +
         " PARTITION BY RANGE(`dt`) (" + partitions +
         ") DISTRIBUTED BY HASH(`k`) BUCKETS 2 PROPERTIES('replication_num'='1')";
}

// INSERT INTO `db`.`t` VALUES (k, '2024-01-0<day>', k * 10) for k in [first, first + n).
inline std::string rows_for_day(const std::string& db, const std::string& t, int day, int first,
                                int n) {
  std::string values;
  for (int k = first; k < first + n; ++k) {
    values += std::string(k > first ? ", " : "") + "(" + std::to_string(k) + ", '2024-01-0" +
              std::to_string(day) + "', " + std::to_string(k * 10) + ")";
  }
  return "INSERT INTO `" + db + "`.`" + t + "` VALUES " + values;
}

// Every row of `db`.`t` on `prefix`, as text, sorted (duplicates kept).
inline std::vector<std::string> content(const std::string& prefix, const std::string& db,
                                        const std::string& t) {
  std::vector<std::string> out;
  const auto quoted = [](const std::string& name) {
    std::string out = "`";
    for (char c : name) {
      out += c == '`' ? std::string("``") : std::string(1, c);
    }
    return out + "`";
  };
  for (const auto& row : sql(prefix, "SELECT * FROM " + quoted(db) + "." + quoted(t)).rows) {
    std::string line;
    for (const auto& v : row) {
      line += v.value_or("NULL") + "|";
    }
    out.push_back(line);
  }
  std::sort(out.begin(), out.end());
  return out;
}

inline std::size_t count_matching(const std::vector<std::string>& statements,
                                  const std::string& part) {
  return static_cast<std::size_t>(
      std::count_if(statements.begin(), statements.end(),
                    [&](const std::string& s) { return contains(s, part); }));
}

// The catalog a sandbox started earlier left on the targets points at the source's old port (a
// restarted sandbox gets new ports), and v1-v5 rightly refuse it: dropped before any test of the
// process runs, so that no test's query-log window sees the DROP.
inline void drop_stale_catalogs() {
  for (const char* prefix : {"DST", "DST31"}) {
    for (const auto& row : sql(prefix, "SHOW CATALOGS").rows) {
      if (!row.empty() && row[0] && row[0]->rfind("exl_src_", 0) == 0) {
        sql(prefix, "DROP CATALOG `" + *row[0] + "`");
      }
    }
  }
}

class StaleCatalogs : public ::testing::Environment {
public:
  void SetUp() override { drop_stale_catalogs(); }
};

inline ::testing::Environment* const k_stale_catalogs =
    ::testing::AddGlobalTestEnvironment(new StaleCatalogs);

inline std::vector<std::string> vmode(const std::string& mode, const std::string& list,
                                      std::vector<std::string> extra = {},
                                      const std::string& target = "dst") {
  std::vector<std::string> args{"-source", "src", "-target", target, "-t", list, "-o", mode};
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

// Whether `name` is among the target's catalogs.
inline bool has_catalog(const std::string& prefix, const std::string& name) {
  for (const auto& row : sql(prefix, "SHOW CATALOGS").rows) {
    if (!row.empty() && row[0] && *row[0] == name) {
      return true;
    }
  }
  return false;
}

} // namespace exl::test::e2e
