#include "audit/bisect_answers.hpp"

#include "audit/exact_integer.hpp"

#include <algorithm>
#include <cstdlib>
#include <optional>

namespace exl::audit {
namespace {

using Int128 = __int128;
using UInt128 = unsigned __int128;

[[noreturn]] void malformed(std::string_view side, const std::string& what) {
  throw AuditError("the " + std::string(side) + "'s bisection statement returned " + what);
}

std::string integer_at(const db::RowValues& row, std::size_t column, std::string_view side) {
  const std::string text = row.at(column).value_or("NULL");
  const std::optional<std::string> value = normalised_integer(text);
  if (!value) {
    malformed(side, "'" + text + "' where an integer belongs");
  }
  return *value;
}

void require_columns(const db::ResultSet& answer, std::size_t columns, std::string_view side) {
  if (answer.columns.size() != columns) {
    malformed(side, std::to_string(answer.columns.size()) + " columns instead of " +
                        std::to_string(columns));
  }
}

// Numbers as numbers: integers exactly (LARGEINT too), others as long double; nullopt when the
// two are equal that way or are not both numbers.
std::optional<int> compare_numbers(const std::string& a, const std::string& b) {
  const auto x = parse_int128(a);
  const auto y = parse_int128(b);
  if (x && y) {
    return *x < *y ? -1 : (*y < *x ? 1 : 0);
  }
  const long double u = std::strtold(a.c_str(), nullptr);
  const long double v = std::strtold(b.c_str(), nullptr);
  return u == v ? std::nullopt : std::optional<int>(u < v ? -1 : 1);
}

int compare_values(const starrocks::Column& column, const db::Value& a, const db::Value& b) {
  if (!a || !b) {
    return a ? 1 : (b ? -1 : 0);
  }
  if (column.type.is_numeric() || column.type.base == "boolean") {
    if (const std::optional<int> order = compare_numbers(*a, *b)) {
      return *order;
    }
  }
  return a->compare(*b) < 0 ? -1 : (*a == *b ? 0 : 1);
}

// Each key's row hashes on both sides, each row's hashes as one normalised text.
struct Copies {
  std::vector<std::string> source;
  std::vector<std::string> target;
};

void collect(const db::ResultSet& answer, std::size_t keys, std::size_t hashes,
             std::string_view side, std::vector<std::string> Copies::*list,
             std::map<std::vector<db::Value>, Copies>& into) {
  require_columns(answer, keys + hashes, side);
  for (const db::RowValues& row : answer.rows) {
    std::vector<db::Value> key(row.begin(), row.begin() + static_cast<std::ptrdiff_t>(keys));
    std::string hash;
    for (std::size_t h = 0; h < hashes; ++h) {
      hash += (h == 0 ? "" : ",") + integer_at(row, keys + h, side);
    }
    (into[std::move(key)].*list).push_back(std::move(hash));
  }
}

std::optional<KeyDifference> difference(std::vector<db::Value> key, Copies& copies) {
  std::sort(copies.source.begin(), copies.source.end());
  std::sort(copies.target.begin(), copies.target.end());
  if (copies.source == copies.target) {
    return std::nullopt;
  }
  KeyDifference found;
  found.kind = copies.target.empty()   ? KeyDifference::Kind::OnlyOnSource
               : copies.source.empty() ? KeyDifference::Kind::OnlyOnTarget
                                       : KeyDifference::Kind::ContentDiffers;
  found.key = std::move(key);
  found.source_copies = static_cast<int>(copies.source.size());
  found.target_copies = static_cast<int>(copies.target.size());
  return found;
}

} // namespace

std::optional<std::string> normalised_integer(std::string_view text) {
  const std::optional<Int128> value = parse_int128(text);
  return value ? std::optional<std::string>(int128_text(*value)) : std::nullopt;
}

std::vector<std::vector<starrocks::KeyTuple>> read_bounds(const db::ResultSet& answer,
                                                          std::size_t keys, std::size_t ranges,
                                                          std::size_t most, std::string_view side) {
  require_columns(answer, keys + 1, side);
  std::vector<std::vector<starrocks::KeyTuple>> bounds(ranges);
  for (const db::RowValues& row : answer.rows) {
    const std::string parent = integer_at(row, 0, side);
    const long long number = std::strtoll(parent.c_str(), nullptr, 10);
    if (number < 0 || static_cast<std::size_t>(number) >= ranges) {
      malformed(side, "range " + parent + ", which it did not cut");
    }
    if (std::any_of(row.begin() + 1, row.end(), [](const db::Value& v) { return !v; })) {
      continue; // a bound with a NULL part cannot be compared with
    }
    starrocks::KeyTuple tuple;
    for (std::size_t k = 1; k <= keys; ++k) {
      tuple.push_back(*row[k]);
    }
    auto& list = bounds[static_cast<std::size_t>(number)];
    if ((list.empty() || list.back() != tuple) && list.size() < most) {
      list.push_back(std::move(tuple));
    }
  }
  return bounds;
}

std::map<std::int64_t, RangeSum> read_checksums(const db::ResultSet& answer, std::size_t sums,
                                                std::string_view side) {
  require_columns(answer, 2 + sums, side);
  std::map<std::int64_t, RangeSum> out;
  for (const db::RowValues& row : answer.rows) {
    const std::int64_t range = std::strtoll(integer_at(row, 0, side).c_str(), nullptr, 10);
    RangeSum& sum = out[range];
    sum.rows = std::strtoll(integer_at(row, 1, side).c_str(), nullptr, 10);
    for (std::size_t s = 0; s < sums; ++s) {
      sum.sums.push_back(integer_at(row, 2 + s, side));
    }
  }
  return out;
}

std::vector<KeyDifference> compare_rows(const db::ResultSet& source, const db::ResultSet& target,
                                        const std::vector<starrocks::Column>& keys,
                                        std::size_t hashes) {
  std::map<std::vector<db::Value>, Copies> copies;
  collect(source, keys.size(), hashes, "source", &Copies::source, copies);
  collect(target, keys.size(), hashes, "target", &Copies::target, copies);
  std::vector<KeyDifference> out;
  for (auto& [key, both] : copies) {
    if (auto found = difference(key, both)) {
      out.push_back(std::move(*found));
    }
  }
  std::sort(out.begin(), out.end(), [&keys](const KeyDifference& a, const KeyDifference& b) {
    return key_less(keys, a.key, b.key);
  });
  return out;
}

bool key_less(const std::vector<starrocks::Column>& keys, const std::vector<db::Value>& a,
              const std::vector<db::Value>& b) {
  for (std::size_t i = 0; i < keys.size() && i < a.size() && i < b.size(); ++i) {
    const int order = compare_values(keys[i], a[i], b[i]);
    if (order != 0) {
      return order < 0;
    }
  }
  return a.size() < b.size();
}

} // namespace exl::audit
