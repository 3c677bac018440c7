#pragma once

#include "exlschema/starrocks/result.hpp"
#include "exlschema/starrocks/table_model.hpp"

#include <string_view>
#include <variant>

// Parsers from SHOW CREATE TABLE / VIEW / MATERIALIZED VIEW text (the second column of the
// result) to the model. They accept every layout listed in the reference (§1): properties in any
// order, buckets present or omitted, range partitions as fixed ranges or LESS THAN, list and
// multi-column list partitions, expression partitioning printed as `RANGE(date_trunc(..))\n()`,
// `date_trunc('day', dt)` or `date_trunc('day', `dt`)`, column-expression lists `(`a`,`b`)`, with
// or without a trailing ';'. Any other input yields a ParseError, never an exception.
namespace exl::starrocks {

Result<TableModel> parse_create_table(std::string_view ddl);
Result<ViewModel> parse_create_view(std::string_view ddl);
Result<MaterializedViewModel> parse_create_materialized_view(std::string_view ddl);

// Whatever kind of object `ddl` creates (SHOW CREATE TABLE may be pointed at a view or an MV).
using AnyModel = std::variant<TableModel, ViewModel, MaterializedViewModel>;
Result<AnyModel> parse_show_create(std::string_view ddl);

// A column type alone, e.g. "decimal64(10, 2)" or "array<int(11)>".
Result<ColumnType> parse_column_type(std::string_view text);

} // namespace exl::starrocks
