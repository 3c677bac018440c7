#!/usr/bin/env bash
# End-to-end: `exlSchema --man` is the roff page the build generated beside the binary
# (exlSchema.1, exlSchema.1.gz), groff renders it without a single warning, it has every section
# of a Debian man page, and every flag, mode and sub-command `-h` lists is documented in it
# (they come from the same tables; this catches a row the man page would leave out).
# Usage: bash man_page.sh /path/to/exlSchema
set -u
BIN=$(realpath "${1:?usage: man_page.sh /path/to/exlSchema}")
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
failures=0
fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}

timeout 10 "$BIN" --man >"$WORK/exlSchema.1" 2>"$WORK/err" || fail "--man exited $?"
[[ -s $WORK/err ]] && fail "--man wrote to stderr: $(cat "$WORK/err")"
[[ $("$BIN" -man) == "$(cat "$WORK/exlSchema.1")" ]] || fail "-man differs from --man"
head -c 3 "$WORK/exlSchema.1" | grep -q '^\.\\"' || fail "the page does not start with a comment"

# The build's copy (a POST_BUILD step of the exlSchema target) is the same page.
built=$(dirname "$BIN")/exlSchema.1
cmp -s "$built" "$WORK/exlSchema.1" || fail "$built is not what --man prints"
zcat "$built.gz" | cmp -s - "$WORK/exlSchema.1" || fail "$built.gz is not the gzipped page"
[[ $(od -An -tx1 -j4 -N4 "$built.gz" | tr -d ' ') == 00000000 ]] ||
  fail "$built.gz carries a time stamp (gzip -9n expected)"

# groff -ww: every warning; -z: no output, only the diagnostics.
warnings=$(groff -man -Tutf8 -ww -z "$WORK/exlSchema.1" 2>&1)
[[ -z $warnings ]] || fail "groff warns: $warnings"
groff -man -Tascii -P-cbou "$WORK/exlSchema.1" >"$WORK/page.txt" 2>"$WORK/err" ||
  fail "groff failed: $(cat "$WORK/err")"
LC_ALL=C grep -qP '[^\x00-\x7f]' "$WORK/exlSchema.1" && fail "the roff source is not ASCII"

for section in NAME SYNOPSIS DESCRIPTION OPTIONS MODES SUB-COMMANDS CONFIGURATION \
  "EXIT STATUS" ENVIRONMENT FILES EXAMPLES "SEE ALSO"; do
  grep -qx "$section" "$WORK/page.txt" || fail "no section $section"
done
grep -qE '^ +exlSchema - copy table structures and data between StarRocks clusters$' \
  "$WORK/page.txt" || fail "NAME is not 'exlSchema - summary'"

# Every flag line of -h ("  -thread, --thread N   meaning") is an item of OPTIONS, spelled
# the same way (rendered with -Tascii, where \- is a plain '-').
help=$("$BIN" -h)
options=$(sed -n '/^OPTIONS$/,/^MODES$/p' "$WORK/page.txt")
count=0
while IFS= read -r spelled; do
  count=$((count + 1))
  grep -qF -- "       $spelled" <<<"$options" || fail "OPTIONS lacks '$spelled' (from -h)"
done < <(sed -nE 's/^  (-[a-z][-a-z]*(, --[-a-z]+)*( ([A-Z]+|[a-z]+\|[a-z]+))?) .*/\1/p' <<<"$help")
((count >= 30)) || fail "read only $count flags from -h"
grep -qF -- "--list-aliases" <<<"$options" || fail "OPTIONS lacks the hidden --list-aliases"
grep -qF -- "--list-aliases" <<<"$help" && fail "-h lists the hidden --list-aliases"

modes=$(sed -n '/^MODES$/,/^SUB-COMMANDS$/p' "$WORK/page.txt")
while read -r mode; do
  grep -qE "^ {7}$mode( |$)" <<<"$modes" || fail "MODES lacks $mode"
done < <(sed -n '/^Modes (-o):$/,/^$/p' <<<"$help" | awk 'NR > 1 && NF > 1 {print $1}')
for statement in "ENGINE=MYSQL" "ENGINE=OLAP" "INSERT OVERWRITE" "SUBMIT TASK" "_stream_load" \
  "CREATE EXTERNAL CATALOG" "starrocks-cluster-sync" "SHOW CREATE TABLE"; do
  grep -qF -- "$statement" <<<"$modes" || fail "MODES does not show $statement"
done
for sub in check clean history verify; do
  grep -qE "^ {7}exlSchema $sub( |$)" "$WORK/page.txt" || fail "SUB-COMMANDS lacks $sub"
done
status=$(sed -n '/^EXIT STATUS$/,/^ENVIRONMENT$/p' "$WORK/page.txt")
for code in 0 1 2 3 4 "130, 143"; do
  grep -qE "^ {7}$code( |$)" <<<"$status" || fail "EXIT STATUS lacks $code"
done
for word in EXLSCHEMA_CONFIG XDG_STATE_HOME .exlSchema.yaml.example "*/10 * * * *" \
  "paste -sd, tables.txt" "crontab(5)"; do
  grep -qF -- "$word" "$WORK/page.txt" || fail "the page does not mention $word"
done

echo "man_page.sh: $failures failure(s)"
[[ $failures -eq 0 ]]
