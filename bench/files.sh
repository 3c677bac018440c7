# shellcheck shell=bash
# Measurement 9 (issue #17, bench/results/files.md): `exlSchema -o files` (the source exports each
# partition into a bucket with INSERT INTO FILES, the target loads it with FILES()) through the
# sandbox's s3rver, with one bucket (nothing passes through this host) and with two (this host
# copies every object from exl-src to exl-dst, streamed in parts, multipart above 16 MiB): wall
# time, rows/s, exlSchema's peak RSS against the largest object, and the statements per side.
# Sourced by bench/run.sh after its helpers (sql, say, commas, ratio, goal, count, exl_only,
# header) and variables ($repo, $dir, $runs, $results, $exl, the sandbox's variables) exist;
# defines measure_files.
# shellcheck disable=SC2154 # repo, dir, runs, results, exl and the sandbox's variables: run.sh's

m9_rows=2000000  # demo.events of tests/sim/load_sample.sh, copied into bench.files3
m9_table=bench.files3
# bench.files3: 3 daily partitions; id % 10 < 8 goes to the first (80% of the rows, so that its
# CSV object is larger than 64 MiB: 4 parts of 16 MiB and more), 8 and 9 to one each.
m9_cases=(one two) # one bucket (exl-src for both), two buckets (exl-src, then exl-dst)
m9_threads=1       # -thread: one copy at a time, so that the peak is one copy's buffers
m9_part_mib=16     # the copy's part size (docs/storage.md)
m9_goal_mib=64     # two-bucket peak RSS < one-bucket peak + this, whatever the object's size

# m9_config CASE: the sandbox's exlSchema.yaml plus a storage: section (tests/e2e/files_test.cpp,
# FilesJob); `format: csv` because srsim does not write Parquet.
m9_spot() { # m9_spot source|target BUCKET: one location of the storage: section
  printf '  %s:\n    endpoint: %s\n    bucket: %s\n    prefix: bench\n' "$1" "$EXL_S3_ENDPOINT" "$2"
  printf '    access_key_env: EXL_S3_ACCESS_KEY\n    secret_key_env: EXL_S3_SECRET_KEY\n'
}
m9_config() {
  local f=$dir/files_$1.yaml
  {
    cat "$dir/exlSchema.yaml"
    printf 'storage:\n  format: csv\n'
    m9_spot source exl-src
    if [ "$1" = two ]; then m9_spot target exl-dst; fi
  } >"$f"
  chmod 600 "$f" # exlSchema warns about a configuration others can read
  echo "$f"
}

# m9_watch NAME: until $runs/NAME.watching is removed, every 0.5 s, the size and path of each
# object in the sandbox's s3rver (DIR/s3/data/<bucket>/<key>._S3rver_object) into NAME.objects
# ("bytes bucket/key" lines). The run deletes its objects once the table is audited, and
# file_units goes with them, so the sizes are read while they exist (an object lives from its
# export until the table's audit, seconds; the largest size seen is the object's).
m9_watch() {
  local data=$dir/s3/data
  : >"$runs/$1.objects"
  while [ -e "$runs/$1.watching" ]; do
    find "$data" -name '*._S3rver_object' -printf '%s %P\n' >>"$runs/$1.objects" 2>/dev/null || true
    sleep 0.5
  done
}
# m9_objects NAME BUCKET: "count bytes largest" of the objects seen in BUCKET during run NAME.
m9_objects() {
  awk -v b="$2/" 'index($2, b) == 1 { if ($1 > s[$2]) s[$2] = $1 }
    END { for (k in s) { n++; t += s[k]; if (s[k] > m) m = s[k] } printf "%d %d %d\n", n, t, m }' \
    "$runs/$1.objects"
}

