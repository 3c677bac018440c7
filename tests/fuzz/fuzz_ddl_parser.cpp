// libFuzzer target for the SHOW CREATE parsers: any input must give a model or a ParseError,
// never a crash, hang or sanitizer report; and a parsed table must survive print -> parse
// unchanged (the round trip the modes rely on when they create target tables).
#include "exlschema/starrocks/ddl_parser.hpp"
#include "exlschema/starrocks/ddl_printer.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

using namespace exl::starrocks;

namespace {

template <class Model, class Print, class Parse>
void check_round_trip(const Model& model, Print print, Parse parse) {
  std::string printed = print(model);
  auto again = parse(printed);
  if (!again.ok() || !(again.value() == model)) {
    __builtin_trap();
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  Result<AnyModel> parsed = parse_show_create(text);
  if (!parsed.ok()) {
    (void)parsed.error().message();
    return 0;
  }
  if (const auto* table = std::get_if<TableModel>(&parsed.value())) {
    check_round_trip(
        *table, [](const TableModel& m) { return print_create_table(m); },
        [](std::string_view s) { return parse_create_table(s); });
  }
  (void)parse_column_type(text);
  return 0;
}
