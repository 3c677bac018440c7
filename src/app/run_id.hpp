#pragma once

#include <chrono>
#include <string>

namespace exl::app {

// A run id: UTC start time and a random suffix, `20261121T120000-a1b2`. It names the run in
// every log line, report and temporary object, so two runs started in the same second differ.
std::string make_run_id(std::chrono::system_clock::time_point now, unsigned random_bits);

// The run id of a run starting now (random suffix from std::random_device).
std::string make_run_id();

} // namespace exl::app
