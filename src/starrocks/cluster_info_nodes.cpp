#include "exlschema/starrocks/cluster_info.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace exl::starrocks {
namespace {

std::optional<std::size_t> column(const std::vector<std::string>& names, std::string_view name) {
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (std::equal(names[i].begin(), names[i].end(), name.begin(), name.end(),
                   [](char a, char b) { return std::tolower(a) == std::tolower(b); })) {
      return i;
    }
  }
  return std::nullopt;
}

std::string cell(const std::vector<std::string>& names, const ResultRow& row,
                 std::string_view name) {
  const auto i = column(names, name);
  if (!i || *i >= row.size() || !row[*i]) {
    return {};
  }
  return *row[*i];
}

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

NodeInfo parse_node(NodeKind kind, const std::vector<std::string>& names, const ResultRow& row) {
  NodeInfo node;
  node.kind = kind;
  node.host = cell(names, row, "IP");
  node.port = cell(names, row, kind == NodeKind::Frontend ? "QueryPort" : "HeartbeatPort");
  node.alive = lower(cell(names, row, "Alive")) == "true";
  node.error = cell(names, row, "ErrMsg");
  if (kind == NodeKind::Frontend) {
    node.role = cell(names, row, "Role");
  } else {
    node.max_disk_used_pct = parse_percent(cell(names, row, "MaxDiskUsedPct"));
  }
  return node;
}

} // namespace

std::vector<NodeInfo> parse_nodes(NodeKind kind, const std::vector<std::string>& column_names,
                                  const std::vector<ResultRow>& rows) {
  std::vector<NodeInfo> nodes;
  nodes.reserve(rows.size());
  for (const ResultRow& row : rows) {
    nodes.push_back(parse_node(kind, column_names, row));
  }
  return nodes;
}

std::optional<double> parse_percent(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())) != 0) {
    text.remove_suffix(1);
  }
  if (text.empty() || text.back() != '%') {
    return std::nullopt;
  }
  text.remove_suffix(1);
  while (!text.empty() && text.back() == ' ') {
    text.remove_suffix(1);
  }
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty() || value < 0) {
    return std::nullopt;
  }
  return value;
}

const NodeInfo* fullest_backend(const std::vector<NodeInfo>& nodes) {
  const NodeInfo* fullest = nullptr;
  for (const NodeInfo& node : nodes) {
    if (node.max_disk_used_pct &&
        (fullest == nullptr || *node.max_disk_used_pct > *fullest->max_disk_used_pct)) {
      fullest = &node;
    }
  }
  return fullest;
}

std::optional<std::string> parse_frontend_config_value(const std::vector<std::string>& column_names,
                                                       const std::vector<ResultRow>& rows,
                                                       std::string_view key) {
  for (const ResultRow& row : rows) {
    if (cell(column_names, row, "Key") == key) {
      return cell(column_names, row, "Value");
    }
  }
  return std::nullopt;
}

bool is_shared_data_run_mode(std::string_view run_mode) {
  return lower(run_mode) == "shared_data";
}

} // namespace exl::starrocks
