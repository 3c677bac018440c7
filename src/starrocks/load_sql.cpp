#include "exlschema/starrocks/load_sql.hpp"

#include "exlschema/starrocks/quote.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace exl::starrocks {
namespace {

bool iequals(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::toupper(static_cast<unsigned char>(x)) ==
           std::toupper(static_cast<unsigned char>(y));
  });
}

std::optional<std::size_t> column(const std::vector<std::string>& names, std::string_view name) {
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (iequals(names[i], name)) {
      return i;
    }
  }
  return std::nullopt;
}

// The cell of column `at` in `row`; nullopt when the column is absent or the cell is NULL.
std::optional<std::string> cell(const ResultRow& row, std::optional<std::size_t> at) {
  if (!at || *at >= row.size() || !row[*at]) {
    return std::nullopt;
  }
  return *row[*at];
}

std::string trimmed(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())) != 0) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())) != 0) {
    text.remove_suffix(1);
  }
  return std::string(text);
}

// Every row whose `label_column` is `label`, read as LabelStates; `keep` filters further.
template <class Keep>
std::vector<LabelState> label_rows(const std::vector<std::string>& names,
                                   const std::vector<ResultRow>& rows, std::string_view label,
                                   const std::array<std::string_view, 3>& columns,
                                   std::string_view source, Keep keep) {
  const auto label_at = column(names, columns[0]);
  const auto state_at = column(names, columns[1]);
  const auto error_at = column(names, columns[2]);
  std::vector<LabelState> out;
  for (const ResultRow& row : rows) {
    if (cell(row, label_at) != std::optional<std::string>(label) || !keep(row)) {
      continue;
    }
    LabelState state;
    state.state = trimmed(cell(row, state_at).value_or(""));
    state.phase = parse_load_state(state.state);
    state.error = cell(row, error_at).value_or("");
    state.source = std::string(source);
    out.push_back(std::move(state));
  }
  return out;
}

bool all_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) != 0;
  });
}

} // namespace

LoadPhase parse_load_state(std::string_view text) {
  const std::string word = trimmed(text);
  // Job states: src load/loadv2/JobState.java (PENDING, ETL, LOADING, COMMITTED, FINISHED,
  // CANCELLED, UNKNOWN) and docs information_schema/loads.md (stream-load task states BEGIN,
  // BEFORE_LOAD, PREPARING, PREPARED, COMMITED - sic -, FINISHED, CANCELLED); transaction
  // states: src transaction/TransactionStatus.java (PREPARE, PREPARED, COMMITTED, VISIBLE,
  // ABORTED).
  for (std::string_view committed : {"COMMITTED", "COMMITED"}) {
    if (iequals(word, committed)) {
      return LoadPhase::Committed;
    }
  }
  for (std::string_view visible : {"FINISHED", "VISIBLE"}) {
    if (iequals(word, visible)) {
      return LoadPhase::Visible;
    }
  }
  for (std::string_view cancelled : {"CANCELLED", "ABORTED"}) {
    if (iequals(word, cancelled)) {
      return LoadPhase::Cancelled;
    }
  }
  return LoadPhase::Running;
}

bool load_applied(LoadPhase phase) {
  return phase == LoadPhase::Committed || phase == LoadPhase::Visible;
}

const char* load_phase_name(LoadPhase phase) {
  switch (phase) {
  case LoadPhase::Committed:
    return "committed";
  case LoadPhase::Visible:
    return "visible";
  case LoadPhase::Cancelled:
    return "cancelled";
  case LoadPhase::Running:
    break;
  }
  return "running";
}

std::optional<LabelState> decisive_state(const std::vector<LabelState>& states) {
  if (states.empty()) {
    return std::nullopt;
  }
  const auto live = std::find_if(states.begin(), states.end(), [](const LabelState& s) {
    return s.phase != LoadPhase::Cancelled;
  });
  return live != states.end() ? *live : states.back();
}

