#include "exlschema/starrocks/names.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

namespace exl::starrocks {
namespace {

// Real run ids (src/app/run_id.cpp: `20241130T141116-ab12`) and odd ones.
const std::vector<std::string> k_run_ids = {"20241130T141116-ab12",
                                            "20260101T000000-0000",
                                            "r1",
                                            "r;1",
                                            "run id with spaces",
                                            "-",
                                            "表",
                                            std::string(80, 'r'),
                                            std::string(80, '-'),
                                            "a.b",
                                            "a_b",
                                            "A-B"};

LabelKey orders_key() {
  return {"prod_a", "prod_b", "v2", "db.orders", {"p20240101", "p20240102"}, 1};
}

TEST(LabelTest, ARetryAndARerunGetTheSameLabel) {
  LabelKey key = orders_key();
  std::string label = make_label(key);
  EXPECT_EQ(label, make_label(orders_key()));
  EXPECT_EQ(label.rfind("exl_v2_db_orders_p20240101_p20240102_r1_", 0), 0U) << label;
  EXPECT_EQ(validate_label(label), std::nullopt) << label;
  LabelKey reordered = key;
  reordered.partitions = {"p20240102", "p20240101", "p20240102"};
  EXPECT_EQ(make_label(reordered), label);
}

TEST(LabelTest, EveryFieldOfTheJobChangesTheLabel) {
  std::vector<LabelKey> keys(8, orders_key());
  keys[1].source_alias = "prod_c";
  keys[2].target_alias = "prod_c";
  keys[3].mode = "v3";
  keys[4].table = "db.orders2";
  keys[5].partitions = {"p20240101"};
  keys[6].partitions = {};
  keys[7].round = 2;
  std::set<std::string> labels;
  for (const LabelKey& key : keys) {
    labels.insert(make_label(key));
  }
  EXPECT_EQ(labels.size(), keys.size());
}

// Sanitising and cutting merge texts; the hash of the fields keeps the labels apart.
TEST(LabelTest, OddAndLongInputsGiveValidDistinctLabels) {
  std::vector<LabelKey> keys;
  auto add = [&keys](std::string table, std::vector<std::string> partitions, int round = 1) {
    keys.push_back({"a", "b", "v2", std::move(table), std::move(partitions), round});
  };
  add("db.a_b", {});
  add("db_a.b", {});
  add("db.a", {"b"});
  add("db.a", {"b_c"});
  add("db.a", {"b", "c"});
  add("db.a", {"b,c"});
  add("`t`; DROP", {"p 1"});
  add("表", {});
  add("", {""});
  add("", {});
  add(std::string(300, 'x'), {"p1"});
  add(std::string(300, 'x'), {"p2"});
  add(std::string(300, 'x'), {"p1"}, 2);
  add("t", {std::string(200, 'p') + "1", std::string(200, 'p') + "2"});
  add("t", {std::string(200, 'p') + "1"});
  add("t", {}, -1);
  add("t", {}, 2147483647);
  keys.push_back(
      {std::string(500, '-'), std::string(500, '\n'), std::string(500, 'm'), "t", {}, 1});
  keys.push_back({"a", "b-", "v2", "t", {}, 1});
  keys.push_back({"a-", "b", "v2", "t", {}, 1});
  std::set<std::string> labels;
  for (const LabelKey& key : keys) {
    std::string label = make_label(key);
    EXPECT_EQ(validate_label(label), std::nullopt) << label;
    EXPECT_LE(label.size(), k_max_label);
    labels.insert(label);
  }
  EXPECT_EQ(labels.size(), keys.size());
  EXPECT_NE(validate_label("a b"), std::nullopt);
  EXPECT_NE(validate_label(std::string(129, 'a')), std::nullopt);
}

TEST(TempNameTest, EveryTempNameStartsWithItsRunsPrefix) {
  for (const std::string& run_id : k_run_ids) {
    std::string prefix = temp_name_prefix(run_id);
    EXPECT_EQ(validate_common_name(prefix + "x", "table name"), std::nullopt) << prefix;
    EXPECT_EQ(prefix.rfind(temp_name_prefix(), 0), 0U) << prefix;
    for (const std::string& name :
         {std::string("orders"), std::string("db.t-x"), std::string(200, 'a'), std::string("o")}) {
      std::string temp = make_temp_name(run_id, name);
      EXPECT_EQ(temp.rfind(prefix, 0), 0U) << run_id << " / " << name << " -> " << temp;
      EXPECT_EQ(validate_common_name(temp, "table name"), std::nullopt) << temp;
    }
  }
}

TEST(TempNameTest, RunsDoNotShareAPrefix) {
  std::set<std::string> prefixes;
  for (const std::string& run_id : k_run_ids) {
    prefixes.insert(temp_name_prefix(run_id));
  }
  EXPECT_EQ(prefixes.size(), k_run_ids.size());
  // One run's prefix must not be a prefix of another's, or cleaning one would drop the other's.
  for (const std::string& a : prefixes) {
    for (const std::string& b : prefixes) {
      if (a != b) {
        EXPECT_NE(b.rfind(a, 0), 0U) << a << " is a prefix of " << b;
      }
    }
  }
}

TEST(TempNameTest, NamesAreShortDistinctAndReadable) {
  EXPECT_EQ(make_temp_name("r1", "orders"), "exl_tmp_r1__orders");
  EXPECT_EQ(temp_name_prefix("20241130T141116-ab12"), "exl_tmp_20241130T141116_ab12__");
  EXPECT_EQ(make_temp_name("20241130T141116-ab12", "orders"),
            make_temp_name("20241130T141116-ab12", "orders"));
  std::string long_a = make_temp_name("r1", std::string(100, 'a') + "1");
  std::string long_b = make_temp_name("r1", std::string(100, 'a') + "2");
  EXPECT_EQ(long_a.size(), k_max_common_name);
  EXPECT_NE(long_a, long_b);
  std::string odd = make_temp_name("r1", "db.t-x");
  EXPECT_NE(odd, make_temp_name("r1", "db_t_x"));
  EXPECT_EQ(temp_name_prefix(), "exl_tmp_");
  EXPECT_EQ(stable_hash_hex(""), "cbf29ce484222325");
}

} // namespace
} // namespace exl::starrocks