# m9_run CASE: one `-o files -r -i` run into database f_CASE on the target with a fresh state
# store; leaves in $runs: files_CASE.time ("user sys elapsed maxrss_kib"), .rc, .out, .log,
# .src / .dst (its statements per side), .objects (m9_watch) and .rows (the target's row count).
m9_run() {
  local c=$1 name=files_$1 rc=0 s0 d0 cfg
  cfg=$(m9_config "$c")
  rm -rf "$runs/$name.state"
  s0=$(wc -c <"$SRC_DATA_DIR/query.log")
  d0=$(wc -c <"$DST_DATA_DIR/query.log")
  touch "$runs/$name.watching"
  m9_watch "$name" &
  local watcher=$!
  XDG_STATE_HOME=$runs/$name.state /usr/bin/time -f "%U %S %e %M" -o "$runs/$name.time" \
    "$exl" -config "$cfg" -source src -target dst -nonotify -log "$runs/$name.log" \
    -o files -r -i -thread "$m9_threads" -t "$m9_table=f_$c.files3" >"$runs/$name.out" 2>&1 || rc=$?
  echo "$rc" >"$runs/$name.rc"
  tail -c +$((s0 + 1)) "$SRC_DATA_DIR/query.log" | exl_only >"$runs/$name.src"
  tail -c +$((d0 + 1)) "$DST_DATA_DIR/query.log" | exl_only >"$runs/$name.dst"
  rm -f "$runs/$name.watching"
  wait "$watcher" || true
  sql dst "SELECT COUNT(*) FROM f_$c.files3" >"$runs/$name.rows" 2>/dev/null || echo 0 >"$runs/$name.rows"
  say "$name: exit $rc, $(m9_field "$name" 3) s, peak RSS $(m9_field "$name" 4) KiB"
}
m9_field() { tail -n 1 "$runs/$1.time" | awk -v f="$2" '{ print $f }'; } # m9_field NAME 1..4
m9_mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }         # KiB -> MiB
m9_bytes_mib() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1048576 }'; } # bytes -> MiB

measure_files() {
  local t0=$SECONDS c n
  say "9. -o files: loading $(commas $m9_rows) rows (tests/sim/load_sample.sh) into $m9_table"
  n=$SECONDS
  "$repo/tests/sim/load_sample.sh" "$dir" --rows "$m9_rows" >"$runs/files_load.out" 2>&1
  sql src "CREATE DATABASE IF NOT EXISTS bench" \
    "CREATE TABLE $m9_table (
       dt DATE NOT NULL, id BIGINT NOT NULL, user_id INT, kind VARCHAR(16), amount DECIMAL(12, 2)
     ) DUPLICATE KEY(dt, id)
     PARTITION BY RANGE(dt) (START ('2024-01-01') END ('2024-01-04') EVERY (INTERVAL 1 DAY))
     DISTRIBUTED BY HASH(id) BUCKETS 8 PROPERTIES ('replication_num' = '1')" \
    "INSERT INTO $m9_table SELECT CASE WHEN id % 10 < 8 THEN '2024-01-01' WHEN id % 10 = 8
       THEN '2024-01-02' ELSE '2024-01-03' END, id, user_id, kind, amount FROM demo.events"
  m9_load_s=$((SECONDS - n))
  [ "$(sql src "SELECT COUNT(*) FROM $m9_table")" = "$m9_rows" ] ||
    { echo "run.sh: $m9_table does not hold $m9_rows rows" >&2; exit 1; }
  sql src "SELECT dt, COUNT(*) FROM $m9_table GROUP BY dt ORDER BY dt" >"$runs/files_parts"
  for c in "${m9_cases[@]}"; do m9_run "$c"; done
  m9_load_avg=$(awk '{ print $1, $2, $3 }' /proc/loadavg)
  m9_elapsed=$((SECONDS - t0))
  write_files_results
}

