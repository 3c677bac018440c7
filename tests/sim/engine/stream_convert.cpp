#include "stream_convert.hpp"

#include "backend.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace srsim::engine {

namespace {

Converted cv_bare(std::string v) {
  return Converted{std::move(v), false, true};
}
Converted cv_quoted(std::string v) {
  return Converted{std::move(v), true, true};
}

// Signed integer text within [min, max] of the type (numeric_converter.cpp: out of range is a
// conversion failure, not a wrap). The magnitude may reach max + 1 when negative, so LARGEINT's
// minimum -2^127 converts (StringParser::string_to_int, be/src/util/string_parser.hpp, allows
// max_val + 1 for a negative value). Hand-written: this runs for every field of a large load.
Converted cv_integer(const std::string& base, const std::string& t) {
  using Magnitude = unsigned __int128;
  std::size_t i = t.empty() ? 0 : (t[0] == '+' || t[0] == '-') ? 1 : 0;
  if (i >= t.size() || t.size() - i > 45) {
    return {};
  }
  const Magnitude k_large = (static_cast<Magnitude>(1) << 127) - 1; // 2^127 - 1 (LARGEINT)
  const Magnitude max = base == "tinyint"    ? 127
                        : base == "smallint" ? 32767
                        : base == "int"      ? 2147483647
                        : base == "bigint"   ? static_cast<Magnitude>(9223372036854775807LL)
                                             : k_large;
  const Magnitude limit = max + (t[0] == '-' ? 1 : 0);
  Magnitude v = 0;
  for (std::size_t k = i; k < t.size(); ++k) {
    int digit = t[k] - '0';
    if (digit < 0 || digit > 9 || v > (limit - static_cast<Magnitude>(digit)) / 10) {
      return {};
    }
    v = v * 10 + static_cast<Magnitude>(digit);
  }
  return cv_bare(t[0] == '+' ? t.substr(1) : t);
}

Converted cv_decimal(const ColumnDef& c, const std::string& t) {
  std::size_t i = !t.empty() && (t[0] == '+' || t[0] == '-') ? 1 : 0;
  std::size_t dot = t.find('.', i);
  std::string whole = t.substr(i, dot == std::string::npos ? std::string::npos : dot - i);
  std::string frac = dot == std::string::npos ? "" : t.substr(dot + 1);
  auto digits = [](const std::string& d) {
    return std::all_of(d.begin(), d.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
  };
  if ((whole.empty() && frac.empty()) || !digits(whole) || !digits(frac)) {
    return {};
  }
  int p = 38, s = 0;
  std::sscanf(c.sql_type.c_str(), "DECIMAL(%d,%d)", &p, &s);
  whole.erase(0, std::min(whole.find_first_not_of('0'), whole.size()));
  if (static_cast<int>(whole.size()) > p - s) {
    return {}; // decimalv3_converter: overflow of the integral digits
  }
  return cv_bare(t[0] == '+' ? t.substr(1) : t); // extra fraction digits round in the storage
}

Converted cv_floating(const std::string& t) {
  if (t.empty() || std::isspace(static_cast<unsigned char>(t[0]))) {
    return {};
  }
  char* end = nullptr;
  double v = std::strtod(t.c_str(), &end);
  if (end != t.c_str() + t.size() || !std::isfinite(v)) {
    return {};
  }
  return cv_bare(t);
}

Converted cv_boolean(const std::string& t) {
  std::string l;
  for (char c : t) {
    l += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  // boolean_converter.cpp: true/false, or a number (non-zero is true).
  if (l == "true" || l == "1") {
    return cv_bare("1");
  }
  if (l == "false" || l == "0") {
    return cv_bare("0");
  }
  return {};
}

bool cv_valid_date(int y, int mo, int d) {
  static const int k_days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 0 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > k_days[mo - 1]) {
    return false;
  }
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return mo != 2 || d <= 28 || leap;
}

// Reads up to `max` digits at `i` into `out` (at least one).
bool cv_digits_at(const std::string& t, std::size_t& i, std::size_t max, int& out) {
  std::size_t start = i;
  out = 0;
  while (i < t.size() && i - start < max && t[i] >= '0' && t[i] <= '9') {
    out = out * 10 + (t[i++] - '0');
  }
  return i > start;
}

// date_converter.cpp / datetime_converter.cpp: `yyyy-mm-dd` (one-digit month / day too) or
// `yyyymmdd`, with `[ |T]hh:mm:ss[.ffffff]` for DATETIME (a DATE takes the date part).
Converted cv_date_time(const std::string& base, const std::string& t) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  std::size_t i = 0;
  bool compact = t.size() >= 8 && t.find('-') == std::string::npos;
  bool ok = cv_digits_at(t, i, 4, y) && i == 4 && (compact || (i < t.size() && t[i++] == '-')) &&
            cv_digits_at(t, i, 2, mo) && (compact || (i < t.size() && t[i++] == '-')) &&
            cv_digits_at(t, i, 2, d);
  std::string frac;
  if (ok && i < t.size()) {
    ok = (t[i] == ' ' || t[i] == 'T') && cv_digits_at(t, ++i, 2, h) && i < t.size() &&
         t[i++] == ':' && cv_digits_at(t, i, 2, mi) && i < t.size() && t[i++] == ':' &&
         cv_digits_at(t, i, 2, s);
    if (ok && i < t.size()) {
      frac = t.substr(i);
      ok = frac.size() >= 2 && frac.size() <= 7 && frac[0] == '.' &&
           std::all_of(frac.begin() + 1, frac.end(), [](char c) { return c >= '0' && c <= '9'; });
    }
  }
  if (!ok || !cv_valid_date(y, mo, d) || h > 23 || mi > 59 || s > 59) {
    return {};
  }
  char buf[64];
  if (base == "date") {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, mo, d);
  } else {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d:%02d%s", y, mo, d, h, mi, s,
                  frac.c_str());
  }
  return cv_quoted(buf);
}

