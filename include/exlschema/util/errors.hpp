#pragma once

#include <stdexcept>
#include <string>

// The exceptions that mean "cannot continue". Each maps to one exit code in src/app.
namespace exl {

// Bad command-line usage: exit code 2, nothing was changed.
class UsageError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

// Bad configuration (file, key, alias, secret source): exit code 2, nothing was changed.
class ConfigError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

// Anything else that stops the whole run: exit code 1.
class FatalError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

} // namespace exl
