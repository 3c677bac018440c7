#pragma once

#include "bisect_sql_eval.hpp"
#include "exlschema/audit/auditor.hpp"

#include <algorithm>
#include <cstdint>
#include <map>
#include <mutex>
#include <numeric>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

// One cluster as the bisector sees it through a SideReader: a table of integer columns held in
// memory, each row with a made-up row hash. It answers the three bisection statements
// (bisect_sql.hpp) by evaluating their real predicates and CASE expressions (bisect_sql_eval.hpp)
// row by row: bounds by ROW_NUMBER in key order (NULLs first, as StarRocks sorts ascending),
// COUNT and SUM of the hashes per range number, and the rows with their hashes. It does not
// compute xx_hash3_64: the row's `hash` stands for it (srsim_bisect_test.cpp runs the real one).
// Every statement is recorded.
namespace exl::audit::test {

struct FakeRow {
  std::vector<Cell> values; // one per FakeCluster::columns
  std::int64_t hash = 0;    // the row hash (exl_h1); exl_h2 is derived from it
};

class FakeCluster {
public:
  explicit FakeCluster(std::vector<std::string> column_names) : columns(std::move(column_names)) {}

  std::vector<std::string> columns;
  std::vector<FakeRow> rows;

  db::ResultSet answer(const std::string& sql) const {
    {
      const std::lock_guard lock(m_mutex);
      m_sent.push_back(sql);
    }
    if (sql.rfind("SELECT exl_parent, ", 0) == 0) {
      return bounds(sql);
    }
    if (sql.find(") AS exl_bisect GROUP BY exl_range") != std::string::npos) {
      return checksums(sql);
    }
    return fetch(sql);
  }

  SideReader reader() const {
    return [this](const std::string& sql) { return answer(sql); };
  }

  std::vector<std::string> sent() const {
    const std::lock_guard lock(m_mutex);
    return m_sent;
  }

  static std::string text(__int128 value) {
    const bool negative = value < 0;
    unsigned __int128 magnitude =
        negative ? static_cast<unsigned __int128>(-(value + 1)) + 1 : value;
    std::string digits;
    do {
      digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(magnitude % 10)));
      magnitude /= 10;
    } while (magnitude != 0);
    return negative ? "-" + digits : digits;
  }

  static std::int64_t second_hash(std::int64_t hash) {
    return static_cast<std::int64_t>(static_cast<std::uint64_t>(hash) * 31U + 7U);
  }

