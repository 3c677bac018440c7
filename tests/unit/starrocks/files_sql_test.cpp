// -o files statements and format choice (issue #17; starrocks/files_sql.hpp).
#include "exlschema/starrocks/files_sql.hpp"
#include "exlschema/util/redact.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace exl::starrocks {
namespace {

using testing::HasSubstr;
using testing::Not;

TableModel model_of(std::vector<Column> columns) {
  TableModel m;
  m.columns = std::move(columns);
  return m;
}

Column column(std::string name, std::string base, std::vector<long long> args = {}) {
  Column c;
  c.name = std::move(name);
  c.type.base = std::move(base);
  c.type.args = std::move(args);
  return c;
}

const TableModel k_plain =
    model_of({column("k", "bigint"), column("dt", "date"), column("s", "varchar", {64})});

TEST(FilesFormatTest, ParquetWhereBothSidesCan) {
  const auto c =
      choose_file_format(parse_version("3.2.9"), parse_version("3.1.17"), k_plain, "auto", false);
  ASSERT_TRUE(c.format);
  EXPECT_EQ(*c.format, FileFormat::Parquet);
}

TEST(FilesFormatTest, ASourceBefore32CannotExportAtAll) {
  const auto c =
      choose_file_format(parse_version("3.1.17"), parse_version("3.3.5"), k_plain, "auto", true);
  EXPECT_FALSE(c.format);
  EXPECT_THAT(c.refusal, HasSubstr("INSERT INTO FILES (Parquet) needs 3.2"));
  EXPECT_THAT(c.refusal, HasSubstr("writes CSV from 3.3"));
}

TEST(FilesFormatTest, A31TargetReadsOnlyAwsS3) {
  const auto c =
      choose_file_format(parse_version("3.3.5"), parse_version("3.1.17"), k_plain, "auto", true);
  EXPECT_FALSE(c.format);
  EXPECT_THAT(c.refusal, HasSubstr("reads AWS S3 only"));
  EXPECT_THAT(c.refusal, HasSubstr("FILES() reads CSV from 3.3"));
}

TEST(FilesFormatTest, CsvWhenAskedAndBothAre33) {
  const auto c =
      choose_file_format(parse_version("3.3.5"), parse_version("3.3.5"), k_plain, "csv", true);
  ASSERT_TRUE(c.format);
  EXPECT_EQ(*c.format, FileFormat::Csv);
  const auto old =
      choose_file_format(parse_version("3.2.9"), parse_version("3.3.5"), k_plain, "csv", true);
  EXPECT_FALSE(old.format);
  EXPECT_THAT(old.refusal, HasSubstr("CSV cannot be used: the source runs 3.2.9"));
}

TEST(FilesFormatTest, CsvRefusesTypesItCannotCarry) {
  const TableModel arrays = model_of(
      {column("k", "int"), Column{"a", {"array", {}, {{"int", {}, {}, {}}}, {}}, {}, true}});
  const auto c =
      choose_file_format(parse_version("3.3.5"), parse_version("3.3.5"), arrays, "csv", true);
  EXPECT_FALSE(c.format);
  EXPECT_THAT(c.refusal, HasSubstr("column `a`"));
  const auto p =
      choose_file_format(parse_version("3.3.5"), parse_version("3.3.5"), arrays, "auto", true);
  ASSERT_TRUE(p.format);
  EXPECT_EQ(*p.format, FileFormat::Parquet);
  const TableModel bitmap = model_of({column("k", "int"), column("b", "bitmap")});
  EXPECT_FALSE(
      choose_file_format(parse_version("3.3.5"), parse_version("3.3.5"), bitmap, "auto", true)
          .format);
}

FilesStorage storage() {
  FilesStorage s;
  s.endpoint = "http://127.0.0.1:4568";
  s.access_key = "AKIDEXAMPLE77";
  s.secret_key = "wJalrXUtnFEMI/K7MDENG";
  return s;
}

TEST(FilesSqlTest, CsvExportTagsEveryValueSoNoneIsGuessedOrSplit) {
  FilesExportSpec spec;
  spec.source = {{}, "ods", "orders"};
  spec.columns = k_plain.columns;
  spec.predicates = {"`dt` = '2024-01-01'"};
  spec.format = FileFormat::Csv;
  spec.url = "s3://exl-src/exlschema/run1/r1/ods/orders/p20240101/";
  spec.storage = storage();
  EXPECT_EQ(
      build_files_export(spec),
      "INSERT INTO FILES(\"path\" = \"s3://exl-src/exlschema/run1/r1/ods/orders/p20240101/\", "
      "\"format\" = \"csv\", \"compression\" = \"uncompressed\", "
      "\"aws.s3.endpoint\" = \"http://127.0.0.1:4568\", "
      "\"aws.s3.enable_path_style_access\" = \"true\", \"aws.s3.enable_ssl\" = \"false\", "
      "\"aws.s3.region\" = \"us-east-1\", \"aws.s3.use_instance_profile\" = \"false\", "
      "\"aws.s3.access_key\" = \"AKIDEXAMPLE77\", "
      "\"aws.s3.secret_key\" = \"wJalrXUtnFEMI/K7MDENG\") "
      "SELECT concat(\"v\", `k`), concat(\"v\", `dt`), concat(\"x\", hex(`s`)) "
      "FROM `ods`.`orders` WHERE (`dt` = '2024-01-01')");
}

TEST(FilesSqlTest, CsvLoadCastsEveryColumnBackToItsType) {
  EXPECT_EQ(
      build_files_select(k_plain.columns, FileFormat::Csv, "s3://b/p/", storage()).substr(0, 108),
      "SELECT CAST(substr($1, 2) AS BIGINT), CAST(substr($2, 2) AS DATE), unhex(substr($3, "
      "2)) FROM FILES(\"path\" = ");
  EXPECT_THAT(build_files_select(k_plain.columns, FileFormat::Csv, "s3://b/p/", storage()),
              HasSubstr("FILES(\"path\" = \"s3://b/p/*\", \"format\" = \"csv\", "));
  // SHOW CREATE TABLE's internal spellings become the types CAST takes.
  const std::vector<Column> inner{column("d", "decimal64", {10, 2}), column("i", "int", {11}),
                                  column("l", "largeint")};
  FilesExportSpec floats;
  floats.source = {{}, "d", "t"};
  floats.columns = {column("f", "float"), column("g", "double")};
  floats.format = FileFormat::Csv;
  floats.url = "s3://b/p/";
  floats.storage = storage();
  // A FLOAT's own text can be shorter than its bits; widened to DOUBLE it is not.
  EXPECT_THAT(build_files_export(floats),
              HasSubstr("SELECT concat(\"v\", CAST(`f` AS DOUBLE)), concat(\"v\", `g`) FROM"));
  EXPECT_THAT(build_files_select(inner, FileFormat::Csv, "s3://b/p/", storage()),
              HasSubstr("SELECT CAST(substr($1, 2) AS DECIMAL(10, 2)), CAST(substr($2, 2) AS "
                        "INT), CAST(substr($3, 2) AS LARGEINT) FROM"));
}

TEST(FilesSqlTest, ParquetNamesTheColumns) {
  EXPECT_THAT(build_files_select(k_plain.columns, FileFormat::Parquet, "s3://b/p/", storage()),
              HasSubstr("SELECT `k`, `dt`, `s` FROM FILES(\"path\" = \"s3://b/p/*\", \"format\" "
                        "= \"parquet\""));
  FilesExportSpec spec;
  spec.source = {{}, "ods", "orders"};
  spec.columns = k_plain.columns;
  spec.url = "s3://b/p/";
  spec.storage = storage();
  EXPECT_THAT(build_files_export(spec), HasSubstr("\"format\" = \"parquet\", \"compression\" = "
                                                  "\"zstd\""));
  EXPECT_THAT(build_files_export(spec), HasSubstr("SELECT `k`, `dt`, `s` FROM `ods`.`orders`"));
}

TEST(FilesSqlTest, AwsS3NeedsNoEndpointProperties) {
  FilesStorage aws = storage();
  aws.endpoint.clear();
  aws.region = "eu-west-1";
  const std::string sql = build_files_select(k_plain.columns, FileFormat::Parquet, "s3://b/", aws);
  EXPECT_THAT(sql, Not(HasSubstr("aws.s3.endpoint")));
  EXPECT_THAT(sql, HasSubstr("\"aws.s3.region\" = \"eu-west-1\""));
}

TEST(FilesSqlTest, TheKeysNeverSurviveRedaction) {
  FilesExportSpec spec;
  spec.source = {{}, "ods", "orders"};
  spec.columns = k_plain.columns;
  spec.url = "s3://b/p/";
  spec.storage = storage();
  // Even before the keys are registered as secrets (the config registers them): the property
  // names alone hide them.
  const std::string shown = util::redact(build_files_export(spec));
  EXPECT_THAT(shown, Not(HasSubstr("wJalrXUtnFEMI")));
  EXPECT_THAT(shown, Not(HasSubstr("AKIDEXAMPLE77")));
}

} // namespace
} // namespace exl::starrocks
