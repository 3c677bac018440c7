#pragma once

#include "exlschema/starrocks/table_model.hpp"
#include "exlschema/starrocks/table_ref.hpp"

#include <string>
#include <string_view>
#include <vector>

// INSERT INTO / INSERT OVERWRITE (reference §4):
//   INSERT {INTO|OVERWRITE} [/*+set_var(k = v)*/] tbl [PARTITION (p, ..)] [WITH LABEL l]
//     [(c1, ..)] [PROPERTIES ("k" = "v")] <query>
namespace exl::starrocks {

struct InsertSpec {
  TableRef target;
  bool overwrite = false;
  std::vector<std::string> partitions; // empty: the whole table
  std::string label;                   // empty: StarRocks generates one
  std::vector<std::string> columns;    // empty: all columns in order
  Properties properties;               // v3.4+ only (Feature::InsertProperties), e.g. timeout
  Properties set_vars;                 // session variables as a hint, e.g. dynamic_overwrite
  std::string query;                   // the SELECT (from build_select_rows)
};

std::string build_insert(const InsertSpec& spec);

// SELECT * FROM <source> [WHERE (<p1>) AND (<p2>) ...]; empty predicates are skipped.
std::string build_select_rows(const TableRef& source, const std::vector<std::string>& predicates);

// "(a) AND (b)" of the non-empty, non-"TRUE" `predicates`; "" when none is left.
std::string and_predicates(const std::vector<std::string>& predicates);

} // namespace exl::starrocks
