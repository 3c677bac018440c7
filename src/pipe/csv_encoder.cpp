#include "exlschema/pipe/csv_encoder.hpp"

namespace exl::pipe {

void CsvEncoder::append(const db::RowValues& row, std::string& out) const {
  for (std::size_t i = 0; i < row.size(); ++i) {
    if (i > 0) {
      out += m_dialect.column_separator;
    }
    if (!row[i]) {
      out += "\\N";
    } else {
      append_value(*row[i], out);
    }
  }
  out += m_dialect.row_delimiter;
}

void CsvEncoder::append_value(const std::string& value, std::string& out) const {
  if (m_dialect.enclose != 0) {
    const char special[] = {m_dialect.enclose, m_dialect.escape, '\0'};
    out += m_dialect.enclose;
    std::size_t from = 0;
    for (std::size_t at = value.find_first_of(special); at != std::string::npos;
         at = value.find_first_of(special, from)) {
      out.append(value, from, at - from);
      out += m_dialect.escape;
      out += value[at];
      from = at + 1;
    }
    out.append(value, from, std::string::npos);
    out += m_dialect.enclose;
    return;
  }
  if (value == "\\N" || value.find(m_dialect.column_separator) != std::string::npos ||
      value.find(m_dialect.row_delimiter) != std::string::npos) {
    throw UnencodableValue(
        "a value holds a byte CSV without enclose/escape cannot carry (the "
        "separator \\x01 or \\x02, or is the text \\N); the target, below "
        "StarRocks 3.0, has no CSV escaping: use -o mysql or -o starrocks for this table");
  }
  out += value;
}

} // namespace exl::pipe
