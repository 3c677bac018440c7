#include "exlschema/audit/bisector.hpp"

#include "audit/bisect_answers.hpp"
#include "exlschema/starrocks/bisect_sql.hpp"
#include "exlschema/starrocks/quote.hpp"

#include <algorithm>
#include <optional>
#include <utility>

// What the bisector sends, per level, to each cluster:
//   1. at most one bounds statement (build_bisect_bounds) to each side, for the ranges to cut
//      whose rows that side holds more of (ties: the source);
//   2. one checksum statement (build_bisect_checksums) to each side, covering every child of
//      every range cut at that level;
//   3. one rows statement (build_bisect_rows) to each side, for every differing range that holds
//      at most max_rows rows on both sides.
// So one changed row in R rows costs about 2 * log_ways(R / max_rows) + 1 statements on the
// side that gives the bounds, fewer on the other.
namespace exl::audit {
namespace {

using starrocks::KeyTuple;

enum class Side { Source, Target };

// A range still differing: its exact predicate ("" for the whole partition), the bounds that
// describe it, and its rows on each side.
struct Range {
  std::string predicate;
  std::optional<KeyTuple> lower; // exclusive
  std::optional<KeyTuple> upper; // inclusive
  std::int64_t source_rows = 0;
  std::int64_t target_rows = 0;

  [[nodiscard]] std::int64_t larger() const { return std::max(source_rows, target_rows); }
  [[nodiscard]] Side bounds_side() const {
    return source_rows >= target_rows ? Side::Source : Side::Target;
  }
};

void validate(const BisectRequest& request) {
  const std::string where = " (partition " + request.partition + ")";
  if (request.keys.empty()) {
    throw AuditError("cannot bisect without key columns" + where);
  }
  if (request.hash.expressions.empty()) {
    throw AuditError("cannot bisect without a row hash" + where);
  }
  if (request.ways < 2 || request.max_rows < 1 || request.max_depth < 0 ||
      request.max_queries < 0 || request.max_ranges < 1) {
    throw AuditError("cannot bisect into " + std::to_string(request.ways) + " ways of at most " +
                     std::to_string(request.max_rows) + " rows" + where);
  }
}

// One bisection in progress: the request, the two readers, and what has been found so far.
class Run {
public:
  Run(const BisectRequest& request, const SideReader& source, const SideReader& target)
      : m_request(request), m_source(source), m_target(target) {}

  BisectResult run() {
    std::vector<Range> current;
    if (m_request.source_rows > 0 || m_request.target_rows > 0) {
      current.push_back(
          {"", std::nullopt, std::nullopt, m_request.source_rows, m_request.target_rows});
    }
    while (!current.empty()) {
      current = step(current);
    }
    m_result.complete = m_result.ranges.empty();
    return std::move(m_result);
  }

private:
  // One level: the small ranges' rows are compared, the large ones cut; returns the children
  // that differ.
  std::vector<Range> step(const std::vector<Range>& current) {
    if (current.size() > static_cast<std::size_t>(m_request.max_ranges)) {
      report(current, std::to_string(current.size()) + " ranges differ, more than " +
                          std::to_string(m_request.max_ranges) + " are followed at once");
      return {};
    }
    std::vector<Range> leaves;
    std::vector<Range> large;
    for (const Range& range : current) {
      (range.larger() <= m_request.max_rows ? leaves : large).push_back(range);
    }
    if (!large.empty() && m_result.depth >= m_request.max_depth) {
      report(large, "the depth limit (" + std::to_string(m_request.max_depth) + " cuts)");
      large.clear();
    }
    const int fetch = leaves.empty() ? 0 : 1;
    if (!fits(fetch, fetch)) {
      report(leaves, budget_reason());
      report(large, budget_reason());
      return {};
    }
    if (!large.empty() &&
        !fits(fetch + cut_cost(large, Side::Source), fetch + cut_cost(large, Side::Target))) {
      report(large, budget_reason());
      large.clear();
    }
    if (fetch != 0) {
      compare_leaves(leaves);
    }
    return large.empty() ? std::vector<Range>{} : cut(large);
  }

  // The rows of `leaves` from both sides, compared key by key.
  void compare_leaves(const std::vector<Range>& leaves) {
    std::vector<std::string> predicates;
    predicates.reserve(leaves.size());
    for (const Range& leaf : leaves) {
      predicates.push_back(leaf.predicate);
    }
    const auto& r = m_request;
    const db::ResultSet source =
        ask(Side::Source,
            starrocks::build_bisect_rows(r.source, r.keys, r.hash, r.predicate, predicates));
    const db::ResultSet target =
        ask(Side::Target,
            starrocks::build_bisect_rows(r.target, r.keys, r.hash, r.predicate, predicates));
    for (KeyDifference& found : compare_rows(source, target, r.keys, r.hash.expressions.size())) {
      m_result.keys.push_back(std::move(found));
    }
  }

  // Cuts each of `large` at bounds from the side holding more of its rows, checksums every child
  // on both sides, and returns the children that differ.
  std::vector<Range> cut(const std::vector<Range>& large) {
    const std::vector<std::vector<KeyTuple>> bounds = find_bounds(large);
    std::vector<starrocks::RangeSplit> splits;
    std::vector<const Range*> parents;
    for (std::size_t i = 0; i < large.size(); ++i) {
      if (bounds[i].empty()) {
        report({large[i]}, one_key_reason());
      } else {
        splits.push_back({large[i].predicate, bounds[i]});
        parents.push_back(&large[i]);
      }
    }
    if (splits.empty()) {
      return {};
    }
    const auto& r = m_request;
    const std::size_t sums = r.hash.expressions.size();
    const auto source =
        read_checksums(ask(Side::Source, starrocks::build_bisect_checksums(r.source, r.keys, r.hash,
                                                                           r.predicate, splits)),
                       sums, "source");
    const auto target =
        read_checksums(ask(Side::Target, starrocks::build_bisect_checksums(r.target, r.keys, r.hash,
                                                                           r.predicate, splits)),
                       sums, "target");
    ++m_result.depth;
    return differing_children(splits, parents, source, target);
  }

