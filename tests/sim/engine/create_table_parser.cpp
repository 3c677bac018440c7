#include "create_table_parser.hpp"

#include "errors.hpp"
#include "types.hpp"

namespace srsim::engine {

namespace {

const char* const k_aggs[] = {"SUM",
                              "MAX",
                              "MIN",
                              "REPLACE",
                              "REPLACE_IF_NOT_NULL",
                              "HLL_UNION",
                              "BITMAP_UNION",
                              "PERCENTILE_UNION"};

ColumnDef parse_column(Cursor& cur) {
  ColumnDef c;
  c.name = cur.identifier();
  parse_column_type(cur, c);
  for (;;) {
    if (cur.accept_kws({"NOT", "NULL"})) {
      c.nullable = false;
    } else if (cur.accept_kw("NULL")) {
      c.nullable = true;
    } else if (cur.accept_kw("DEFAULT")) {
      c.has_default = true;
      if (cur.accept_kw("CURRENT_TIMESTAMP")) {
        c.default_value = "CURRENT_TIMESTAMP";
      } else {
        c.default_value = cur.literal_text();
      }
    } else if (cur.accept_kw("COMMENT")) {
      c.comment = cur.string_literal();
    } else if (cur.is_kw("AUTO_INCREMENT")) {
      cur.require(SyntaxForm::AutoIncrement);
      cur.next();
      c.auto_increment = true;
    } else if (cur.accept_kw("KEY")) {
    } else if (cur.peek().kind == TokenKind::Word &&
               std::any_of(std::begin(k_aggs), std::end(k_aggs),
                           [&](const char* a) { return cur.peek().upper == a; })) {
      c.agg = cur.next().upper;
    } else {
      return c;
    }
  }
}

// INDEX name (cols) [USING type] [COMMENT 'c'] [PROPERTIES (..)]; the INDEX keyword consumed.
IndexDef parse_index(Cursor& cur) {
  IndexDef idx;
  idx.name = cur.identifier();
  idx.columns = cur.ident_list();
  if (cur.accept_kw("USING")) {
    idx.using_type = to_upper(cur.identifier());
  }
  if (cur.accept_kw("COMMENT")) {
    idx.comment = cur.string_literal();
  }
  if (cur.is_kw("PROPERTIES")) {
    fail_unsupported("INDEX ... PROPERTIES");
  }
  return idx;
}

void parse_partition_by(Cursor& cur, CreateTableStmt& st) {
  PartitionSpec& spec = st.model.partition;
  bool range = cur.accept_kw("RANGE");
  bool list = !range && cur.accept_kw("LIST");
  if (range || list) {
    cur.expect_sym("(");
    if (cur.peek().upper == "DATE_TRUNC" && cur.is_sym("(", 1)) {
      cur.require(SyntaxForm::TimeExpressionPartition);
      range = false; // PARTITION BY RANGE(date_trunc(..)) () as printed by 3.0/3.1
    } else {
      cur.seek(cur.position() - 1);
      spec.columns = cur.ident_list();
    }
  }
  if (!range && !list) {
    bool time_function = (cur.is_kw("DATE_TRUNC") || cur.is_kw("TIME_SLICE")) && cur.is_sym("(", 1);
    cur.require(time_function ? SyntaxForm::TimeExpressionPartition
                              : SyntaxForm::ColumnListPartition);
    if (!cur.accept_kw("DATE_TRUNC")) {
      fail_unsupported("PARTITION BY " + cur.peek().text + " (column-expression partitioning)");
    }
    cur.expect_sym("(");
    spec.expr_unit = to_lower(cur.string_literal());
    cur.expect_sym(",");
    spec.columns = {cur.identifier()};
    cur.expect_sym(")");
    spec.type = "EXPR";
    if (cur.accept_sym(")")) { // closes RANGE(
      cur.expect_sym("(");
      cur.expect_sym(")");
    }
    return;
  }
  spec.type = range ? "RANGE" : "LIST";
  cur.expect_sym("(");
  while (!cur.accept_sym(")")) {
    cur.accept_kw("PARTITION");
    st.partitions.push_back(parse_partition_desc(cur));
    cur.accept_sym(",");
  }
}

void default_keys(TableModel& m) {
  if (!m.key_columns.empty()) {
    return;
  }
  // StarRocks picks up to three leading columns as the sort key of a DUPLICATE table, stopping
  // after the first string column.
  for (const ColumnDef& c : m.columns) {
    if (m.key_columns.size() == 3 || c.base == "float" || c.base == "double" ||
        c.sql_type.find("LONG") != std::string::npos) {
      break;
    }
    m.key_columns.push_back(c.name);
    if (c.base == "varchar") {
      break;
    }
  }
}

void parse_tail(Cursor& cur, CreateTableStmt& st) {
  TableModel& m = st.model;
  for (;;) {
    if (cur.accept_kw("ENGINE")) {
      cur.expect_sym("=");
      st.engine = to_upper(cur.identifier());
    } else if (cur.is_kw("KEY", 1) && (cur.is_kw("DUPLICATE") || cur.is_kw("AGGREGATE") ||
                                       cur.is_kw("UNIQUE") || cur.is_kw("PRIMARY"))) {
      m.key_type = cur.next().upper;
      cur.next();
      m.key_columns = cur.ident_list();
      st.keys_given = true;
    } else if (cur.accept_kw("COMMENT")) {
      cur.accept_sym("=");
      m.comment = cur.string_literal();
    } else if (cur.accept_kw("PARTITION")) {
      cur.expect_kw("BY");
      parse_partition_by(cur, st);
    } else if (cur.accept_kw("DISTRIBUTED")) {
      parse_distribution(cur, m);
    } else if (cur.accept_kw("ORDER")) {
      cur.expect_kw("BY");
      m.order_by = cur.ident_list();
    } else if (cur.accept_kw("PROPERTIES")) {
      m.properties = parse_properties(cur);
    } else if (cur.accept_kw("AS")) {
      st.as_select = cur.rest_from(cur.position());
      while (!cur.at_end()) {
        cur.next();
      }
      return;
    } else {
      return;
    }
  }
}

} // namespace

void parse_distribution(Cursor& cur, TableModel& m) {
  cur.expect_kw("BY");
  if (cur.accept_kw("HASH")) {
    m.dist_type = "HASH";
    m.dist_columns = cur.ident_list();
  } else {
    if (cur.is_kw("RANDOM")) {
      cur.require(SyntaxForm::RandomDistribution);
    }
    cur.expect_kw("RANDOM");
    m.dist_type = "RANDOM";
  }
  if (cur.accept_kw("BUCKETS")) {
    m.buckets = std::stoi(cur.literal_text());
  }
}

Properties parse_properties(Cursor& cur) {
  Properties props;
  cur.expect_sym("(");
  while (!cur.accept_sym(")")) {
    std::string k = cur.string_literal();
    cur.expect_sym("=");
    std::string v = cur.literal_text();
    props.emplace_back(k, v);
    cur.accept_sym(",");
  }
  return props;
}

CreateTableStmt parse_create_table(Cursor& cur, bool external) {
  CreateTableStmt st;
  st.external = external;
  st.if_not_exists = cur.accept_kws({"IF", "NOT", "EXISTS"});
  QualifiedName q = cur.qualified_name();
  st.model.db = q.db;
  st.model.name = q.name;
  if (cur.accept_kw("LIKE")) {
    st.like = cur.qualified_name();
    return st;
  }
  if (cur.accept_sym("(")) {
    do {
      if (cur.accept_kw("INDEX")) {
        st.model.indexes.push_back(parse_index(cur));
        continue;
      }
      st.model.columns.push_back(parse_column(cur));
    } while (cur.accept_sym(","));
    cur.expect_sym(")");
  }
  parse_tail(cur, st);
  if (!cur.at_end()) {
    cur.syntax_error();
  }
  st.model.kind = st.engine == "OLAP" ? (external ? "OLAP_EXTERNAL" : "OLAP") : st.engine;
  default_keys(st.model);
  for (ColumnDef& c : st.model.columns) {
    if (st.model.key_type == "AGGREGATE" && c.agg.empty() &&
        std::find(st.model.key_columns.begin(), st.model.key_columns.end(), c.name) ==
            st.model.key_columns.end()) {
      fail_analyzing("Aggregate type of value column '" + c.name + "' must be specified");
    }
  }
  return st;
}

} // namespace srsim::engine
