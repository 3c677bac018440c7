// SUBMIT TASK / DROP TASK and the rows of information_schema.tasks / task_runs
// (starrocks-surface.md §5).

#include "tasks.hpp"
#include "create_table_parser.hpp"
#include "errors.hpp"
#include "handlers.hpp"
#include "insert_parser.hpp"

#include <atomic>
#include <random>
#include <regex>

namespace srsim::engine {

namespace {

std::string query_id() {
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  char buf[40];
  std::uint64_t a = rng(), b = rng();
  std::snprintf(buf, sizeof buf, "%08x-%04x-%04x-%04x-%012llx", static_cast<unsigned>(a >> 32),
                static_cast<unsigned>(a >> 16) & 0xffff, static_cast<unsigned>(a) & 0xffff,
                static_cast<unsigned>(b >> 48),
                static_cast<unsigned long long>(b & 0xffffffffffffULL));
  return buf;
}

std::uint32_t task_connection_id() {
  static std::atomic<std::uint32_t> next{0x40000000};
  return next++;
}

std::string properties_text(const Properties& props) {
  std::string out = "{";
  for (std::size_t i = 0; i < props.size(); ++i) {
    out += (i ? "," : "") + std::string("\"") + props[i].first + "\":\"" + props[i].second + "\"";
  }
  return out + "}";
}

std::shared_ptr<SessionContext> task_session(Ctx& ctx, const Properties& props) {
  auto s = std::make_shared<SessionContext>();
  s->connection_id = task_connection_id();
  s->user = ctx.session.user;
  s->current_db = ctx.session.current_db;
  s->variables = ctx.session.variables;
  s->allowed = ctx.session.allowed;
  for (const auto& [k, v] : props) {
    if (k.rfind("session.", 0) == 0) {
      s->variables[k.substr(8)] = v;
    }
  }
  return s;
}

std::optional<std::string> opt(const std::string& v) {
  return v;
}

// `SUBMIT /*+set_var(k = v, ..)*/ TASK`: the hint's variables as session.k properties, which the
// run's session takes (SUBMIT_TASK.md documents the hint for insert_timeout).
Properties submit_hint_variables(const Cursor& cur) {
  Properties out;
  for (auto& [k, v] : hint_set_vars(cur, 1)) {
    out.emplace_back("session." + k, v);
  }
  return out;
}

} // namespace

Reply submit_task(Ctx& ctx, Cursor& cur) {
  check_hint_places(cur);
  Properties props = submit_hint_variables(cur);
  cur.expect_kw("TASK");
  TaskRun run;
  if (!cur.is_kw("AS") && !cur.is_kw("PROPERTIES") && !cur.is_kw("SCHEDULE")) {
    run.task_name = cur.identifier();
  }
  if (cur.is_kw("SCHEDULE")) {
    fail_unsupported("SUBMIT TASK ... SCHEDULE");
  }
  if (cur.is_kw("PROPERTIES")) {
    cur.require(SyntaxForm::SubmitTaskProperties);
    cur.next();
    for (auto& property : parse_properties(cur)) {
      props.push_back(std::move(property));
    }
  }
  cur.expect_kw("AS");
  bool ctas = cur.is_kw("CREATE") && cur.is_kw("TABLE", 1);
  if (!cur.is_kw("INSERT") && !ctas) {
    fail_unsupported("SUBMIT TASK AS " + cur.peek().text);
  }
  if (!ctas && !ctx.version().at_least(3, 0)) {
    // INSERT as a task body arrived in v3.0 (SUBMIT_TASK.md); 2.5 takes CTAS only.
    fail_analyzing("Unsupported statement type: INSERT, SUBMIT TASK only supports CREATE TABLE AS "
                   "SELECT");
  }
  run.definition = cur.rest_from(cur.position());
  if (run.task_name.empty()) {
    run.task_name = (ctas ? "ctas-" : "insert-") + query_id();
  }
  ctx.require("INSERT", ctx.session.current_db);
  run.query_id = query_id();
  run.db = ctx.session.current_db;
  run.properties = properties_text(props);
  run.creator = ctx.session.user;
  run.create_time = ctx.now();
  run.session = task_session(ctx, props);
  std::string name = run.task_name;
  if (!ctx.state.tasks->submit(std::move(run))) {
    fail_analyzing("Task " + name + " already exists");
  }
  return ResultSet{{"TaskName", "Status"}, {{name, std::string("SUBMITTED")}}};
}

Reply drop_task(Ctx& ctx, Cursor& cur) {
  if (cur.is_kw("IF") && cur.is_kw("EXISTS", 1)) {
    cur.require(SyntaxForm::DropTaskIfExists);
  }
  bool if_exists = cur.accept_kws({"IF", "EXISTS"});
  std::string name = cur.identifier();
  cur.accept_kw("FORCE");
  ctx.require("DROP", ctx.session.current_db);
  if (!ctx.state.tasks->drop(name) && !if_exists) {
    fail_analyzing("Task " + name + " is not exist");
  }
  return OkReply{};
}

ResultSet tasks_table(Ctx& ctx) {
  bool full = ctx.version().at_least(3, 3);
  ResultSet rs;
  rs.columns =
      full ? std::vector<std::string>{"TASK_NAME",  "CREATE_TIME", "SCHEDULE",   "CATALOG",
                                      "WAREHOUSE",  "DATABASE",    "DEFINITION", "EXPIRE_TIME",
                                      "PROPERTIES", "CREATOR"}
           : std::vector<std::string>{"TASK_NAME", "CREATE_TIME", "SCHEDULE",
                                      "DATABASE",  "DEFINITION",  "EXPIRE_TIME"};
  for (const TaskRun& r : ctx.state.tasks->runs()) {
    if (r.dropped || (ctx.session.allowed && !ctx.session.allowed("SELECT", r.db))) {
      continue;
    }
    std::string expire = format_time(r.create_time + 86400);
    if (full) {
      rs.rows.push_back({r.task_name, format_time(r.create_time), opt("MANUAL"),
                         opt("default_catalog"), opt("default_warehouse"), r.db, r.definition,
                         expire, r.properties, r.creator});
    } else {
      rs.rows.push_back(
          {r.task_name, format_time(r.create_time), opt("MANUAL"), r.db, r.definition, expire});
    }
  }
  return rs;
}

ResultSet task_runs_table(Ctx& ctx) {
  bool full = ctx.version().at_least(3, 3);
  ResultSet rs;
  rs.columns = {"QUERY_ID", "TASK_NAME", "CREATE_TIME", "FINISH_TIME", "STATE", "CATALOG"};
  if (full) {
    rs.columns.push_back("WAREHOUSE");
  }
  for (const char* c : {"DATABASE", "DEFINITION", "EXPIRE_TIME", "ERROR_CODE", "ERROR_MESSAGE",
                        "PROGRESS", "EXTRA_MESSAGE", "PROPERTIES", "JOB_ID", "PROCESS_TIME"}) {
    rs.columns.emplace_back(c);
  }
  if (full) {
    rs.columns.push_back("TASK_SOURCE");
  }
  for (const TaskRun& r : ctx.state.tasks->runs()) {
    if (ctx.session.allowed && !ctx.session.allowed("SELECT", r.db)) {
      continue;
    }
    Row row{r.query_id, r.task_name, format_time(r.create_time)};
    row.push_back(r.finish_time ? opt(format_time(r.finish_time)) : std::nullopt);
    row.push_back(r.state);
    row.push_back(opt("default_catalog"));
    if (full) {
      row.push_back(opt("default_warehouse"));
    }
    std::optional<std::string> msg;
    if (!r.error_message.empty()) {
      msg = r.error_message;
    }
    for (auto v : {opt(r.db), opt(r.definition), opt(format_time(r.create_time + 86400)),
                   opt(std::to_string(r.error_code)), msg, opt(r.progress), opt(""),
                   opt(r.properties), opt("-1"),
                   opt(r.finish_time ? format_time(r.finish_time) : format_time(r.create_time))}) {
      row.push_back(v);
    }
    if (full) {
      row.push_back(opt("INSERT"));
    }
    rs.rows.push_back(row);
  }
  return rs;
}

} // namespace srsim::engine
