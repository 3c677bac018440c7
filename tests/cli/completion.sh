#!/usr/bin/env bash
# End-to-end: the completion scripts `exlSchema --completion bash|zsh` prints. The bash one is
# sourced in a fresh bash and its function run on typed command lines, checking COMPREPLY
# (modes after -o, aliases read from the configuration after -source, both spellings of the
# flags, sub-commands and their own flags); the zsh one is loaded by compinit in `zsh -f`, and a
# real interactive zsh completes typed lines with it (zsh_capture.zsh).
# `--list-aliases` prints only the aliases of the configuration the normal search finds, and
# connects nowhere (the hosts are in TEST-NET-1, RFC 5737: a connection would hang until
# `timeout` kills it).
# Usage: bash completion.sh /path/to/exlSchema
set -u
BIN=$(realpath "${1:?usage: completion.sh /path/to/exlSchema}")
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export HOME=$WORK
unset EXLSCHEMA_CONFIG
cd "$WORK" || exit 1
failures=0
fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}

cat >"$WORK/exl.yaml" <<'YAML'
clusters:
  alpha: {host: 192.0.2.1, user: u, password: alpha-secret-pw}
  beta: {host: 192.0.2.2, user: u, password_env: EXL_COMPLETION_UNSET}
  gamma_1: {host: 192.0.2.3, user: u}
YAML
chmod 600 "$WORK/exl.yaml"

# --list-aliases: names only, whatever the search finds; bad input is exit 2 and no names.
expect_aliases() { # what expected args...
  local what=$1 expected=$2
  shift 2
  local out code
  out=$(timeout 5 "$BIN" --list-aliases "$@" 2>"$WORK/err")
  code=$?
  [[ $code -eq 0 && $out == "$expected" ]] ||
    fail "--list-aliases $what: exit $code, got '$out' (stderr: $(cat "$WORK/err"))"
  grep -q secret <<<"$out$(cat "$WORK/err")" && fail "--list-aliases $what printed a secret"
}
names=$'alpha\nbeta\ngamma_1'
expect_aliases "-config" "$names" -config "$WORK/exl.yaml"
expect_aliases "--config=" "$names" --config="$WORK/exl.yaml"
EXLSCHEMA_CONFIG=$WORK/exl.yaml expect_aliases "EXLSCHEMA_CONFIG" "$names"
cp "$WORK/exl.yaml" "$WORK/.exlSchema.yaml"
expect_aliases "./.exlSchema.yaml" "$names"
rm "$WORK/.exlSchema.yaml"
out=$(timeout 5 "$BIN" --list-aliases 2>/dev/null)
code=$?
[[ $code -eq 2 && -z $out ]] || fail "--list-aliases without a configuration: exit $code, '$out'"

"$BIN" --completion bash >"$WORK/exlSchema.bash" || fail "--completion bash exited $?"
"$BIN" --completion zsh >"$WORK/_exlSchema" || fail "--completion zsh exited $?"
built=$(dirname "$BIN")/completions
cmp -s "$built/exlSchema" "$WORK/exlSchema.bash" || fail "$built/exlSchema differs from --completion bash"
cmp -s "$built/_exlSchema" "$WORK/_exlSchema" || fail "$built/_exlSchema differs from --completion zsh"
out=$("$BIN" --completion fish 2>&1)
code=$?
[[ $code -eq 2 && $out == *"fish not in {bash,zsh}"* ]] || fail "--completion fish: exit $code, $out"

# complete WORD...: the last word is the one being completed; prints COMPREPLY sorted, one line.
# The command is typed as `exlSchema`, found on PATH, as an operator would.
complete_line() {
  PATH=$(dirname "$BIN"):$PATH bash --norc --noprofile -c '
    source "$1"; shift
    COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
    COMPREPLY=()
    _exlSchema exlSchema "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
    printf "%s\n" "${COMPREPLY[@]}" | LC_ALL=C sort | tr "\n" " " | sed "s/ $//"
  ' _ "$WORK/exlSchema.bash" exlSchema "$@"
}
expect() { # "expected COMPREPLY" WORD...
  local expected=$1
  shift
  local got
  got=$(complete_line "$@")
  [[ $got == "$expected" ]] || fail "exlSchema $* <TAB>: got '$got', expected '$expected'"
}
expect_has() { # "word that must be offered" "word that must not" WORD...
  local want=$1 not=$2
  shift 2
  local got
  got=" $(complete_line "$@") "
  [[ $got == *" $want "* ]] || fail "exlSchema $* <TAB>: '$want' not offered (got '$got')"
  [[ -n $not && $got == *" $not "* ]] && fail "exlSchema $* <TAB>: '$not' offered (got '$got')"
}

