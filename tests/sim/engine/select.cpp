// Plain queries pass through to MariaDB after a rewrite: default_catalog.db.t -> db.t,
// catalog.db.t -> a FederatedX table, information_schema tables StarRocks fills itself
// (partitions_meta, tasks, task_runs) -> session-private temporary tables, then the calls and
// casts of call_rewrite.hpp (hash functions, CAST AS VARCHAR/LARGEINT, ...). Timeouts and KILL
// cancel the MariaDB statement.

#include "backend_errors.hpp"
#include "call_rewrite.hpp"
#include "errors.hpp"
#include "files_table_function.hpp"
#include "handlers.hpp"
#include "temp_partitions.hpp"
#include "virtual_tables.hpp"

#include <regex>

namespace srsim::engine {

std::chrono::steady_clock::time_point deadline_for(Ctx& ctx, bool is_insert) {
  bool use_insert = is_insert && ctx.version().at_least(3, 4);
  std::string v =
      use_insert ? ctx.variable("insert_timeout", "14400") : ctx.variable("query_timeout", "300");
  long long seconds = 300;
  try {
    seconds = std::stoll(v);
  } catch (const std::exception&) {
  }
  return std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
}

void fail_stopped(Ctx& ctx, StopReason reason, bool is_insert) {
  if (reason == StopReason::Killed) {
    ctx.session.kill_query = false;
    throw EngineError(ErrorReply{1317, "70100", "Query execution was interrupted"});
  }
  bool use_insert = is_insert && ctx.version().at_least(3, 4);
  if (!ctx.version().at_least(3, 4)) {
    // Old ErrorCode ERR_QUERY_TIMEOUT text (starrocks-surface.md §10).
    throw EngineError(ErrorReply{5024, "HY000",
                                 "Query timeout. Increase the query_timeout session variable "
                                 "and retry"});
  }
  std::string var = use_insert ? "insert_timeout" : "query_timeout";
  std::string secs = ctx.variable(var, use_insert ? "14400" : "300");
  throw EngineError(
      ErrorReply{5024, "53400",
                 std::string(use_insert ? "Insert" : "Query") + " reached its timeout of " + secs +
                     " seconds, please increase the '" + var + "' session variable and retry"});
}

std::string rewrite_query(Ctx& ctx, const std::string& query) {
  const std::string sql = rewrite_temp_partition_refs(ctx, query);
  std::vector<Token> t = tokenize(sql);
  std::string out;
  std::size_t copied = 0;
  auto is_name = [](const Token& x) {
    return x.kind == TokenKind::Word || x.kind == TokenKind::QuotedIdent;
  };
  auto is_dot = [](const Token& x) { return x.kind == TokenKind::Symbol && x.text == "."; };
  for (std::size_t i = 0; i + 2 < t.size(); ++i) {
    if (!is_name(t[i]) || !is_dot(t[i + 1]) || !is_name(t[i + 2]) || (i > 0 && is_dot(t[i - 1]))) {
      continue;
    }
    std::string replacement;
    std::size_t last = i + 2;
    if (i + 4 < t.size() && is_dot(t[i + 3]) && is_name(t[i + 4])) {
      last = i + 4;
      if (t[i].text == "default_catalog") {
        ctx.require("SELECT", t[i + 2].text);
      }
      replacement = t[i].text == "default_catalog"
                        ? quote_ident(t[i + 2].text) + "." + quote_ident(t[i + 4].text)
                        : federated_table(ctx, t[i].text, t[i + 2].text, t[i + 4].text);
    } else if (to_lower(t[i].text) == "information_schema") {
      replacement = virtual_table(ctx, to_lower(t[i + 2].text), sql);
      if (replacement.empty()) {
        continue;
      }
    } else {
      // db.table of another database: the session needs SELECT there too.
      if (ctx.session.allowed && t[i].text != ctx.session.current_db && db_exists(ctx, t[i].text)) {
        ctx.require("SELECT", t[i].text);
      }
      continue;
    }
    out += sql.substr(copied, t[i].begin - copied) + replacement;
    copied = t[last].end;
    i = last;
  }
  return rewrite_function_calls(out + sql.substr(copied), ctx.version());
}

Reply select_statement(Ctx& ctx, const std::string& sql) {
  if (!ctx.session.current_db.empty()) {
    ctx.require("SELECT", ctx.session.current_db);
  }
  FilesRelations files(ctx); // FILES(..) relations as scratch tables for this statement
  std::string rewritten = rewrite_query(ctx, files.materialize(sql));
  try {
    return run_watched(ctx, deadline_for(ctx, false), false,
                       [&] { return ctx.conn.query(rewritten); });
  } catch (const BackendError& e) {
    std::smatch m;
    std::string msg = e.what();
    if (e.code() == 1146 &&
        std::regex_search(msg, m, std::regex("Table '([^'.]*)\\.([^']*)' doesn't exist"))) {
      auto model = ctx.state.store.load(ctx.conn, m[1].str(), m[2].str());
      if (model && model->kind == "OLAP_EXTERNAL") {
        fail_analyzing("Table " + m[2].str() +
                       " is a StarRocks external table (OLAP_EXTERNAL); it only supports "
                       "INSERT INTO, not SELECT");
      }
    }
    throw EngineError(translate_backend_error(e, ctx.version()));
  }
}

} // namespace srsim::engine
