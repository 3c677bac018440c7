#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <variant>

namespace exl::starrocks {

// Why a parser gave up: where (byte offset into the input), what it expected there and what it
// found. Parsers return this as a value; they never throw and never crash on any input.
struct ParseError {
  std::size_t position = 0;
  std::string expected;
  std::string found;

  // "at offset 12: expected ')' but found 'BUCKETS'"
  std::string message() const {
    return "at offset " + std::to_string(position) + ": expected " + expected + " but found " +
           (found.empty() ? std::string("end of input") : found);
  }
};

// A parsed value or the reason there is none (std::expected is C++23).
template <class T> class Result {
public:
  Result(T value) : m_value(std::move(value)) {}          // NOLINT: implicit by design
  Result(ParseError error) : m_value(std::move(error)) {} // NOLINT: implicit by design

  bool ok() const { return std::holds_alternative<T>(m_value); }
  explicit operator bool() const { return ok(); }
  const T& value() const& { return std::get<T>(m_value); }
  T& value() & { return std::get<T>(m_value); }
  T&& value() && { return std::get<T>(std::move(m_value)); }
  const ParseError& error() const { return std::get<ParseError>(m_value); }
  const T* operator->() const { return &value(); }
  const T& operator*() const { return value(); }

private:
  std::variant<T, ParseError> m_value;
};

} // namespace exl::starrocks
