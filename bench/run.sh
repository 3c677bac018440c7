#!/usr/bin/env bash
# exlSchema benchmarks (issues #10, #11, #12, #14, #15, #17): statement counts of the partition
# auditor, cheap incremental rounds, -thread scaling under injected latency (v2, and the
# external-table modes -o mysql / -o starrocks), exlSchema's own CPU share, the cost of content
# verification (checksum pass against count pass, bisection statements), -o pipe's throughput
# against its halves and a shell pipeline, with its peak RSS, and -o files with one bucket and two.
# Not a test: it measures and writes Markdown tables to bench/results/*.md; a goal that is missed
# is reported as missed, with the numbers.
#   bench/run.sh [--latency-ms L] [--keep] [--only verify|external|pipe|scale|files]
# --only verify runs measurement 5 alone (bench/results/verify.md), --only external measurement 6
# alone (bench/results/external_threads.md), --only pipe measurement 7 alone
# (bench/results/pipe.md; defined in bench/pipe.sh, its shell baselines in bench/pipe_baselines.sh),
# --only scale measurement 8 alone (bench/results/scale.md, issue #15: descriptors, connections,
# threads and memory over 200 and 2,000 tables at -thread 16; defined in bench/scale.sh),
# --only files measurement 9 alone (bench/results/files.md, issue #17: -o files through the
# sandbox's s3rver with one bucket and with two, wall time, peak RSS against the largest object,
# statements per side; defined in bench/files.sh).
# Needs build/exlSchema, build/tests/sim/srsim and its srsim_udf.so (cmake --build build --target
# exlSchema srsim srsim_udf), /usr/bin/time and jq (measurement 7 also curl).
# Starts its own sandbox in bench/.sandbox (stopped on exit unless --keep; its data is removed at
# the next start), and counts statements in srsim's query logs (DATA_DIR/query.log, tab-separated:
# time, connection, user, statement, result). Only statements on exlSchema's own connections are
# counted (those whose CONNECT line says program_name=exlSchema); the target srsim's catalog reads
# of the source and this script's own mariadb sessions are left out (measurement 6 counts the
# source srsim's statements to the target's rpc port apart, as "peer" statements).
set -euo pipefail
export LC_ALL=C # sort and join agree on the order
cd "$(dirname "$0")/.."
repo=$PWD

latency_ms=200
keep=0
only=""
while [ $# -gt 0 ]; do
  case "$1" in
    --latency-ms) latency_ms=${2:?--latency-ms needs a number}; shift 2 ;;
    --keep) keep=1; shift ;;
    --only) only=${2:?--only needs a measurement (verify, external, pipe, scale, files)}; shift 2 ;;
    *) echo "run.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
[[ $latency_ms =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: --latency-ms must be > 0" >&2; exit 2; }
case "$only" in "" | verify | external | pipe | scale | files) ;; *) echo "run.sh: --only takes verify, external, pipe, scale or files" >&2; exit 2 ;; esac

exl=${EXL_BIN:-$repo/build/exlSchema}
[ -x "$exl" ] || { echo "run.sh: $exl not found (build the exlSchema target)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "run.sh: /usr/bin/time is needed (package time)" >&2; exit 1; }
command -v jq >/dev/null || { echo "run.sh: jq is needed (package jq)" >&2; exit 1; }
command -v curl >/dev/null || { echo "run.sh: curl is needed (package curl)" >&2; exit 1; }

dir=$repo/bench/.sandbox
results=$repo/bench/results
runs=$dir/runs
threads_n=(1 2 4 8)
copy_threads=4 # -thread of the full copies (measurements 1, 2, 4)
m3_partitions=24

[ -f "$dir/sandbox.env" ] && tests/sim/sandbox.sh down "$dir" >/dev/null 2>&1 || true
rm -rf "$dir"
tests/sim/sandbox.sh up "$dir" >/dev/null
[ "$keep" = 1 ] || trap 'tests/sim/sandbox.sh down "$dir" >/dev/null 2>&1 || true' EXIT
# shellcheck disable=SC1091
source "$dir/sandbox.env"
mkdir -p "$runs" "$results"
export XDG_STATE_HOME=$dir/state # the shared state store (cheap rounds read it)

say() { echo "bench: $*"; }

sql() { # sql src|dst STATEMENT...: statements through the cluster's srsim query port
  local port pw
  if [ "$1" = src ]; then port=$SRC_PORT pw=$SRC_PASSWORD; else port=$DST_PORT pw=$DST_PASSWORD; fi
  shift
  printf '%s;\n' "$@" | MYSQL_PWD="$pw" mariadb --no-defaults -h127.0.0.1 -P"$port" -uroot \
    --batch --raw --skip-column-names
}

# The statements of exlSchema's own connections in a query-log slice (CONNECT lines dropped).
exl_only() {
  awk -F'\t' 'index($4, "CONNECT ") == 1 { if (index($4, "program_name=exlSchema")) keep[$2] = 1; next }
              ($2 in keep)'
}

# run_exl NAME ARGS...: one exlSchema run; leaves in $runs: NAME.out (console), NAME.log (-log),
# NAME.rc, NAME.time ("user sys elapsed" seconds), NAME.src / NAME.dst (its statements per side).
run_exl() {
  local name=$1 rc=0 s0 d0
  shift
  s0=$(wc -c <"$SRC_DATA_DIR/query.log")
  d0=$(wc -c <"$DST_DATA_DIR/query.log")
  /usr/bin/time -f "%U %S %e" -o "$runs/$name.time" \
    "$exl" -config "$dir/exlSchema.yaml" -source src -target dst -nonotify \
    -log "$runs/$name.log" "$@" >"$runs/$name.out" 2>&1 || rc=$?
  echo "$rc" >"$runs/$name.rc"
  tail -c +$((s0 + 1)) "$SRC_DATA_DIR/query.log" | exl_only >"$runs/$name.src"
  tail -c +$((d0 + 1)) "$DST_DATA_DIR/query.log" | exl_only >"$runs/$name.dst"
  say "$name: exit $rc, $(tail -n 1 "$runs/$name.time" | awk '{print $3}') s"
}

# count FILE KIND: statements of one kind in a slice.
count() {
  local pattern
  case "$2" in
    all) pattern='.' ;;
    count) pattern='AS exl_partition' ;;
    showp) pattern='^SHOW PARTITIONS' ;;
    overwrite) pattern='^INSERT OVERWRITE' ;;
    insert) pattern='^INSERT ' ;;
    *) echo "run.sh: count: unknown kind $2" >&2; exit 1 ;;
  esac
  awk -F'\t' -v p="$pattern" '$4 ~ p { n++ } END { print n + 0 }' "$1"
}
audit_stmts() { echo $(($(count "$1" showp) + $(count "$1" count))); }

# The partitions the count statements of a slice name, sorted, one per line.
counted_partitions() {
  awk -F'\t' '$4 ~ /AS exl_partition/ {
      s = $4
      if (s ~ /^SELECT "[^"]*" AS exl_partition/) { split(s, a, "\""); print a[2]; next }
      while (match(s, /THEN "[^"]*"/)) { print substr(s, RSTART + 6, RLENGTH - 7); s = substr(s, RSTART + RLENGTH) }
    }' "$1" | sort -u
}
# The partitions the INSERT OVERWRITE statements of a slice name.
overwritten_partitions() {
  awk -F'\t' '$4 ~ /^INSERT OVERWRITE/ {
      s = $4; sub(/^[^(]*PARTITION \(/, "", s); sub(/\).*/, "", s); gsub(/`/, "", s); print s
    }' "$1" | sort -u
}
# "p1, p2" for short lists, "N partitions (first .. last)" for long ones, "none" for none.
name_list() {
  awk 'NR == 1 { first = $0 } { last = $0; all = all (NR > 1 ? ", " : "") $0 }
       END { if (NR == 0) print "none"; else if (NR <= 6) print all;
             else printf "%d partitions (%s .. %s)\n", NR, first, last }'
}
# Statement kinds of a slice: the text up to the first quote, backquote or parenthesis.
kinds() {
  awk -F'\t' '{ s = $4; sub(/[`"'"'"'(].*/, "", s); sub(/ +$/, "", s); n[s]++ }
              END { for (k in n) printf "%s\t%d\n", k, n[k] }' "$1" | sort
}
cpu_share() { # cpu_share TIMEFILE: "user+sys elapsed share%"
  tail -n 1 "$1" | awk '{ c = $1 + $2; printf "%.2f %.2f %.2f\n", c, $3, ($3 > 0 ? 100 * c / $3 : 0) }'
}
goal() { if [ "$1" = 1 ]; then echo "**met**"; else echo "**missed**"; fi; }

