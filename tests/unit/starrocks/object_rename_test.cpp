// renamed_view / renamed_materialized_view / renamed_reference_in: whole objects re-pointed at
// renamed tables, or refused with the reason.
#include "exlschema/starrocks/ddl_parser.hpp"
#include "exlschema/starrocks/ddl_printer.hpp"
#include "exlschema/starrocks/object_rename.hpp"

#include <gtest/gtest.h>

namespace exl::starrocks {
namespace {

const QueryRenames k_renames = {{{"dim", "dim2"}},
                                {{ObjectName{"sales", "orders"}, ObjectName{"sales", "orders2"}}}};

TEST(ObjectRenameTest, ViewDefinitionFollowsTheRename) {
  Result<ViewModel> view =
      parse_create_view("CREATE VIEW `v` (`k`) AS SELECT `orders`.`k` FROM `sales`.`orders`;");
  ASSERT_TRUE(view.ok());
  Result<ViewModel> renamed = renamed_view(view.value(), k_renames);
  ASSERT_TRUE(renamed.ok()) << renamed.error().message();
  EXPECT_EQ(print_create_view(renamed.value(), {"sales_copy", "v2", false}),
            "CREATE VIEW `sales_copy`.`v2` (`k`) AS SELECT `orders2`.`k` FROM "
            "`sales`.`orders2`");
  Result<ViewModel> refused = renamed_view(
      {"v", {}, std::nullopt, false, "SELECT `orders`.`k` FROM `sales`.`orders`, `x`.`orders`"},
      k_renames);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message().find("names one table"), std::string::npos);
}

TEST(ObjectRenameTest, PropertiesNamingARenamedTableAreRefused) {
  EXPECT_EQ(renamed_reference_in({{"foreign_key_constraints", "(k) REFERENCES sales.orders(k)"}},
                                 k_renames),
            "property \"foreign_key_constraints\" names sales.orders, which is renamed on the "
            "target: not rewritten");
  EXPECT_EQ(renamed_reference_in({{"excluded_trigger_tables", "dim.d1"}}, k_renames),
            "property \"excluded_trigger_tables\" names database dim, which is renamed on the "
            "target: not rewritten");
  EXPECT_EQ(renamed_reference_in({{"foreign_key_constraints", "(k) REFERENCES other.t(k)"},
                                  {"replication_num", "3"}},
                                 k_renames),
            std::nullopt);
  MaterializedViewModel mv;
  mv.name = "mv";
  mv.definition = "SELECT `orders`.`k` FROM `sales`.`orders`";
  mv.properties = {{"excluded_refresh_tables", "sales.orders"}};
  Result<MaterializedViewModel> refused = renamed_materialized_view(mv, k_renames);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().found.find("excluded_refresh_tables"), std::string::npos);
  mv.properties.clear();
  Result<MaterializedViewModel> renamed = renamed_materialized_view(mv, k_renames);
  ASSERT_TRUE(renamed.ok());
  EXPECT_EQ(renamed->definition, "SELECT `orders2`.`k` FROM `sales`.`orders2`");
}

} // namespace
} // namespace exl::starrocks
