#pragma once

#include "exlschema/starrocks/table_model.hpp"
#include "exlschema/starrocks/table_ref.hpp"
#include "exlschema/starrocks/version.hpp"

#include <string>
#include <string_view>
#include <vector>

// INSERT INTO / INSERT OVERWRITE (reference §4):
//   INSERT {INTO|OVERWRITE} [/*+set_var(k = v)*/] tbl [[TEMPORARY] PARTITION (p, ..)] [WITH LABEL
//   l]
//     [(c1, ..)] [PROPERTIES ("k" = "v")] <query>
namespace exl::starrocks {

struct InsertSpec {
  TableRef target;
  bool overwrite = false;
  std::vector<std::string> partitions; // empty: the whole table
  bool temporary = false;              // `partitions` are temporary partitions
  std::string label;                   // empty: StarRocks generates one
  std::vector<std::string> columns;    // empty: all columns in order
  Properties properties;               // e.g. timeout; see build_insert for old versions
  Properties set_vars;                 // session variables as a hint, e.g. dynamic_overwrite
  std::string query;                   // the SELECT (from build_select_rows)
};

// `spec` as an INSERT the target's `version` parses (reference §14):
// - the set_var hint follows INSERT INTO/OVERWRITE from v3.2.3 (v3.1.7 on the 3.1 line). Older
//   releases parse a hint after the query's SELECT but apply a SELECT's hints only to a plain
//   SELECT statement (StmtExecutor: `parsedStmt instanceof QueryStatement`), so there the
//   variables cannot travel in the INSERT: the caller SETs them on the session;
// - PROPERTIES parse from v3.4; below that `timeout` becomes the query_timeout hint (query_timeout
//   bounds INSERT there, §4).
// Throws std::invalid_argument when `version` cannot take what `spec` asks for: another property
// below v3.4, or any session variable (set_vars, or `timeout` below v3.4) below v3.1.7 / v3.2.3.
std::string build_insert(const InsertSpec& spec, const Version& version);

// SELECT * FROM <source> [WHERE (<p1>) AND (<p2>) ...]; empty predicates are skipped.
std::string build_select_rows(const TableRef& source, const std::vector<std::string>& predicates);

// SELECT `c1`, `c2` FROM <source> [WHERE ...]: the `columns` named, in order (build_select_rows
// when `columns` is empty).
std::string build_select_columns(const TableRef& source, const std::vector<std::string>& columns,
                                 const std::vector<std::string>& predicates);

// The columns an INSERT ... SELECT writes, in table order: every column but the generated ones
// (`col TYPE AS expr`, 3.1+), which StarRocks computes and refuses to be given. AUTO_INCREMENT
// columns are included, so the copied values are kept (StarRocks takes explicit values for them;
// docs auto_increment.md). Every copy names these columns on both sides instead of `*`.
std::vector<std::string> insertable_columns(const TableModel& table);

// "(a) AND (b)" of the non-empty, non-"TRUE" `predicates`; "" when none is left.
std::string and_predicates(const std::vector<std::string>& predicates);

} // namespace exl::starrocks
