#include "syntax_gate.hpp"

namespace srsim::engine {

namespace {

struct Since {
  int major, minor, patch;
};

// starrocks-surface.md §14. Where §14 says only "after 2.5", the release the StarRocks docs name
// is used (auto_increment.md, feature-support-data-distribution.md, list_partitioning.md); srsim
// simulates no 3.0, so 3.0 versus 3.1 there changes nothing it answers.
Since since(SyntaxForm form) {
  switch (form) {
  case SyntaxForm::DropTaskIfExists:
    return {4, 0, 0};
  case SyntaxForm::ShowCatalogsLike:
  // Only the main-branch grammar (StarRocks.g4 dropPartitionClause, next to DROP PARTITIONS
  // WHERE) has `DROP ALL TEMPORARY PARTITIONS`; the stored 2.5/3.1/3.3 grammars have just
  // `DROP TEMPORARY? PARTITION (IF EXISTS)? identifier FORCE?`. No 3.4 copy with it was found.
  case SyntaxForm::DropAllTempPartitions:
    return {3, 5, 0};
  case SyntaxForm::SubmitTaskProperties:
  case SyntaxForm::InsertHintAnywhere:
    return {3, 2, 3};
  case SyntaxForm::DropCatalogIfExists:
  case SyntaxForm::CreateCatalogIfNotExists:
    return {3, 3, 0};
  case SyntaxForm::InsertProperties:
  case SyntaxForm::InsertByName:        // PR #54120 (2024-12, in the 3.4 INSERT docs), not in §14
  case SyntaxForm::DropPartitionsRange: // §3 (ALTER_TABLE.md: "v3.4+, single range column")
    return {3, 4, 0};
  case SyntaxForm::InsertHintBeforeInto:
    return {3, 2, 0};
  case SyntaxForm::TimeExpressionPartition:
  case SyntaxForm::AutoIncrement:
  case SyntaxForm::Varbinary:
    return {3, 0, 0};
  case SyntaxForm::ColumnListPartition:
  case SyntaxForm::RandomDistribution:
  case SyntaxForm::AddListPartition:
    return {3, 1, 0};
  }
  return {99, 0, 0};
}

} // namespace

bool syntax_valid(SyntaxForm form, const Version& version) {
  if (form == SyntaxForm::InsertHintAnywhere && version.major == 3 && version.minor == 1) {
    return version.patch >= 7; // backported to the 3.1 line in 3.1.7 (§14)
  }
  Since s = since(form);
  return version.at_least(s.major, s.minor, s.patch);
}

} // namespace srsim::engine
