#pragma once

namespace exl::app {

// Process-wide initialisation of the C libraries, before any other thread starts: neither
// mysql_library_init nor curl_global_init is thread-safe. db and notify also initialise lazily
// (once) for tests and tools; both calls are idempotent. Ends them in reverse order.
class ProcessLibraries {
public:
  ProcessLibraries();
  ~ProcessLibraries();
  ProcessLibraries(const ProcessLibraries&) = delete;
  ProcessLibraries& operator=(const ProcessLibraries&) = delete;
};

} // namespace exl::app
