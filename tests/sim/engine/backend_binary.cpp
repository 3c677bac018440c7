// Backend::query_binary: a result holding a FLOAT column, read through MariaDB's binary protocol
// (mysql_stmt_*), so that each float reaches float_text.hpp as the value stored, not as
// MariaDB's six-digit text.

#include "backend.hpp"
#include "float_text.hpp"

namespace srsim::engine {

namespace {

struct StmtCloser {
  void operator()(MYSQL_STMT* stmt) const { mysql_stmt_close(stmt); }
};
struct ResultFreer {
  void operator()(MYSQL_RES* res) const { mysql_free_result(res); }
};

// One output column's buffer: a float, a double, or text as long as the longest value.
struct Cell {
  enum_field_types type = MYSQL_TYPE_STRING;
  float f = 0;
  double d = 0;
  std::string text;
  unsigned long length = 0;
  my_bool is_null = 0;
  my_bool error = 0;
};

void bind_cell(Cell& cell, const MYSQL_FIELD& field, MYSQL_BIND& bind) {
  bind.is_null = &cell.is_null;
  bind.length = &cell.length;
  bind.error = &cell.error;
  if (field.type == MYSQL_TYPE_FLOAT || field.type == MYSQL_TYPE_DOUBLE) {
    cell.type = field.type;
    bind.buffer_type = field.type;
    bind.buffer = field.type == MYSQL_TYPE_FLOAT ? static_cast<void*>(&cell.f) : &cell.d;
    return;
  }
  cell.text.assign(field.max_length + 1, '\0');
  bind.buffer_type = MYSQL_TYPE_STRING;
  bind.buffer = cell.text.data();
  bind.buffer_length = static_cast<unsigned long>(cell.text.size());
}

std::optional<std::string> cell_value(const Cell& cell) {
  if (cell.is_null) {
    return std::nullopt;
  }
  if (cell.type == MYSQL_TYPE_FLOAT) {
    return starrocks_float_text(cell.f);
  }
  if (cell.type == MYSQL_TYPE_DOUBLE) {
    return starrocks_double_text(cell.d);
  }
  return cell.text.substr(0, cell.length);
}

// A text value longer than its buffer (a converted number's width is not in max_length): fetched
// again whole.
std::string refetch_long(MYSQL_STMT* stmt, unsigned column, const Cell& cell) {
  std::string full(cell.length + 1, '\0');
  unsigned long length = 0;
  MYSQL_BIND bind{};
  bind.buffer_type = MYSQL_TYPE_STRING;
  bind.buffer = full.data();
  bind.buffer_length = static_cast<unsigned long>(full.size());
  bind.length = &length;
  if (mysql_stmt_fetch_column(stmt, &bind, column, 0) != 0) {
    throw BackendError(mysql_stmt_errno(stmt), mysql_stmt_error(stmt));
  }
  full.resize(length);
  return full;
}

} // namespace

ResultSet Backend::query_binary(const std::string& sql) {
  std::unique_ptr<MYSQL_STMT, StmtCloser> stmt(mysql_stmt_init(m_handle.get()));
  const auto stmt_fail = [&] {
    throw BackendError(mysql_stmt_errno(stmt.get()), mysql_stmt_error(stmt.get()));
  };
  my_bool update_max = 1;
  mysql_stmt_attr_set(stmt.get(), STMT_ATTR_UPDATE_MAX_LENGTH, &update_max);
  if (mysql_stmt_prepare(stmt.get(), sql.data(), static_cast<unsigned long>(sql.size())) != 0 ||
      mysql_stmt_execute(stmt.get()) != 0 || mysql_stmt_store_result(stmt.get()) != 0) {
    stmt_fail();
  }
  std::unique_ptr<MYSQL_RES, ResultFreer> meta(mysql_stmt_result_metadata(stmt.get()));
  ResultSet out;
  if (!meta) {
    return out;
  }
  const unsigned n = mysql_num_fields(meta.get());
  MYSQL_FIELD* fields = mysql_fetch_fields(meta.get());
  std::vector<Cell> cells(n);
  std::vector<MYSQL_BIND> binds(n);
  for (unsigned i = 0; i < n; ++i) {
    out.columns.emplace_back(fields[i].name);
    binds[i] = MYSQL_BIND{};
    bind_cell(cells[i], fields[i], binds[i]);
  }
  if (mysql_stmt_bind_result(stmt.get(), binds.data()) != 0) {
    stmt_fail();
  }
  int rc = 0;
  while ((rc = mysql_stmt_fetch(stmt.get())) == 0 || rc == MYSQL_DATA_TRUNCATED) {
    Row values;
    for (unsigned i = 0; i < n; ++i) {
      if (cells[i].type == MYSQL_TYPE_STRING && !cells[i].is_null &&
          cells[i].length >= cells[i].text.size()) {
        values.emplace_back(refetch_long(stmt.get(), i, cells[i]));
        continue;
      }
      values.push_back(cell_value(cells[i]));
    }
    out.rows.push_back(std::move(values));
  }
  if (rc == 1) {
    stmt_fail();
  }
  return out;
}

} // namespace srsim::engine
