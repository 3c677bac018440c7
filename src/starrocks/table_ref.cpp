#include "exlschema/starrocks/table_ref.hpp"

#include "exlschema/starrocks/quote.hpp"

namespace exl::starrocks {

std::string TableRef::sql() const {
  std::string out;
  if (!catalog.empty()) {
    out += quote_identifier(catalog) + ".";
  }
  if (!database.empty()) {
    out += quote_identifier(database) + ".";
  }
  return out + quote_identifier(table);
}

} // namespace exl::starrocks
