#include "exlschema/starrocks/checksum_sql.hpp"

#include "exlschema/starrocks/quote.hpp"
#include "starrocks/tokenizer.hpp"

#include <algorithm>

// Why this canonical form (docs/verify.md):
// - Every argument of the hash is 'v' + text or 'n', never NULL: StarRocks's hash functions
//   return NULL when any argument is NULL (docs sql-functions/hash-functions/xx_hash3_64.md,
//   murmur_hash3_32.md), and the prefix keeps NULL, '' and the text 'NULL' apart.
// - Columns are separate arguments, not one concatenated string: the functions chain the hash
//   of each argument into the seed of the next, so no separator can be confused with data.
// - DATETIME goes through date_format with %f: CAST(.. AS VARCHAR) prints the fraction only when
//   it is not zero, and releases differ in how; the fixed form does not.
// - BOOLEAN through INT: 0/1 on every release.
namespace exl::starrocks {
namespace {

bool is_string_type(const std::string& base) {
  return base == "char" || base == "varchar" || base == "string";
}

bool is_cast_type(const ColumnType& type) {
  const std::string& b = type.base;
  return type.is_numeric() || b == "date" || b == "json" || b.rfind("decimal", 0) == 0;
}

ParseError refusal(const Column& column, std::string_view why) {
  return ParseError{0, "a column whose values have a canonical text",
                    "column " + quote_identifier(column.name) + " of type " + column.type.base +
                        " (" + std::string(why) + ")"};
}

// The value's text, NULL when the value is NULL.
Result<std::string> value_text(const Column& column) {
  const std::string name = quote_identifier(column.name);
  const std::string& base = column.type.base;
  if (is_string_type(base)) {
    return name;
  }
  if (base == "datetime") {
    return "date_format(" + name + ", '%Y-%m-%d %H:%i:%s.%f')";
  }
  if (base == "boolean") {
    return "CAST(CAST(" + name + " AS INT) AS VARCHAR)";
  }
  if (base == "varbinary" || base == "binary") {
    return "hex(" + name + ")";
  }
  if (is_cast_type(column.type)) {
    return "CAST(" + name + " AS VARCHAR)";
  }
  if (base == "hll" || base == "bitmap" || base == "percentile") {
    return refusal(column, "an aggregate state has no readable value");
  }
  return refusal(column, "no text form that is the same on every release");
}

} // namespace

RowHashFunction row_hash_function(const Version& source, const Version& target) {
  return supports(source, Feature::XxHash3_64) && supports(target, Feature::XxHash3_64)
             ? RowHashFunction::XxHash3_64
             : RowHashFunction::MurmurHash3_32;
}

const char* row_hash_name(RowHashFunction function) {
  return function == RowHashFunction::XxHash3_64 ? "xx_hash3_64" : "murmur_hash3_32";
}

Result<std::string> canonical_value(const Column& column) {
  Result<std::string> text = value_text(column);
  if (!text) {
    return text.error();
  }
  return "IFNULL(CONCAT('v', " + text.value() + "), 'n')";
}

Result<RowHash> build_row_hash(const std::vector<Column>& columns, RowHashFunction function) {
  if (columns.empty()) {
    return ParseError{0, "at least one column", "none"};
  }
  std::vector<const Column*> ordered;
  for (const Column& column : columns) {
    ordered.push_back(&column);
  }
  std::stable_sort(ordered.begin(), ordered.end(), [](const Column* a, const Column* b) {
    return detail::to_lower(a->name) < detail::to_lower(b->name);
  });
  RowHash hash;
  hash.function = function;
  std::string arguments;
  for (const Column* column : ordered) {
    Result<std::string> value = canonical_value(*column);
    if (!value) {
      return value.error();
    }
    arguments += (arguments.empty() ? "" : ", ") + value.value();
    hash.columns.push_back(column->name);
  }
  const std::string name = row_hash_name(function);
  hash.expressions.push_back(name + "(" + arguments + ")");
  if (function == RowHashFunction::MurmurHash3_32) {
    hash.expressions.push_back(name + "('exl', " + arguments + ")");
  }
  return hash;
}

std::string row_hash_select(const RowHash& hash) {
  std::string out;
  for (std::size_t i = 0; i < hash.expressions.size(); ++i) {
    out += (i == 0 ? "" : ", ") + hash.expressions[i] + " AS exl_h" + std::to_string(i + 1);
  }
  return out;
}

std::string checksum_aggregates(const RowHash& hash) {
  std::string out;
  for (std::size_t i = 0; i < hash.expressions.size(); ++i) {
    const std::string n = std::to_string(i + 1);
    out += ", SUM(CAST(exl_h" + n + " AS LARGEINT)) AS exl_sum" + n;
  }
  return out;
}

std::vector<std::string> checksum_columns(const RowHash& hash) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < hash.expressions.size(); ++i) {
    out.push_back("exl_sum" + std::to_string(i + 1));
  }
  return out;
}

} // namespace exl::starrocks