std::string build_show_load(std::string_view database, std::string_view label) {
  return "SHOW LOAD FROM " + quote_identifier(database) + " WHERE LABEL = " + quote_string(label);
}

std::string build_loads_query(std::string_view label) {
  return "SELECT * FROM information_schema.loads WHERE " + quote_identifier("LABEL") + " = " +
         quote_string(label);
}

std::string build_show_transaction_databases() {
  return "SHOW PROC " + quote_string("/transactions");
}

std::string build_show_running_transactions(std::string_view db_id) {
  return "SHOW PROC " + quote_string("/transactions/" + std::string(db_id) + "/running");
}

std::string build_show_finished_transactions(std::string_view db_id) {
  return "SHOW PROC " + quote_string("/transactions/" + std::string(db_id) + "/finished");
}

std::optional<LabelState> parse_show_load(const std::vector<std::string>& column_names,
                                          const std::vector<ResultRow>& rows,
                                          std::string_view label) {
  return decisive_state(label_rows(column_names, rows, label, {"Label", "State", "ErrorMsg"},
                                   "SHOW LOAD", [](const ResultRow&) { return true; }));
}

std::optional<LabelState> parse_loads(const std::vector<std::string>& column_names,
                                      const std::vector<ResultRow>& rows, std::string_view database,
                                      std::string_view label) {
  auto db_at = column(column_names, "DB_NAME");
  if (!db_at) {
    db_at = column(column_names, "DATABASE_NAME");
  }
  const auto in_database = [&](const ResultRow& row) {
    return !db_at || cell(row, db_at) == std::optional<std::string>(database);
  };
  return decisive_state(label_rows(column_names, rows, label, {"LABEL", "STATE", "ERROR_MSG"},
                                   "information_schema.loads", in_database));
}

std::optional<std::string>
parse_transaction_database_id(const std::vector<std::string>& column_names,
                              const std::vector<ResultRow>& rows, std::string_view database) {
  const auto id_at = column(column_names, "DbId");
  const auto name_at = column(column_names, "DbName");
  for (const ResultRow& row : rows) {
    // Doris-era listings named databases `default_cluster:db`; whether a StarRocks release still
    // prints that here is unconfirmed, so both spellings are taken.
    const std::string name = cell(row, name_at).value_or("");
    const bool same = name == database || name == "default_cluster:" + std::string(database);
    const std::string id = trimmed(cell(row, id_at).value_or(""));
    if (same && all_digits(id)) {
      return id;
    }
  }
  return std::nullopt;
}

std::optional<LabelState> parse_transactions(const std::vector<std::string>& column_names,
                                             const std::vector<ResultRow>& rows,
                                             std::string_view label) {
  return decisive_state(label_rows(column_names, rows, label,
                                   {"Label", "TransactionStatus", "ErrMsg"}, "transactions",
                                   [](const ResultRow&) { return true; }));
}

std::optional<std::string> parse_insert_status(std::string_view info) {
  constexpr std::string_view k_key = "'status':";
  const auto at = info.find(k_key);
  if (at == std::string_view::npos) {
    return std::nullopt;
  }
  std::string_view rest = info.substr(at + k_key.size());
  while (!rest.empty() && rest.front() == ' ') {
    rest.remove_prefix(1);
  }
  if (rest.empty() || rest.front() != '\'') {
    return std::nullopt;
  }
  rest.remove_prefix(1);
  const auto end = rest.find('\'');
  if (end == std::string_view::npos || end == 0) {
    return std::nullopt;
  }
  return std::string(rest.substr(0, end));
}

bool is_label_already_used(std::string_view message) {
  constexpr std::string_view k_open = "Label [";
  constexpr std::string_view k_used = "] has already been used";
  const auto open = message.find(k_open);
  if (open != std::string_view::npos &&
      message.find(k_used, open + k_open.size()) != std::string_view::npos) {
    return true;
  }
  return message.find("Label Already Exists") != std::string_view::npos;
}

} // namespace exl::starrocks
