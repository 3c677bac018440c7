#!/usr/bin/env bash
# End-to-end: `exlSchema check -h`, `clean -h`, `history -h`, `verify -h` (and `--help`, and
# `-h` before the sub-command) print that sub-command's usage and its flags only, exit 0, write
# nothing to stderr and connect nowhere (the configuration in the working directory names
# TEST-NET-1 hosts, RFC 5737: a connection would hang until `timeout` kills it). Each flag line
# is the very line `-h` prints for that flag: both come from the flag table.
# Usage: bash subcommand_help.sh /path/to/exlSchema
set -u
BIN=$(realpath "${1:?usage: subcommand_help.sh /path/to/exlSchema}")
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export HOME=$WORK XDG_STATE_HOME=$WORK/xdg
unset EXLSCHEMA_CONFIG
cd "$WORK" || exit 1
printf 'clusters:\n  a: {host: 192.0.2.1, user: u}\n  b: {host: 192.0.2.2, user: u}\n' \
  >"$WORK/.exlSchema.yaml"
chmod 600 "$WORK/.exlSchema.yaml"
failures=0
fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}

help=$("$BIN" -h)
# sub "flags it lists" "flags it must not list"
check_sub() {
  local sub=$1 has=$2 lacks=$3 out code flag line
  out=$(timeout 5 "$BIN" "$sub" -h 2>"$WORK/err")
  code=$?
  [[ $code -eq 0 ]] || fail "$sub -h exited $code"
  [[ -s $WORK/err ]] && fail "$sub -h wrote to stderr: $(cat "$WORK/err")"
  [[ $(head -1 <<<"$out") == "exlSchema $sub: "* ]] || fail "$sub -h: first line '$(head -1 <<<"$out")'"
  grep -qE "^  exlSchema $sub( |$)" <<<"$out" || fail "$sub -h shows no usage line"
  [[ $(timeout 5 "$BIN" "$sub" --help) == "$out" ]] || fail "$sub --help differs from $sub -h"
  [[ $(timeout 5 "$BIN" -h "$sub") == "$out" ]] || fail "-h $sub differs from $sub -h"
  [[ $out == "$help" ]] && fail "$sub -h prints the whole program's help"
  for flag in $has; do
    line=$(grep -E -- "^  $flag(,| |$)" <<<"$out")
    [[ -n $line ]] || fail "$sub -h does not list $flag"
    grep -qxF -- "$line" <<<"$help" || fail "$sub -h: '$line' is not the line -h prints"
  done
  for flag in $lacks; do
    grep -qE -- "^  $flag(,| |$)" <<<"$out" && fail "$sub -h lists $flag, which $sub does not take"
  done
}
check_sub check "-source -target -config -q" "-o -t -r -n -catalogs"
check_sub clean "-target -source -catalogs -r -config" "-o -t -n -thread"
check_sub history "-t -n -json -config" "-source -target -o -r"
check_sub verify "-source -target -t -p -where -bisect-rows -bisect-depth -json" \
  "-o -r -i -a -batch -catalogs -n"
[[ -e $WORK/xdg ]] && fail "a sub-command's help opened the state store"

# The whole program's -h lists each sub-command and points at COMMAND -h.
for sub in check clean history verify; do
  grep -qE "^  $sub +[a-z]" <<<"$help" || fail "-h does not list the sub-command $sub"
done
grep -qF "exlSchema COMMAND -h" <<<"$help" || fail "-h does not say COMMAND -h"

echo "subcommand_help.sh: $failures failure(s)"
[[ $failures -eq 0 ]]
