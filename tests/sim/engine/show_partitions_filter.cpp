#include "show_partitions_filter.hpp"

#include "backend.hpp"
#include "errors.hpp"

#include <algorithm>
#include <cstdlib>

namespace srsim::engine {

namespace {

struct Condition {
  std::size_t column;
  std::string op;
  std::string value;
};

std::size_t column_index(const ResultSet& rs, const std::string& name) {
  for (std::size_t i = 0; i < rs.columns.size(); ++i) {
    if (to_lower(rs.columns[i]) == to_lower(name)) {
      return i;
    }
  }
  throw EngineError(ErrorReply{1166, "42000", "Incorrect column name '" + name + "'"});
}

bool numeric(const std::string& s, double& out) {
  char* end = nullptr;
  out = std::strtod(s.c_str(), &end);
  return !s.empty() && end && *end == '\0';
}

bool like(const std::string& text, const std::string& pattern) {
  if (pattern.empty()) {
    return text.empty();
  }
  if (pattern[0] == '%') {
    for (std::size_t i = 0; i <= text.size(); ++i) {
      if (like(text.substr(i), pattern.substr(1))) {
        return true;
      }
    }
    return false;
  }
  return !text.empty() && (pattern[0] == '_' || pattern[0] == text[0]) &&
         like(text.substr(1), pattern.substr(1));
}

bool holds(const Condition& c, const Row& row) {
  std::string v = row[c.column].value_or("NULL");
  if (c.op == "LIKE") {
    return like(v, c.value);
  }
  double a = 0, b = 0;
  int cmp = (numeric(v, a) && numeric(c.value, b)) ? (a < b   ? -1
                                                      : a > b ? 1
                                                              : 0)
                                                   : v.compare(c.value);
  if (c.op == "=")
    return cmp == 0;
  if (c.op == "!=" || c.op == "<>")
    return cmp != 0;
  if (c.op == "<")
    return cmp < 0;
  if (c.op == "<=")
    return cmp <= 0;
  if (c.op == ">")
    return cmp > 0;
  return cmp >= 0;
}

} // namespace

ResultSet apply_show_filter(ResultSet rs, Cursor& cur) {
  std::vector<Condition> conds;
  if (cur.accept_kw("WHERE")) {
    do {
      Condition c;
      c.column = column_index(rs, cur.identifier());
      c.op = cur.accept_kw("LIKE") ? "LIKE" : cur.next().text;
      c.value = cur.literal_text();
      conds.push_back(c);
    } while (cur.accept_kw("AND"));
  }
  std::vector<Row> kept;
  for (const Row& r : rs.rows) {
    if (std::all_of(conds.begin(), conds.end(), [&](const Condition& c) { return holds(c, r); })) {
      kept.push_back(r);
    }
  }
  if (cur.accept_kw("ORDER")) {
    cur.expect_kw("BY");
    std::size_t col = column_index(rs, cur.identifier());
    bool desc = cur.accept_kw("DESC");
    cur.accept_kw("ASC");
    std::stable_sort(kept.begin(), kept.end(), [&](const Row& a, const Row& b) {
      double x = 0, y = 0;
      std::string sa = a[col].value_or(""), sb = b[col].value_or("");
      bool less = (numeric(sa, x) && numeric(sb, y)) ? x < y : sa < sb;
      bool greater = (numeric(sa, x) && numeric(sb, y)) ? x > y : sa > sb;
      return desc ? greater : less;
    });
  }
  if (cur.accept_kw("LIMIT")) {
    std::size_t a = std::stoul(cur.literal_text()), offset = 0, count = a;
    if (cur.accept_sym(",")) {
      offset = a;
      count = std::stoul(cur.literal_text());
    } else if (cur.accept_kw("OFFSET")) {
      offset = std::stoul(cur.literal_text());
    }
    std::vector<Row> page;
    for (std::size_t i = offset; i < kept.size() && page.size() < count; ++i) {
      page.push_back(kept[i]);
    }
    kept = page;
  }
  if (!cur.at_end()) {
    cur.syntax_error();
  }
  rs.rows = kept;
  return rs;
}

} // namespace srsim::engine
