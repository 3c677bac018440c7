// -o files units in the state store (issue #17): recorded, replaced, read back, forgotten by name
// and by URL prefix; a store of schema version 3 gains the table.
#include "exlschema/state/state_store.hpp"

#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

namespace exl::state {
namespace {

using config::test::TempDir;

FileUnit unit(std::string name, FileStage stage) {
  FileUnit u;
  u.unit = std::move(name);
  u.run_id = "20261201T120000-ab12";
  u.export_url = "s3://exl-src/exlschema/20261201T120000-ab12/r1/d/t/" + u.unit + "/";
  u.load_url = "s3://exl-dst/exlschema/20261201T120000-ab12/r1/d/t/" + u.unit + "/";
  u.stage = stage;
  u.format = "csv";
  u.source_id = 10011;
  u.source_version = 7;
  u.objects = 2;
  u.bytes = 1234;
  u.label = "exl_files_l1";
  u.updated = std::chrono::system_clock::time_point(std::chrono::milliseconds(1764590400000));
  return u;
}

TEST(FileUnitsTest, RecordsReplacesAndForgets) {
  TempDir dir;
  StateStore store(dir.path() + "/state.db");
  const TableCopy copy{"a", "b", "d.t"};
  const TableCopy other{"a", "c", "d.t"};
  store.put_file_unit(copy, unit("p1", FileStage::Exported));
  store.put_file_unit(copy, unit("p2", FileStage::Copied));
  store.put_file_unit(other, unit("p1", FileStage::Loaded));
  EXPECT_EQ(store.file_unit(copy, "p1"), unit("p1", FileStage::Exported));
  store.put_file_unit(copy, unit("p1", FileStage::Loaded));
  EXPECT_EQ(store.file_unit(copy, "p1")->stage, FileStage::Loaded);
  EXPECT_EQ(store.file_units(copy).size(), 2u);
  EXPECT_FALSE(store.file_unit(copy, "p3"));
  store.forget_file_units(copy, {"p1"});
  EXPECT_EQ(store.file_units(copy).size(), 1u);
  EXPECT_EQ(store.file_units(other).size(), 1u);
  // A URL holds '_' and '%', which LIKE would take as wildcards.
  store.forget_file_units_under("s3://exl-src/exlschema/20261201T120000_ab12/");
  EXPECT_EQ(store.file_units(copy).size() + store.file_units(other).size(), 2u);
  store.forget_file_units_under("s3://exl-dst/exlschema/20261201T120000-ab12/");
  EXPECT_TRUE(store.file_units(copy).empty());
  EXPECT_TRUE(store.file_units(other).empty());
}

TEST(FileUnitsTest, StagesHaveNames) {
  for (FileStage stage : {FileStage::Exported, FileStage::Copied, FileStage::Loaded}) {
    EXPECT_EQ(file_stage_from(to_string(stage)), stage);
  }
  EXPECT_FALSE(file_stage_from("uploaded"));
}

} // namespace
} // namespace exl::state
