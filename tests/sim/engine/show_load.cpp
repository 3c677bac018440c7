// SHOW LOAD [FROM db] [WHERE ..] [ORDER BY ..] [LIMIT ..] over the INSERT jobs srsim records
// (load_records.hpp). Sources (StarRocks/starrocks): docs
// sql-reference/sql-statements/loading_unloading/SHOW_LOAD.md; FE ShowLoadStmt.getMetaData (the
// columns are LoadProcDir.TITLE_NAMES), ShowStmtAnalyzer.visitShowLoadStmt (WHERE / ORDER BY
// checks), LoadMgr.getLoadJobInfosByDb (label match, state filter), LoadJob.getShowInfo (row
// values), ShowExecutor.handleShowLoad (default order JobId ascending, then LIMIT / OFFSET).

#include "errors.hpp"
#include "handlers.hpp"
#include "load_records.hpp"

#include <algorithm>
#include <map>
#include <optional>

namespace srsim::engine {

namespace {

// LoadProcDir.TITLE_NAMES per release. 2.5: the copy with URL and no row counters (PR #20839
// added the counters from 3.0, not 2.5). 3.1 / 3.3: ScanRows .. SinkRows and TrackingSQL in place
// of URL (ShowLoadStmtTest asserts 20 columns). 3.4: Warehouse appended (the current
// ShowLoadStmtTest asserts 21); which release first has it was not confirmed (docs/srsim.md).
std::vector<std::string> titles(const Version& v) {
  if (!v.at_least(3, 0)) {
    return {"JobId",         "Label",          "State",        "Progress",
            "Type",          "Priority",       "EtlInfo",      "TaskInfo",
            "ErrorMsg",      "CreateTime",     "EtlStartTime", "EtlFinishTime",
            "LoadStartTime", "LoadFinishTime", "URL",          "JobDetails"};
  }
  std::vector<std::string> t = {"JobId",          "Label",          "State",        "Progress",
                                "Type",           "Priority",       "ScanRows",     "FilteredRows",
                                "UnselectedRows", "SinkRows",       "EtlInfo",      "TaskInfo",
                                "ErrorMsg",       "CreateTime",     "EtlStartTime", "EtlFinishTime",
                                "LoadStartTime",  "LoadFinishTime", "TrackingSQL",  "JobDetails"};
  if (v.at_least(3, 4)) {
    t.push_back("Warehouse");
  }
  return t;
}

bool numeric_title(const std::string& t) {
  return t == "JobId" || t == "ScanRows" || t == "FilteredRows" || t == "UnselectedRows" ||
         t == "SinkRows";
}

struct ShowLoadStmt {
  std::string db;
  std::optional<std::string> label;
  bool exact_label = false;
  std::optional<std::string> state;
  std::vector<std::pair<std::size_t, bool>> order; // column index, ascending
  std::optional<long long> limit;
  long long offset = 0;
};

[[noreturn]] void fail_where() {
  // ShowStmtAnalyzer.visitShowLoadStmt (ERR_COMMON_ERROR, SQLSTATE 42000); the double spaces
  // come from the source's string concatenation.
  ErrorReply e = analyzing_error(
      "Where clause should looks like: LABEL = \"your_load_label\", or LABEL LIKE \"matcher\", "
      " or STATE = \"PENDING|ETL|LOADING|FINISHED|CANCELLED|QUEUEING\", "
      " or compound predicate with operator AND");
  e.sqlstate = "42000";
  throw EngineError(e);
}

// JobState names ShowLoadStmt accepts (JobState.valueOf); QUEUEING is srsim's choice for 3.x.
bool known_state(const std::string& s, const Version& v) {
  for (const char* name :
       {"UNKNOWN", "PENDING", "ETL", "LOADING", "COMMITTED", "FINISHED", "CANCELLED"}) {
    if (s == name) {
      return true;
    }
  }
  return s == "QUEUEING" && v.at_least(3, 0);
}

void parse_condition(Cursor& cur, ShowLoadStmt& st, const Version& v) {
  if (cur.peek().kind != TokenKind::Word && cur.peek().kind != TokenKind::QuotedIdent) {
    fail_where();
  }
  std::string column = to_upper(cur.next().text);
  bool like = cur.accept_kw("LIKE");
  if (!like && !cur.accept_sym("=")) {
    fail_where();
  }
  if (cur.peek().kind != TokenKind::String) {
    fail_where();
  }
  std::string value = cur.next().text;
  if (value.empty()) {
    fail_where();
  }
  if (column == "LABEL" && !st.label) {
    st.label = value;
    st.exact_label = !like;
  } else if (column == "STATE" && !like && !st.state) {
    st.state = to_upper(value);
    if (!known_state(*st.state, v)) {
      fail_where();
    }
  } else {
    fail_where();
  }
}

void parse_order(Cursor& cur, ShowLoadStmt& st, const std::vector<std::string>& cols) {
  do {
    std::string name = cur.identifier();
    auto it = std::find_if(cols.begin(), cols.end(),
                           [&](const std::string& c) { return to_upper(c) == to_upper(name); });
    if (it == cols.end()) {
      // LoadProcDir.analyzeColumn.
      fail_analyzing("Title name[" + name + "] does not exist");
    }
    bool asc = !cur.accept_kw("DESC");
    if (asc) {
      cur.accept_kw("ASC");
    }
    st.order.emplace_back(static_cast<std::size_t>(it - cols.begin()), asc);
  } while (cur.accept_sym(","));
}

long long take_count(Cursor& cur) {
  if (cur.peek().kind != TokenKind::Number) {
    cur.syntax_error();
  }
  return std::stoll(cur.next().text);
}

void parse_limit(Cursor& cur, ShowLoadStmt& st) {
  long long first = take_count(cur);
  if (cur.accept_sym(",")) {
    st.offset = first;
    st.limit = take_count(cur);
  } else {
    st.limit = first;
    if (cur.accept_kw("OFFSET")) {
      st.offset = take_count(cur);
    }
  }
}

ShowLoadStmt parse(Ctx& ctx, Cursor& cur, const std::vector<std::string>& cols) {
  ShowLoadStmt st;
  if (cur.accept_kw("FROM")) {
    st.db = cur.identifier();
  }
  if (cur.accept_kw("WHERE")) {
    do {
      parse_condition(cur, st, ctx.version());
    } while (cur.accept_kw("AND"));
    if (cur.is_kw("OR")) {
      fail_where();
    }
  }
  if (cur.accept_kws({"ORDER", "BY"})) {
    parse_order(cur, st, cols);
  }
  if (cur.accept_kw("LIMIT")) {
    parse_limit(cur, st);
  }
  if (!cur.at_end()) {
    cur.syntax_error();
  }
  st.db = ctx.db_or_current(st.db); // ERR_NO_DB_ERROR without FROM and a current database
  return st;
}

std::string task_info(const LoadRecord& r) {
  return "resource:N/A; timeout(s):" + std::to_string(r.timeout_s) + "; max_filter_ratio:0.0";
}

// One LoadJob.getShowInfo row of an InsertLoadJob, in `cols` order. FeConstants.NULL_STRING
// values (EtlInfo of a non-Spark job, ErrorMsg without a FailMsg, unset times) reach the client
// as NULL (issue #63 shows `NULL` there); an INSERT's URL / TrackingSQL stay empty (srsim keeps
// no error log).
Row show_row(const LoadRecord& r, const std::vector<std::string>& cols) {
  const std::string created = format_time(r.create_time);
  const std::optional<std::string> none;
  // InsertLoadJob sets loadStartTimestamp = createTimestamp: the ETL and load stages start then.
  const std::map<std::string, std::optional<std::string>> values = {
      {"JobId", std::to_string(r.id)},
      {"Label", r.label},
      {"State", r.state},
      {"Progress", load_progress(r.state)},
      {"Type", "INSERT"},
      {"Priority", "NORMAL"},
      {"ScanRows", std::to_string(r.scan_rows)},
      {"FilteredRows", std::to_string(r.filtered_rows)},
      {"UnselectedRows", "0"},
      {"SinkRows", std::to_string(r.sink_rows)},
      {"EtlInfo", none},
      {"TaskInfo", task_info(r)},
      {"ErrorMsg", r.state == "CANCELLED" ? std::optional<std::string>(r.error_msg) : none},
      {"CreateTime", created},
      {"EtlStartTime", created},
      {"EtlFinishTime", created},
      {"LoadStartTime", created},
      {"LoadFinishTime",
       r.state == "LOADING" ? none : std::optional<std::string>(format_time(r.finish_time))},
      {"URL", ""},
      {"TrackingSQL", ""},
      {"JobDetails", "{\"InternalTableLoadRows\":" + std::to_string(r.sink_rows) +
                         ",\"ScanRows\":" + std::to_string(r.scan_rows) + "}"},
      {"Warehouse", "default_warehouse"},
  };
  Row row;
  for (const std::string& c : cols) {
    row.push_back(values.at(c));
  }
  return row;
}

bool selected(const ShowLoadStmt& st, const LoadRecord& r) {
  if (r.db != st.db) {
    return false;
  }
  // LoadMgr.getLoadJobsByDb: `=` is an exact label, LIKE a case-sensitive substring.
  if (st.label &&
      (st.exact_label ? r.label != *st.label : r.label.find(*st.label) == std::string::npos)) {
    return false;
  }
  return !st.state || *st.state == r.state;
}

bool row_less(const Row& a, const Row& b, const ShowLoadStmt& st,
              const std::vector<std::string>& cols) {
  for (auto [i, asc] : st.order) {
    const std::string x = a[i].value_or("\\N"), y = b[i].value_or("\\N");
    int cmp = numeric_title(cols[i]) ? (std::stoll(x) < std::stoll(y)   ? -1
                                        : std::stoll(x) > std::stoll(y) ? 1
                                                                        : 0)
                                     : x.compare(y);
    if (cmp != 0) {
      return asc ? cmp < 0 : cmp > 0;
    }
  }
  return false;
}

} // namespace

Reply show_load(Ctx& ctx, Cursor& cur) {
  const std::vector<std::string> cols = titles(ctx.version());
  ShowLoadStmt st = parse(ctx, cur, cols);
  require_db(ctx, st.db);
  if (st.order.empty()) {
    st.order.emplace_back(0, true); // ShowExecutor: JobId ascending
  }
  ResultSet rs{cols, {}};
  bool visible = !ctx.session.allowed || ctx.session.allowed("SELECT", st.db) ||
                 ctx.session.allowed("INSERT", st.db);
  for (const LoadRecord& r : load_records(ctx.conn)) {
    if (visible && selected(st, r)) {
      rs.rows.push_back(show_row(r, cols));
    }
  }
  std::stable_sort(rs.rows.begin(), rs.rows.end(),
                   [&](const Row& a, const Row& b) { return row_less(a, b, st, cols); });
  std::size_t from = std::min<std::size_t>(static_cast<std::size_t>(st.offset), rs.rows.size());
  std::size_t to = st.limit ? std::min(rs.rows.size(), from + static_cast<std::size_t>(*st.limit))
                            : rs.rows.size();
  rs.rows = std::vector<Row>(rs.rows.begin() + from, rs.rows.begin() + to);
  return rs;
}

} // namespace srsim::engine
