#!/usr/bin/env bash
# The full fault matrix (issue #15): starts a sandbox of its own, runs every cell of
# tests/chaos/ (every data mode, meta against the scs stand-in, under every fault:
# EXL_CHAOS_FULL=1) and the type x mode matrix of tests/e2e/type_matrix_test.cpp
# (EXL_TYPE_MATRIX_OUT), and writes docs/reliability.md from the lines they write (EXL_CHAOS_OUT).
#
#   scripts/chaos.sh [--build DIR] [--seed N] [--filter GTEST_FILTER] [--out FILE]
#
# --seed repeats the random signal points of an earlier run (its seed is in the document);
# --filter runs some cells only (e.g. 'Matrix/*.v2_*'; the type matrix then is not run). Needs the
# targets chaos_tests, e2e_tests, srsim, srsim_udf and scs_standin built (cmake --build build
# --target chaos_tests e2e_tests srsim srsim_udf scs_standin). Exits 0 when every cell met its bar
# and the type matrix passed, 1 when not (the document is written either way), 2 on bad usage.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=$root/build
seed=${EXL_CHAOS_SEED:-}
filter='*'
out=$root/docs/reliability.md
while [ $# -gt 0 ]; do
  case $1 in
    --build) build=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --filter) filter=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    *) echo "chaos.sh: unknown argument $1 (see the header of $0)" >&2; exit 2 ;;
  esac
done
case $build in /*) ;; *) build=$PWD/$build ;; esac
[ -n "$seed" ] || seed=$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')
binary=$build/tests/chaos_tests
e2e=$build/tests/e2e_tests
for f in "$binary" "$e2e" "$build/tests/sim/srsim" "$build/tests/sim/srsim_udf.so" \
  "$build/tests/scs_standin/scs_standin"; do
  [ -x "$f" ] || [ -f "$f" ] || {
    echo "chaos.sh: $f is missing; build chaos_tests, e2e_tests, srsim, srsim_udf and scs_standin first" >&2
    exit 2
  }
done

sandbox=$(mktemp -d /tmp/exl-chaos-XXXXXX)
cleanup() { "$root/tests/sim/sandbox.sh" down "$sandbox" >/dev/null 2>&1 || true; }
trap cleanup EXIT
# dst25 and dst31 as in the e2e fixture: the shared test helpers drop stale catalogs there too.
SRSIM_BIN=$build/tests/sim/srsim SRSIM_UDF=$build/tests/sim/srsim_udf.so \
  "$root/tests/sim/sandbox.sh" up "$sandbox" --also-dst 2.5.22 --also-dst 3.1.17 >"$sandbox/up.log" 2>&1 || {
  cat "$sandbox/up.log" >&2
  exit 1
}

cells=$sandbox/cells.tsv
: >"$cells"
started=$(date -u '+%Y-%m-%d %H:%M UTC')
t0=$(date +%s)
echo "chaos: seed $seed, sandbox $sandbox, log $sandbox/chaos.log"
set +e
EXL_TEST_SANDBOX_DIR=$sandbox EXL_CHAOS_FULL=1 EXL_CHAOS_SEED=$seed EXL_CHAOS_OUT=$cells \
  "$binary" --gtest_filter="$filter" >"$sandbox/chaos.log" 2>&1
status=$?
set -e
grep -E '^\[  (FAILED|PASSED) ' "$sandbox/chaos.log" | sort -u || true

types=$sandbox/types.tsv
: >"$types"
types_status=-
if [ "$filter" = '*' ]; then
  echo "chaos: the type matrix, log $sandbox/types.log"
  set +e
  EXL_TEST_SANDBOX_DIR=$sandbox EXL_TYPE_MATRIX_OUT=$types \
    "$e2e" --gtest_filter='TypeMatrix*' >"$sandbox/types.log" 2>&1
  types_status=$?
  set -e
  grep -E '^\[  (FAILED|PASSED) ' "$sandbox/types.log" | sort -u || true
fi
elapsed=$(($(date +%s) - t0))

commit=$(git -C "$root" rev-parse --short HEAD)
git -C "$root" diff --quiet HEAD -- src include tests || commit="$commit (with local changes)"
machine="$(uname -srm), $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo)"
"$root/tests/chaos/render.sh" "$cells" "$seed" "$started" "$commit" "$machine" "$elapsed" \
  "$status" "$types" "$types_status" >"$out"
echo "chaos: wrote $out ($(wc -l <"$cells") cells, $(wc -l <"$types") type cells, ${elapsed}s," \
  "gtest exit $status, type matrix exit $types_status)"
[ "$status" -eq 0 ] && { [ "$types_status" = - ] || [ "$types_status" -eq 0 ]; } || exit 1
