# shellcheck shell=bash
# Measurement 8 (issue #15, "Resource limits", bench/results/scale.md): exlSchema over 200 and
# 2,000 small tables with -thread 16, sampled every ~100 ms from /proc: its open file descriptors,
# RSS and VmHWM, threads, and the TCP connections it holds to each srsim FE (its own sockets only);
# beside them SHOW PROCESSLIST on each FE (every client). Against the bounds the code implies
# (src/modes/drive.cpp: one pool of -thread + 1 connections per cluster).
# Sourced by bench/run.sh after its helpers (sql, say, commas, goal, header) and variables ($repo,
# $dir, $runs, $results, $exl, the sandbox's variables) exist; defines measure_scale.
# shellcheck disable=SC2154 # repo, dir, runs, results, exl: bench/run.sh's

m8_threads=16
m8_sizes=(200 2000)         # tables per run: databases scale_0 (200) or scale_0 .. scale_9
m8_per_db=200               # tables in each source database scale_<i>
m8_modes=(ghost v2 mysql)   # structure; JDBC catalog (-a); an external-table mode
m8_interval=0.05            # seconds of sleep between samples (a sample takes about as long)
m8_pl_every=5               # SHOW PROCESSLIST on every 5th sample (it connects once per FE)
m8_mem_per_table_kib=16     # the "small per-table record" RSS may grow by (see the results)

# The pools (src/modes/drive.cpp): one per cluster, -thread + 1 connections each.
m8_pool=$((m8_threads + 1))
# Descriptors: both pools' sockets, plus a fixed part that does not depend on the table count:
# stdin/out/err, the -log file, the state store (SQLite: database, -wal, -shm, and a journal
# while it checkpoints) and slack for short-lived ones (the cluster-facts connection before the
# pools open, a file the run reads).
m8_fd_fixed=12
m8_fd_bound=$((2 * m8_pool + m8_fd_fixed))
# Threads: main, the signal watcher, its canceller, the throttle's watcher, the progress reporter
# (src/runner/signals.cpp, src/modes/throttle.cpp, src/notify/progress_reporter.cpp) and the
# runner's workers (src/runner/task_runner.cpp: at most -thread).
m8_thread_bound=$((m8_threads + 5))

# The databases of a run over N tables, as a -t list.
m8_list() {
  local n=$1 i out=""
  for ((i = 0; i < n / m8_per_db; i++)); do out+="${out:+,}scale_$i.*"; done
  echo "$out"
}

