#!/usr/bin/env bash
# End-to-end: -h and --help list every flag of PRODUCT.md §1 (long flags in both spellings) with
# a default, and every mode; --version names exlSchema's version and its libraries.
# Usage: bash help_version.sh /path/to/exlSchema
set -u
BIN=${1:?usage: help_version.sh /path/to/exlSchema}
failures=0
fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}

help=$("$BIN" -h) || fail "-h exited $?"
[[ $("$BIN" --help) == "$help" ]] || fail "--help differs from -h"

for flag in source target level interval thread add where batch speed batchcheck truncate \
  complement recreate replication config json nonotify log pause-file panic-file checksum \
  bisect-rows bisect-depth; do
  grep -qE -- "^  -$flag, --$flag( |$)" <<<"$help" || fail "-h does not list -$flag, --$flag"
done
for flag in t x o r i a p q v h; do
  grep -qE -- "^  -$flag( |,)" <<<"$help" || fail "-h does not list -$flag"
done
for default in "[default: 300]" "[default: 3 (defaults.thread)]" "[default: table]" \
  "[default: -1]" "[default: 1 (defaults.speed_gb)]" "[default: off]"; do
  grep -qF -- "$default" <<<"$help" || fail "-h does not show $default"
done
grep -qF "exlSchema verify -source ALIAS -target ALIAS -t LIST" <<<"$help" \
  || fail "-h does not show the verify sub-command"
sed -n '/^Modes (-o):$/,/^$/p' <<<"$help" | grep -qE "^  verify +[a-zA-Z]" &&
  fail "-h lists verify as an -o mode"
for mode in mysql starrocks meta ghost v1 v2 v3 v4 v5 pipe; do
  grep -qE "^  $mode +[a-zA-Z]" <<<"$help" || fail "-h does not list mode $mode"
done

version=$("$BIN" --version) || fail "--version exited $?"
grep -qE '^exlSchema [0-9]+\.[0-9]+\.[0-9]+' <<<"$version" || fail "--version: no exlSchema version"
for lib in CLI11 yaml-cpp spdlog nlohmann_json libcurl libmariadb; do
  grep -qE "^  $lib [0-9]" <<<"$version" || fail "--version does not give $lib's version"
done
grep -qE "^  OpenSSL [0-9]" <<<"$version" || fail "--version does not give OpenSSL's version"
[[ $("$BIN" -version) == "$version" ]] || fail "-version differs from --version"

echo "help_version.sh: $failures failure(s)"
[[ $failures -eq 0 ]]
