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

if [ -f tests/fuzz/CMakeLists.txt ]; then
  echo "test: fuzzing the parsers briefly"
  CXX=clang++ cmake -S . -B build-fuzz -DEXL_BUILD_FUZZ=ON -DEXL_BUILD_SIM=OFF \
    -DCMAKE_BUILD_TYPE=Debug >/dev/null
  cmake --build build-fuzz -j"$jobs" --target fuzz_all
  (cd build-fuzz && ctest --output-on-failure -L fuzz)
fi
echo "test: all passed"
