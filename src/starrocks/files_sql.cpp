// -o files statements (files_sql.hpp). Property names: StarRocks docs files.md (FILES() and
// INSERT INTO FILES), "Other S3-compatible storage system"; docs/research/files-mode-facts.md.
#include "exlschema/starrocks/files_sql.hpp"

#include "exlschema/starrocks/ddl_printer.hpp"
#include "exlschema/starrocks/insert_sql.hpp"
#include "exlschema/starrocks/quote.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>

namespace exl::starrocks {
namespace {

bool is_string_type(const ColumnType& type) {
  return type.base == "char" || type.base == "varchar" || type.base == "string";
}

bool is_decimal_type(const ColumnType& type) {
  return type.base.rfind("decimal", 0) == 0;
}

bool is_complex_type(const ColumnType& type) {
  return type.base == "array" || type.base == "map" || type.base == "struct" || type.base == "json";
}

// Aggregate-state types cannot be selected as values at all.
bool is_state_type(const ColumnType& type) {
  return type.base == "hll" || type.base == "bitmap" || type.base == "percentile" ||
         type.base == "object";
}

// The first column CSV cannot carry exactly, as a reason.
std::optional<std::string> csv_refusal(const TableModel& table) {
  for (const Column& column : table.columns) {
    const ColumnType& type = column.type;
    if (is_string_type(type) || type.is_numeric() || type.is_date_like() ||
        type.base == "boolean") {
      continue;
    }
    return fmt::format("column `{}` is {}, which the CSV files of -o files cannot carry",
                       column.name, print_column_type(type));
  }
  return std::nullopt;
}

std::optional<std::string> parquet_refusal(const Version& source, const Version& target,
                                           const TableModel& table, bool custom_endpoint) {
  if (!source.at_least(3, 2)) {
    return "the source runs " + source.text + ", and INSERT INTO FILES (Parquet) needs 3.2";
  }
  if (!target.at_least(3, 1)) {
    return "the target runs " + target.text + ", and FILES() needs 3.1";
  }
  if (custom_endpoint && !target.at_least(3, 2)) {
    return "the target runs " + target.text +
           ", whose FILES() reads AWS S3 only; an S3-compatible endpoint needs 3.2";
  }
  for (const Column& column : table.columns) {
    if (is_state_type(column.type) || column.type.base == "varbinary" ||
        column.type.base == "binary") {
      return fmt::format("column `{}` is {}, which -o files does not export", column.name,
                         print_column_type(column.type));
    }
    if (is_complex_type(column.type) && !target.at_least(3, 2)) {
      return fmt::format("column `{}` is {}, and FILES() reads complex types from 3.2 (the "
                         "target runs {})",
                         column.name, print_column_type(column.type), target.text);
    }
  }
  return std::nullopt;
}

std::optional<std::string> csv_version_refusal(const Version& source, const Version& target) {
  if (!source.at_least(3, 3)) {
    return "the source runs " + source.text + ", and INSERT INTO FILES writes CSV from 3.3";
  }
  if (!target.at_least(3, 3)) {
    return "the target runs " + target.text + ", and FILES() reads CSV from 3.3";
  }
  return std::nullopt;
}

std::string property(std::string_view name, std::string_view value) {
  return quote_string(name) + " = " + quote_string(value);
}

std::string storage_properties(const FilesStorage& storage) {
  std::vector<std::string> out;
  if (!storage.endpoint.empty()) {
    const bool ssl = storage.endpoint.rfind("https://", 0) == 0;
    out.push_back(property("aws.s3.endpoint", storage.endpoint));
    out.push_back(
        property("aws.s3.enable_path_style_access", storage.path_style ? "true" : "false"));
    out.push_back(property("aws.s3.enable_ssl", ssl ? "true" : "false"));
  }
  out.push_back(property("aws.s3.region", storage.region));
  out.push_back(property("aws.s3.use_instance_profile", "false"));
  out.push_back(property("aws.s3.access_key", storage.access_key));
  out.push_back(property("aws.s3.secret_key", storage.secret_key));
  return fmt::format("{}", fmt::join(out, ", "));
}

std::string format_properties(FileFormat format) {
  // CSV unload takes no compression (files.md); zstd is in 3.2's list and in 3.3's.
  return property("format", to_string(format)) + ", " +
         property("compression", format == FileFormat::Csv ? "uncompressed" : "zstd");
}

std::string export_expression(const Column& column, FileFormat format) {
  const std::string name = quote_identifier(column.name);
  if (format == FileFormat::Parquet) {
    return name;
  }
  if (is_string_type(column.type)) {
    return "concat(\"x\", hex(" + name + "))";
  }
  if (column.type.base == "float") {
    // A FLOAT prints with fewer digits than it holds (MariaDB: 6); widened to DOUBLE first
    // (exact), its text carries every bit back through CAST(... AS FLOAT).
    return "concat(\"v\", CAST(" + name + " AS DOUBLE))";
  }
  return "concat(\"v\", " + name + ")";
}

// The type a CAST names: SHOW CREATE TABLE's internal spellings (`decimal64(10, 2)`, `int(11)`)
// written as the SQL types CAST takes (DECIMAL(p, s), INT).
std::string cast_type(const ColumnType& type) {
  if (is_decimal_type(type)) {
    return fmt::format("DECIMAL({}, {})", type.precision().value_or(38), type.scale().value_or(0));
  }
  std::string base = type.base;
  for (char& c : base) {
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return base;
}

std::string load_expression(const Column& column, FileFormat format, std::size_t position) {
  if (format == FileFormat::Parquet) {
    return quote_identifier(column.name);
  }
  const std::string field = "substr($" + std::to_string(position) + ", 2)";
  if (is_string_type(column.type)) {
    return "unhex(" + field + ")";
  }
  return "CAST(" + field + " AS " + cast_type(column.type) + ")";
}

} // namespace

const char* to_string(FileFormat format) {
  return format == FileFormat::Csv ? "csv" : "parquet";
}

FormatChoice choose_file_format(const Version& source, const Version& target,
                                const TableModel& table, std::string_view wanted,
                                bool custom_endpoint) {
  const auto no_parquet = parquet_refusal(source, target, table, custom_endpoint);
  auto no_csv = csv_version_refusal(source, target);
  if (!no_csv) {
    no_csv = csv_refusal(table);
  }
  if (wanted == "parquet") {
    return no_parquet ? FormatChoice{std::nullopt, "Parquet cannot be used: " + *no_parquet}
                      : FormatChoice{FileFormat::Parquet, {}};
  }
  if (wanted == "csv") {
    return no_csv ? FormatChoice{std::nullopt, "CSV cannot be used: " + *no_csv}
                  : FormatChoice{FileFormat::Csv, {}};
  }
  if (!no_parquet) {
    return {FileFormat::Parquet, {}};
  }
  if (!no_csv) {
    return {FileFormat::Csv, {}};
  }
  return {std::nullopt,
          "no file format both clusters can use: Parquet: " + *no_parquet + "; CSV: " + *no_csv};
}

std::string build_files_export(const FilesExportSpec& spec) {
  std::vector<std::string> exprs;
  for (const Column& column : spec.columns) {
    exprs.push_back(export_expression(column, spec.format));
  }
  std::string sql = "INSERT INTO FILES(" + property("path", spec.url) + ", " +
                    format_properties(spec.format) + ", " + storage_properties(spec.storage) +
                    ") SELECT " + fmt::format("{}", fmt::join(exprs, ", ")) + " FROM " +
                    spec.source.sql();
  const std::string where = and_predicates(spec.predicates);
  if (!where.empty()) {
    sql += " WHERE " + where;
  }
  return sql;
}

std::string build_files_select(const std::vector<Column>& columns, FileFormat format,
                               const std::string& url, const FilesStorage& storage) {
  std::vector<std::string> exprs;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    exprs.push_back(load_expression(columns[i], format, i + 1));
  }
  return "SELECT " + fmt::format("{}", fmt::join(exprs, ", ")) + " FROM FILES(" +
         property("path", url + "*") + ", " + property("format", to_string(format)) + ", " +
         storage_properties(storage) + ")";
}

} // namespace exl::starrocks
