#include "errors.hpp"
#include "handlers.hpp"
#include "tasks.hpp"

namespace srsim::engine {
Reply submit_task(Ctx&, Cursor&) {
  fail_unsupported("SUBMIT TASK");
}
Reply drop_task(Ctx&, Cursor&) {
  fail_unsupported("DROP TASK");
}
ResultSet tasks_table(Ctx&) {
  return {};
}
ResultSet task_runs_table(Ctx&) {
  return {};
}
Reply show_data(Ctx&, Cursor&) {
  fail_unsupported("SHOW DATA");
}
Reply show_proc(Ctx&, Cursor&) {
  fail_unsupported("SHOW PROC");
}
TaskRunner::TaskRunner(EngineState& state) : m_state(state) {}
TaskRunner::~TaskRunner() = default;
} // namespace srsim::engine
