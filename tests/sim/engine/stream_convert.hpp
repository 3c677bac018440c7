#pragma once

// One Stream Load field converted to a column's type, as StarRocks's CSV / JSON converters do
// (be/src/formats/csv/*_converter.cpp): a value that does not fit the type cannot be converted.
// The loader then filters the row in strict mode or stores NULL (STREAM_LOAD.md, strict_mode).

#include "model.hpp"

#include <optional>
#include <string>

namespace srsim::engine {

struct Converted {
  std::string value;   // normalised text (dates padded, booleans 0/1); empty when !ok
  bool quoted = false; // written as a quoted literal (strings, dates, JSON, nested types)
  bool ok = false;
};

// `text` (not NULL) for `column`.
Converted convert_field(const ColumnDef& column, const std::string& text);

// The MariaDB literal of a converted value.
std::string literal_of(const Converted& value);

} // namespace srsim::engine