# m9_parts_note DELTA_MIB: why the copy's extra memory is what it is, in parts.
m9_parts_note() {
  if awk -v d="$1" -v p="$m9_part_mib" 'BEGIN { exit !(d > 2 * p) }'; then
    cat <<EOF
That is more than the two parts docs/storage.md names; probably (not measured apart here) the
GET's body: \`S3Client::get_range\` receives it into a \`std::string\` by appending each chunk libcurl
hands over (\`s3_on_body\` in \`src/storage/s3_client.cpp\`, no reserve from the Content-Length), so
a part's body grows by reallocation, the old and the new block (the new one up to twice the part's
size) are both held while it is copied, and the allocator need not give freed blocks of this size
back at once. If so, it grows with the part size, not with the object's; with -thread N up to
N copies run at once, each with its own buffers.
EOF
  else
    echo "That is within the two parts docs/storage.md names."
  fi
}

write_files_results() {
  local out=$results/files.md c name rc wall rows rate kib n bytes big copies big_mib ok one_kib two_kib
  local met delta
  {
    header "-o files: one bucket and two, wall time, peak RSS, statements"
    cat <<EOF
Measurement 9 (issue #17) took $m9_elapsed s (load average $m9_load_avg after it). Software:
$("$exl" -version 2>/dev/null | head -n 1 || echo exlSchema), srsim imitating StarRocks
$SRC_VERSION, the sandbox's s3rver (\`tests/s3/s3rver.sh\`, buckets exl-src and exl-dst) as the
object store; all on this machine.

Table: \`$m9_table\` on the source, the $(commas $m9_rows) rows of \`tests/sim/load_sample.sh --rows $m9_rows\`
(\`demo.events\`: DATE, BIGINT, INT, VARCHAR(16), DECIMAL(12, 2)) copied into 3 daily partitions by
\`id % 10\` (building both took $m9_load_s s):

| partition day | rows |
|---|---:|
$(while IFS=$'\t' read -r d n; do echo "| $d | $(commas "$n") |"; done <"$runs/files_parts")

Each run: \`exlSchema -o files -r -i -thread $m9_threads -t $m9_table=f_<case>.files3\` with a fresh state
store, under \`/usr/bin/time\`, with \`storage: format: csv\` (srsim writes no Parquet) and
the sandbox's exlSchema.yaml otherwise. *one*: \`source:\` exl-src only (the source exports, the target
loads from the same bucket; nothing passes through this host). *two*: \`target:\` exl-dst as well,
so this host copies each object from exl-src to exl-dst, one part ($m9_part_mib MiB) at a time,
multipart above $m9_part_mib MiB. The run includes the audit and the deletion of the run's objects.
\`-thread $m9_threads\` so that one copy at a time runs (with -thread N up to N copies run at once, each
with its own part buffers). *objects*, *bytes exported* and *largest object*: the export's objects
in exl-src, their sizes read from s3rver's files while the run goes on (the run deletes them at its
end, and their \`file_units\` rows with them); srsim writes one object per partition below its
1 GiB \`target_max_file_size\`. *copied to exl-dst*: the objects seen in exl-dst (two buckets only).

| case | exit | wall s | rows/s | CPU user + sys s | peak RSS KiB | peak RSS MiB | objects | bytes exported | largest object MiB | copied to exl-dst | target rows |
|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|
EOF
    for c in "${m9_cases[@]}"; do
      name=files_$c
      rc=$(cat "$runs/$name.rc")
      wall=$(m9_field "$name" 3)
      rows=$(cat "$runs/$name.rows")
      rate=$(awk -v r="$rows" -v w="$wall" 'BEGIN { printf "%d", (w > 0 ? r / w : 0) }')
      kib=$(m9_field "$name" 4)
      read -r n bytes big <<<"$(m9_objects "$name" exl-src)"
      read -r copies _ _ <<<"$(m9_objects "$name" exl-dst)"
      echo "| $c | $rc | $wall | $(commas "$rate") | $(m9_field "$name" 1) + $(m9_field "$name" 2) | $(commas "$kib") | **$(m9_mib "$kib")** | $n | $(commas "$bytes") | $(m9_bytes_mib "$big") | $copies | $(commas "$rows") |"
    done
    one_kib=$(m9_field files_one 4)
    two_kib=$(m9_field files_two 4)
    read -r _ _ big <<<"$(m9_objects files_two exl-src)"
    big_mib=$(m9_bytes_mib "$big")
    delta=$(awk -v a="$two_kib" -v b="$one_kib" 'BEGIN { printf "%.1f", (a - b) / 1024 }')
    met=0
    ok=1
    for c in "${m9_cases[@]}"; do
      [ "$(cat "$runs/files_$c.rc")" = 0 ] && [ "$(cat "$runs/files_$c.rows")" = "$m9_rows" ] || ok=0
    done
    awk -v a="$two_kib" -v b="$one_kib" -v g="$m9_goal_mib" 'BEGIN { exit !((a - b) / 1024 < g) }' &&
      [ "$ok" = 1 ] && [ "$big" -gt $((m9_goal_mib * 1048576)) ] && met=1
    cat <<EOF

Every run exited 0 and left the source's $(commas $m9_rows) rows in the target: $(goal "$ok").

Goal: the two-bucket run's peak RSS below the one-bucket run's plus $m9_goal_mib MiB, with an
object larger than $m9_goal_mib MiB to copy (so that the object could not fit in that margin):
$(m9_mib "$two_kib") MiB against $(m9_mib "$one_kib") MiB, **+$delta MiB** for copying a largest
object of **$big_mib MiB**: $(goal "$met").

Reading: the copy holds one part at a time (a ranged GET of $m9_part_mib MiB, then its UploadPart;
docs/storage.md says "memory is one to two parts"), so what copying adds should be bounded by the
part size, not by the object (one largest-object size is measured here: it shows the extra memory
below the object's size, not that it stays flat as objects grow): an object of $big_mib MiB ($(awk -v b="$big" -v p="$m9_part_mib" 'BEGIN { printf "%d", (b + p * 1048576 - 1) / (p * 1048576) }') parts) added $delta MiB, which is
$(awk -v d="$delta" -v p="$m9_part_mib" 'BEGIN { printf "%.1f", d / p }') parts of $m9_part_mib MiB. $(m9_parts_note "$delta")

## Statements per side

exlSchema's own statements (query logs, logins not counted), by kind (the text up to the first
quote, backquote or parenthesis). The goal of the design: one \`INSERT INTO FILES\` per partition
on the source (3 partitions), one load (\`INSERT INTO ... SELECT ... FROM FILES()\`) per partition on
the target.

| case | source: INSERT INTO FILES | target: INSERT ... FROM FILES() | source, all | target, all |
|---|---:|---:|---:|---:|
EOF
    for c in "${m9_cases[@]}"; do
      name=files_$c
      echo "| $c | $(awk -F'\t' '$4 ~ /^INSERT INTO FILES/ { n++ } END { print n + 0 }' "$runs/$name.src") | $(awk -F'\t' '$4 ~ /^INSERT / && $4 ~ /FROM FILES/ { n++ } END { print n + 0 }' "$runs/$name.dst") | $(count "$runs/$name.src" all) | $(count "$runs/$name.dst" all) |"
    done
    cat <<EOF

Besides the exports and the loads: each load is preceded by a look-up of its label
(\`information_schema.loads\`, \`SHOW LOAD\`, \`SHOW PROC "/transactions"\`: the label check every
load's LoadSender makes before sending), and \`SHOW BACKENDS\` is the target-disk check
(\`src/modes/target_disk.cpp\`), once per task and every 5 s while the run goes on, so its count
follows the run's length. \`SHOW PARTITIONS\` and the \`exl_partition\` count are the audit.
EOF
    for c in "${m9_cases[@]}"; do
      echo
      echo "Statements of the *$c* run by kind:"
      echo
      echo "| side | kind | statements |"
      echo "|---|---|---:|"
      kinds "$runs/files_$c.src" | awk -F'\t' '{ printf "| src | `%s` | %d |\n", $1, $2 }'
      kinds "$runs/files_$c.dst" | awk -F'\t' '{ printf "| dst | `%s` | %d |\n", $1, $2 }'
    done
  } >"$out"
}