# A table of N daily RANGE partitions from 2020-01-01 with `rows` rows in each (on src).
make_table() {
  local table=$1 n=$2 rows=$3 end
  end=$(date -u -d "2020-01-01 +$n days" +%F)
  sql src "CREATE TABLE bench.$table (dt DATE NOT NULL, id INT NOT NULL, v INT)
           DUPLICATE KEY(dt, id)
           PARTITION BY RANGE(dt) (START ('2020-01-01') END ('$end') EVERY (INTERVAL 1 DAY))
           DISTRIBUTED BY HASH(id) BUCKETS 1 PROPERTIES ('replication_num' = '1')"
  sql src "INSERT INTO bench.$table SELECT DATE_ADD('2020-01-01', INTERVAL (n % $n) DAY), n, n
           FROM bench_aux.seq WHERE n < $((n * rows))"
  local got
  got=$(sql src "SHOW PARTITIONS FROM bench.$table" | wc -l)
  [ "$got" = "$n" ] || { echo "run.sh: bench.$table has $got partitions, not $n" >&2; exit 1; }
}

header() { # header TITLE: the common head of a results file
  cat <<EOF
# $1

Written by \`bench/run.sh\` on $(date -u +%Y-%m-%d) (commit $(git rev-parse --short HEAD),
$(nproc) cores, srsim $SRC_VERSION over MariaDB on the same machine; both clusters local).
Statements are counted in srsim's query logs, on exlSchema's own connections only (logins not
counted).

EOF
}

# make_seq SIDE: bench_aux.seq (0 .. 9999) on one cluster, for bulk rows generated by joins inside
# the storage server (tests/sim/load_sample.sh does the same).
make_seq() {
  sql "$1" "CREATE DATABASE IF NOT EXISTS bench_aux" "CREATE DATABASE IF NOT EXISTS bench"
  sql "$1" "CREATE TABLE bench_aux.digits (n INT) DUPLICATE KEY(n) DISTRIBUTED BY HASH(n) BUCKETS 1" \
    "INSERT INTO bench_aux.digits VALUES (0),(1),(2),(3),(4),(5),(6),(7),(8),(9)" \
    "CREATE TABLE bench_aux.seq (n INT) DUPLICATE KEY(n) DISTRIBUTED BY HASH(n) BUCKETS 1" \
    "INSERT INTO bench_aux.seq SELECT a.n + 10 * b.n + 100 * c.n + 1000 * d.n
     FROM bench_aux.digits a, bench_aux.digits b, bench_aux.digits c, bench_aux.digits d"
}

# The data phase of a run over bench.t$m3_partitions (measurements 3 and 6), from exlSchema's -log:
# the first partition task's "started" to the last one's "ok in" (both lines carry millisecond
# timestamps), as "phase_ms tasks".
data_phase() {
  awk -v t="bench.t$m3_partitions#" '
    function ms(hms,   p) { split(hms, p, ":"); return ((p[1] * 60 + p[2]) * 60 + p[3]) * 1000 }
    index($0, "task " t) == 0 { next }
    { x = ms(substr($2, 1, length($2) - 1)) }
    / started$/ { if (s == "" || x < s) s = x; n++ }
    / ok in / { if (e == "" || x > e) e = x }
    END { d = e - s; if (d < 0) d += 86400000; printf "%d %d\n", d, n }' "$1"
}

median() { # median: the median of the numbers on stdin, one a line
  sort -g | awk '{ a[NR] = $1 } END { if (NR == 0) print 0; else if (NR % 2) print a[(NR + 1) / 2];
                                       else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}

# ---------------------------------------------------------------------------------------------
# 5. Content verification (issue #11): the checksum pass against a count pass over the same table,
# and the statements bisection needs to find one changed row among 1,000,000. Defined here, run
# after measurements 1-4, or alone with --only verify.
m5_rows=1000000   # rows of each table
m5_days=4         # daily partitions of bench.vcost
m5_reps=5         # runs of each kind in the cost comparison
m5_bisect_reps=3  # verify runs over the table with one changed row
m5_key=654321     # the id whose row is changed on the target
m5_ways=16        # the bisection's ranges per level (docs/verify.md)
m5_leaf_rows=1000 # -bisect-rows, default

# make_vtable SIDE TABLE MODEL DAYS: m5_rows rows (id 0 .. m5_rows - 1, in daily partition
# id % DAYS from 2024-01-01) with a DECIMAL, a VARCHAR (NULL in every 97th row) and a DATETIME
# column; MODEL is DUPLICATE or PRIMARY (KEY(dt, id)). The same statements on either side give
# the same rows.
make_vtable() {
  local side=$1 table=$2 model=$3 days=$4 end lo chunk=20 got
  end=$(date -u -d "2024-01-01 +$days days" +%F)
  sql "$side" "CREATE TABLE bench.$table (dt DATE NOT NULL, id INT NOT NULL,
                 amount DECIMAL(12, 2), name VARCHAR(32), ts DATETIME) $model KEY(dt, id)
               PARTITION BY RANGE(dt) (START ('2024-01-01') END ('$end') EVERY (INTERVAL 1 DAY))
               DISTRIBUTED BY HASH(id) BUCKETS 1 PROPERTIES ('replication_num' = '1')"
  # 200,000 rows a statement: id = a.n + 10000 * b.n.
  for ((lo = 0; lo * 10000 < m5_rows; lo += chunk)); do
    sql "$side" "INSERT INTO bench.$table
                 SELECT DATE_ADD('2024-01-01', INTERVAL (id % $days) DAY), id, (id % 100000) / 100,
                        IF(id % 97 = 0, NULL, CONCAT('name_', id)),
                        DATE_ADD('2024-01-01 00:00:00', INTERVAL id SECOND)
                 FROM (SELECT a.n + 10000 * b.n AS id FROM bench_aux.seq a, bench_aux.seq b
                       WHERE b.n >= $lo AND b.n < $((lo + chunk))) x
                 WHERE id < $m5_rows"
  done
  got=$(sql "$side" "SELECT COUNT(*) FROM bench.$table")
  [ "$got" = "$m5_rows" ] || { echo "run.sh: $side bench.$table has $got rows, not $m5_rows" >&2; exit 1; }
}

# timeline RUN: the exlSchema statements of a run on both sides in the order they ended, as
# "side<TAB>ms<TAB>kind<TAB>result", ms = since the previous statement of the run ended, on either
# side. The query log has end times only; for one table exlSchema sends one statement at a time
# (the auditor and the bisector ask the source, then the target), so that is the statement's own
# time plus exlSchema's between the previous answer and this statement. Kinds, by the markers of
# src/starrocks/checksum_sql.cpp and bisect_sql.cpp: count / checksum (the partition audit, with
# exl_partition), bounds (exl_rn: ROW_NUMBER), ranges (exl_range), rows (exl_h1 alone: the keys
# and row hashes of the last ranges), other.
timeline() {
  [ -f "$runs/$1.timeline" ] || timeline_of "$1" >"$runs/$1.timeline"
  cat "$runs/$1.timeline"
}
timeline_of() {
  sort -s -t $'\t' -k1,1 <(awk -F'\t' -v OFS='\t' '{ print $1, "src", $4, $5 }' "$runs/$1.src") \
    <(awk -F'\t' -v OFS='\t' '{ print $1, "dst", $4, $5 }' "$runs/$1.dst") |
    awk -F'\t' '
      function ms(t,   p) { split(substr(t, 12), p, ":"); return ((p[1] * 60 + p[2]) * 60 + p[3]) * 1000 }
      function kind(s) {
        if (s ~ /exl_rn/) return "bounds"
        if (s ~ /exl_range/) return "ranges"
        if (s ~ /AS exl_partition/) return s ~ /exl_sum1/ ? "checksum" : "count"
        if (s ~ /exl_h1/) return "rows"
        return "other"
      }
      { x = ms($1); d = NR == 1 ? 0 : x - prev; if (d < 0) d += 86400000; prev = x
        printf "%s\t%.0f\t%s\t%s\n", $2, d, kind($3), $4 }'
}
# tl RUN SIDE KINDS: "statements ms" of the kinds (a regular expression) on one side.
tl() {
  timeline "$1" | awk -F'\t' -v s="$2" -v k="^($3)$" '$1 == s && $3 ~ k { n++; t += $2 } END { printf "%d %d\n", n, t }'
}
tl_n() { tl "$@" | awk '{ print $1 }'; }
tl_ms() { tl "$@" | awk '{ print $2 }'; }
wall() { tail -n 1 "$runs/$1.time" | awk '{ print $3 }'; }
# med_ms PREFIX SIDE KIND: the median time of a kind of statement over runs PREFIX_1 .. _m5_reps.
med_ms() {
  local i
  for ((i = 1; i <= m5_reps; i++)); do tl_ms "${1}_$i" "$2" "$3"; done | median
}
med_wall() { # med_wall PREFIX: the median wall time of runs PREFIX_1 .. _m5_reps
  local i
  for ((i = 1; i <= m5_reps; i++)); do wall "${1}_$i"; done | median
}
commas() { echo "$1" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta'; } # 1000000 -> 1,000,000
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
# The differing keys of a verify -json report, "partition: key (kind)", "; "-separated.
json_keys() {
  jq -r '[.tables[].differences[] | .partition as $p | .keys[]
          | "\($p): \(.key | gsub("`"; "")) (\(.kind))"] | join("; ")' "$1"
}

