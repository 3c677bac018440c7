#pragma once

#include "exlschema/db/result_set.hpp"
#include "exlschema/starrocks/stream_load_request.hpp"

#include <stdexcept>
#include <string>

// Rows of a streaming SELECT (the MySQL protocol's text form of every value) written as the CSV
// of a Stream Load in `dialect` (starrocks::CsvDialect): NULL is `\N`, never enclosed; with
// enclose/escape every other value is enclosed and its enclose and escape characters escaped;
// without them a value that holds a separator, or is the text `\N`, cannot be written.
namespace exl::pipe {

// A value the dialect cannot carry: the unit fails with this rather than load it wrong.
class UnencodableValue : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

class CsvEncoder {
public:
  explicit CsvEncoder(starrocks::CsvDialect dialect) : m_dialect(std::move(dialect)) {}

  // Appends `row` and its row delimiter to `out`.
  void append(const db::RowValues& row, std::string& out) const;

private:
  void append_value(const std::string& value, std::string& out) const;

  starrocks::CsvDialect m_dialect;
};

} // namespace exl::pipe
