#include "exlschema/starrocks/task_sql.hpp"

#include "exlschema/starrocks/partition_sql.hpp"
#include "exlschema/starrocks/quote.hpp"

namespace exl::starrocks {

std::string build_submit_task(std::string_view name, std::string_view body,
                              std::optional<int> timeout_seconds, const Version& version) {
  std::string out = "SUBMIT TASK " + quote_identifier(name);
  if (timeout_seconds) {
    std::string key = supports(version, Feature::InsertTimeout) ? "session.insert_timeout"
                                                                : "session.query_timeout";
    out += " PROPERTIES (" + quote_string(key) + " = " +
           quote_string(std::to_string(*timeout_seconds)) + ")";
  }
  return out + " AS " + std::string(body);
}

std::string build_drop_task(std::string_view name, bool if_exists, bool force) {
  return std::string("DROP TASK ") + (if_exists ? "IF EXISTS " : "") + quote_identifier(name) +
         (force ? " FORCE" : "");
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
    out += (i > 0 ? ", " : "") + task_runs_columns()[i];
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
