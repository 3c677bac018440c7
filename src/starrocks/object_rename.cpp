#include "exlschema/starrocks/object_rename.hpp"

#include <array>
#include <string_view>
#include <vector>

namespace exl::starrocks {
namespace {

constexpr std::array<std::string_view, 3> k_referencing_properties = {
    "foreign_key_constraints", "excluded_trigger_tables", "excluded_refresh_tables"};

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

std::vector<std::string> words(std::string_view text) {
  std::vector<std::string> out;
  std::string word;
  for (char c : text) {
    if (is_name_char(c)) {
      word += c;
    } else if (!word.empty()) {
      out.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) {
    out.push_back(std::move(word));
  }
  return out;
}

// The renamed object a word of the value may name, as text for the message.
std::optional<std::string> renamed_word(const std::vector<std::string>& value_words,
                                        const QueryRenames& renames) {
  for (const std::string& word : value_words) {
    for (const auto& [from, to] : renames.databases) {
      if (word == from) {
        return "database " + from;
      }
    }
    for (const auto& [from, to] : renames.tables) {
      if (word == from.table) {
        return from.text();
      }
    }
  }
  return std::nullopt;
}

} // namespace

std::optional<std::string> renamed_reference_in(const Properties& properties,
                                                const QueryRenames& renames) {
  for (std::string_view key : k_referencing_properties) {
    const std::string* value = find_property(properties, key);
    if (value == nullptr) {
      continue;
    }
    if (const auto named = renamed_word(words(*value), renames)) {
      return "property \"" + std::string(key) + "\" names " + *named +
             ", which is renamed on the target: not rewritten";
    }
  }
  return std::nullopt;
}

Result<ViewModel> renamed_view(ViewModel view, const QueryRenames& renames) {
  Result<std::string> definition = rewrite_query_names(view.definition, renames);
  if (!definition) {
    return definition.error();
  }
  view.definition = std::move(definition).value();
  return view;
}

Result<MaterializedViewModel> renamed_materialized_view(MaterializedViewModel mv,
                                                        const QueryRenames& renames) {
  if (const auto reason = renamed_reference_in(mv.properties, renames)) {
    return ParseError{0, "no property naming a renamed object", *reason};
  }
  Result<std::string> definition = rewrite_query_names(mv.definition, renames);
  if (!definition) {
    return definition.error();
  }
  mv.definition = std::move(definition).value();
  return mv;
}

} // namespace exl::starrocks