measure_verify() {
  say "5. content verification: two tables of $(commas $m5_rows) rows on both sides"
  make_seq dst
  local side i
  for side in src dst; do
    make_vtable "$side" vcost DUPLICATE "$m5_days"
    make_vtable "$side" vbisect PRIMARY 1
  done
  say "5a. checksum pass against count pass over bench.vcost, $m5_reps times each"
  for ((i = 1; i <= m5_reps; i++)); do
    # Fresh state stores: no run may skip a partition an earlier run found equal.
    XDG_STATE_HOME=$dir/state-m5-count-$i run_exl "m5_count_$i" -t bench.vcost -o v2 -a -i
    XDG_STATE_HOME=$dir/state-m5-verify-$i run_exl "m5_verify_$i" verify -t bench.vcost
  done
  say "5b. one row changed on dst in bench.vbisect, verify $m5_bisect_reps times"
  sql dst "INSERT INTO bench.vbisect VALUES ('2024-01-01', $m5_key, 0.01, 'changed', '2024-01-01 00:00:00')"
  local dst_rows
  dst_rows=$(sql dst "SELECT COUNT(*) FROM bench.vbisect")
  [ "$dst_rows" = "$m5_rows" ] || { echo "run.sh: the upsert changed the row count to $dst_rows" >&2; exit 1; }
  for ((i = 1; i <= m5_bisect_reps; i++)); do
    XDG_STATE_HOME=$dir/state-m5-bisect-$i run_exl "m5_bisect_$i" verify -t bench.vbisect \
      -json "$runs/m5_bisect_$i.json"
  done
  write_verify_results
}

