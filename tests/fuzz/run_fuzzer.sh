#!/usr/bin/env bash
# run_fuzzer.sh FUZZER SCRATCH_CORPUS SEED_CORPUS [libFuzzer flags...]
# Empties the scratch corpus first, so that a run depends only on the committed seeds (read, never
# written) and the flags.
set -euo pipefail
fuzzer=$1 scratch=$2 seeds=$3
shift 3
rm -rf "$scratch"
mkdir -p "$scratch"
exec "$fuzzer" "$@" "$scratch" "$seeds"
