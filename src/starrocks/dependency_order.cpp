#include "exlschema/starrocks/dependency_order.hpp"

#include "query_names.hpp"

#include <algorithm>
#include <map>
#include <optional>

namespace exl::starrocks {

Result<ReferencedTables> referenced_tables(std::string_view query) {
  Result<detail::QueryNames> scanned = detail::scan_query(query);
  if (!scanned) {
    return scanned.error();
  }
  const detail::QueryNames& names = scanned.value();
  ReferencedTables out;
  for (const detail::NameChain& chain : names.chains) {
    if (!chain.table_position || chain.called) {
      continue; // a column, or a table function such as unnest(..)
    }
    const detail::Token& first = names.tokens[chain.parts[0]];
    if (detail::is_external(chain, names.tokens)) {
      std::string text;
      for (std::size_t part : chain.parts) {
        text += (text.empty() ? "" : ".") + names.tokens[part].text;
      }
      if (std::find(out.external.begin(), out.external.end(), text) == out.external.end()) {
        out.external.push_back(std::move(text));
      }
      continue;
    }
    const auto parts = detail::internal_parts(chain, names.tokens);
    if (parts.size() == 1) {
      if (names.ctes.count(first.text) != 0) {
        continue;
      }
      return ParseError{first.begin, "a table qualified by its database", detail::describe(first)};
    }
    ObjectName name{detail::database_name(names.tokens[parts[0]]), names.tokens[parts[1]].text};
    if (std::find(out.tables.begin(), out.tables.end(), name) == out.tables.end()) {
      out.tables.push_back(std::move(name));
    }
  }
  return out;
}

namespace {

// Depth-first, in input order: an object is emitted after everything it reads, so the post-order
// is a creation order; a dependency met again while still open closes a cycle.
class OrderBuilder {
public:
  OrderBuilder(const std::vector<CloneObject>& objects,
               const std::function<bool(const ObjectName&)>& exists_on_target)
      : m_objects(objects), m_exists(exists_on_target), m_nodes(objects.size()) {
    for (std::size_t i = 0; i < objects.size(); ++i) {
      m_index.emplace(objects[i].name, i);
    }
    for (std::size_t i = 0; i < objects.size(); ++i) {
      read_dependencies(i);
    }
  }

  // Tables first (they read nothing), then views and MVs, each group in input order.
  CreationOrder run() {
    for (bool tables : {true, false}) {
      for (std::size_t i = 0; i < m_objects.size(); ++i) {
        if ((m_objects[i].kind == ObjectKind::Table) == tables) {
          visit(i);
        }
      }
    }
    CreationOrder result;
    result.order = std::move(m_order);
    for (std::size_t i = 0; i < m_objects.size(); ++i) {
      if (m_nodes[i].failure) {
        result.failures.push_back({i, *m_nodes[i].failure});
      }
    }
    return result;
  }

private:
  enum class State { New, Open, Done };
  struct Node {
    State state = State::New;
    std::vector<std::size_t> reads; // objects of the set it reads
    std::optional<std::string> failure;
  };

  void read_dependencies(std::size_t i) {
    const CloneObject& object = m_objects[i];
    if (object.kind == ObjectKind::Table) {
      return;
    }
    Result<ReferencedTables> tables = referenced_tables(object.definition);
    if (!tables) {
      m_nodes[i].failure = "cannot read its definition: " + tables.error().message();
      return;
    }
    for (const ObjectName& name : tables->tables) {
      const auto found = m_index.find(name);
      if (found != m_index.end()) {
        m_nodes[i].reads.push_back(found->second);
      } else if (!m_exists(name)) {
        m_nodes[i].failure =
            "reads " + name.text() + ", which is neither copied in this run nor on the target";
        return;
      }
    }
  }

  void visit(std::size_t i) {
    Node& node = m_nodes[i];
    if (node.state != State::New) {
      return;
    }
    node.state = State::Open;
    m_path.push_back(i);
    for (std::size_t dependency : node.reads) {
      if (m_nodes[dependency].state == State::Open) {
        fail_cycle(dependency);
      }
      visit(dependency);
      if (m_nodes[dependency].failure && !node.failure) {
        node.failure = "reads " + m_objects[dependency].name.text() + ", which is not created (" +
                       *m_nodes[dependency].failure + ")";
      }
    }
    m_path.pop_back();
    node.state = State::Done;
    if (!node.failure) {
      m_order.push_back(i);
    }
  }

  // The open path from `start` to the current object, and back to `start`, is a cycle: each of
  // its objects fails with it.
  void fail_cycle(std::size_t start) {
    const auto from = std::find(m_path.begin(), m_path.end(), start);
    std::string text;
    for (auto it = from; it != m_path.end(); ++it) {
      text += m_objects[*it].name.text() + " -> ";
    }
    text = "dependency cycle: " + text + m_objects[start].name.text();
    for (auto it = from; it != m_path.end(); ++it) {
      if (!m_nodes[*it].failure) {
        m_nodes[*it].failure = text;
      }
    }
  }

  const std::vector<CloneObject>& m_objects;
  const std::function<bool(const ObjectName&)>& m_exists;
  std::vector<Node> m_nodes;
  std::map<ObjectName, std::size_t> m_index;
  std::vector<std::size_t> m_path; // the open objects, outermost first
  std::vector<std::size_t> m_order;
};

} // namespace

CreationOrder creation_order(const std::vector<CloneObject>& objects,
                             const std::function<bool(const ObjectName&)>& exists_on_target) {
  return OrderBuilder(objects, exists_on_target).run();
}

} // namespace exl::starrocks
