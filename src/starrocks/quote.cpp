#include "exlschema/starrocks/quote.hpp"

namespace exl::starrocks {

std::string quote_identifier(std::string_view name) {
  std::string out;
  out.reserve(name.size() + 2);
  out += '`';
  for (char c : name) {
    if (c == '`') {
      out += '`';
    }
    out += c;
  }
  out += '`';
  return out;
}

std::string quote_qualified(std::string_view db, std::string_view table) {
  return quote_identifier(db) + "." + quote_identifier(table);
}

std::string quote_string(std::string_view value) {
  std::string out;
  out.reserve(value.size() + 2);
  out += '"';
  for (char c : value) {
    switch (c) {
    case '\\':
      out += "\\\\";
      break;
    case '"':
      out += "\\\"";
      break;
    case '\'':
      out += "\\'";
      break;
    case '\0':
      out += "\\0";
      break;
    case '\n':
      out += "\\n";
      break;
    case '\r':
      out += "\\r";
      break;
    case '\t':
      out += "\\t";
      break;
    case '\x1a':
      out += "\\Z";
      break;
    default:
      out += c;
    }
  }
  out += '"';
  return out;
}

} // namespace exl::starrocks