# Source tables: scale_0 .. scale_9 with 200 tables t000 .. t199 each, 3 daily RANGE partitions,
# 4 rows in 2 of them; CREATE TABLE LIKE a template (one statement per table, batched in one
# session per database, 4 databases at a time) and one INSERT per table.
m8_make_tables() {
  local dbs=$((m8_sizes[${#m8_sizes[@]} - 1] / m8_per_db)) i j
  sql src "CREATE DATABASE IF NOT EXISTS scale_tpl" \
    "CREATE TABLE IF NOT EXISTS scale_tpl.t (dt DATE NOT NULL, id INT NOT NULL, v VARCHAR(32))
     DUPLICATE KEY(dt, id)
     PARTITION BY RANGE(dt) (START ('2024-01-01') END ('2024-01-04') EVERY (INTERVAL 1 DAY))
     DISTRIBUTED BY HASH(id) BUCKETS 1 PROPERTIES ('replication_num' = '1')"
  for ((i = 0; i < dbs; i++)); do
    {
      local stmts=("CREATE DATABASE scale_$i")
      for ((j = 0; j < m8_per_db; j++)); do
        local t
        t=scale_$i.t$(printf %03d "$j")
        stmts+=("CREATE TABLE $t LIKE scale_tpl.t"
          "INSERT INTO $t VALUES ('2024-01-01', 1, 'a'), ('2024-01-01', 2, 'b'), ('2024-01-03', 3, 'c'), ('2024-01-03', $j, 'd')")
      done
      sql src "${stmts[@]}" >/dev/null
    } &
    if (((i + 1) % 4 == 0)); then wait; fi
  done
  wait
  local got
  got=$(sql src "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema LIKE 'scale\\_%' AND table_schema <> 'scale_tpl'")
  [ "$got" = $((dbs * m8_per_db)) ] || { echo "run.sh: $got scale tables on src, not $((dbs * m8_per_db))" >&2; exit 1; }
}

# m8_sample PID FILE: one line per ~100 ms while PID lives: "ms fds rss_kib hwm_kib threads
# src_query dst_query src_http dst_http other_tcp" (ms since the sampler started; the connection
# counts are PID's own ESTABLISHED TCP sockets, matched by inode between /proc/PID/fd and
# /proc/PID/net/tcp{,6}, by remote port). Every m8_pl_every-th sample also appends
# "ms src_rows dst_rows" of SHOW PROCESSLIST (every client of each FE, this one's own row not
# counted) to FILE.pl. The descriptor list of the sample with the most descriptors is FILE.fdmax.
m8_sample() {
  local pid=$1 file=$2 t0=${EPOCHREALTIME/./} k=0 max=0 line fds now
  : >"$file"
  : >"$file.pl"
  while :; do
    now=${EPOCHREALTIME/./}
    find "/proc/$pid/fd" -mindepth 1 -maxdepth 1 -printf '%f %l\n' >"$file.fd" 2>/dev/null || true
    line=$({ awk '{ print "F", $2 }' "$file.fd"; cat "/proc/$pid/status" "/proc/$pid/net/tcp" \
      "/proc/$pid/net/tcp6"; } 2>/dev/null | awk -v ms=$(((now - t0) / 1000)) \
      -v ports="$SRC_PORT $DST_PORT $SRC_HTTP_PORT $DST_HTTP_PORT" '
        $1 == "F" { fds++; if ($2 ~ /^socket:\[/) { s = $2; gsub(/[^0-9]/, "", s); sock[s] = 1 }; next }
        $1 == "VmRSS:" { rss = $2 } $1 == "VmHWM:" { hwm = $2 } $1 == "Threads:" { th = $2 }
        $1 == "State:" && $2 == "Z" { dead = 1 }
        $4 == "01" && ($10 in sock) { split($3, r, ":"); c[strtonum("0x" r[2])]++; tcp++ }
        END {
          if (rss == "" || dead) exit 1
          split(ports, p, " "); mine = 0
          for (i = 1; i <= 4; i++) mine += c[p[i]]
          printf "%d %d %d %d %d %d %d %d %d %d\n", ms, fds, rss, hwm, th,
                 c[p[1]], c[p[2]], c[p[3]], c[p[4]], tcp - mine
        }') || break
    echo "$line" >>"$file"
    fds=${line#* }
    fds=${fds%% *}
    if ((fds > max)); then
      max=$fds
      cp "$file.fd" "$file.fdmax"
    fi
    if ((k++ % m8_pl_every == 0)); then
      echo "$(((${EPOCHREALTIME/./} - t0) / 1000)) $(m8_processlist src) $(m8_processlist dst)" >>"$file.pl"
    fi
    sleep "$m8_interval"
  done
  rm -f "$file.fd"
}

# m8_processlist SIDE: the rows of SHOW PROCESSLIST on one FE but the asking session's own (rows
# are those whose first field is an Id: a statement in the Info column may span lines).
m8_processlist() {
  sql "$1" "SHOW PROCESSLIST" | awk -F'\t' '$1 ~ /^[0-9]+$/ && NF >= 8 { n++ } END { print n - 1 }'
}

# m8_run MODE N: one run over N tables into a target without them, sampled.
m8_run() {
  local mode=$1 n=$2 name=m8_$1_$2 rc=0 pid spid t0 t1 i extra=()
  for ((i = 0; i < ${m8_sizes[${#m8_sizes[@]} - 1]} / m8_per_db; i++)); do
    sql dst "DROP DATABASE IF EXISTS scale_$i FORCE"
  done
  [ "$mode" != v2 ] || extra=(-a)
  t0=${EPOCHREALTIME/./}
  XDG_STATE_HOME=$dir/state-$name "$exl" -config "$dir/exlSchema.yaml" -source src -target dst \
    -nonotify -log "$runs/$name.log" -t "$(m8_list "$n")" -o "$mode" "${extra[@]}" -r -i \
    -thread "$m8_threads" >"$runs/$name.out" 2>&1 &
  pid=$!
  m8_sample "$pid" "$runs/$name.samples" &
  spid=$!
  wait "$pid" || rc=$?
  t1=${EPOCHREALTIME/./}
  wait "$spid" || true
  echo "$rc" >"$runs/$name.rc"
  echo $(((t1 - t0) / 1000)) >"$runs/$name.ms"
  sql dst "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema LIKE 'scale\\_%'" \
    >"$runs/$name.tables"
  say "$name: exit $rc, $(awk '{ printf "%.1f", $1 / 1000 }' "$runs/$name.ms") s, $(wc -l <"$runs/$name.samples") samples"
}

# m8_stats NAME: "samples max_fds max_src max_dst max_src_http max_dst_http max_other max_threads
# peak_hwm rss10 rss50 rss90 max_pl_src max_pl_dst" of a run's samples.
m8_stats() {
  local f=$runs/$1.samples
  awk 'function mx(i) { if ($i > m[i]) m[i] = $i }
       { n++; ms[n] = $1; rss[n] = $3; for (i = 2; i <= 10; i++) mx(i) }
       function at(q,   k, best) { best = 1; for (k = 1; k <= n; k++) if (ms[k] <= q * ms[n]) best = k; return rss[best] }
       END { printf "%d %d %d %d %d %d %d %d %d %d %d %d", n, m[2], m[6], m[7], m[8], m[9], m[10], m[5],
               m[4], at(0.1), at(0.5), at(0.9) }' "$f"
  awk '{ if ($2 > a) a = $2; if ($3 > b) b = $3 } END { printf " %d %d\n", a, b }' "$f.pl"
}

mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
pass() { if [ "$1" = 1 ]; then echo "PASS"; else echo "**FAIL**"; fi; }

measure_scale() {
  say "8. resource use over ${m8_sizes[*]} tables, -thread $m8_threads, modes ${m8_modes[*]}"
  local t0=$SECONDS mode n
  m8_make_tables
  say "8. $(commas $((m8_sizes[${#m8_sizes[@]} - 1]))) source tables made in $((SECONDS - t0)) s"
  for mode in "${m8_modes[@]}"; do
    for n in "${m8_sizes[@]}"; do m8_run "$mode" "$n"; done
  done
  write_scale_results
}

write_scale_results() {
  local rows="" bounds="" ok=1 mode n s name small big
  local -A hwm fdmax
  for mode in "${m8_modes[@]}"; do
    for n in "${m8_sizes[@]}"; do
      name=m8_${mode}_$n
      read -r -a s < <(m8_stats "$name")
      hwm[$mode.$n]=${s[8]}
      fdmax[$mode.$n]=${s[1]}
      local conn_ok=0 fd_ok=0 th_ok=0 run_ok=0
      ((s[2] <= m8_pool && s[3] <= m8_pool)) && conn_ok=1
      ((s[1] <= m8_fd_bound)) && fd_ok=1
      ((s[7] <= m8_thread_bound)) && th_ok=1
      [ "$(cat "$runs/$name.rc")" = 0 ] && [ "$(cat "$runs/$name.tables")" = "$n" ] && run_ok=1
      ((conn_ok && fd_ok && th_ok && run_ok)) || ok=0
      rows+="| $mode | $(commas "$n") | $(cat "$runs/$name.rc") | $(cat "$runs/$name.tables") | $(awk '{ printf "%.1f", $1 / 1000 }' "$runs/$name.ms") | ${s[0]} | $(awk -v n="${s[0]}" '{ printf "%d", (n > 0 ? $1 / n : 0) }' "$runs/$name.ms") | ${s[1]} | ${s[2]} / ${s[3]} | ${s[12]:-?} / ${s[13]:-?} | ${s[4]} / ${s[5]} / ${s[6]} | ${s[7]} | $(mib "${s[8]}") | $(mib "${s[9]}") / $(mib "${s[10]}") / $(mib "${s[11]}") | $(pass $conn_ok) | $(pass $fd_ok) | $(pass $th_ok) |"$'\n'
    done
  done
  small=${m8_sizes[0]}
  big=${m8_sizes[${#m8_sizes[@]} - 1]}
  for mode in "${m8_modes[@]}"; do
    local per fd_flat=0 mem_ok=0
    per=$(awk -v a="${hwm[$mode.$small]}" -v b="${hwm[$mode.$big]}" -v d=$((big - small)) 'BEGIN { printf "%.1f", (b - a) / d }')
    awk -v p="$per" -v m="$m8_mem_per_table_kib" 'BEGIN { exit !(p <= m) }' && mem_ok=1
    ((fdmax[$mode.$big] <= fdmax[$mode.$small] + 2)) && fd_flat=1
    ((mem_ok && fd_flat)) || ok=0
    bounds+="| $mode | $(mib "${hwm[$mode.$small]}") | $(mib "${hwm[$mode.$big]}") | $per | $(pass $mem_ok) | ${fdmax[$mode.$small]} | ${fdmax[$mode.$big]} | $(pass $fd_flat) |"$'\n'
  done
  # The descriptors of the 2,000-table v2 run at its most, by kind.
  local kinds
  kinds=$(awk '{ k = $2; sub(/:\[.*/, "", k); if (k ~ /^\//) { sub(/.*\//, "", k); k = "file " k }; n[k]++ }
               END { for (k in n) printf "| `%s` | %d |\n", k, n[k] }' "$runs/m8_v2_$big.samples.fdmax" | sort)
  {
    header "Resource use over $(commas "$small") and $(commas "$big") tables at -thread $m8_threads"
    cat <<EOF
Setup: source databases \`scale_0\` .. \`scale_$((big / m8_per_db - 1))\` with $m8_per_db tables each (\`CREATE TABLE ... LIKE\` a
template: DUPLICATE KEY, 3 daily RANGE partitions, 4 rows in 2 of them), made in one session per
database. Each run copies $(commas "$small") tables (\`-t scale_0.*\`) or $(commas "$big") (\`-t scale_0.*,...,scale_$((big / m8_per_db - 1)).*\`) into a
target without them (the target databases are dropped before every run), fresh state store:
\`exlSchema -o MODE -r -i -thread $m8_threads\` with MODE = ghost (structure only), v2 \`-a\` (JDBC
catalog, audit both sides, INSERT OVERWRITE per differing partition) and mysql (a temporary
MySQL external table on the target per table, one labelled INSERT per partition).

Method: while exlSchema runs, a shell loop samples it from /proc, with \`sleep $m8_interval\` between
samples (a sample itself takes a few ms on an idle machine and longer on 2 busy cores: *ms per
sample* is the run's wall time over its samples):

- *fds*: entries of \`/proc/PID/fd\`;
- *RSS*, *VmHWM* (the peak RSS so far), *threads*: \`/proc/PID/status\`;
- *conn src/dst*: exlSchema's own ESTABLISHED TCP connections to each FE's query port: its
  socket descriptors matched by inode with \`/proc/PID/net/tcp\` and \`tcp6\`, counted by remote
  port. This is what the pool bound is about, and nothing else's connections are in it;
  *http* = the same to each FE's HTTP port (0 for these modes), *other* = any other TCP peer;
- *processlist*: \`SHOW PROCESSLIST\` rows on each FE (every ${m8_pl_every}th sample, the sampler's own
  row not counted). srsim lists every client there: exlSchema's pool, and also the short
  connections srsim itself opens (the target srsim asks the source FE \`ADMIN SHOW SIM STORAGE\`
  when a JDBC catalog is first read); srsim's processlist has no program name to tell them
  apart, so it is the cross-check, and the connection bound is checked on the client side.

RSS at 10 / 50 / 90 % is the sample nearest before that share of the run's wall time.

Bounds, from the code:

- connections per FE ≤ **$m8_pool** = -thread + 1: \`drive()\` (\`src/modes/drive.cpp\`) makes one
  \`db::Pool\` per cluster of \`threads + 1\` connections; every statement of a run leases from
  it; the cluster-facts connection before it is closed before the pools open;
- fds ≤ **$m8_fd_bound** = 2·$m8_pool pool sockets + $m8_fd_fixed (stdin/out/err, the \`-log\` file, the state
  store's SQLite files, and short-lived ones), whatever the table count, and the $(commas "$big")-table
  run has at most 2 more than the $(commas "$small")-table run;
- threads ≤ **$m8_thread_bound** = -thread + 5 (the runner's workers; main, the signal watcher and its
  canceller, the throttle's watcher, the progress reporter);
- memory: what the run keeps per table until its end (its plan: the source's model, DDL, the
  statements of its tasks; its report row and task results) is a record of some KiB: heaptrack
  over a plan-only \`-o v2 -a\` run found 8.6 KiB of heap per table more at 2,000 tables than at
  200 (16.5 KiB before the plans and reports stopped being copied; docs/ARCHITECTURE.md,
  "Resource use"). The peak RSS may grow by at most **$m8_mem_per_table_kib KiB per table** from
  $(commas "$small") to $(commas "$big") tables, about twice that record, for the allocator's slack.

| mode | tables | exit | target tables | wall s | samples | ms per sample | max fds | max conn src / dst | max processlist src / dst | max http src / dst / other | max threads | peak RSS MiB (VmHWM) | RSS at 10 / 50 / 90 % MiB | conn ≤ $m8_pool | fds ≤ $m8_fd_bound | threads ≤ $m8_thread_bound |
|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|
$rows
Growth with the table count, $(commas "$small") → $(commas "$big"):

| mode | peak RSS $(commas "$small") MiB | peak RSS $(commas "$big") MiB | KiB per extra table | ≤ $m8_mem_per_table_kib KiB | max fds $(commas "$small") | max fds $(commas "$big") | fds flat (≤ +2) |
|---|---:|---:|---:|---|---:|---:|---|
$bounds
Every run exits 0 with every table on the target, and every bound holds: $(goal $ok).

Descriptors of the $(commas "$big")-table v2 run at its most (\`/proc/PID/fd\` link targets by kind; files
by name). exlSchema inherits what the shell leaves open: under \`flock /tmp/exl-build.lock\` that
is the lock file, which is not exlSchema's own:

| kind | count |
|---|---:|
$kinds
EOF
  } >"$results/scale.md"
}
