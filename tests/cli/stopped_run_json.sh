#!/usr/bin/env bash
# End-to-end: a run or verify that stops before any table's report still replaces its -json
# report, so that a cron job alerting on the JSON never reads the previous run's "exit_code": 0.
# Covered: an unknown alias and a mode's own refusal (exit 2, nothing connects), and a cluster
# that cannot be reached (exit 1, after the run's history record). jq reads the reports.
# Usage: bash stopped_run_json.sh /path/to/exlSchema
set -u
BIN=$(realpath "${1:?usage: stopped_run_json.sh /path/to/exlSchema}")
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export HOME=$WORK XDG_STATE_HOME=$WORK/xdg
unset EXLSCHEMA_CONFIG
cd "$WORK" || exit 1
failures=0
fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}

# Ports 1 and 2 of loopback: privileged, nothing listens there (connection refused at once).
port_a=1
port_b=2
cat >"$WORK/exl.yaml" <<YAML
clusters:
  a:
    host: 127.0.0.1
    port: $port_a
    user: root
    password_env: EXL_TEST_A_PASSWORD
  b:
    host: 127.0.0.1
    port: $port_b
    user: root
    password_env: EXL_TEST_B_PASSWORD
YAML
chmod 600 "$WORK/exl.yaml"
export EXL_TEST_A_PASSWORD=secret-a-4711 EXL_TEST_B_PASSWORD=secret-b-4712

# expect_report "what" exit_code "substring of .error" args...
expect_report() {
  local what=$1 want_code=$2 want_error=$3
  shift 3
  echo '{"exit_code": 0, "stale": true}' >"$WORK/r.json"
  timeout 60 "$BIN" -config "$WORK/exl.yaml" "$@" -json "$WORK/r.json" >"$WORK/out" 2>"$WORK/err"
  local code=$?
  [[ $code -eq $want_code ]] || fail "$what: exit $code, expected $want_code: $(cat "$WORK/err")"
  if jq -e '.stale' "$WORK/r.json" >/dev/null 2>&1; then
    fail "$what: the previous -json report was left in place"
    return
  fi
  [[ $(jq -r '.exit_code' "$WORK/r.json") == "$want_code" ]] ||
    fail "$what: the report's exit_code is $(jq -r '.exit_code' "$WORK/r.json"), not $want_code"
  [[ $(jq -r '.error' "$WORK/r.json") == *"$want_error"* ]] ||
    fail "$what: the report's error is '$(jq -r '.error' "$WORK/r.json")', expected: $want_error"
  [[ $(jq -r '.tables | length' "$WORK/r.json") == 0 ]] || fail "$what: tables in the report"
  if grep -qE 'secret-a-4711|secret-b-4712' "$WORK/r.json" "$WORK/out" "$WORK/err"; then
    fail "$what: a password in the report or the output"
  fi
}

expect_report "an unknown alias" 2 "unknown cluster alias 'nope'" \
  -source a -target nope -t d.t -o v2 -a -r -i
[[ $(jq -r '.target' "$WORK/r.json") == nope && $(jq -r '.mode' "$WORK/r.json") == v2 ]] ||
  fail "the unknown-alias report does not name its run: $(cat "$WORK/r.json")"
expect_report "meta without scs.home" 2 "needs scs.home" -source a -target b -t d.t -o meta -r -i
expect_report "an unreachable source" 1 "" -source a -target b -t d.t -o v2 -a -r -i
[[ $(jq -r '.error' "$WORK/r.json") != null ]] || fail "the unreachable run's report has no error"
expect_report "verify of an unreachable source" 1 "" verify -source a -target b -t d.t
[[ $(jq -r '.mode' "$WORK/r.json") == verify ]] || fail "verify's report: $(cat "$WORK/r.json")"

# A refused -json path itself (its directory missing) is exit 2 and writes nothing anywhere.
timeout 10 "$BIN" -config "$WORK/exl.yaml" -source a -target b -t d.t -o v2 -a -r -i \
  -json "$WORK/missing/r.json" >/dev/null 2>&1
[[ $? -eq 2 && ! -e $WORK/missing ]] || fail "a -json path in a missing directory"

if [[ $failures -gt 0 ]]; then
  echo "stopped_run_json: $failures failure(s)"
  exit 1
fi
echo "stopped_run_json: all passed"
