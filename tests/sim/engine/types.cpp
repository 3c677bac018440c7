#include "types.hpp"

#include "backend.hpp"
#include "errors.hpp"

#include <cstdio>
#include <map>

namespace srsim::engine {

namespace {

struct Simple {
  const char* printed;
  const char* sql;
};

const std::map<std::string, Simple>& simple_types() {
  static const std::map<std::string, Simple> k_types = {
      {"tinyint", {"tinyint(4)", "TINYINT"}},
      {"smallint", {"smallint(6)", "SMALLINT"}},
      {"int", {"int(11)", "INT"}},
      {"bigint", {"bigint(20)", "BIGINT"}},
      {"largeint", {"largeint(40)", "DECIMAL(39,0)"}},
      {"boolean", {"boolean", "TINYINT(1)"}},
      {"float", {"float", "FLOAT"}},
      {"double", {"double", "DOUBLE"}},
      {"date", {"date", "DATE"}},
      {"datetime", {"datetime", "DATETIME"}},
      {"json", {"json", "LONGTEXT"}},
      {"bitmap", {"bitmap", "LONGBLOB"}},
      {"hll", {"hll", "LONGBLOB"}},
      {"percentile", {"percentile", "LONGBLOB"}},
      {"string", {"varchar(65533)", "LONGTEXT"}},
      {"varbinary", {"varbinary", "LONGBLOB"}},
      {"binary", {"binary", "LONGBLOB"}},
  };
  return k_types;
}

std::vector<int> type_args(Cursor& cur) {
  std::vector<int> args;
  if (cur.accept_sym("(")) {
    do {
      args.push_back(std::stoi(cur.literal_text()));
    } while (cur.accept_sym(","));
    cur.expect_sym(")");
  }
  return args;
}

// Nested types (ARRAY<..>, MAP<..>, STRUCT<..>) are kept as text: the inner types printed the
// StarRocks way, stored as LONGTEXT.
std::string nested_type(Cursor& cur, const std::string& head) {
  std::string out = head + "<";
  cur.expect_sym("<");
  bool first = true;
  while (!cur.accept_sym(">")) {
    if (!first) {
      cur.expect_sym(",");
      out += ",";
    }
    first = false;
    if (head == "struct") {
      out += cur.identifier() + " ";
    }
    ColumnDef inner;
    parse_column_type(cur, inner);
    out += inner.type;
  }
  return out + ">";
}

void decimal_type(const std::string& base, const std::vector<int>& args, ColumnDef& column) {
  int p = args.empty() ? 10 : args[0];
  int s = args.size() > 1 ? args[1] : 0;
  std::string family = base;
  if (base == "decimal" || base == "numeric") {
    family = p <= 9 ? "decimal32" : p <= 18 ? "decimal64" : "decimal128";
  }
  if (base == "decimalv2") {
    family = "decimal";
  }
  column.type = family + "(" + std::to_string(p) + ", " + std::to_string(s) + ")";
  column.sql_type = "DECIMAL(" + std::to_string(p) + "," + std::to_string(s) + ")";
  column.base = "decimal";
}

} // namespace

void parse_column_type(Cursor& cur, ColumnDef& column) {
  const std::size_t at = cur.position();
  std::string base = to_lower(cur.identifier());
  if (base == "varbinary" && !cur.allows(SyntaxForm::Varbinary)) {
    cur.syntax_error_at(at);
  }
  if (base == "integer") {
    base = "int";
  } else if (base == "bool") {
    base = "boolean";
  }
  if (base == "array" || base == "map" || base == "struct") {
    column.type = nested_type(cur, base);
    column.sql_type = "LONGTEXT";
    column.base = base;
    return;
  }
  std::vector<int> args = type_args(cur);
  if (base.rfind("decimal", 0) == 0 || base == "numeric") {
    decimal_type(base, args, column);
    return;
  }
  if (base == "varchar" || base == "char") {
    int n = args.empty() ? 1 : args[0];
    column.type = base + "(" + std::to_string(n) + ")";
    column.base = base;
    if (base == "char" && n <= 255) {
      column.sql_type = "CHAR(" + std::to_string(n) + ")";
    } else if (n <= 1024) {
      column.sql_type = "VARCHAR(" + std::to_string(n) + ")";
    } else {
      column.sql_type = "LONGTEXT";
    }
    return;
  }
  auto it = simple_types().find(base);
  if (it == simple_types().end()) {
    fail_unsupported("column type " + base);
  }
  column.type = it->second.printed;
  column.sql_type = it->second.sql;
  column.base = base == "string" ? "varchar" : base;
}

bool is_integer_base(const std::string& base) {
  return base == "tinyint" || base == "smallint" || base == "int" || base == "bigint" ||
         base == "largeint" || base == "boolean";
}

std::string type_min_value(const std::string& base) {
  static const std::map<std::string, std::string> k_min = {
      {"tinyint", "-128"},
      {"smallint", "-32768"},
      {"int", "-2147483648"},
      {"bigint", "-9223372036854775808"},
      {"largeint", "-170141183460469231731687303715884105728"},
      {"date", "0000-01-01"},
      {"datetime", "0000-01-01 00:00:00"},
  };
  auto it = k_min.find(base);
  return it == k_min.end() ? "" : it->second;
}

std::string normalize_key(const std::string& base, const std::string& value) {
  if (value == "MAXVALUE" || (base != "date" && base != "datetime")) {
    return value;
  }
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  int n = std::sscanf(value.c_str(), "%d-%d-%d %d:%d:%d", &y, &mo, &d, &h, &mi, &s);
  if (n < 3) {
    fail_analyzing("Invalid date value: " + value);
  }
  char buf[32];
  if (base == "date") {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, mo, d);
  } else {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d:%02d", y, mo, d, h, mi, s);
  }
  return buf;
}

int compare_value(const std::string& base, const std::string& a, const std::string& b) {
  bool amax = a == "MAXVALUE", bmax = b == "MAXVALUE";
  if (amax || bmax) {
    return amax == bmax ? 0 : (amax ? 1 : -1);
  }
  if (is_integer_base(base)) {
    bool aneg = !a.empty() && a[0] == '-', bneg = !b.empty() && b[0] == '-';
    if (aneg != bneg) {
      return aneg ? -1 : 1;
    }
    std::string ad = aneg ? a.substr(1) : a, bd = bneg ? b.substr(1) : b;
    int mag = ad.size() != bd.size() ? (ad.size() < bd.size() ? -1 : 1) : ad.compare(bd);
    mag = mag < 0 ? -1 : (mag > 0 ? 1 : 0);
    return aneg ? -mag : mag;
  }
  int c = a.compare(b);
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

int compare_tuple(const std::vector<std::string>& bases, const std::vector<std::string>& a,
                  const std::vector<std::string>& b) {
  for (std::size_t i = 0; i < bases.size() && i < a.size() && i < b.size(); ++i) {
    int c = compare_value(bases[i], a[i], b[i]);
    if (c != 0) {
      return c;
    }
  }
  return 0;
}

std::string key_type_name(const std::string& base) {
  if (base == "varchar" || base == "char") {
    return to_upper(base);
  }
  return to_upper(base);
}

std::string sql_value(const std::string& base, const std::string& value) {
  if (value == "MAXVALUE") {
    return "MAXVALUE";
  }
  if (is_integer_base(base)) {
    return value;
  }
  return quote_literal(value);
}

} // namespace srsim::engine
