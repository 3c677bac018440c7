#include "exlschema/db/result_set.hpp"

#include <algorithm>
#include <cctype>

namespace exl::db {
namespace {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

} // namespace

std::optional<std::size_t> ResultSet::column_index(std::string_view name) const {
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (columns[i] == name) {
      return i;
    }
  }
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (iequals(columns[i], name)) {
      return i;
    }
  }
  return std::nullopt;
}

Value ResultSet::value(std::size_t row, std::string_view name) const {
  const auto col = column_index(name);
  if (!col || row >= rows.size() || *col >= rows[row].size()) {
    return std::nullopt;
  }
  return rows[row][*col];
}

std::vector<Row> ResultSet::to_rows() const {
  std::vector<Row> out;
  out.reserve(rows.size());
  for (const auto& values : rows) {
    Row row;
    for (std::size_t i = 0; i < columns.size() && i < values.size(); ++i) {
      row.emplace(columns[i], values[i]);
    }
    out.push_back(std::move(row));
  }
  return out;
}

} // namespace exl::db
