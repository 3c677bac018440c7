# Completes one command line in a real interactive zsh and prints the candidates it offers, on
# one line, sorted. Used by completion.sh (not a test of its own).
# Usage: zsh -f zsh_capture.zsh FPATH_DIR BIN_DIR "command line to complete"
# A zsh runs on a pseudo-terminal (zpty) with compinit over FPATH_DIR (holding _exlSchema) and
# BIN_DIR first on PATH; compadd is wrapped to print every candidate it is given; the line is
# typed with a TAB once the prompt is drawn, then a marker command is run, and the output is read
# up to the marker, so nothing waits on time.
zmodload zsh/zpty || exit 1
zpty capture zsh -f -i
zpty -w capture "PROMPT='<PRO''MPT>' RPROMPT=; PATH=$2:\$PATH; fpath=($1 \$fpath)"
zpty -w capture "autoload -Uz compinit; compinit -u -d $1/.zcompdump"
zpty -w capture 'compadd () {
  if [[ ${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then builtin compadd "$@"; return $?; fi
  typeset -a __hits
  builtin compadd -A __hits "$@"
  local h; for h in $__hits; do print -r -- "<M>$h"; done
}'
# The markers are typed split ('<REA''DY>') so that the echoed input never matches them.
zpty -w capture "print -r -- '<REA''DY>'"
zpty -r capture line '*<READY>*'
# The line editor is reading once it has drawn the prompt: only then is the TAB a completion.
zpty -r capture line '*<PROMPT>*'
zpty -w -n capture "$3"$'\t'
zpty -w capture $'\C-e\C-u'"print -r -- '<DO''NE>'"
zpty -r capture out '*<DONE>*'
print -r -- "$out" | tr '\r' '\n' | grep -o '<M>[^<]*' | sed 's/<M>//' | LC_ALL=C sort -u |
  tr '\n' ' ' | sed 's/ $//'
echo
zpty -d capture
