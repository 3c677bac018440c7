#pragma once

#include "exlschema/starrocks/table_model.hpp"

#include <string>

// The model printed back to DDL in StarRocks's own SHOW CREATE layout (§1 of the reference), so
// that parse(print(m)) == m. Every name goes through quote_identifier and every string through
// quote_string. No trailing ';'.
namespace exl::starrocks {

struct PrintOptions {
  std::string database;       // when set, the object name is printed as `database`.`name`
  std::string name;           // when set, replaces the model's name
  bool if_not_exists = false; // CREATE TABLE IF NOT EXISTS / CREATE MATERIALIZED VIEW IF NOT EXISTS
};

std::string print_column_type(const ColumnType& type);
std::string print_column(const Column& column);
std::string print_literal(const Literal& literal);
std::string print_tuple(const Tuple& tuple);
// `VALUES [("a"), ("b"))`, `VALUES LESS THAN ("b")` (no lower bound) or `VALUES IN ("a", "b")`.
std::string print_partition_values(const PartitionBounds& bounds);
std::string print_properties(const Properties& properties); // PROPERTIES (\n"k" = "v"\n)
std::string print_distribution(const Distribution& distribution);
std::string print_partitioning(const Partitioning& partitioning);

std::string print_create_table(const TableModel& table, const PrintOptions& options = {});
std::string print_create_view(const ViewModel& view, const PrintOptions& options = {});
std::string print_create_materialized_view(const MaterializedViewModel& mv,
                                           const PrintOptions& options = {});

} // namespace exl::starrocks
