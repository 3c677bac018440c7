#pragma once

#include "exlschema/starrocks/table_model.hpp"
#include "exlschema/starrocks/table_ref.hpp"
#include "exlschema/starrocks/version.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

// -o files (issue #17): the statements that move a partition through object storage, and the
// choice of the file format. Facts and sources: docs/research/files-mode-facts.md.
//
//   source: INSERT INTO FILES("path" = "s3://bucket/prefix/", "format" = ..., <storage>)
//           SELECT <exprs> FROM db.t WHERE <partition predicate>
//   target: INSERT {INTO|OVERWRITE} t [PARTITION (p)] WITH LABEL l (cols)
//           SELECT <exprs> FROM FILES("path" = "s3://bucket/prefix/*", "format" = ..., <storage>)
//
// Versions (StarRocks docs, loading/unloading feature matrix and files.md):
// - unload (INSERT INTO FILES) from 3.2, Parquet only; CSV and ORC from 3.3;
// - load (FILES()) from 3.1, Parquet and ORC; CSV from 3.3; complex types (ARRAY, MAP, STRUCT,
//   JSON) from 3.2; in 3.1 FILES() documents AWS S3 only, S3-compatible endpoints from 3.2.
//
// CSV: StarRocks's CSV unload writes values raw, without escaping (BE string_converter.cpp), and
// FILES() guesses each CSV column's type from a sample (an integer-looking column becomes BIGINT,
// so a value too large becomes NULL, and "0012" becomes 12). So no value goes as itself: a string
// goes as "x" + HEX(value) and comes back as UNHEX(SUBSTR($n, 2)); any other value as "v" +
// its text and comes back as CAST(SUBSTR($n, 2) AS <its type>). Every field is then a string
// that holds neither separator nor newline; NULL stays \N. Types CSV cannot carry are refused.
namespace exl::starrocks {

enum class FileFormat { Parquet, Csv };
const char* to_string(FileFormat format); // "parquet", "csv"

// How FILES() reaches one location (files.md, "Other S3-compatible storage system").
struct FilesStorage {
  std::string endpoint; // "http://host:port"; empty: AWS S3 of `region`
  std::string region = "us-east-1";
  bool path_style = true;
  std::string access_key;
  std::string secret_key;
};

// The format `table` travels in from `source` to `target`: `wanted` is "auto" (Parquet where both
// can, else CSV), "parquet" or "csv"; `custom_endpoint`: the location is not AWS S3. Returns the
// format, or one line saying why none can be used (the table is refused).
struct FormatChoice {
  std::optional<FileFormat> format;
  std::string refusal;
};
FormatChoice choose_file_format(const Version& source, const Version& target,
                                const TableModel& table, std::string_view wanted,
                                bool custom_endpoint);

// One partition's export: `url` is the directory (ends with '/') the objects go under.
struct FilesExportSpec {
  TableRef source;
  std::vector<Column> columns; // the columns copied, in order (insertable_columns)
  std::vector<std::string> predicates;
  FileFormat format = FileFormat::Parquet;
  std::string url;
  FilesStorage storage;
};
std::string build_files_export(const FilesExportSpec& spec);

// The SELECT list and FILES() source of a load of the objects under `url` (a directory, read
// with the glob `url*`): "SELECT <exprs> FROM FILES(...)", for InsertSpec::query.
std::string build_files_select(const std::vector<Column>& columns, FileFormat format,
                               const std::string& url, const FilesStorage& storage);

} // namespace exl::starrocks
