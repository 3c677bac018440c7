#!/usr/bin/env bash
# The whole test suite: installs what is missing, builds, then runs every test with ctest
# (unit, CLI, integration against real MariaDB servers started on loopback, srsim's suite)
# and a short libFuzzer run of the parsers. Exits non-zero when anything fails.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
jobs=$(nproc 2>/dev/null || echo 2)

echo "test: ctest"
(cd build && ctest --output-on-failure -j"$jobs" --timeout 600)

# Sanitizer builds (Debug, -O1, without srsim): ThreadSanitizer over the threaded areas (the unit
# tests of runner, db, notify, report, modes (the throttle's waiters and watcher), state and audit,
# and the integration tests against a real MariaDB and a local webhook receiver), then
# AddressSanitizer + UBSan over every unit test and the CLI scripts.
sanitized() { # DIR SANITIZERS UNIT_AREAS CTEST_LABELS TARGET...
  local dir=$1 sanitizers=$2 areas=$3 labels=$4
  shift 4
  echo "test: -fsanitize=$sanitizers ($labels)"
  # -g1 (line tables only): sanitizer reports keep functions, files and lines, and the trees
  # compile and link faster than with full debug info.
  cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG=-g1 \
    -DEXL_SANITIZE="$sanitizers" -DEXL_UNIT_AREAS="$areas" -DEXL_BUILD_SIM=OFF >/dev/null
  cmake --build "$dir" -j"$jobs" --target "$@"
  (cd "$dir" && ctest --output-on-failure -j"$jobs" --timeout 600 -L "$labels")
}
tsan_areas="runner;db;notify;report;modes;state;audit"
sanitized build-tsan thread "$tsan_areas" "^(unit|integration)$" \
  unit_runner unit_db unit_notify unit_report unit_modes unit_state unit_audit integration_tests
unit_targets=()
for d in tests/unit/*/; do unit_targets+=("unit_$(basename "$d")"); done
sanitized build-asan address,undefined "" "^(unit|cli)$" exlSchema "${unit_targets[@]}"

if [ -f tests/fuzz/CMakeLists.txt ]; then
  echo "test: fuzzing the parsers briefly"
  CXX=clang++ cmake -S . -B build-fuzz -DEXL_BUILD_FUZZ=ON -DEXL_BUILD_SIM=OFF \
    -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG=-g1 >/dev/null
  cmake --build build-fuzz -j"$jobs" --target fuzz_all
  (cd build-fuzz && ctest --output-on-failure -j"$jobs" -L fuzz)
fi
echo "test: all passed"
