// Names StarRocks allows with every character that matters to SQL (docs/names.md): a 3.3 table
// name with ';', '--', quotes, a backslash, a backquote, a space, non-ASCII and a reserved word;
// column names with the same. Golden texts: each name stays one identifier or one literal.
#include "exlschema/starrocks/external_table_sql.hpp"
#include "exlschema/starrocks/insert_sql.hpp"
#include "exlschema/starrocks/load_sql.hpp"
#include "exlschema/starrocks/names.hpp"
#include "exlschema/starrocks/partition_sql.hpp"
#include "exlschema/starrocks/quote.hpp"
#include "exlschema/starrocks/stream_load_request.hpp"
#include "exlschema/starrocks/version.hpp"

#include <gtest/gtest.h>

namespace exl::starrocks {
namespace {

const std::string k_table = "t;x--y'\"\\` \xc3\xa9 select";
const std::string k_table_ident = "`t;x--y'\"\\`` \xc3\xa9 select`";
const std::string k_table_literal = "\"t;x--y\\'\\\"\\\\` \xc3\xa9 select\"";

TEST(OddNamesTest, OneIdentifierOneLiteral) {
  EXPECT_EQ(quote_identifier(k_table), k_table_ident);
  EXPECT_EQ(quote_string(k_table), k_table_literal);
  EXPECT_EQ((TableRef{"exl_src_r1", "d", k_table}.sql()), "`exl_src_r1`.`d`." + k_table_ident);
  EXPECT_EQ(quote_identifier("b`t"), "`b``t`");
  EXPECT_EQ(quote_identifier("``"), "``````");
  EXPECT_EQ(quote_string("x--y;#/*"), "\"x--y;#/*\"");
}

TEST(OddNamesTest, SelectAndInsertKeepEachColumnOneIdentifier) {
  const std::string select =
      build_select_columns({"", "d", k_table}, {"we;ird--x", "b`t", "\xe5\x88\x97 name", "select"},
                           {"`q'\"\\` <> 'skip;me--'"});
  EXPECT_EQ(select, "SELECT `we;ird--x`, `b``t`, `\xe5\x88\x97 name`, `select` FROM `d`." +
                        k_table_ident + " WHERE (`q'\"\\` <> 'skip;me--')");
  InsertSpec spec;
  spec.target = {"", "d", k_table};
  spec.overwrite = true;
  spec.partitions = {"_p2", "p20240101"};
  spec.label = "exl_v2_l1";
  spec.columns = {"we;ird--x", "b`t"};
  spec.query = "SELECT 1, 2";
  EXPECT_EQ(build_insert(spec, parse_version("3.3.5")),
            "INSERT OVERWRITE `d`." + k_table_ident +
                " PARTITION (`_p2`, `p20240101`) WITH LABEL `exl_v2_l1` (`we;ird--x`, `b``t`) "
                "SELECT 1, 2");
}

TEST(OddNamesTest, NamesInLiteralsAreEscaped) {
  EXPECT_EQ(
      build_partitions_meta_query("d", k_table),
      "SELECT PARTITION_NAME, PARTITION_ID, VISIBLE_VERSION, PARTITION_KEY, PARTITION_VALUE, "
      "BUCKETS, REPLICATION_NUM, DATA_SIZE, ROW_COUNT FROM information_schema.partitions_meta "
      "WHERE DB_NAME = \"d\" AND TABLE_NAME = " +
          k_table_literal + " AND IS_TEMP = 0");
  EXPECT_EQ(build_show_full_tables("_d1"), "SHOW FULL TABLES FROM `_d1`");
  EXPECT_EQ(like_prefix_literal("t;x'_%"), "\"t;x\\'\\\\_\\\\%%\"");
}

TEST(OddNamesTest, ExternalTableNamesTheSourceTableInALiteral) {
  TableModel t;
  t.name = k_table;
  t.columns.push_back(
      Column{"we;ird--x", ColumnType{"int", {11}, {}, {}}, "", true, std::nullopt, false, "", ""});
  ExternalConnection c{"127.0.0.1", 3306, "u", "p", "d", k_table};
  const std::string ddl = build_create_mysql_external_table({"", "d2", "exl_tmp_r1_t"}, t, c);
  EXPECT_NE(ddl.find("  `we;ird--x` int(11) NULL"), std::string::npos) << ddl;
  EXPECT_NE(ddl.find("\"table\" = " + k_table_literal), std::string::npos) << ddl;
}

// Labels and temporary names made from such names stay within StarRocks's rules, the same for
// the same job, different for different names.
TEST(OddNamesTest, LabelsAndTemporaryNamesFromOddNamesAreValid) {
  LabelKey key{"src", "dst", "v2", "d." + k_table, {"p20240101", "_p2"}, 1};
  const std::string label = make_label(key);
  EXPECT_EQ(validate_label(label), std::nullopt) << label;
  EXPECT_EQ(make_label(key), label);
  LabelKey twin = key;
  twin.table = "d.t_x__y____ _ select";
  EXPECT_NE(make_label(twin), label);
  key.table = "d." + std::string(1000, ';');
  EXPECT_EQ(validate_label(make_label(key)), std::nullopt);
  const std::string temp = make_temp_name("20241130T141116-ab12", k_table);
  EXPECT_EQ(validate_common_name(temp, "table name"), std::nullopt) << temp;
  EXPECT_NE(temp, make_temp_name("20241130T141116-ab12", "t_x__y____ _ select"));
}

TEST(OddNamesTest, StreamLoadQuotesColumnsAndEncodesThePath) {
  StreamLoadSpec spec;
  spec.target = {"", "d", k_table};
  spec.label = "exl_pipe_l1";
  spec.columns = {"k", "we;ird--x", "b`t", "q'\"\\"};
  spec.dialect = stream_load_dialect(parse_version("3.3.5"));
  const StreamLoadRequest request = build_stream_load(spec);
  std::string columns;
  for (const auto& [name, value] : request.headers) {
    if (name == "columns") {
      columns = value;
    }
  }
  EXPECT_EQ(columns, "`k`,`we;ird--x`,`b``t`,`q'\"\\`");
  const std::string path = request.path();
  EXPECT_EQ(path.rfind("/api/d/", 0), 0U) << path;
  EXPECT_EQ(path.find_first_of(" ;'\"`\\#?"), std::string::npos) << path;
}

} // namespace
} // namespace exl::starrocks
