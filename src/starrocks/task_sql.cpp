#include "exlschema/starrocks/task_sql.hpp"

#include "exlschema/starrocks/partition_sql.hpp"
#include "exlschema/starrocks/quote.hpp"

namespace exl::starrocks {

std::string build_submit_task(std::string_view name, std::string_view body,
                              std::optional<int> timeout_seconds, const Version& version) {
  const std::string tail = quote_identifier(name);
  if (!timeout_seconds) {
    return "SUBMIT TASK " + tail + " AS " + std::string(body);
  }
  const std::string seconds = std::to_string(*timeout_seconds);
  if (!supports(version, Feature::SubmitTaskProperties)) {
    return "SUBMIT /*+set_var(query_timeout = " + seconds + ")*/ TASK " + tail + " AS " +
           std::string(body);
  }
  std::string key = supports(version, Feature::InsertTimeout) ? "session.insert_timeout"
                                                              : "session.query_timeout";
  return "SUBMIT TASK " + tail + " PROPERTIES (" + quote_string(key) + " = " +
         quote_string(seconds) + ") AS " + std::string(body);
}

std::string build_drop_task(std::string_view name, const Version& version, bool force) {
  return std::string("DROP TASK ") +
         (supports(version, Feature::DropTaskIfExists) ? "IF EXISTS " : "") +
         quote_identifier(name) + (force ? " FORCE" : "");
}

bool task_missing_error(std::string_view message) {
  return message.find("Task ") != std::string_view::npos &&
         message.find(" is not exist") != std::string_view::npos;
}

const std::vector<std::string>& task_runs_columns() {
  static const std::vector<std::string> k_columns = {"QUERY_ID",    "TASK_NAME",     "CREATE_TIME",
                                                     "FINISH_TIME", "STATE",         "DATABASE",
                                                     "ERROR_CODE",  "ERROR_MESSAGE", "PROGRESS"};
  return k_columns;
}

std::string build_task_runs_query(const std::vector<std::string>& task_names) {
  std::string out = "SELECT ";
  for (std::size_t i = 0; i < task_runs_columns().size(); ++i) {
    out += (i > 0 ? ", " : "") + quote_identifier(task_runs_columns()[i]);
  }
  out += " FROM information_schema.task_runs WHERE TASK_NAME ";
  if (task_names.size() == 1) {
    return out + "= " + quote_string(task_names.front());
  }
  out += "IN (";
  for (std::size_t i = 0; i < task_names.size(); ++i) {
    out += (i > 0 ? ", " : "") + quote_string(task_names[i]);
  }
  return out + (task_names.empty() ? "NULL)" : ")");
}

std::string build_list_tasks(std::string_view name_prefix) {
  return "SELECT TASK_NAME FROM information_schema.tasks WHERE TASK_NAME LIKE " +
         like_prefix_literal(name_prefix);
}

} // namespace exl::starrocks