  std::vector<Range> differing_children(const std::vector<starrocks::RangeSplit>& splits,
                                        const std::vector<const Range*>& parents,
                                        const std::map<std::int64_t, RangeSum>& source,
                                        const std::map<std::int64_t, RangeSum>& target) {
    std::vector<Range> out;
    std::int64_t number = 0;
    for (std::size_t s = 0; s < splits.size(); ++s) {
      const auto& bounds = splits[s].bounds;
      for (std::size_t j = 0; j <= bounds.size(); ++j, ++number) {
        const RangeSum a = sum_of(source, number);
        const RangeSum b = sum_of(target, number);
        if (a == b) {
          continue;
        }
        Range child{starrocks::child_predicate(m_request.keys, splits[s], static_cast<int>(j)),
                    j == 0 ? parents[s]->lower : bounds[j - 1],
                    j == bounds.size() ? parents[s]->upper : bounds[j], a.rows, b.rows};
        if (child.larger() > m_request.max_rows && child.source_rows == parents[s]->source_rows &&
            child.target_rows == parents[s]->target_rows) {
          report({child}, one_key_reason()); // the cut did not divide it: one key throughout
          continue;
        }
        out.push_back(std::move(child));
      }
    }
    return out;
  }

  // The bounds of each of `large`, in at most one statement per side.
  std::vector<std::vector<KeyTuple>> find_bounds(const std::vector<Range>& large) {
    std::vector<std::vector<KeyTuple>> out(large.size());
    for (const Side side : {Side::Source, Side::Target}) {
      std::vector<std::size_t> mine;
      std::vector<starrocks::BoundsRange> ranges;
      for (std::size_t i = 0; i < large.size(); ++i) {
        if (large[i].bounds_side() == side) {
          const std::int64_t ways = m_request.ways;
          mine.push_back(i);
          ranges.push_back({large[i].predicate, (large[i].larger() + ways - 1) / ways});
        }
      }
      if (ranges.empty()) {
        continue;
      }
      const auto& r = m_request;
      const db::ResultSet answer =
          ask(side, starrocks::build_bisect_bounds(side == Side::Source ? r.source : r.target,
                                                   r.keys, r.predicate, ranges));
      auto found = read_bounds(answer, r.keys.size(), ranges.size(),
                               static_cast<std::size_t>(r.ways - 1), side_name(side));
      for (std::size_t k = 0; k < mine.size(); ++k) {
        out[mine[k]] = std::move(found[k]);
      }
    }
    return out;
  }

  static RangeSum sum_of(const std::map<std::int64_t, RangeSum>& sums, std::int64_t number) {
    const auto found = sums.find(number);
    return found == sums.end() ? RangeSum{} : found->second;
  }

  static const char* side_name(Side side) { return side == Side::Source ? "source" : "target"; }

  // Statements a cut of `large` sends to `side`: its bounds statement, if it gives any, and the
  // checksum statement.
  static int cut_cost(const std::vector<Range>& large, Side side) {
    const bool bounds = std::any_of(large.begin(), large.end(),
                                    [side](const Range& r) { return r.bounds_side() == side; });
    return 1 + (bounds ? 1 : 0);
  }

  [[nodiscard]] bool fits(int source, int target) const {
    return m_result.queries_source + source <= m_request.max_queries &&
           m_result.queries_target + target <= m_request.max_queries;
  }

  [[nodiscard]] std::string budget_reason() const {
    return "the query budget (" + std::to_string(m_request.max_queries) + " statements per side)";
  }

  static std::string one_key_reason() {
    return "its rows share one key (or NULL keys), so it cannot be cut";
  }

  void report(const std::vector<Range>& ranges, const std::string& reason) {
    for (const Range& range : ranges) {
      m_result.ranges.push_back(
          {starrocks::describe_key_range(m_request.keys, range.lower, range.upper), range.predicate,
           reason, range.source_rows, range.target_rows});
    }
  }

  db::ResultSet ask(Side side, const std::string& sql) {
    if (side == Side::Source) {
      ++m_result.queries_source;
      return m_source(sql);
    }
    ++m_result.queries_target;
    return m_target(sql);
  }

  const BisectRequest& m_request;
  const SideReader& m_source;
  const SideReader& m_target;
  BisectResult m_result;
};

} // namespace

const char* kind_name(KeyDifference::Kind kind) {
  switch (kind) {
  case KeyDifference::Kind::OnlyOnSource:
    return "only on source";
  case KeyDifference::Kind::OnlyOnTarget:
    return "only on target";
  case KeyDifference::Kind::ContentDiffers:
    return "content differs";
  }
  return "content differs";
}

std::string describe_key(const std::vector<starrocks::Column>& keys,
                         const std::vector<db::Value>& key) {
  std::string out;
  for (std::size_t i = 0; i < keys.size() && i < key.size(); ++i) {
    out += (i == 0 ? "" : " AND ") + starrocks::quote_identifier(keys[i].name) +
           (key[i] ? " = " + starrocks::key_literal(keys[i], *key[i]) : " IS NULL");
  }
  return out;
}

Bisector::Bisector(SideReader source, SideReader target)
    : m_source(std::move(source)), m_target(std::move(target)) {}

BisectResult Bisector::bisect(const BisectRequest& request) const {
  validate(request);
  return Run(request, m_source, m_target).run();
}

} // namespace exl::audit
