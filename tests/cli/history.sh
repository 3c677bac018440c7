#!/usr/bin/env bash
# End-to-end: `exlSchema history` without any configuration file (the default state store under
# $XDG_STATE_HOME), with `state:` in a configuration, and with a state store that cannot be used
# (a file of garbage, a directory, another program's file): exit 2 with one line naming it.
# Filled stores are rendered by tests/unit/commands/history_command_test.cpp.
# Usage: bash history.sh /path/to/exlSchema
set -u
BIN=$(realpath "${1:?usage: history.sh /path/to/exlSchema}")
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

# run_history args...: sets $out, $err (file contents) and $code.
run_history() {
  out=$(timeout 10 "$BIN" history "$@" 2>"$WORK/err")
  code=$?
  err=$(cat "$WORK/err")
}

# expect_unusable "what" "substring of the one stderr line" args...
expect_unusable() {
  local what=$1 expected=$2
  shift 2
  run_history "$@"
  if [[ $code -ne 2 || $(grep -c '' "$WORK/err") -ne 1 || -n $out || $err != *"$expected"* ]]; then
    fail "$what: exit $code, stdout '$out', stderr: $err (expected exit 2, one line with: $expected)"
  fi
}

DEFAULT=$WORK/xdg/exlSchema/state.db

# No configuration anywhere and no store yet: an empty history, nothing created.
run_history
[[ $code -eq 0 ]] || fail "history without a store exited $code: $err"
[[ $out == *"State store: $DEFAULT"* ]] || fail "history does not name the default store: $out"
[[ $out == *"No runs recorded yet"* ]] || fail "history without a store: $out"
[[ ! -e $DEFAULT ]] || fail "history created $DEFAULT"

# -json writes the same, with no runs.
run_history -json "$WORK/h.json" -n 3
[[ $code -eq 0 ]] || fail "history -json exited $code: $err"
grep -q '"runs": \[\]' "$WORK/h.json" || fail "history -json: $(cat "$WORK/h.json")"
grep -q '"limit": 3' "$WORK/h.json" || fail "history -json lacks limit 3: $(cat "$WORK/h.json")"
grep -qF "\"state_path\": \"$DEFAULT\"" "$WORK/h.json" || fail "history -json lacks the path"

# -h documents it.
help=$("$BIN" -h)
grep -qF "exlSchema history [-t LIST] [-n N] [-json PATH]" <<<"$help" || fail "-h lacks history"
grep -qE -- "^  -n N +history: how many past runs to show \[default: 10\]" <<<"$help" ||
  fail "-h lacks -n"

# The default store unusable.
mkdir -p "$(dirname "$DEFAULT")"
head -c 8192 /dev/zero | tr '\0' 'x' >"$DEFAULT"
expect_unusable "garbage store" "state store $DEFAULT: is not a SQLite database"
[[ $(head -c 4 "$DEFAULT") == xxxx ]] || fail "history changed the garbage file"
rm -f "$DEFAULT"
mkdir "$DEFAULT"
expect_unusable "directory store" "state store $DEFAULT: is a directory"
rmdir "$DEFAULT"
printf 'SQLite format 3\0garbage after a valid-looking magic string' >"$DEFAULT"
expect_unusable "damaged header" "state store $DEFAULT:"
rm -f "$DEFAULT"

# `state:` in a configuration moves it (relative to the configuration file's directory).
mkdir -p "$WORK/conf/run"
cat >"$WORK/conf/exl.yaml" <<'YAML'
clusters:
  a: {host: 192.0.2.1, user: u}
state: run/state.db
YAML
chmod 600 "$WORK/conf/exl.yaml"
run_history -config "$WORK/conf/exl.yaml"
[[ $code -eq 0 && $out == *"State store: $WORK/conf/run/state.db"* ]] ||
  fail "state: in -config not used: exit $code, $out $err"
EXLSCHEMA_CONFIG=$WORK/conf/exl.yaml run_history
[[ $code -eq 0 && $out == *"State store: $WORK/conf/run/state.db"* ]] ||
  fail "state: via \$EXLSCHEMA_CONFIG not used: exit $code, $out $err"
cp "$WORK/conf/exl.yaml" "$WORK/.exlSchema.yaml"
run_history
[[ $code -eq 0 && $out == *"State store: $WORK/run/state.db"* ]] ||
  fail "state: in ./.exlSchema.yaml not used: exit $code, $out $err"
rm "$WORK/.exlSchema.yaml"
echo "not sqlite" >"$WORK/conf/run/state.db"
expect_unusable "garbage store from state:" "state store $WORK/conf/run/state.db: is not a SQLite" \
  -config "$WORK/conf/exl.yaml"

echo "history.sh: $failures failure(s)"
[[ $failures -eq 0 ]]