[[ $(bash --norc -c 'source "$1"; complete -p exlSchema' _ "$WORK/exlSchema.bash") == \
  "complete -F _exlSchema exlSchema" ]] || fail "the bash script does not register _exlSchema"

modes=$("$BIN" -h | sed -n '/^Modes (-o):$/,/^$/p' | awk 'NR > 1 && NF > 1 {print $1}' | LC_ALL=C sort |
  tr '\n' ' ' | sed 's/ $//')
expect "$modes" -o ""
expect "$modes" -source a -o ""
expect "v1 v2 v3 v4 v5" -o v
expect "$modes" --o = ""
expect "starrocks" --o = st
expect "db table" -level ""
expect "bash zsh" --completion ""
expect "alpha beta gamma_1" -config "$WORK/exl.yaml" -source ""
expect "alpha beta gamma_1" -target b -config "$WORK/exl.yaml" -t d.t -target ""
expect "gamma_1" --config "$WORK/exl.yaml" --target g
EXLSCHEMA_CONFIG=$WORK/exl.yaml expect "alpha beta gamma_1" check -source ""
cp "$WORK/exl.yaml" "$WORK/.exlSchema.yaml"
expect "beta" -source b
rm "$WORK/.exlSchema.yaml"
expect "" -source ""
expect "--thread" --thr
expect "-thread" -thr
expect "--quiet" --qu
expect "-t -target -thread -truncate" -t
expect "check" ch
expect "check clean history verify" ""
expect "check clean history verify" -source a ""
expect "" check ""
expect "" -t ""
expect_has "-o" "" -t check -
expect_has "-source" "-o" check -
expect_has "--catalogs" "--thread" clean --
expect_has "-n" "-source" history -
expect_has "--bisect-rows" "-batch" -source a verify --
expect_has "--bisect-rows" "--list-aliases" --
expect_has "--man" "" --m
touch "$WORK/report.json"
expect "report.json" -json rep
expect "report.json" -source a --log re

# zsh: compinit finds _exlSchema in $fpath and binds it to exlSchema; the file loads without an
# error; sourced after compinit (the ~/.zshrc way) it binds itself and defines its helpers.
zsh -n "$WORK/_exlSchema" || fail "zsh -n: the zsh script does not parse"
mkdir -p "$WORK/zfunc"
cp "$WORK/_exlSchema" "$WORK/zfunc/_exlSchema"
out=$(zsh -f -c '
  fpath=("$1" $fpath)
  autoload -Uz compinit && compinit -u -d "$2/zcompdump" || exit 10
  [[ $_comps[exlSchema] == _exlSchema ]] || exit 11
  autoload +X _exlSchema || exit 12
  [[ $(whence -w _exlSchema) == "_exlSchema: function" ]] || exit 13
' _ "$WORK/zfunc" "$WORK" 2>&1)
code=$?
[[ $code -eq 0 && -z $out ]] || fail "zsh compinit + autoload: exit $code, $out"
out=$(zsh -f -c '
  autoload -Uz compinit && compinit -u -d "$2/zcompdump2" || exit 10
  source "$1" || exit 11
  [[ $_comps[exlSchema] == _exlSchema ]] || exit 12
  (( $+functions[_exlSchema] && $+functions[_exlSchema_aliases] )) || exit 13
' _ "$WORK/_exlSchema" "$WORK" 2>&1)
code=$?
[[ $code -eq 0 && -z $out ]] || fail "zsh source after compinit: exit $code, $out"
# And a real interactive zsh completing typed lines (zsh_capture.zsh: zpty, compadd wrapped).
zsh_expect() { # "expected candidates" "command line"
  local got
  got=$(cd "$WORK" && timeout 30 zsh -f "$HERE/zsh_capture.zsh" "$WORK/zfunc" \
    "$(dirname "$BIN")" "$2" 2>&1)
  [[ $got == "$1" ]] || fail "zsh: $2<TAB>: got '$got', expected '$1'"
}
zsh_expect "$modes" "exlSchema -o "
zsh_expect "alpha beta gamma_1" "exlSchema -config $WORK/exl.yaml -source "
zsh_expect "--thread" "exlSchema --thr"
zsh_expect "check" "exlSchema ch"
zsh_expect "db table" "exlSchema -level "
zsh_expect "--config --help --log --quiet --source --target --verbose -config -h -log -q -source -target -v" \
  "exlSchema check -"
for word in "-thread,--thread" "(mysql starrocks" "_exlSchema_aliases" "(table db)" "_files" \
  "--list-aliases"; do
  grep -qF -- "$word" "$WORK/_exlSchema" || fail "the zsh script lacks $word"
done

echo "completion.sh: $failures failure(s)"
[[ $failures -eq 0 ]]
