#pragma once

// srsim's command line. Passwords never come from argv: the root password from
// --root-password-file or $SRSIM_ROOT_PASSWORD, the storage password from
// --storage-password-file or $SRSIM_STORAGE_PASSWORD.

#include <stdexcept>
#include <string>
#include <vector>

#include "server/front.hpp"
#include "server/server.hpp"

namespace srsim::server {

struct Options {
  FrontOptions front;
  Ports ports;
  bool help = false;
};

class OptionsError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

// Throws OptionsError with a message for the user.
Options parse_options(const std::vector<std::string>& args);
// "3.3.5" -> Version; throws OptionsError for versions srsim does not simulate.
Version parse_version(const std::string& text);
std::string usage_text();

} // namespace srsim::server
