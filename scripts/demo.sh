#!/usr/bin/env bash
# The demo: starts a two-cluster sandbox (srsim over MariaDB) in ./sandbox, loads sample data on
# `src`, clones the whole `demo` database's structure to `dst` with exlSchema itself (`-o ghost`:
# first the plan, then the run), then copies a table's rows the way exlSchema's JDBC-catalog modes
# will (a JDBC catalog on the target that reads the source, INSERT INTO ... SELECT through it) and
# audits both sides per partition.
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

table=demo.events
export XDG_STATE_HOME="$dir/state" # the demo's run history stays in the sandbox
exl=(build/exlSchema -config "$dir/exlSchema.yaml" -source src -target dst -level db -t demo -o ghost)
echo "demo: exlSchema's plan for the structure of database demo (nothing is sent without -r)"
"${exl[@]}" | sed -n 1,40p  # sed reads everything: no SIGPIPE under pipefail
echo "demo: exlSchema -o ghost -r: every table, view and materialized view of demo, created on dst"
"${exl[@]}" -r -q
echo "demo: a second run finds everything equal and sends no DDL"
"${exl[@]}" -r -q | tail -n 1

echo "demo: a JDBC catalog on dst that reads src"
sql dst "CREATE EXTERNAL CATALOG IF NOT EXISTS exl_demo_src PROPERTIES (
  \"type\"=\"jdbc\", \"user\"=\"$SRC_USER\", \"password\"=\"$SRC_PASSWORD\",
  \"jdbc_uri\"=\"jdbc:mysql://127.0.0.1:$SRC_PORT\",
  \"driver_url\"=\"file:///opt/mysql-connector-j.jar\", \"driver_class\"=\"com.mysql.cj.jdbc.Driver\")"

echo "demo: INSERT INTO dst.$table SELECT * FROM exl_demo_src.$table"
start=$(date +%s.%N)
sql dst "INSERT INTO $table WITH LABEL demo_load_1 SELECT * FROM exl_demo_src.$table"
end=$(date +%s.%N)
sql dst "DROP CATALOG exl_demo_src"

src_count=$(sql src "SELECT COUNT(*) FROM $table")
dst_count=$(sql dst "SELECT COUNT(*) FROM $table")
parts=$(sql dst "SHOW PARTITIONS FROM $table" | wc -l)
printf 'demo: %s rows on src, %s rows on dst, %s partitions, copied in %.1f s\n' \
  "$src_count" "$dst_count" "$parts" "$(awk -v a="$start" -v b="$end" 'BEGIN{print b-a}')"
[ "$src_count" = "$dst_count" ] || { echo "demo: counts differ" >&2; exit 1; }
# The audit, per partition: one grouped count per side (the table is partitioned by day on dt).
audit="SELECT dt, COUNT(*) FROM $table GROUP BY dt ORDER BY dt"
if diff <(sql src "$audit") <(sql dst "$audit") >/dev/null; then
  echo "demo: per-partition audit: all $(sql src "$audit" | wc -l) partitions equal"
else
  echo "demo: per-partition audit found differences" >&2; exit 1
fi
echo "demo: exlSchema history (this demo's runs):"
XDG_STATE_HOME="$dir/state" build/exlSchema history -n 3 | sed -n 1,8p
[ "$keep" = 1 ] && echo "demo: sandbox left running in $dir (stop: tests/sim/sandbox.sh down $dir)"
echo "demo: ok"
