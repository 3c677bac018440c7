#include "exlschema/cli/name_list.hpp"
#include "exlschema/util/errors.hpp"
#include "test_modes.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

// `-t src=dst` renames (docs/cli.md "Renaming on the target") and the same-cluster rule.
namespace exl::cli {
namespace {

using ::testing::HasSubstr;

std::string list_error(std::string_view text, EntryShape shape,
                       Renames renames = Renames::Allowed) {
  try {
    parse_table_list("-t", text, shape, renames);
  } catch (const UsageError& e) {
    return e.what();
  }
  return "";
}

std::string run_error(const std::vector<std::string>& args) {
  try {
    test::parse(args);
  } catch (const UsageError& e) {
    return e.what();
  }
  return "";
}

TEST(RenameTest, TableLevelRenameSetsTheTargetName) {
  const auto tables = parse_table_list("-t", "d.a=e.b, d.c , x.y = x.z", EntryShape::QualifiedTable,
                                       Renames::Allowed);
  ASSERT_EQ(tables.size(), 3U);
  EXPECT_EQ(tables[0], (config::TablePattern{"d", "a", "e", "b"}));
  EXPECT_TRUE(tables[0].renames());
  EXPECT_EQ(tables[0].full_text(), "d.a=e.b");
  EXPECT_EQ(tables[0].target_database_for("d"), "e");
  EXPECT_EQ(tables[0].target_table_for("a"), "b");
  EXPECT_FALSE(tables[1].renames());
  EXPECT_EQ(tables[1].target_database_for("d"), "d");
  EXPECT_EQ(tables[1].target_table_for("c"), "c");
  EXPECT_EQ(tables[2].full_text(), "x.y=x.z");
}

TEST(RenameTest, DatabaseLevelRenameKeepsTableNames) {
  const auto dbs =
      parse_table_list("-t", "src=dst,other", EntryShape::DatabaseOnly, Renames::Allowed);
  ASSERT_EQ(dbs.size(), 2U);
  EXPECT_EQ(dbs[0], (config::TablePattern{"src", "", "dst", ""}));
  EXPECT_EQ(dbs[0].target_database_for("src"), "dst");
  EXPECT_EQ(dbs[0].target_table_for("t1"), "t1");
  EXPECT_EQ(dbs[0].full_text(), "src=dst");
}

TEST(RenameTest, RenameOntoItselfIsNoRename) {
  const auto tables =
      parse_table_list("-t", "d.a=d.a", EntryShape::QualifiedTable, Renames::Allowed);
  ASSERT_EQ(tables.size(), 1U);
  EXPECT_FALSE(tables[0].renames());
}

TEST(RenameTest, MalformedRenamesAreRefused) {
  EXPECT_EQ(list_error("d.a=", EntryShape::QualifiedTable),
            "exlSchema: -t entry 'd.a=' is malformed: write db.table=db2.table2");
  EXPECT_THAT(list_error("=d.a", EntryShape::QualifiedTable), HasSubstr("is malformed"));
  EXPECT_THAT(list_error("d.a=e.b=f.c", EntryShape::QualifiedTable), HasSubstr("is malformed"));
  EXPECT_EQ(list_error("a=", EntryShape::DatabaseOnly),
            "exlSchema: -t entry 'a=' is malformed: write db=db2");
  EXPECT_THAT(list_error("d.a=e", EntryShape::QualifiedTable),
              HasSubstr("entry 'd.a=e' has no table"));
  EXPECT_THAT(list_error("d=e.b", EntryShape::DatabaseOnly),
              HasSubstr("entry 'd=e.b' names a table, but -level db expects database names"));
  EXPECT_THAT(list_error("d.a=e-x.b", EntryShape::QualifiedTable),
              HasSubstr("entry 'd.a=e-x.b': "));
  EXPECT_THAT(list_error("d.a=1e.b", EntryShape::QualifiedTable), HasSubstr("starts with a digit"));
}

TEST(RenameTest, RenamedPatternIsRefused) {
  EXPECT_EQ(list_error("d.ods_*=e.ods_*", EntryShape::QualifiedTable),
            "exlSchema: -t entry 'd.ods_*=e.ods_*' renames a pattern: a renaming entry names one "
            "table, no '*' or '?'");
  EXPECT_THAT(list_error("d.a=e.b?", EntryShape::QualifiedTable), HasSubstr("renames a pattern"));
  EXPECT_EQ(list_error("d*=e", EntryShape::DatabaseOnly),
            "exlSchema: -t entry 'd*=e' renames a pattern: a renaming entry names one database, no "
            "'*' or '?'");
}

TEST(RenameTest, ExcludeListsMayNotRename) {
  EXPECT_EQ(list_error("d.a=e.b", EntryShape::QualifiedTable, Renames::Refused),
            "exlSchema: -t entry 'd.a=e.b' renames, but only -t entries may rename");
  EXPECT_THAT(run_error(test::with(test::base_args(), {"-x", "d.a=e.b"})),
              HasSubstr("-x entry 'd.a=e.b' renames, but only -t entries may rename"));
  EXPECT_THAT(run_error({"-source", "a", "-target", "b", "-level", "db", "-t", "d", "-o", "ghost",
                         "-x", "d=e"}),
              HasSubstr("-x entry 'd=e' renames"));
}

TEST(RenameTest, TwoEntriesOntoOneTargetAreRefused) {
  EXPECT_EQ(list_error("d.a=e.x,d.b=e.x", EntryShape::QualifiedTable),
            "exlSchema: -t entries 'd.a=e.x' and 'd.b=e.x' both write e.x on the target");
  EXPECT_THAT(list_error("e.x,d.b=e.x", EntryShape::QualifiedTable),
              HasSubstr("entries 'e.x' and 'd.b=e.x' both write e.x on the target"));
  EXPECT_THAT(list_error("a=c,b=c", EntryShape::DatabaseOnly),
              HasSubstr("entries 'a=c' and 'b=c' both write c on the target"));
}

TEST(RenameTest, OneSourceWithTwoTargetsIsRefused) {
  EXPECT_EQ(list_error("d.a=e.x,d.a=e.y", EntryShape::QualifiedTable),
            "exlSchema: -t entries 'd.a=e.x' and 'd.a=e.y' name the same source with different "
            "targets");
  EXPECT_THAT(list_error("d.a,d.a=e.y", EntryShape::QualifiedTable),
              HasSubstr("name the same source with different targets"));
  // The same entry twice is kept once, as for plain entries.
  EXPECT_EQ(parse_table_list("-t", "d.a=e.x,d.a=e.x", EntryShape::QualifiedTable, Renames::Allowed)
                .size(),
            1U);
}

TEST(RenameTest, WithinOneClusterEveryEntryMustBeRenamed) {
  const auto list = [](std::string_view text, EntryShape shape = EntryShape::QualifiedTable) {
    return parse_table_list("-t", text, shape, Renames::Allowed);
  };
  EXPECT_EQ(within_one_cluster_problem(list("d.a=d.a2,d.b=e.b")), std::nullopt);
  EXPECT_EQ(within_one_cluster_problem(list("d=d2", EntryShape::DatabaseOnly)), std::nullopt);
  EXPECT_EQ(within_one_cluster_problem(list("d.a=d.a2,d.b")),
            "entry 'd.b' is not renamed (write db.table=db2.table2)");
  EXPECT_EQ(within_one_cluster_problem(list("d.*")),
            "entry 'd.*' is not renamed (write db.table=db2.table2)");
  EXPECT_EQ(within_one_cluster_problem(list("d", EntryShape::DatabaseOnly)),
            "entry 'd' is not renamed (write db=db2)");
  // A chain would overwrite a table the run still reads.
  EXPECT_EQ(within_one_cluster_problem(list("d.a=d.b,d.b=d.c")),
            "entry 'd.a=d.b' writes d.b, which entry 'd.b=d.c' reads");
  EXPECT_EQ(within_one_cluster_problem(list("a=b,b=a", EntryShape::DatabaseOnly)),
            "entry 'a=b' writes b, which entry 'b=a' reads");
}

TEST(RenameTest, SameAliasIsAllowedWhenEveryEntryIsRenamed) {
  const CliArgs args =
      test::parse({"-source", "a", "-target", "a", "-t", "d.t=d.t_copy", "-o", "ghost"});
  ASSERT_EQ(args.tables.size(), 1U);
  EXPECT_EQ(args.tables[0].target_table, "t_copy");
  const CliArgs db_args = test::parse(
      {"-source", "a", "-target", "a", "-level", "db", "-t", "d=d_copy", "-o", "ghost"});
  EXPECT_EQ(db_args.tables[0].target_database, "d_copy");
}

TEST(RenameTest, SameAliasWithoutRenameIsRefused) {
  EXPECT_EQ(run_error({"-source", "a", "-target", "a", "-t", "d.t=d.t2,d.u", "-o", "ghost"}),
            "exlSchema: -source and -target are both 'a': copying within one cluster needs every "
            "-t entry renamed to a new name; entry 'd.u' is not renamed (write "
            "db.table=db2.table2)");
  EXPECT_THAT(run_error({"-source", "a", "-target", "a", "-t", "d.*", "-o", "ghost"}),
              HasSubstr("entry 'd.*' is not renamed"));
}

} // namespace
} // namespace exl::cli
