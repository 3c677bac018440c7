#include "modes/plan_output.hpp"

#include "exlschema/util/redact.hpp"

#include <map>

namespace exl::modes {
namespace {

// Continuation lines of a multi-line statement indented under its first line.
std::string indented(const std::string& sql) {
  std::string out;
  for (char c : util::redact(sql)) {
    out += c;
    if (c == '\n') {
      out += "      ";
    }
  }
  return out;
}

void print_statement(std::ostream& out, const config::RunOptions& options, const Statement& s) {
  out << "  [" << cluster_alias(options, s.side) << "] " << indented(s.sql) << "\n";
}

std::string heading(const TablePlan& plan) {
  std::string text = plan.job.name();
  const std::string target = plan.job.target.database + "." + plan.job.target.table;
  if (target != text) {
    text += " -> " + target;
  }
  return text + " (" + kind_name(plan.job.kind) + ")";
}

} // namespace

const std::string& cluster_alias(const config::RunOptions& options, Side side) {
  return side == Side::Source ? options.source.alias : options.target.alias;
}

void print_plan(std::ostream& out, const config::RunOptions& options,
                const std::vector<std::string>& preamble, const std::vector<Statement>& databases,
                const std::vector<TablePlan>& plans) {
  out << "Plan of run " << options.run_id << " (-o " << options.mode << ", " << options.source.alias
      << " -> " << options.target.alias << "). Nothing has been sent; add -r to run it.\n";
  for (const std::string& line : preamble) {
    out << util::redact(line) << "\n";
  }
  if (!databases.empty()) {
    out << "\ndatabases\n";
    for (const Statement& s : databases) {
      print_statement(out, options, s);
    }
  }
  std::map<std::string, int> outcomes;
  int refused = 0;
  for (const TablePlan& plan : plans) {
    out << "\n" << heading(plan) << ": ";
    if (plan.refused) {
      ++refused;
      out << "REFUSED: " << util::redact(*plan.refused) << "\n";
      continue;
    }
    ++outcomes[plan.outcome];
    out << util::redact(plan.summary) << "\n";
    for (const Statement& s : plan.prepare) {
      print_statement(out, options, s);
    }
    for (const TempObject& temp : plan.temps) {
      print_statement(out, options, temp.create);
    }
    for (const TaskPlan& task : plan.tasks) {
      for (const Statement& s : task.steps) {
        print_statement(out, options, s);
      }
      if (task.cleanup) {
        print_statement(out, options, *task.cleanup);
      }
    }
    for (const TempObject& temp : plan.temps) {
      print_statement(out, options, temp.drop);
    }
    for (const std::string& note : plan.notes) {
      out << "  warning: " << util::redact(note) << "\n";
    }
  }
  out << "\nsummary: " << plans.size() << " object(s)";
  for (const auto& [outcome, count] : outcomes) {
    out << ", " << count << " " << (outcome.empty() ? "planned" : outcome);
  }
  out << ", " << refused << " refused\n";
}

} // namespace exl::modes
