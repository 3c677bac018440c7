#!/usr/bin/env bash
# Longer fuzzing than the test suite's reproducible short run: every fuzzer for SECONDS (default
# 300) with a fresh random seed, starting from the committed corpus. A crash stops with the
# reproducer written to build-fuzz/crashes/; add it to tests/fuzz/corpus/<name>/ with the fix.
#   scripts/fuzz.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-300}
jobs=$(nproc 2>/dev/null || echo 2)
CXX=clang++ cmake -S . -B build-fuzz -DEXL_BUILD_FUZZ=ON -DEXL_BUILD_SIM=OFF \
  -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG=-g1 >/dev/null
cmake --build build-fuzz -j"$jobs" --target fuzz_all
mkdir -p build-fuzz/crashes
for name in ddl_parser partition_parser redact; do
  echo "fuzz: $name for ${seconds}s"
  scratch=build-fuzz/explore_$name
  mkdir -p "$scratch"
  build-fuzz/tests/fuzz/fuzz_$name -max_total_time="$seconds" -timeout=5 -rss_limit_mb=2048 \
    -max_len=8192 -artifact_prefix=build-fuzz/crashes/$name- "$scratch" tests/fuzz/corpus/$name
done
echo "fuzz: no crash"
