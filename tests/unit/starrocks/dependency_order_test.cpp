// referenced_tables and creation_order on view / MV definitions as SHOW CREATE prints them
// (tables `db`.`tbl`, reference §1).
#include "exlschema/starrocks/dependency_order.hpp"

#include <gtest/gtest.h>

#include <set>

namespace exl::starrocks {
namespace {

CloneObject table(std::string db, std::string name) {
  return {{std::move(db), std::move(name)}, ObjectKind::Table, ""};
}

CloneObject view(std::string db, std::string name, std::string query) {
  return {{std::move(db), std::move(name)}, ObjectKind::View, std::move(query)};
}

CloneObject mv(std::string db, std::string name, std::string query) {
  return {{std::move(db), std::move(name)}, ObjectKind::MaterializedView, std::move(query)};
}

// The created objects' names in order, "db.t" each.
std::vector<std::string> names(const std::vector<CloneObject>& objects,
                               const CreationOrder& order) {
  std::vector<std::string> out;
  for (std::size_t i : order.order) {
    out.push_back(objects[i].name.text());
  }
  return out;
}

bool nothing_exists(const ObjectName& /*name*/) {
  return false;
}

TEST(ReferencedTablesTest, FindsEveryTableOnceInFirstMentionOrder) {
  Result<ReferencedTables> r = referenced_tables(
      "WITH `c` AS (SELECT `t1`.`k` FROM `d`.`t1`) SELECT `c`.`k`, `x`.`v` FROM `c` INNER JOIN "
      "`default_catalog`.`e`.`t2` AS `x` ON `c`.`k` = `x`.`k` WHERE `x`.`k` IN (SELECT `k` FROM "
      "`d`.`t1`) AND EXTRACT(year FROM `x`.`dt`) > 2000 UNION ALL SELECT k, v FROM "
      "`default_cluster:old`.`t3`, `hive`.`db`.`ext`");
  ASSERT_TRUE(r.ok()) << r.error().message();
  EXPECT_EQ(r->tables, (std::vector<ObjectName>{{"d", "t1"}, {"e", "t2"}, {"old", "t3"}}));
  EXPECT_EQ(r->external, (std::vector<std::string>{"hive.db.ext"}));
}

TEST(ReferencedTablesTest, TableFunctionsAndSubqueriesAreNoTables) {
  Result<ReferencedTables> r = referenced_tables(
      "SELECT `t`.`k`, `u`.`unnest` FROM `d`.`t`, unnest(`t`.`arr`) AS `u` JOIN (SELECT 1 AS k) "
      "`s` ON `s`.`k` = `t`.`k`");
  ASSERT_TRUE(r.ok()) << r.error().message();
  EXPECT_EQ(r->tables, (std::vector<ObjectName>{{"d", "t"}}));
}

TEST(ReferencedTablesTest, RefusesATableWithoutItsDatabase) {
  Result<ReferencedTables> r = referenced_tables("SELECT k FROM t1");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message(),
            "at offset 14: expected a table qualified by its database but found 't1'");
  EXPECT_FALSE(referenced_tables("SELECT 'open FROM `d`.`t`").ok());
}

TEST(CreationOrderTest, ViewsComeAfterWhatTheyRead) {
  const std::vector<CloneObject> objects = {
      view("d", "v2", "SELECT `v1`.`k` FROM `d`.`v1`"),
      mv("d", "mv", "SELECT `t`.`k`, count(*) AS `n` FROM `d`.`t` GROUP BY `t`.`k`"),
      view("d", "v1", "SELECT `t`.`k` FROM `d`.`t` JOIN `d`.`u` USING (`k`)"),
      table("d", "t"),
      table("d", "u"),
  };
  const CreationOrder order = creation_order(objects, nothing_exists);
  EXPECT_TRUE(order.failures.empty());
  EXPECT_EQ(names(objects, order),
            (std::vector<std::string>{"d.t", "d.u", "d.v1", "d.v2", "d.mv"}));
}

TEST(CreationOrderTest, TablesComeFirstInTheirOrder) {
  const std::vector<CloneObject> objects = {view("d", "v", "SELECT `a`.`k` FROM `d`.`a`"),
                                            table("d", "b"), table("d", "a"), table("e", "c")};
  EXPECT_EQ(names(objects, creation_order(objects, nothing_exists)),
            (std::vector<std::string>{"d.b", "d.a", "e.c", "d.v"}));
}

TEST(CreationOrderTest, ABaseOnTheTargetIsEnoughAndAMissingOneFails) {
  const std::vector<CloneObject> objects = {
      view("d", "v", "SELECT `t`.`k` FROM `other`.`t`"),
      view("d", "w", "SELECT `gone`.`k` FROM `other`.`gone`"),
      view("d", "x", "SELECT `w`.`k` FROM `d`.`w`"),
  };
  const std::set<ObjectName> on_target = {{"other", "t"}};
  const CreationOrder order =
      creation_order(objects, [&](const ObjectName& name) { return on_target.count(name) != 0; });
  EXPECT_EQ(names(objects, order), (std::vector<std::string>{"d.v"}));
  ASSERT_EQ(order.failures.size(), 2U);
  EXPECT_EQ(order.failures[0].object, 1U);
  EXPECT_EQ(order.failures[0].reason,
            "reads other.gone, which is neither copied in this run nor on the target");
  EXPECT_EQ(order.failures[1].object, 2U);
  EXPECT_EQ(order.failures[1].reason,
            "reads d.w, which is not created (reads other.gone, which is neither copied in this "
            "run nor on the target)");
}

TEST(CreationOrderTest, ACycleFailsItsMembersAndWhatReadsThem) {
  const std::vector<CloneObject> objects = {
      table("d", "t"),
      view("d", "a", "SELECT `b`.`k` FROM `d`.`b`"),
      view("d", "b", "SELECT `a`.`k` FROM `d`.`a` JOIN `d`.`t` USING (`k`)"),
      view("d", "c", "SELECT `a`.`k` FROM `d`.`a`"),
      view("d", "self", "SELECT `self`.`k` FROM `d`.`self`"),
      view("d", "ok", "SELECT `t`.`k` FROM `d`.`t`"),
  };
  const CreationOrder order = creation_order(objects, nothing_exists);
  EXPECT_EQ(names(objects, order), (std::vector<std::string>{"d.t", "d.ok"}));
  ASSERT_EQ(order.failures.size(), 4U);
  EXPECT_EQ(order.failures[0].reason, "dependency cycle: d.a -> d.b -> d.a");
  EXPECT_EQ(order.failures[1].reason, "dependency cycle: d.a -> d.b -> d.a");
  EXPECT_EQ(order.failures[2].reason,
            "reads d.a, which is not created (dependency cycle: d.a -> d.b -> d.a)");
  EXPECT_EQ(order.failures[3].reason, "dependency cycle: d.self -> d.self");
}

TEST(CreationOrderTest, AnUnreadableDefinitionIsThatObjectsFailure) {
  const std::vector<CloneObject> objects = {view("d", "v", "SELECT k FROM t"), table("d", "t")};
  const CreationOrder order = creation_order(objects, nothing_exists);
  EXPECT_EQ(names(objects, order), (std::vector<std::string>{"d.t"}));
  ASSERT_EQ(order.failures.size(), 1U);
  EXPECT_EQ(order.failures[0].reason,
            "cannot read its definition: at offset 14: expected a table qualified by its database "
            "but found 't'");
}

} // namespace
} // namespace exl::starrocks
