#include "exlschema/scs/data_lists.hpp"

#include <gtest/gtest.h>

namespace {

using exl::config::TablePattern;

const std::map<std::string, std::vector<std::string>> k_lists_source = {
    {"ods", {"fact_a", "fact_b", "dim_c"}},
    {"ods_tmp", {"x"}},
    {"dw", {"t1", "t2"}},
};

} // namespace

TEST(DataListsTest, WholeDatabasesPlainTablesAndGlobs) {
  const auto lists = exl::scs::data_lists(
      {TablePattern{"dw", ""}, TablePattern{"ods", "fact_*"}, TablePattern{"ods_tmp", "*"}},
      {TablePattern{"ods", "fact_b"}}, k_lists_source);
  EXPECT_EQ(lists.include, (std::vector<std::string>{"dw", "ods.fact_a", "ods.fact_b", "ods_tmp"}));
  EXPECT_EQ(lists.exclude, (std::vector<std::string>{"ods.fact_b"}));
}

TEST(DataListsTest, GlobDatabasesAndGlobExcludesExpandAgainstTheSource) {
  const auto lists =
      exl::scs::data_lists({TablePattern{"od*", ""}},
                           {TablePattern{"ods", "d*"}, TablePattern{"dw", ""}}, k_lists_source);
  EXPECT_EQ(lists.include, (std::vector<std::string>{"ods", "ods_tmp"}));
  EXPECT_EQ(lists.exclude, (std::vector<std::string>{"dw", "ods.dim_c"}));
}
