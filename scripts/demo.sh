#!/usr/bin/env bash
# The demo: starts a two-cluster sandbox (srsim over MariaDB) in ./sandbox, loads sample data on
# `src`, then migrates the whole `demo` database to `dst` with exlSchema itself (`-o v2 -a`: the
# plan, then the run: a JDBC catalog on dst reading src, structure, every partition audited and
# loaded), lands new rows on src and runs again: only the two partitions that changed are
# rewritten.
#   scripts/demo.sh [--rows N] [--keep]   (--keep leaves the sandbox running)
set -euo pipefail
cd "$(dirname "$0")/.."

rows=200000
keep=0
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) rows="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    *) echo "demo.sh: unknown option $1" >&2; exit 2 ;;
  esac
done

dir="$PWD/sandbox"
# The demo owns ./sandbox: a previous demo's sandbox is stopped and its data removed.
[ -f "$dir/sandbox.env" ] && tests/sim/sandbox.sh down "$dir" >/dev/null 2>&1 || true
rm -rf "$dir"
tests/sim/sandbox.sh up "$dir"
[ "$keep" = 1 ] || trap 'tests/sim/sandbox.sh down "$dir" >/dev/null' EXIT
# shellcheck disable=SC1091
source "$dir/sandbox.env"

sql() { # sql CLUSTER STATEMENT...: runs statements through the cluster's srsim query port
  local port user pw
  if [ "$1" = src ]; then port=$SRC_PORT user=$SRC_USER pw=$SRC_PASSWORD
  else port=$DST_PORT user=$DST_USER pw=$DST_PASSWORD; fi
  shift
  # Statements on stdin, password in MYSQL_PWD: neither shows in argv (the catalog's password is
  # part of a statement).
  printf '%s;\n' "${*%;}" | MYSQL_PWD="$pw" mariadb --no-defaults -h127.0.0.1 -P"$port" -u"$user" \
    --batch --raw --skip-column-names
}

echo "demo: loading $rows sample rows on src"
tests/sim/load_sample.sh "$dir" --rows "$rows"

export XDG_STATE_HOME="$dir/state" # the demo's run history stays in the sandbox
exl=(build/exlSchema -config "$dir/exlSchema.yaml" -source src -target dst -level db -t demo)
echo "demo: exlSchema's plan for database demo, -o v2 (nothing is sent without -r)"
"${exl[@]}" -o v2 -a -i | sed -n 1,30p  # sed reads everything: no SIGPIPE under pipefail
echo "demo: exlSchema -o v2 -a -r -i: the JDBC catalog, every table, view and MV, every partition"
"${exl[@]}" -o v2 -a -r -i -q

table=demo.events
src_count=$(sql src "SELECT COUNT(*) FROM $table")
dst_count=$(sql dst "SELECT COUNT(*) FROM $table")
echo "demo: $table: $src_count rows on src, $dst_count rows on dst"
[ "$src_count" = "$dst_count" ] || { echo "demo: counts differ" >&2; exit 1; }

echo "demo: new rows land on src in two partitions of $table"
rows_of() { # rows_of DAY FIRST_ID N: N new events on DAY
  local out="" i
  for ((i = 0; i < $3; i++)); do out+="${out:+, }('$1', $(($2 + i)), $i, 'buy', 1)"; done
  echo "$out"
}
sql src "INSERT INTO $table VALUES $(rows_of 2024-01-02 9000000 50)"
sql src "INSERT INTO $table VALUES $(rows_of 2024-01-05 9100000 30)"
echo "demo: the next round audits every table and rewrites only those two partitions"
"${exl[@]}" -o v2 -a -r -i -q
[ "$(sql src "SELECT COUNT(*) FROM $table")" = "$(sql dst "SELECT COUNT(*) FROM $table")" ] ||
  { echo "demo: counts differ after the second round" >&2; exit 1; }
echo "demo: exlSchema history (this demo's runs):"
XDG_STATE_HOME="$dir/state" build/exlSchema history -n 3 | sed -n 1,8p
[ "$keep" = 1 ] && echo "demo: sandbox left running in $dir (stop: tests/sim/sandbox.sh down $dir)"
echo "demo: ok"
