#include "modes/creation_waves.hpp"

#include <gtest/gtest.h>

namespace exl::modes {
namespace {

TablePlan object(const std::string& name, ObjectKind kind, const std::string& definition = {},
                 std::vector<std::string> reads = {}) {
  TablePlan plan;
  plan.job.source = {{}, "d", name};
  plan.job.target = plan.job.source;
  plan.job.kind = kind;
  plan.definition = definition;
  plan.reads = std::move(reads);
  return plan;
}

bool nothing_on_target(const starrocks::ObjectName&) {
  return false;
}

TEST(CreationWavesTest, ViewOnViewOnTableTakesThreeWaves) {
  const std::vector<TablePlan> plans{
      object("v2", ObjectKind::View, "SELECT k FROM `d`.`v1`", {"d.v1"}),
      object("v1", ObjectKind::View, "SELECT k FROM `d`.`t`", {"d.t"}),
      object("t", ObjectKind::Table)};
  const CreationWaves waves = creation_waves(plans, nothing_on_target);
  EXPECT_EQ(waves.wave, (std::vector<int>{2, 1, 0}));
  EXPECT_EQ(waves.count, 3);
  for (const auto& problem : waves.problem) {
    EXPECT_FALSE(problem) << *problem;
  }
}

TEST(CreationWavesTest, CycleAndMissingBaseFailOnlyThoseObjects) {
  const std::vector<TablePlan> plans{
      object("a", ObjectKind::View, "SELECT k FROM `d`.`b`", {"d.b"}),
      object("b", ObjectKind::View, "SELECT k FROM `d`.`a`", {"d.a"}),
      object("c", ObjectKind::View, "SELECT k FROM `d`.`gone`", {"d.gone"}),
      object("t", ObjectKind::Table)};
  const CreationWaves waves = creation_waves(plans, nothing_on_target);
  EXPECT_TRUE(waves.problem[0]);
  EXPECT_TRUE(waves.problem[1]);
  ASSERT_TRUE(waves.problem[2]);
  EXPECT_NE(waves.problem[2]->find("d.gone"), std::string::npos) << *waves.problem[2];
  EXPECT_FALSE(waves.problem[3]);
}

TEST(CreationWavesTest, ABaseAlreadyOnTheTargetIsFine) {
  const std::vector<TablePlan> plans{
      object("v", ObjectKind::View, "SELECT k FROM `d`.`elsewhere`", {"d.elsewhere"})};
  const CreationWaves waves =
      creation_waves(plans, [](const starrocks::ObjectName& n) { return n.table == "elsewhere"; });
  EXPECT_FALSE(waves.problem[0]);
  EXPECT_EQ(waves.wave[0], 0);
}

} // namespace
} // namespace exl::modes
