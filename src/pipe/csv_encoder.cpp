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
    out += m_dialect.enclose;
    for (char c : value) {
      if (c == m_dialect.enclose || c == m_dialect.escape) {
        out += m_dialect.escape;
      }
      out += c;
    }
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