write_verify_results() {
  local i r cost_rows="" equal_ok=1 bisect_rows="" bisect_ok=1 keys_ok=1 side goal_n
  for ((i = 1; i <= m5_reps; i++)); do
    local c=m5_count_$i v=m5_verify_$i
    cost_rows+="| $i | $(cat "$runs/$c.rc") / $(cat "$runs/$v.rc") | $(wall "$c") | $(wall "$v")"
    for side in src dst; do
      cost_rows+=" | $(tl_ms "$c" "$side" count) | $(tl_ms "$v" "$side" checksum)"
      cost_rows+=" | $(ratio "$(tl_ms "$v" "$side" checksum)" "$(tl_ms "$c" "$side" count)")"
      [ "$(tl_n "$c" "$side" count)" = 1 ] && [ "$(tl_n "$v" "$side" checksum)" = 1 ] &&
        [ "$(tl_n "$v" "$side" 'bounds|ranges|rows')" = 0 ] || equal_ok=0
    done
    cost_rows+=" |"$'\n'
    [ "$(cat "$runs/$c.rc")" = 0 ] && [ "$(cat "$runs/$v.rc")" = 0 ] || equal_ok=0
  done
  local mc_src mv_src mc_dst mv_dst mw_c mw_v
  mc_src=$(med_ms m5_count src count) mv_src=$(med_ms m5_verify src checksum)
  mc_dst=$(med_ms m5_count dst count) mv_dst=$(med_ms m5_verify dst checksum)
  mw_c=$(med_wall m5_count) mw_v=$(med_wall m5_verify)

  goal_n=$(awk -v r="$m5_rows" -v l="$m5_leaf_rows" -v n="$m5_ways" 'BEGIN { printf "%.2f", 4 * log(r / l) / log(n) + 2 }')
  local want="p20240101: id=$m5_key (content differs)" got
  for ((i = 1; i <= m5_bisect_reps; i++)); do
    r=m5_bisect_$i
    got=$(json_keys "$runs/$r.json" 2>/dev/null || echo "no JSON")
    [ "$got" = "$want" ] || keys_ok=0
    [ "$(cat "$runs/$r.rc")" = 3 ] || keys_ok=0
    bisect_rows+="| $i | $(cat "$runs/$r.rc") | $(wall "$r") | $(awk -v a="$(tl_ms "$r" src checksum)" -v b="$(tl_ms "$r" dst checksum)" 'BEGIN { printf "%.2f", (a + b) / 1000 }')"
    bisect_rows+=" | $(awk -v a="$(tl_ms "$r" src 'bounds|ranges|rows')" -v b="$(tl_ms "$r" dst 'bounds|ranges|rows')" 'BEGIN { printf "%.2f", (a + b) / 1000 }')"
    for side in src dst; do
      local total
      total=$(tl_n "$r" "$side" 'bounds|ranges|rows')
      bisect_rows+=" | $(tl_n "$r" "$side" checksum) | $(tl_n "$r" "$side" bounds) | $(tl_n "$r" "$side" ranges) | $(tl_n "$r" "$side" rows) | **$total**"
      awk -v t="$total" -v g="$goal_n" 'BEGIN { exit !(t <= g) }' || bisect_ok=0
    done
    bisect_rows+=" | $got |"$'\n'
  done
  local steps
  steps=$(timeline m5_bisect_1 | awk -F'\t' '$3 != "other" { n++; printf "| %d | %s | %s | %s | %s |\n", n, $1, $3, $4, $2 }')
  {
    header "Content verification: checksum pass cost and bisection statements"
    cat <<EOF
Setup: two tables loaded with the same \`INSERT ... SELECT\` statements on both clusters, so their
rows are identical: $(commas $m5_rows) rows each (\`dt DATE\` partition column, \`id INT\` key, \`amount
DECIMAL(12, 2)\`, \`name VARCHAR(32)\` NULL in every 97th row, \`ts DATETIME\`):

- \`bench.vcost\`: DUPLICATE KEY(dt, id), $m5_days daily RANGE partitions of $(commas $((m5_rows / m5_days))) rows;
- \`bench.vbisect\`: PRIMARY KEY(dt, id), one daily partition of $(commas $m5_rows) rows; after the cost runs, one
  row is changed on the target by an upsert of an existing key
  (\`INSERT INTO bench.vbisect VALUES ('2024-01-01', $m5_key, 0.01, 'changed', ...)\`: the row count stays
  $(commas $m5_rows)).

Statement times come from srsim's query logs, which record when each statement ended: a
statement's time is the gap since the previous statement of the same run ended, on either
cluster. For one table exlSchema sends one statement at a time (the auditor and the bisector ask
the source, then the target), so the gap is the statement's own time plus exlSchema's between the
previous answer and this statement (well under a millisecond). Every run has a fresh state store.
Both clusters and other sessions' work share the machine's $(nproc) cores, so single runs vary;
the medians are what to read.

## 1. Checksum pass against a count pass

Per round, on \`bench.vcost\` (equal on both sides), the count-only audit
\`exlSchema -source src -target dst -t bench.vcost -o v2 -a -i\` (plan only, no \`-r\`: \`SHOW
PARTITIONS\` and one count statement per side), then
\`exlSchema verify -source src -target dst -t bench.vcost\` (\`SHOW PARTITIONS\` and one checksum
statement per side; the tables are equal, so no bisection). $m5_reps rounds.
*wall* = the whole exlSchema run (\`/usr/bin/time\`: process start, cluster facts, table and DDL
reads, the audit); *count ms* / *checksum ms* = the audit statement alone.

| round | exit count / verify | count run wall s | verify run wall s | src count ms | src checksum ms | src ratio | dst count ms | dst checksum ms | dst ratio |
|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
$cost_rows| **median** | | **$mw_c** | **$mw_v** | **$mc_src** | **$mv_src** | **$(ratio "$mv_src" "$mc_src")** | **$mc_dst** | **$mv_dst** | **$(ratio "$mv_dst" "$mc_dst")** |

Ratio checksum / count of the medians: **$(ratio "$mv_src" "$mc_src")** on src, **$(ratio "$mv_dst" "$mc_dst")** on dst
(statement alone); $(ratio "$mw_v" "$mw_c") for the whole runs, whose fixed part (start, facts, DDL reads) is the
same for both. Per row, the checksum statement costs
$(awk -v v="$mv_src" -v c="$mc_src" -v r="$m5_rows" 'BEGIN { printf "%.2f", (v - c) * 1000 / r }') µs (src) and $(awk -v v="$mv_dst" -v c="$mc_dst" -v r="$m5_rows" 'BEGIN { printf "%.2f", (v - c) * 1000 / r }') µs (dst) more than the count: the canonical text of
5 columns and \`xx_hash3_64\` over it (srsim: a MariaDB UDF) per row.
Every round: one count statement and one checksum statement per side, no bisection statement,
both runs exit 0 (equal): $(goal $equal_ok).

On srsim both statements are row-by-row scans by MariaDB, so the ratio is that of the
expression work per row over a bare scan. StarRocks stores columns apart: its count statement
reads only the partition column (\`dt\`, for the \`CASE\`) while the checksum reads and hashes
every column, so on a real cluster expect the checksum to cost about a full scan of the table and
the ratio to grow with the table's width.

## 2. Bisection statements to find one changed row in a $(commas $m5_rows)-row partition

\`exlSchema verify -source src -target dst -t bench.vbisect -json out.json\`, $m5_bisect_reps runs (defaults:
$m5_ways ranges per level, \`-bisect-rows $m5_leaf_rows\`). Columns per side: *pass* = the checksum pass
statement, *bounds* = the range boundaries (\`ROW_NUMBER() ... exl_rn\`, from the side holding
more rows, the source when they hold as many), *ranges* = the range checksums (\`exl_range\`, one
statement per level), *rows* = the keys and row hashes of the last ranges; *bisection* = bounds +
ranges + rows. *pass s* / *bisection s* = the time of those statements, both sides together.
*keys* = what \`out.json\` reports (\`tables[].differences[].keys\`).

| run | exit | wall s | pass s | bisection s | src pass | src bounds | src ranges | src rows | src bisection | dst pass | dst bounds | dst ranges | dst rows | dst bisection | keys |
|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|
$bisect_rows
Goals:
- at most 4·log_$m5_ways($(commas $m5_rows) / $(commas $m5_leaf_rows)) + 2 = **$goal_n** bisection statements per side:
  $(goal $bisect_ok);
- \`out.json\` reports exactly the changed key, \`$want\`, and verify exits 3: $(goal $keys_ok).

The statements of run 1 from the checksum pass on, in the order they ended (*ms* as above):

| # | side | kind | result | ms |
|---:|---|---|---|---:|
$steps

Reading: the first level reads the whole partition on both sides (bounds on the source, then the
range checksums); every deeper statement filters the partition by \`(CASE WHEN id <= ... END) = k\`
for each level above it, which is not a plain comparison of the key, so nothing narrows the scan
to the key range: each still reads all $(commas $m5_rows) rows of the partition (on srsim, MariaDB
evaluates the \`CASE\` on every row) and is faster than the first level only because it hashes
fewer rows. Plain \`id > lower AND id <= upper\` bounds next to the \`CASE\` would let a sort-key
index narrow it (a possible change in \`src/starrocks/bisect_sql.cpp\`, not measured here).
EOF
  } >"$results/verify.md"
}

# ---------------------------------------------------------------------------------------------
# 6. The external-table modes (issue #12): -thread N against ceil(M/N)·L for -o mysql and
# -o starrocks, one-time copies (-r -i) of bench.t$m3_partitions into a fresh target, as
# measurement 3 does for v2. Defined here, run after measurement 5, or alone with --only external.
m6_threads=(1 4 8)
# MODE:CLUSTER, the cluster that gets the latency: where the mode's per-partition INSERT runs
# (-o mysql: the target; -o starrocks: the source), and for -o starrocks also the target, which
# receives exlSchema's label probes and the source's writes on its rpc port.
m6_cases=(mysql:dst starrocks:src starrocks:dst)
# exlSchema's statements of a partition task: the label probe (with_fresh_label in
# src/modes/partition_loads.cpp: information_schema.loads, SHOW LOAD, SHOW PROC) and the INSERT.
m6_task='^(INSERT |SELECT [*] FROM information_schema[.]loads|SHOW LOAD|SHOW PROC)'

# The statements of the connections in a query-log slice that are not exlSchema's (CONNECT lines
# dropped, and srsim's control statements, which no fault delays): for -o starrocks, what the
# source srsim sends to the target's rpc port for each INSERT into the OLAP external table.
peer_only() {
  awk -F'\t' 'index($4, "CONNECT ") == 1 { if (!index($4, "program_name=exlSchema")) keep[$2] = 1; next }
              ($2 in keep) && $4 !~ /^ADMIN (SET|SHOW|CLEAR) SIM/'
}

# run_exl_peers NAME ARGS...: run_exl, plus NAME.src_peer / NAME.dst_peer (peer_only slices).
run_exl_peers() {
  local name=$1 s0 d0
  s0=$(wc -c <"$SRC_DATA_DIR/query.log")
  d0=$(wc -c <"$DST_DATA_DIR/query.log")
  run_exl "$@"
  tail -c +$((s0 + 1)) "$SRC_DATA_DIR/query.log" | peer_only >"$runs/$name.src_peer"
  tail -c +$((d0 + 1)) "$DST_DATA_DIR/query.log" | peer_only >"$runs/$name.dst_peer"
}

# m6_run MODE N none|src|dst: one one-time copy into a fresh target, the latency on that cluster;
# NAME.rows gets the target's row count afterwards.
m6_run() {
  local mode=$1 n=$2 side=$3 name=m6_$1_n$2_$3
  sql dst "DROP TABLE IF EXISTS bench.t$m3_partitions"
  [ "$side" = none ] || sql "$side" "ADMIN SET SIM LATENCY $latency_ms"
  run_exl_peers "$name" -t "bench.t$m3_partitions" -o "$mode" -r -i -thread "$n"
  [ "$side" = none ] || sql "$side" "ADMIN SET SIM RESET"
  sql dst "SELECT COUNT(*) FROM bench.t$m3_partitions" >"$runs/$name.rows" 2>/dev/null ||
    echo "no table" >"$runs/$name.rows"
}

measure_external() {
  say "6. -o mysql / -o starrocks at -thread ${m6_threads[*]}, ${latency_ms} ms on one cluster"
  local mode n c
  sql dst "CREATE DATABASE IF NOT EXISTS bench" # --only external: nothing made it yet
  for mode in mysql starrocks; do
    for n in "${m6_threads[@]}"; do
      m6_run "$mode" "$n" none
      for c in "${m6_cases[@]}"; do
        if [ "${c%%:*}" = "$mode" ]; then m6_run "$mode" "$n" "${c#*:}"; fi
      done
    done
  done
  write_external_results
}

# m6_n FILE [REGEX]: statements of a slice (matching REGEX); m6_ok FILE REGEX: those answered OK.
m6_n() { awk -F'\t' -v p="${2:-.}" '$4 ~ p { n++ } END { print n + 0 }' "$1"; }
m6_ok() { awk -F'\t' -v p="$2" '$4 ~ p && $5 ~ /^OK/ { n++ } END { print n + 0 }' "$1"; }
per_task() { awk -v a="$1" -v m="$m3_partitions" 'BEGIN { printf "%.2f", a / m }'; }
m6_sender() { if [ "$1" = mysql ]; then echo dst; else echo src; fi; } # where exlSchema sends the INSERT

# m6_good RUN MODE: exit 0, M labelled INSERTs answered OK, 3·M rows on the target.
m6_good() {
  [ "$(cat "$runs/$1.rc")" = 0 ] &&
    [ "$(m6_ok "$runs/$1.$(m6_sender "$2")" '^INSERT INTO')" = "$m3_partitions" ] &&
    [ "$(cat "$runs/$1.rows")" = $((3 * m3_partitions)) ]
}

# task_ms LOG: "median max" of the partition tasks' durations ("task ... ok in N ms" in -log).
task_ms() {
  awk -v t="task bench.t$m3_partitions#" 'index($0, t) && / ok in [0-9]+ ms/ {
      for (i = 1; i < NF; i++) if ($i == "in") print $(i + 1) }' "$1" | sort -g |
    awk '{ a[NR] = $1 } END { if (NR == 0) print "0 0"; else printf "%d %d\n", a[int((NR + 1) / 2)], a[NR] }'
}

# m6_rows MODE SIDE: the table rows of one case, one per N.
m6_rows() {
  local mode=$1 side=$2 n name base phase exl peer k waves ideal ideal_k other model med max first=""
  for n in "${m6_threads[@]}"; do
    name=m6_${mode}_n${n}_$side
    read -r base _ < <(data_phase "$runs/m6_${mode}_n${n}_none.log")
    read -r phase _ < <(data_phase "$runs/$name.log")
    read -r med max < <(task_ms "$runs/$name.log")
    exl=$(m6_n "$runs/$name.$side" "$m6_task")
    peer=$(m6_n "$runs/$name.${side}_peer")
    k=$(per_task $((exl + peer)))
    other=$(($(m6_n "$runs/$name.$side" '^SHOW BACKENDS') + $(m6_n "$runs/$name.$side" '^SET ')))
    waves=$(((m3_partitions + n - 1) / n))
    ideal=$((waves * latency_ms))
    ideal_k=$(awk -v w="$waves" -v k="$k" -v l="$latency_ms" 'BEGIN { printf "%d", w * k * l }')
    model=$((ideal_k + other * latency_ms / n))
    [ -n "$first" ] || first=$((phase - base))
    echo "| $n | $(m6_ok "$runs/$name.$(m6_sender "$mode")" '^INSERT INTO') | $(per_task "$exl") | $(per_task "$peer") | $k | $(m6_n "$runs/$name.$side" '^SHOW BACKENDS') | $(m6_n "$runs/$name.$side" '^SET ') | $ideal | $ideal_k | $model | $phase | $base | $((phase - base)) | $(awk -v i="$ideal" -v k="$ideal_k" -v m="$model" -v p="$phase" -v b="$base" -v f="$first" \
      'BEGIN { printf "%.2f | %.2f | %.2f | %.2f", p / i, (p - b) / k, (p - b) / m, (p - b > 0 ? f / (p - b) : 0) }') | $med / $max | $(wall "$name") | $(cat "$runs/$name.rc") |"
  done
}

# m6_kinds RUN SLICE CLUSTER SENDER [REGEX]: the statement kinds of a slice, per partition task.
m6_kinds() {
  awk -F'\t' -v p="${5:-.}" '$4 ~ p' "$runs/$1.$2" >"$runs/$1.$2.task"
  kinds "$runs/$1.$2.task" | awk -F'\t' -v c="$3" -v s="$4" -v m="$m3_partitions" \
    '{ printf "| %s | %s | `%s` | %d | %.2f |\n", c, s, $1, $2, $2 / m }'
}

# m6_reading ROWS...: the reading under the tables, from their numbers (fields of a row split at
# "|": 16 = (measured - baseline) / ideal k·L, 17 = the same / model, 18 = the speed-up over N=1).
m6_reading() {
  local lo hi mlo mhi n_max speedups slow
  read -r lo hi mlo mhi < <(printf '%s\n' "$@" | awk -F'|' 'NF > 20 { r = $16 + 0; m = $17 + 0
      if (lo == "" || r < lo) lo = r; if (hi == "" || r > hi) hi = r
      if (mlo == "" || m < mlo) mlo = m; if (mhi == "" || m > mhi) mhi = m }
      END { printf "%.2f %.2f %.2f %.2f\n", lo, hi, mlo, mhi }')
  n_max=${m6_threads[${#m6_threads[@]} - 1]}
  speedups=$(printf '%s\n' "$@" | awk -F'|' -v n="$n_max" 'NF > 20 && $2 + 0 == n { printf "%s%.2f", (k++ ? " / " : ""), $18 }')
  slow=$(task_ms "$runs/m6_starrocks_n${n_max}_src.log")
  cat <<EOF

Reading: the latency part of the data phase (measured − baseline) is $lo to $hi times
ceil(M/N)·k·L and $mlo to $mhi times the model, and at N = $n_max it is $speedups times shorter than at
N = 1 (-o mysql / -o starrocks with L on the source / on the target; ideal $((m3_partitions / ((m3_partitions + n_max - 1) / n_max)))).
EOF
  if awk -v h="$mhi" 'BEGIN { exit !(h <= 1.5) }'; then
    cat <<EOF
Both modes keep N partition tasks in flight; nothing in exlSchema makes the tasks wait for one
another (a serialisation would leave (measured − baseline) near the N = 1 value whatever N is).
Beyond ceil(M/N)·k·L, the throttle's \`SHOW BACKENDS\` reads and the new connections' session
settings wait L each on the delayed cluster, and srsim's own time varies between runs because
the machine's cores are shared with other work. The model adds those statements as if spread
evenly over the N lanes; it counts every SET of the run, including those of the planning
connection, which come before the data phase, so it is a little high at N = 1.
The session settings matter most where ceil(M/N)·k·L is small, -o starrocks with L on the source
at N > 1: each task that opens one of the pool's new source connections first sends its 3
settings (\`SET time_zone\`, \`query_timeout\`, \`insert_timeout\`), one L each, so the first wave
of tasks takes about 4·L instead of L (at N = $n_max the median / slowest task took $(echo "$slow" | sed 's/ / \/ /') ms,
L = $latency_ms ms). That adds about 3·L once to the data phase, not per task.
EOF
  else
    cat <<EOF
**At least one case is more than 1.5 times the model**: look at its runs in
\`bench/.sandbox/runs\` (\`bench/run.sh --keep\`) for tasks that wait for one another.
EOF
  fi
  cat <<EOF
Against the issue's ceil(M/N)·L (one delayed statement per task): only -o starrocks with the
latency on the source has k = 1, as the source receives the INSERT alone. In the other cases
a task sends k > 1 delayed statements one after the other, most of them the label probe
exlSchema sends before every INSERT to learn whether an earlier run already applied its label
(5 target statements on this srsim, which answers \`SHOW PROC\`; \`with_fresh_label\`), and for
-o starrocks the 5 statements the source's write sends to the target's rpc port.
EOF
}

write_external_results() {
  local ok=1 left_src left_dst left_ok=0 mode n r
  for mode in mysql starrocks; do
    for n in "${m6_threads[@]}"; do
      for r in "$runs"/m6_"${mode}"_n"${n}"_*.rc; do
        m6_good "$(basename "$r" .rc)" "$mode" || ok=0
      done
    done
  done
  left_src=$(sql src "SHOW FULL TABLES FROM bench" | awk '/exl_tmp_/ { n++ } END { print n + 0 }')
  left_dst=$(sql dst "SHOW FULL TABLES FROM bench" | awk '/exl_tmp_/ { n++ } END { print n + 0 }')
  [ "$left_src" = 0 ] && [ "$left_dst" = 0 ] && left_ok=1
  local mysql_dst starrocks_src starrocks_dst
  mysql_dst=$(m6_rows mysql dst)
  starrocks_src=$(m6_rows starrocks src)
  starrocks_dst=$(m6_rows starrocks dst)
  local cols='| N | loads | k exlSchema | k peer | k | SHOW BACKENDS | SET | ideal ms | ideal k·L ms | model ms | measured ms | baseline ms | measured − baseline ms | measured / ideal | (measured − baseline) / ideal k·L | (measured − baseline) / model | speed-up over N=1 | task ms median / max | run wall s | exit |'
  local rule='|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|'
  {
    header "External-table modes: -thread N against the ideal ceil(M/N)·L"
    cat <<EOF
Setup: \`bench.t$m3_partitions\` (M = $m3_partitions daily RANGE partitions, 3 rows each, the table of \`threads.md\`)
copied into a fresh target (\`DROP TABLE\` on the target before each run) by
\`exlSchema -o mysql|starrocks -r -i -thread N -t bench.t$m3_partitions\`, N = $(echo "${m6_threads[*]}" | sed 's/ / \/ /g'): one task per
partition, each one labelled \`INSERT INTO\`. L = $latency_ms ms is injected with \`ADMIN SET SIM
LATENCY $latency_ms\` on **one** cluster per case (reset after the run); each mode and N also runs once
without latency (the baseline, shared by both -o starrocks cases). One shared state store, so
every run's labels are new (the label carries the round).

What srsim's latency delays (docs/srsim.md "Fault injection", \`tests/sim/server/connection.cpp\`):
every statement a cluster receives, on its query port or its rpc port, except srsim's own
\`ADMIN SET/SHOW/CLEAR SIM\`, waits L in its connection's thread before it runs; logins do not
wait, and what an srsim does in its own MariaDB is not delayed. So, per case:

- **-o mysql, L on the target** (where the INSERT runs). Each task sends the target the label
  probe (\`information_schema.loads\`, \`SHOW LOAD\`, \`SHOW PROC "/transactions"\`, \`.../running\`,
  \`.../finished\`; \`with_fresh_label\` in \`src/modes/partition_loads.cpp\`) and the INSERT, every
  one waiting L, as v2 does. The INSERT's read of the MYSQL external table is not delayed: srsim
  makes that table a FederatedX table over the source's MariaDB (docs/srsim-engine.md,
  "Catalogs and external tables"), so the read never passes the source srsim's front. (On
  StarRocks the target's BEs read through the source FE's query port and would pay the source's
  latency once per scan.) Latency on the source would therefore delay nothing per task, and no
  case measures it.
- **-o starrocks, L on the source** (where the INSERT runs: exlSchema sends it to the source,
  whose srsim writes the rows into the target). Per task the source receives only the INSERT, so
  k = 1 and the ideal k·L is the issue's ceil(M/N)·L. The label probe goes to the target (the
  label lives in the target's database) and is not delayed in this case.
- **-o starrocks, L on the target**: the other half of the same task. The target receives
  exlSchema's label probe and, for each INSERT, what the source srsim sends to the target's rpc
  port on a new connection (\`SET collation_connection\`, \`SIM TABLE META\`, \`SIM LABEL STATE\`,
  \`SET enable_insert_strict\`, then the rows as one \`INSERT ... WITH LABEL\`;
  \`tests/sim/engine/olap_external_insert.cpp\`): the *peer* statements. All of them run one after
  the other on the task's path, so each adds L to the task.

Method as in \`threads.md\`: the data phase comes from exlSchema's \`-log\` (the first partition
task's \`started\` to the last one's \`ok in\`), leaving out the facts, planning, CREATE TABLE, the
external table's CREATE and DROP, and the final audit. Columns (statements counted on the
delayed cluster only):

- *loads* = labelled \`INSERT INTO\` statements exlSchema sent that were answered OK (on the
  target for -o mysql, on the source for -o starrocks);
- *k exlSchema* = exlSchema's statements per task on the delayed cluster (label probe + INSERT);
  *k peer* = the source srsim's statements per task on the target's rpc port; *k* = their sum:
  a task costs at least k·L;
- *SHOW BACKENDS* = the throttle's disk reads (\`src/modes/throttle.cpp\`: on the target, before
  a task starts when the last reading is older than 1 s); *SET* = the session settings of
  exlSchema's connections in the whole run (3 per new connection; the pool opens up to N of them,
  most during the data phase). Both are counted on the delayed cluster, where each waits L;
- *ideal* = ceil(M/N)·L as the issue states it; *ideal k·L* = ceil(M/N)·k·L, the best any runner
  can do when a task sends k delayed statements one after the other; *model* = ideal k·L +
  (SHOW BACKENDS + SET)·L/N, the other delayed statements spread evenly over the N lanes;
- *baseline* = the data phase of the same mode and N without latency (srsim's and MariaDB's own
  work, on $(nproc) cores shared by both clusters: it does not shrink with N);
- *speed-up over N=1* = (measured − baseline) at N = 1 over the same at N; ideal:
  ceil(M/1) / ceil(M/N) = $(for n in "${m6_threads[@]}"; do printf '%s ' $((m3_partitions / ((m3_partitions + n - 1) / n))); done | sed 's/ $//; s/ / \/ /g') for N = $(echo "${m6_threads[*]}" | sed 's/ / \/ /g');
- *task ms* = the partition tasks' own durations in the \`-log\` (\`task ... ok in\`);
- *run wall* = the whole run with latency (\`/usr/bin/time\`).

## -o mysql, L = $latency_ms ms on the target

$cols
$rule
$mysql_dst

## -o starrocks, L = $latency_ms ms on the source

$cols
$rule
$starrocks_src

## -o starrocks, L = $latency_ms ms on the target

$cols
$rule
$starrocks_dst

Every run (with and without latency) exits 0, has $m3_partitions labelled INSERTs answered OK, and
leaves $((3 * m3_partitions)) rows in the target table: $(goal $ok).
No \`exl_tmp_\` table is left on either cluster after the runs ($left_src on the source, $left_dst on the target):
$(goal $left_ok).

What one partition task sends, by kind (the N = 1 runs with latency on the target; per task =
count / M):

| cluster | sent by | statement | count | per task |
|---|---|---|---:|---:|
$(m6_kinds m6_mysql_n1_dst dst target "exlSchema (-o mysql)" "$m6_task")
$(m6_kinds m6_starrocks_n1_dst src source "exlSchema (-o starrocks)" "$m6_task")
$(m6_kinds m6_starrocks_n1_dst dst target "exlSchema (-o starrocks)" "$m6_task")
$(m6_kinds m6_starrocks_n1_dst dst_peer target "source srsim (-o starrocks)")
EOF
    m6_reading "$mysql_dst" "$starrocks_src" "$starrocks_dst"
  } >"$results/external_threads.md"
}

# 7. -o pipe (issue #14): defined in bench/pipe.sh, run last, or alone with --only pipe.
# shellcheck source=bench/pipe.sh
source "$repo/bench/pipe.sh"
if [ "$only" = pipe ]; then
  measure_pipe
  say "results in bench/results/pipe.md; $SECONDS s in all"
  exit 0
fi
# 9. -o files (issue #17): defined in bench/files.sh, run after 7, or alone with --only files.
# shellcheck source=bench/files.sh
source "$repo/bench/files.sh"
if [ "$only" = files ]; then
  measure_files
  say "results in bench/results/files.md; $SECONDS s in all"
  exit 0
fi
# 8. Resource use over 2,000 tables (issue #15): defined in bench/scale.sh, run last, or alone
# with --only scale.
# shellcheck source=bench/scale.sh
source "$repo/bench/scale.sh"
if [ "$only" = scale ]; then
  measure_scale
  say "results in bench/results/scale.md; $SECONDS s in all"
  exit 0
fi

say "sample tables on src"
make_seq src
if [ "$only" = verify ]; then
  measure_verify
  say "results in bench/results/verify.md; $SECONDS s in all"
  exit 0
fi
if [ "$only" = external ]; then
  make_table t$m3_partitions $m3_partitions 3
  measure_external
  say "results in bench/results/external_threads.md; $SECONDS s in all"
  exit 0
fi
for n in 10 100 1000; do make_table "p$n" "$n" 3; done
make_table inc1000 1000 3
make_table t$m3_partitions $m3_partitions 3

# ---------------------------------------------------------------------------------------------
# 1. Audit statements per table at 10 / 100 / 1,000 partitions.
say "1. full copy of p10, p100, p1000, then a plan-only run per table"
run_exl m1_copy -t bench.p10,bench.p100,bench.p1000 -o v2 -a -r -i -thread $copy_threads
m1_rows=""
m1_ok=1
for n in 10 100 1000; do
  # A fresh state store: the auditor counts every partition (no cheap-round memory).
  XDG_STATE_HOME=$dir/state-m1-$n run_exl "m1_plan_fresh_$n" -t "bench.p$n" -o v2 -a -i
  # The state store of the copy: what a plan after a finished copy really sends.
  run_exl "m1_plan_store_$n" -t "bench.p$n" -o v2 -a -i
  row="| $n"
  for f in fresh store; do
    for side in src dst; do
      file=$runs/m1_plan_${f}_$n.$side
      row+=" | $(count "$file" count) | $(audit_stmts "$file") | $(count "$file" all)"
    done
  done
  m1_rows+="$row |"$'\n'
  for side in src dst; do
    [ "$(count "$runs/m1_plan_fresh_$n.$side" count)" = 1 ] || m1_ok=0
  done
done
{
  header "Audit statements per table at 10 / 100 / 1,000 partitions"
  cat <<EOF
Setup: tables \`bench.p10\`, \`bench.p100\`, \`bench.p1000\` (RANGE on a DATE column, daily
partitions, 3 rows each), copied in full by \`-o v2 -a -r -i -thread $copy_threads\`; then per table a
plan-only run \`-o v2 -a -i -t bench.pN\` (no \`-r\`), twice:

- **fresh store**: an empty state store (\`XDG_STATE_HOME\` of its own), so the auditor has no
  memory of earlier rounds and must count every partition on both sides;
- **copy's store**: the state store the copy wrote, as a plan after a finished copy would run
  (cheap rounds: partitions whose PartitionId and VisibleVersion did not move are not counted).

Columns per side: *count* = the auditor's count statements (\`SELECT exl_partition, COUNT(*)
...\`), *audit* = count statements + \`SHOW PARTITIONS\`, *all* = every statement of the run on that
side (version/zone facts, session settings, table list, DDL reads, catalog check, audit).

| partitions | fresh: src count | src audit | src all | dst count | dst audit | dst all | copy's store: src count | src audit | src all | dst count | dst audit | dst all |
|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
$m1_rows
Goal: one count statement per table per side whatever the partition count (fresh store):
$(goal $m1_ok).

Exit codes: copy $(cat "$runs/m1_copy.rc"); plan runs $(for n in 10 100 1000; do printf '%s/%s ' "$(cat "$runs/m1_plan_fresh_$n.rc")" "$(cat "$runs/m1_plan_store_$n.rc")"; done)(fresh/store per size).
The auditor puts up to 1,000 partitions in one count statement; a table with more partitions
gets one statement per 1,000 (\`src/audit\`, \`src/starrocks/audit_sql.cpp\`).

Statements of the 1,000-partition plan-only run with a fresh store, by kind:

| statement | src | dst |
|---|---:|---:|
$(join -t $'\t' -a1 -a2 -e0 -o 0,1.2,2.2 <(kinds "$runs/m1_plan_fresh_1000.src") \
   <(kinds "$runs/m1_plan_fresh_1000.dst") | awk -F'\t' '{ printf "| `%s` | %s | %s |\n", $1, $2, $3 }')
EOF
} >"$results/audit_queries.md"

# ---------------------------------------------------------------------------------------------
# 2 and 4. Incremental rounds over 1,000 partitions; CPU share of each run.
say "2. incremental rounds over bench.inc1000"
m2=(-t bench.inc1000 -o v2 -a -r -i -thread $copy_threads)
run_exl m2_copy "${m2[@]}"
run_exl m2_unchanged "${m2[@]}"
sql src "INSERT INTO bench.inc1000 VALUES ('2020-03-01', 900001, 1), ('2021-06-15', 900002, 2)"
run_exl m2_two_loaded "${m2[@]}"
run_exl m2_after_repair "${m2[@]}"
src_rows=$(sql src "SELECT COUNT(*) FROM bench.inc1000")
dst_rows=$(sql dst "SELECT COUNT(*) FROM bench.inc1000")

m2_row() { # m2_row RUN LABEL
  local r=$runs/$1
  echo "| $2 | $(cat "$r.rc") | $(count "$r.src" showp) | $(count "$r.src" count) | $(audit_stmts "$r.src") | $(count "$r.src" all) | $(count "$r.dst" showp) | $(count "$r.dst" count) | $(audit_stmts "$r.dst") | $(count "$r.dst" all) | $(count "$r.dst" overwrite) |"
}
unchanged_ok=0
[ "$(audit_stmts "$runs/m2_unchanged.src")" -le 3 ] && [ "$(audit_stmts "$runs/m2_unchanged.dst")" -le 3 ] &&
  [ "$(count "$runs/m2_unchanged.dst" overwrite)" = 0 ] && unchanged_ok=1
all_ok=0
[ "$(count "$runs/m2_unchanged.src" all)" -le 3 ] && [ "$(count "$runs/m2_unchanged.dst" all)" -le 3 ] && all_ok=1
want=$'p20200301\np20210615'
two_ok=0
[ "$(counted_partitions "$runs/m2_two_loaded.src")" = "$want" ] &&
  [ "$(counted_partitions "$runs/m2_two_loaded.dst")" = "$want" ] &&
  [ "$(overwritten_partitions "$runs/m2_two_loaded.dst")" = "$want" ] &&
  [ "$(count "$runs/m2_two_loaded.dst" overwrite)" = 2 ] && two_ok=1
{
  header "Incremental rounds over an unchanged 1,000-partition table"
  cat <<EOF
Setup: \`bench.inc1000\` (1,000 daily RANGE partitions, 3 rows each). Every run is
\`exlSchema -o v2 -a -r -i -thread $copy_threads -t bench.inc1000\` with one shared state store
(\`XDG_STATE_HOME\`), in this order: the full copy (empty target); the same again with nothing
changed; then, after \`INSERT INTO bench.inc1000\` of one row into each of \`p20200301\` and
\`p20210615\` on the source, the same again; and once more after that repair.

Columns per side: *SHOW PART.* = \`SHOW PARTITIONS\`, *count* = the auditor's count statements,
*audit* = the two together, *all* = every statement of the run on that side; *OVERWRITE* =
\`INSERT OVERWRITE\` statements on the target.

| run | exit | src SHOW PART. | src count | src audit | src all | dst SHOW PART. | dst count | dst audit | dst all | OVERWRITE |
|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
$(m2_row m2_copy "1. full copy")
$(m2_row m2_unchanged "2. unchanged")
$(m2_row m2_two_loaded "3. rows in 2 source partitions")
$(m2_row m2_after_repair "4. unchanged again")

Which partitions the statements name:

| run | src count statements name | dst count statements name | INSERT OVERWRITE writes |
|---|---|---|---|
$(for r in m2_copy m2_unchanged m2_two_loaded m2_after_repair; do
    echo "| $r | $(counted_partitions "$runs/$r.src" | name_list) | $(counted_partitions "$runs/$r.dst" | name_list) | $(overwritten_partitions "$runs/$r.dst" | name_list) |"
  done)

Rows after run 4: $src_rows on the source, $dst_rows on the target.

Goals:
- a round over the unchanged table sends at most 3 audit statements per side (run 2):
  $(goal $unchanged_ok) ($(audit_stmts "$runs/m2_unchanged.src") on src, $(audit_stmts "$runs/m2_unchanged.dst") on dst,
  no INSERT OVERWRITE: $(count "$runs/m2_unchanged.dst" overwrite) sent). Counting every statement of the round, not
  only the audit, it sends $(count "$runs/m2_unchanged.src" all) on src and $(count "$runs/m2_unchanged.dst" all) on dst (table below): the
  goal read as "every statement of the round at most 3 per side" is $(goal $all_ok); none of the
  statements outside the audit depends on the partition count.
- after a load into 2 source partitions only those 2 are counted and rewritten (run 3; the
  target's count statements include the re-audit of the rewritten partitions):
  $(goal $two_ok).

Everything an unchanged round sends (run 2), by kind. Beyond the audit, a round reads the
facts of each cluster, sets its session, lists and compares the table, and checks the catalog:

| statement | src | dst |
|---|---:|---:|
$(join -t $'\t' -a1 -a2 -e0 -o 0,1.2,2.2 <(kinds "$runs/m2_unchanged.src") \
   <(kinds "$runs/m2_unchanged.dst") | awk -F'\t' '{ printf "| `%s` | %s | %s |\n", $1, $2, $3 }')
EOF
} >"$results/incremental_rounds.md"

# ---------------------------------------------------------------------------------------------
# 3. -thread N against ceil(M/N)·L.
say "3. -thread N with ${latency_ms} ms per target statement"
m3_rows=""
m3_ok=1
for n in "${threads_n[@]}"; do
  for l in 0 "$latency_ms"; do
    sql dst "DROP TABLE IF EXISTS bench.t$m3_partitions"
    [ "$l" = 0 ] || sql dst "ADMIN SET SIM LATENCY $l"
    run_exl "m3_n${n}_l$l" -t "bench.t$m3_partitions" -o v2 -a -r -i -thread "$n"
    sql dst "ADMIN SET SIM RESET"
  done
  read -r base _ < <(data_phase "$runs/m3_n${n}_l0.log")
  read -r phase _ < <(data_phase "$runs/m3_n${n}_l$latency_ms.log")
  f=$runs/m3_n${n}_l$latency_ms.dst
  # Target statements of each task: the label probe before the INSERT, and the INSERT.
  per_task=$(awk -F'\t' -v m="$m3_partitions" '
      $4 ~ /^(INSERT OVERWRITE|SELECT \* FROM information_schema\.loads|SHOW LOAD|SHOW PROC)/ { k++ }
      END { printf "%.2f", k / m }' "$f")
  backends=$(awk -F'\t' '$4 ~ /^SHOW BACKENDS/ { k++ } END { print k + 0 }' "$f")
  waves=$(((m3_partitions + n - 1) / n))
  ideal=$((waves * latency_ms))
  ideal_k=$(awk -v w="$waves" -v k="$per_task" -v l="$latency_ms" 'BEGIN { printf "%d", w * k * l }')
  [ "$(count "$f" overwrite)" = "$m3_partitions" ] || m3_ok=0
  ratios=$(awk -v i="$ideal" -v k="$ideal_k" -v p="$phase" -v b="$base" \
    'BEGIN { printf "%.2f | %.2f | %.2f", p / i, p / k, (p - b) / k }')
  m3_rows+="| $n | $(count "$f" overwrite) | $per_task | $backends | $ideal | $ideal_k | $phase | $base | $((phase - base)) | $ratios | $(tail -n 1 "$runs/m3_n${n}_l$latency_ms.time" | awk '{print $3}') | $(cat "$runs/m3_n${n}_l$latency_ms.rc") |"$'\n'
done
{
  header "-thread N against the ideal ceil(M/N)·L"
  cat <<EOF
Setup: \`bench.t$m3_partitions\` (M = $m3_partitions daily RANGE partitions, 3 rows each) copied into an empty target
(the table is dropped on the target before each run) by \`-o v2 -a -r -i -thread N\`: one task
per partition, each an \`INSERT OVERWRITE\`. L = $latency_ms ms is injected on the target with
\`ADMIN SET SIM LATENCY $latency_ms\` (every statement the target receives waits L before it runs; the
source has no latency) and reset after the run; each N also runs once without latency (baseline).

Method: the data phase is read from exlSchema's own log (\`-log\`, millisecond timestamps): from
the first partition task's \`task ... started\` to the last one's \`task ... ok in\`. It leaves out
the facts, planning, CREATE TABLE and the final audit, and includes the throttle's disk reads
between tasks. Columns:

- *k* = target statements per task, from the query log: the label probe exlSchema sends before
  every INSERT (\`information_schema.loads\`, then \`SHOW LOAD\`, then \`SHOW PROC\` for the
  transaction list, which srsim answers since issue #12; \`with_fresh_label\` in
  \`src/modes/partition_loads.cpp\`) plus the INSERT itself.
  Each of them waits L, so a task costs k·L, not L.
- *SHOW BACKENDS*: the throttle's disk reads on the target (\`src/modes/throttle.cpp\`: read
  before a task starts when the last reading is older than 1 s); each also waits L.
- *ideal* = ceil(M/N)·L as the issue states it; *ideal k·L* = ceil(M/N)·k·L, the best any
  runner can do when each task sends k statements.
- *baseline* = the data phase of the same run without latency (srsim's and MariaDB's own work,
  on $(nproc) cores shared by both clusters, so it does not shrink with N).
- *run wall* = the whole run with latency (\`/usr/bin/time\`).

| N | INSERT OVERWRITE | k | SHOW BACKENDS | ideal ms | ideal k·L ms | measured ms | baseline ms | measured − baseline ms | measured / ideal | measured / ideal k·L | (measured − baseline) / ideal k·L | run wall s | exit |
|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
$m3_rows
All $m3_partitions partitions rewritten in every run: $(goal $m3_ok).

Reading: the latency part of the data phase (measured − baseline) shrinks with N as
ceil(M/N) does: the runner keeps N tasks in flight. Against the issue's ceil(M/N)·L the data
phase is several times slower because each task sends k statements to the target, not one;
the remaining gap to ceil(M/N)·k·L is the throttle's \`SHOW BACKENDS\` reads (each waits L on the
path that starts a task) and srsim's own execution time (baseline).
The machine's cores are shared with other sessions' builds and tests, so the baseline
(and with it the measured data phase) varies between runs by a few seconds.
EOF
} >"$results/threads.md"

# ---------------------------------------------------------------------------------------------
# 4. exlSchema's CPU share (the runs of measurement 2).
cpu_ok=1
cpu_rows=""
for r in m2_copy m2_unchanged m2_two_loaded m2_after_repair m1_plan_fresh_1000; do
  read -r cpu wall share < <(cpu_share "$runs/$r.time")
  cpu_rows+="| $r | $cpu | $wall | $share % |"$'\n'
  [ "$r" != m2_copy ] || awk -v s="$share" 'BEGIN { exit !(s < 2) }' || cpu_ok=0
done
{
  header "exlSchema's own CPU time as a share of the run's wall time (v2, 1,000 partitions)"
  cat <<EOF
Method: each run under \`/usr/bin/time -f "%U %S %e"\`: user + system CPU seconds of the exlSchema
process against its elapsed time. The runs are those of \`incremental_rounds.md\`
(\`-o v2 -a -r -i -thread $copy_threads -t bench.inc1000\`, 1,000 partitions, 3 rows each) and the
plan-only run over \`bench.p1000\` with a fresh store from \`audit_queries.md\`. srsim and MariaDB
run on the same $(nproc)-core machine and answer in milliseconds, with no injected latency: a real
cluster's statements take longer, so these shares are upper bounds of what a real run shows.

| run | CPU s (user+sys) | wall s | CPU share |
|---|---:|---:|---:|
$cpu_rows
Goal: below 2 % of the wall time for the v2 copy of 1,000 partitions (\`m2_copy\`): $(goal $cpu_ok).

Per partition the copy cost exlSchema $(cpu_share "$runs/m2_copy.time" | awk -v p=1000 '{ printf "%.2f", $1 * 1000 / p }') ms of CPU
(planning, the two audits, one task with its label probe and INSERT, the report), against
$(cpu_share "$runs/m2_copy.time" | awk -v p=1000 '{ printf "%.0f", $2 * 1000 / p }') ms of wall time per partition here, where srsim's
INSERT OVERWRITE over MariaDB is the slow part. The short runs (an unchanged round, a plan) are
mostly process start, configuration, connections and parsing 1,000 partitions of
\`SHOW PARTITIONS\`; their wall time is well under a second, so their share is high while their
CPU time stays a fraction of a second. No goal is set for them.
EOF
} >"$results/cpu_share.md"

measure_verify
measure_external
measure_pipe
measure_files
measure_scale

say "results in bench/results/: $(cd "$results" && ls *.md | tr '\n' ' '); $SECONDS s in all"