private:
  static std::string between(const std::string& sql, std::size_t& at, std::string_view open,
                             std::string_view close) {
    const std::size_t from = sql.find(open, at);
    const std::size_t to = from == std::string::npos ? from : sql.find(close, from + open.size());
    if (to == std::string::npos) {
      throw std::invalid_argument("not a bisection statement: " + sql);
    }
    at = to;
    return sql.substr(from + open.size(), to - from - open.size());
  }

  // The leading "`a`, `b`" of a select list -> column positions.
  std::vector<std::size_t> key_positions(const std::string& list) const {
    std::vector<std::size_t> out;
    for (std::size_t at = 0; at < list.size() && list[at] == '`';) {
      const std::size_t close = list.find('`', at + 1);
      const std::string name = list.substr(at + 1, close - at - 1);
      const auto found = std::find(columns.begin(), columns.end(), name);
      if (found == columns.end()) {
        throw std::invalid_argument("unknown key column " + name);
      }
      out.push_back(static_cast<std::size_t>(found - columns.begin()));
      at = close + 3; // past "`, "
    }
    return out;
  }

  // The rows the statement's WHERE (between " FROM <table>" and `end`) selects.
  std::vector<const FakeRow*> selected(const std::string& sql, std::size_t from,
                                       std::string_view end) const {
    const std::size_t stop = sql.find(end, from);
    const std::size_t where = sql.find(" WHERE ", from);
    std::optional<SqlExpr> predicate;
    if (where != std::string::npos && where < stop) {
      predicate.emplace(sql.substr(where + 7, stop - where - 7), columns);
    }
    std::vector<const FakeRow*> out;
    for (const FakeRow& row : rows) {
      if (!predicate || predicate->holds(row.values)) {
        out.push_back(&row);
      }
    }
    return out;
  }

  static db::Value value(const Cell& cell) {
    return cell ? db::Value(std::to_string(*cell)) : std::nullopt;
  }

  db::ResultSet bounds(const std::string& sql) const {
    std::size_t at = sql.rfind("(SELECT ");
    const SqlExpr parent(between(sql, at, "(SELECT ", " AS exl_parent, "), columns);
    const std::vector<std::size_t> keys =
        key_positions(between(sql, at, " AS exl_parent, ", " FROM "));
    const std::vector<const FakeRow*> chosen = selected(sql, at, ") AS exl_p)");
    std::size_t step_at = 0;
    const SqlExpr step(between(sql, step_at, "WHERE exl_rn % ", " = 0 ORDER BY"), {"exl_parent"});
    std::map<std::int64_t, std::vector<std::vector<Cell>>> groups;
    for (const FakeRow* row : chosen) {
      std::vector<Cell> key;
      key.reserve(keys.size());
      for (std::size_t k : keys) {
        key.push_back(row->values[k]);
      }
      groups[*parent.eval(row->values)].push_back(std::move(key));
    }
    db::ResultSet out;
    out.columns.emplace_back("exl_parent");
    for (std::size_t k : keys) {
      out.columns.push_back(columns[k]);
    }
    for (auto& [number, keys_of] : groups) {
      std::sort(keys_of.begin(), keys_of.end()); // std::optional orders NULL first
      const std::int64_t every = *step.eval({number});
      for (std::size_t rn = 1; rn <= keys_of.size(); ++rn) {
        if (static_cast<std::int64_t>(rn) % every == 0) {
          db::RowValues row{std::to_string(number)};
          for (const Cell& cell : keys_of[rn - 1]) {
            row.push_back(value(cell));
          }
          out.rows.push_back(std::move(row));
        }
      }
    }
    return out;
  }

  static std::size_t hash_count(const std::string& sql) {
    std::size_t count = 0;
    for (std::size_t at = sql.find(" AS exl_h"); at != std::string::npos;
         at = sql.find(" AS exl_h", at + 1)) {
      ++count;
    }
    return count;
  }

  db::ResultSet checksums(const std::string& sql) const {
    std::size_t at = 0;
    const SqlExpr range(between(sql, at, "FROM (SELECT ", " AS exl_range, "), columns);
    const std::size_t hashes = hash_count(sql);
    struct Sum {
      std::int64_t rows = 0;
      __int128 h1 = 0;
      __int128 h2 = 0;
    };
    std::map<std::int64_t, Sum> sums;
    for (const FakeRow* row : selected(sql, sql.find(" FROM `", at), ") AS exl_bisect")) {
      Sum& sum = sums[*range.eval(row->values)];
      ++sum.rows;
      sum.h1 += row->hash;
      sum.h2 += second_hash(row->hash);
    }
    db::ResultSet out;
    out.columns = {"exl_range", "exl_rows", "exl_sum1"};
    if (hashes == 2) {
      out.columns.emplace_back("exl_sum2");
    }
    for (const auto& [number, sum] : sums) {
      out.rows.push_back({std::to_string(number), std::to_string(sum.rows), text(sum.h1)});
      if (hashes == 2) {
        out.rows.back().push_back(text(sum.h2));
      }
    }
    return out;
  }

  db::ResultSet fetch(const std::string& sql) const {
    std::size_t at = 0;
    const std::string list = between(sql, at, "SELECT ", " FROM `");
    const std::vector<std::size_t> keys = key_positions(list);
    const std::size_t hashes = hash_count(sql);
    db::ResultSet out;
    for (std::size_t k : keys) {
      out.columns.push_back(columns[k]);
    }
    for (std::size_t h = 1; h <= hashes; ++h) {
      out.columns.push_back("exl_h" + std::to_string(h));
    }
    for (const FakeRow* row : selected(sql, at, "\n")) {
      db::RowValues values;
      for (std::size_t k : keys) {
        values.push_back(value(row->values[k]));
      }
      values.emplace_back(std::to_string(row->hash));
      if (hashes == 2) {
        values.emplace_back(std::to_string(second_hash(row->hash)));
      }
      out.rows.push_back(std::move(values));
    }
    return out;
  }

  mutable std::mutex m_mutex;
  mutable std::vector<std::string> m_sent; // what answer() received, under m_mutex
};

} // namespace exl::audit::test
