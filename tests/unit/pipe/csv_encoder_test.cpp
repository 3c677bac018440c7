#include "exlschema/pipe/csv_encoder.hpp"

#include <gtest/gtest.h>

namespace {

exl::db::RowValues pipe_row(std::initializer_list<std::optional<std::string>> values) {
  return exl::db::RowValues(values);
}

} // namespace

// From 3.0: every value enclosed, its quotes and backslashes escaped; NULL bare `\N`, so the text
// `\N` and an empty string stay what they are.
TEST(CsvEncoderTest, EnclosedValuesCarryAnyText) {
  const exl::pipe::CsvEncoder encoder(exl::starrocks::CsvDialect{"\x01", "\n", '"', '\\'});
  std::string out;
  encoder.append(pipe_row({"1", std::nullopt, "a\"b\\c\nd\x01", "\\N", ""}), out);
  EXPECT_EQ(out, "\"1\"\x01\\N\x01\"a\\\"b\\\\c\nd\x01\"\x01\"\\\\N\"\x01\"\"\n");
}

// Before 3.0 there is no escaping: control separators, and a value that holds one fails.
TEST(CsvEncoderTest, WithoutEscapingASeparatorInAValueIsRefused) {
  const exl::pipe::CsvEncoder encoder(exl::starrocks::CsvDialect{"\x01", "\x02", 0, 0});
  std::string out;
  encoder.append(pipe_row({"1", "tab\there, comma, \"quote\"\nnewline", std::nullopt}), out);
  EXPECT_EQ(out, "1\x01tab\there, comma, \"quote\"\nnewline\x01\\N\x02");
  EXPECT_THROW(encoder.append(pipe_row({"x\x01y"}), out), exl::pipe::UnencodableValue);
  EXPECT_THROW(encoder.append(pipe_row({"\\N"}), out), exl::pipe::UnencodableValue);
}