// CHAR/VARCHAR(n) hold at most n bytes; a longer value cannot be converted.
Converted cv_text(const ColumnDef& c, const std::string& t) {
  std::size_t open = c.type.find('(');
  if (open != std::string::npos) {
    std::size_t limit = std::strtoull(c.type.c_str() + open + 1, nullptr, 10);
    if (limit > 0 && t.size() > limit) {
      return {};
    }
  }
  return cv_quoted(t);
}

Converted cv_json(const std::string& t) {
  try {
    (void)nlohmann::json::parse(t);
  } catch (const std::exception&) {
    return {}; // json_converter.cpp: text that is no JSON document
  }
  return cv_quoted(t);
}

// ARRAY / MAP / STRUCT are stored as their text (docs/srsim-engine.md); the brackets must match.
Converted cv_nested(const std::string& base, const std::string& t) {
  bool ok = base == "array" ? t.size() >= 2 && t.front() == '[' && t.back() == ']'
                            : t.size() >= 2 && t.front() == '{' && t.back() == '}';
  return ok ? cv_quoted(t) : Converted{};
}

} // namespace

Converted convert_field(const ColumnDef& c, const std::string& t) {
  const std::string& b = c.base;
  if (b == "tinyint" || b == "smallint" || b == "int" || b == "bigint" || b == "largeint") {
    return cv_integer(b, t);
  }
  if (b == "boolean") {
    return cv_boolean(t);
  }
  if (b == "decimal") {
    return cv_decimal(c, t);
  }
  if (b == "float" || b == "double") {
    return cv_floating(t);
  }
  if (b == "date" || b == "datetime") {
    return cv_date_time(b, t);
  }
  if (b == "char" || b == "varchar") {
    return cv_text(c, t);
  }
  if (b == "json") {
    return cv_json(t);
  }
  if (b == "array" || b == "map" || b == "struct") {
    return cv_nested(b, t);
  }
  return cv_quoted(t); // binary, varbinary, bitmap, hll, percentile: bytes as given
}

std::string literal_of(const Converted& v) {
  return v.quoted ? quote_literal(v.value) : v.value;
}

} // namespace srsim::engine
