#!/usr/bin/env bash
# End-to-end: every bad input exits 2 with exactly one line on stderr and nothing on stdout,
# before any connection. The configured hosts are in TEST-NET-1 (192.0.2.0/24, RFC 5737): a
# connection attempt would hang until `timeout` kills it (exit 124) instead of exiting 2.
# Usage: bash bad_input.sh /path/to/exlSchema
set -u
BIN=$(realpath "${1:?usage: bad_input.sh /path/to/exlSchema}")
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export HOME=$WORK
unset EXLSCHEMA_CONFIG
cd "$WORK" || exit 1

CONFIG=$WORK/exl.yaml
cat >"$CONFIG" <<'YAML'
clusters:
  a: {host: 192.0.2.1, user: u, password: x-secret-1}
  b: {host: 192.0.2.2, user: u, password_env: EXL_CLI_TEST_UNSET}
  c: {host: 192.0.2.3, user: u}
  a_again: {host: 192.0.2.1, port: 9030, user: u2}
YAML
chmod 600 "$CONFIG"
BAD_YAML=$WORK/bad.yaml
printf 'clusters:\n  a:\n    host: [x\n' >"$BAD_YAML"
MISSING_KEY=$WORK/missing.yaml
printf 'clusters:\n  a:\n    host: h\n' >"$MISSING_KEY"
WRONG_TYPE=$WORK/wrong.yaml
printf 'clusters:\n  a:\n    host: h\n    user: u\n    port: x\n' >"$WRONG_TYPE"
TWICE=$WORK/twice.yaml
printf 'clusters:\n  a: {host: 192.0.2.1, user: u}\n  c: {host: 192.0.2.2, user: u}\n  a: {host: 192.0.2.3, user: u}\n' >"$TWICE"
chmod 600 "$BAD_YAML" "$MISSING_KEY" "$WRONG_TYPE" "$TWICE"
unset EXL_CLI_TEST_UNSET

failures=0
total=0
BASE=(-source a -target c -t db.tbl -o v2 -config "$CONFIG")
BASE_V1=(-source a -target c -t db.tbl -o v1 -config "$CONFIG")

# expect_usage "what it checks" "substring of the message" args...
expect_usage() {
  local what=$1 expected=$2
  shift 2
  total=$((total + 1))
  local out err code lines
  out=$(timeout 5 "$BIN" "$@" 2>"$WORK/err")
  code=$?
  err=$(cat "$WORK/err")
  lines=$(grep -c '' "$WORK/err")
  if [[ $code -ne 2 || $lines -ne 1 || -n $out || $err != *"$expected"* ]]; then
    echo "FAIL: $what: exit $code, $lines stderr line(s), stdout '${out}', stderr: $err"
    echo "      expected exit 2, one line containing: $expected"
    failures=$((failures + 1))
  fi
}

expect_usage "unknown flag" "not expected: -frobnicate" "${BASE[@]}" -frobnicate
expect_usage "unknown GNU flag" "not expected: --frobnicate" "${BASE[@]}" --frobnicate
expect_usage "password on the command line" "-password" "${BASE[@]}" -password x
expect_usage "stray argument" "not expected: extra" "${BASE[@]}" extra
expect_usage "missing -source" "missing required flag -source" -target c -t d.t -o v2
expect_usage "missing -target" "missing required flag -target" -source a -t d.t -o v2
expect_usage "missing -t" "missing required flag -t" -source a -target c -o v2
expect_usage "missing -o" "missing required flag -o" -source a -target c -t d.t
expect_usage "no arguments" "missing required flag -source"
expect_usage "missing value" "-t needs a value" -source a -target c -o v2 -t
expect_usage "unknown mode" "--o: v9 not in {mysql,starrocks,meta,ghost,v1,v2,v3,v4,v5,pipe,files}" -source a -target c -t d.t -o v9
expect_usage "-thread 0" "--thread: Value 0 not in range 1 to 256" "${BASE[@]}" -thread 0
expect_usage "--thread=0" "--thread: Value 0 not in range 1 to 256" "${BASE[@]}" --thread=0
expect_usage "-thread abc" "--thread: 'abc' is not a whole number" "${BASE[@]}" -thread abc
expect_usage "-speed 0" "--speed: must be a number > 0" "${BASE[@]}" -speed 0
expect_usage "-speed -1" "--speed: must be a number > 0" "${BASE[@]}" -speed -1
expect_usage "-speed abc" "--speed: must be a number > 0" "${BASE[@]}" -speed abc
expect_usage "-interval 0" "--interval: Value 0 not in range 1 to" "${BASE[@]}" -interval 0
expect_usage "-replication 0" "--replication: (Value 0 not in range -1 to -1) OR" "${BASE[@]}" -replication 0
expect_usage "empty -t" "-t is empty" -source a -target c -t "" -o v2
expect_usage "blank -t" "-t is empty" -source a -target c -t " " -o v2
expect_usage "db." "entry 'db.' is malformed" -source a -target c -t db. -o v2
expect_usage ".tbl" "entry '.tbl' is malformed" -source a -target c -t .tbl -o v2
expect_usage "a..b" "entry 'a..b' is malformed" -source a -target c -t a..b -o v2
expect_usage "a.b.c" "entry 'a.b.c' is malformed" -source a -target c -t a.b.c -o v2
expect_usage "double comma" "empty entry (stray comma)" -source a -target c -t a.b,,c.d -o v2
expect_usage "leading comma" "empty entry (stray comma)" -source a -target c -t ,a.b -o v2
expect_usage "trailing comma" "empty entry (stray comma)" -source a -target c -t a.b, -o v2
expect_usage "no table" "entry 'db' has no table" -source a -target c -t db -o v2
expect_usage "bad db name" "does not allow in a database name" -source a -target c -t my-db.t -o v2
expect_usage "table name too long" "table name is 1025 characters long" -source a -target c -t "db.$(printf 't%.0s' {1..1025})" -o v2
expect_usage "db name with ';'" "contains ';' which StarRocks does not allow in a database name" -source a -target c -t 'd;b.t' -o v2
expect_usage "db name with a quote" "entry 'd'b.t'" -source a -target c -t "d'b.t" -o v2
expect_usage "db name with a backquote" "contains '\`'" -source a -target c -t 'd`b.t' -o v2
expect_usage "db name with unicode" "a non-ASCII character" -source a -target c -t 'dé.t' -o v2
expect_usage "db name too long" "database name is 257 characters long" -source a -target c -t "$(printf 'd%.0s' {1..257}).t" -o v2
expect_usage "db name --" "contains '-'" -source a -level db -target c -t 'd--x' -o ghost
expect_usage "renamed onto a bad db" "entry 'd.t=e;x.t'" -source a -target c -t 'd.t=e;x.t' -o v2
expect_usage "partition with ';'" "-p entry 'p;1'" "${BASE[@]}" -p 'p;1'
expect_usage "partition with a quote" "-p entry 'p'1'" "${BASE[@]}" -p "p'1"
expect_usage "partition placeholder_" "which StarRocks reserves" "${BASE[@]}" -p placeholder_1
expect_usage "partition too long" "partition name is 65 characters long" "${BASE[@]}" -p "$(printf 'p%.0s' {1..65})"
expect_usage "digit first" "starts with a digit" -source a -target c -t 1db.t -o v2
expect_usage "bad partition" "-p entry 'p-1'" "${BASE[@]}" -p p-1
expect_usage "bad exclude" "-x has an empty entry" "${BASE[@]}" -x d.t,
expect_usage "-level" "--level: schema not in {table,db}" "${BASE[@]}" -level schema
expect_usage "-level db with a table" "-level db expects database names" "${BASE[@]}" -level db
expect_usage "same alias" "-source and -target are both 'a'" -source a -target a -t d.t -o v2
expect_usage "renamed glob" "entry 'd.ods_*=e.ods_*' renames a pattern" \
  -source a -target c -t 'd.ods_*=e.ods_*' -o v2
expect_usage "renamed db glob" "entry 'd*=e' renames a pattern" -source a -target c -level db -t 'd*=e' -o ghost
expect_usage "rename in -x" "-x entry 'd.a=e.b' renames, but only -t entries may rename" \
  "${BASE[@]}" -x d.a=e.b
expect_usage "rename without table" "entry 'd.a=e' has no table" -source a -target c -t d.a=e -o v2
expect_usage "rename to a table at db level" "entry 'd=e.b' names a table" \
  -source a -target c -level db -t d=e.b -o ghost
expect_usage "rename malformed" "entry 'd.a=' is malformed: write db.table=db2.table2" \
  -source a -target c -t d.a= -o v2
expect_usage "rename bad name" "entry 'd.a=e-x.b'" -source a -target c -t d.a=e-x.b -o v2
expect_usage "two renames onto one target" "entries 'd.a=e.x' and 'd.b=e.x' both write e.x on the target" \
  -source a -target c -t d.a=e.x,d.b=e.x -o v2
expect_usage "one source, two targets" "entries 'd.a=e.x' and 'd.a=e.y' name the same source" \
  -source a -target c -t d.a=e.x,d.a=e.y -o v2
expect_usage "same alias, one entry not renamed" "entry 'd.u' is not renamed" \
  -source a -target a -t d.t=d.t2,d.u -o v2
expect_usage "same alias, glob" "entry 'd.*' is not renamed" -source a -target a -t 'd.*' -o v2
expect_usage "same alias, chained renames" "entry 'd.a=d.b' writes d.b, which entry 'd.b=d.c' reads" \
  -source a -target a -t d.a=d.b,d.b=d.c -o v2
expect_usage "same alias, every entry renamed (passes the check)" "-o meta needs scs.home" \
  -source a -target a -t d.t=d.t2 -o meta -config "$CONFIG"
expect_usage "same server, not renamed" "are the same server 192.0.2.1:9030: copying within one cluster" \
  -source a -target a_again -t d.t -o v2 -config "$CONFIG"
expect_usage "same server, renamed (passes the check)" "-o meta needs scs.home" \
  -source a -target a_again -t d.t=d.t2 -o meta -config "$CONFIG"
expect_usage "-q and -v" "--q excludes --v" "${BASE[@]}" -q -v
expect_usage "switch with value" "r was given a disallowed flag override" "${BASE[@]}" -r=1
expect_usage "repeated flag" "--o: At Most 1 required but received 2" "${BASE[@]}" -o v3
expect_usage "mode-only switch" "-batch only applies to -o v1" "${BASE[@]}" -batch
expect_usage "unknown alias" "unknown cluster alias 'nope' for -target" \
  -source a -target nope -t d.t -o v2 -config "$CONFIG"
expect_usage "unset password variable" "EXL_CLI_TEST_UNSET is not set" \
  -source a -target b -t d.t -o v2 -config "$CONFIG"
expect_usage "missing config" "(from -config) does not exist" \
  -source a -target c -t d.t -o v2 -config "$WORK/none.yaml"
expect_usage "no config anywhere" "no configuration file" -source a -target c -t d.t -o v2
expect_usage "malformed YAML" "bad.yaml:3: malformed YAML" \
  -source a -target c -t d.t -o v2 -config "$BAD_YAML"
expect_usage "missing key" "missing.yaml:2: clusters.a: missing key 'user'" \
  -source a -target c -t d.t -o v2 -config "$MISSING_KEY"
expect_usage "wrong type" "wrong.yaml:5: clusters.a.port: expected a whole number" \
  -source a -target c -t d.t -o v2 -config "$WRONG_TYPE"
expect_usage "alias written twice" "twice.yaml:4: clusters.a: written twice (first at line 2)" \
  -source a -target c -t d.t -o v2 -config "$TWICE"
expect_usage "-log into a directory" "cannot open the -log file" "${BASE[@]}" -log "$WORK"
expect_usage "-json into a missing directory" "-json $WORK/none/r.json: directory" \
  "${BASE[@]}" -json "$WORK/none/r.json"
expect_usage "-metrics into a missing directory" "-metrics $WORK/none/exl.prom: directory" \
  "${BASE[@]}" -r -metrics "$WORK/none/exl.prom"
expect_usage "--metrics= into a missing directory" "-metrics $WORK/none/exl.prom: directory" \
  "${BASE[@]}" -r --metrics="$WORK/none/exl.prom"
mkdir -p "$WORK/dir.prom"
expect_usage "-metrics naming a directory" "-metrics $WORK/dir.prom is a directory" \
  "${BASE[@]}" -r -metrics "$WORK/dir.prom"
expect_usage "-metrics not *.prom" "-metrics $WORK/exl.txt: the file must be named *.prom" \
  "${BASE[@]}" -r -metrics "$WORK/exl.txt"
expect_usage "-metrics equal to -json" "-metrics $WORK/x.prom is also the -json file" \
  "${BASE[@]}" -r -metrics "$WORK/x.prom" -json "$WORK/x.prom"
expect_usage "-metrics empty" "-metrics is empty" "${BASE[@]}" -r --metrics=
expect_usage "-metrics on check" "-metrics only applies to a run and to 'exlSchema verify'" \
  check -source a -metrics "$WORK/x.prom"
expect_usage "verify -metrics into a missing directory" "-metrics $WORK/none/v.prom: directory" \
  verify -source a -target c -t db.tbl -config "$CONFIG" -metrics "$WORK/none/v.prom"
expect_usage "lone dash" "not expected: -" "${BASE[@]}" -
expect_usage "octal-looking number" "--thread: '010' is not a whole number" "${BASE[@]}" -thread 010
expect_usage "-speed nan" "--speed: must be a number > 0" "${BASE[@]}" -speed nan
expect_usage "-level 1" "--level: 1 not in {table,db}" "${BASE[@]}" -level 1
expect_usage "repeated through an alias" "--v: At Most 1 required" "${BASE[@]}" -v --verbose
expect_usage "empty value" "-json is empty" "${BASE[@]}" --json= -r
expect_usage "two sub-commands" "not expected: clean" check clean -target c
expect_usage "clustered switches" "not expected: -ri" "${BASE[@]}" -ri
expect_usage "-where with ';'" "--where: contains ';'" "${BASE_V1[@]}" -i -where "1=1; DROP TABLE t"
expect_usage "-where with a comment" "--where: contains a comment" "${BASE_V1[@]}" -i -where "a=1 -- x"
expect_usage "-where with a trailing ';'" "--where: contains ';'" "${BASE_V1[@]}" -i -where "k > 1;"
expect_usage "-where ';' after a literal" "--where: contains ';'" "${BASE_V1[@]}" -i -where "s = 'a;b'; DROP TABLE t"
expect_usage "-where with a # comment" "--where: contains a comment" "${BASE_V1[@]}" -i -where "a=1 # x"
expect_usage "-where with a /* comment" "--where: contains a comment" "${BASE_V1[@]}" -i -where "a=1 /* x"
expect_usage "-where -- after a literal" "--where: contains a comment" "${BASE_V1[@]}" -i -where "s = 'x--y' --"
expect_usage "-where with UNION" "--where: is not one expression" "${BASE_V1[@]}" -i -where "1=1 UNION SELECT 1"
expect_usage "-where unbalanced" "--where: has a '(' that is never closed" "${BASE_V1[@]}" -i -where "(a=1"
expect_usage "-where open quote" "--where: has an unterminated quote" "${BASE_V1[@]}" -i -where "a='x'' or 1"
expect_usage "-where with a repair mode" "-where cannot be used with -o v2: it overwrites whole partitions" \
  "${BASE[@]}" -i -where "k > 1"
expect_usage "-where with ghost" "-where only applies to a one-time -i load" \
  -source a -target c -t db.tbl -o ghost -config "$CONFIG" -i -where "k > 1"
expect_usage "-where with meta" "(got -o meta)" \
  -source a -target c -t db.tbl -o meta -config "$CONFIG" -i -where "k > 1"
expect_usage "-where on incremental rounds" "-where needs -i" "${BASE_V1[@]}" -where "k > 1"
# Sentinels for "the checks passed": a -json directory that does not exist is refused after
# every flag was checked and before the configuration is read; a meta run without scs.home stops
# after the configuration and the aliases were resolved, before anything connects.
expect_usage "-where accepted on a pipe first load, quotes and all" "-json $WORK/none/r.json: directory" \
  -source a -target c -t db.tbl -o pipe -config "$CONFIG" -i -where "name = 'a;b -- c'" \
  -json "$WORK/none/r.json"
expect_usage "-where accepted, ';' '--' '#' '/*' inside literals" "-json $WORK/none/r.json: directory" \
  -source a -target c -t db.tbl -o pipe -config "$CONFIG" -i \
  -where "s = 'x--y' OR s = \"a;b\" OR s = '#h' OR s = '/* c */' OR s = 'it''s'" -json "$WORK/none/r.json"
expect_usage "-where accepted, odd backquoted column" "-json $WORK/none/r.json: directory" \
  -source a -target c -t db.tbl -o pipe -config "$CONFIG" -i -where '`we;ird--x` > 1' \
  -json "$WORK/none/r.json"
expect_usage "odd table names accepted (3.3 holds them)" "-json $WORK/none/r.json: directory" \
  -source a -target c -t "db.t;x--y,db.t'q,db.表" -o v2 -config "$CONFIG" -json "$WORK/none/r.json"
expect_usage "-where accepted on a pipe first load" "-json $WORK/none/r.json: directory" \
  -source a -target c -t db.tbl -o pipe -config "$CONFIG" -i -where "k > 1" -json "$WORK/none/r.json"
# -o meta: what the configuration must hold, checked before anything connects.
expect_usage "meta without scs.home" "-o meta needs scs.home in the configuration" \
  -source a -target c -t db.tbl -o meta -config "$CONFIG"
SCS_HOME=$WORK/scs
mkdir -p "$SCS_HOME/bin"
META_CONFIG=$WORK/meta.yaml
cat "$CONFIG" >"$META_CONFIG"
printf 'scs:\n  home: %s\n  properties:\n    meta_job_threads: 2\n' "$SCS_HOME" >>"$META_CONFIG"
BAD_KEY_CONFIG=$WORK/meta-bad-key.yaml
cat "$CONFIG" >"$BAD_KEY_CONFIG"
printf 'scs:\n  home: %s\n  properties:\n    include_data_list: x\n' "$SCS_HOME" >>"$BAD_KEY_CONFIG"
chmod 600 "$META_CONFIG" "$BAD_KEY_CONFIG"
expect_usage "meta with an unusable scs home" \
  "is not a usable starrocks-cluster-sync installation: missing bin/start.sh, bin/stop.sh, conf" \
  -source a -target c -t db.tbl -o meta -config "$META_CONFIG"
touch "$SCS_HOME/bin/start.sh" "$SCS_HOME/bin/stop.sh"
mkdir -p "$SCS_HOME/conf"
expect_usage "meta with scripts that cannot run" \
  "missing an executable bin/start.sh, an executable bin/stop.sh" \
  -source a -target c -t db.tbl -o meta -config "$META_CONFIG"
chmod +x "$SCS_HOME/bin/start.sh" "$SCS_HOME/bin/stop.sh"
expect_usage "meta cannot rename" "-o meta cannot rename (-t db.tbl=db.t2)" \
  -source a -target c -t db.tbl=db.t2 -o meta -config "$META_CONFIG"
expect_usage "meta copies whole tables" "-p cannot be used with -o meta" \
  -source a -target c -t db.tbl -o meta -config "$META_CONFIG" -p p1
expect_usage "meta: a derived scs key in scs.properties" "exlSchema writes 'include_data_list'" \
  -source a -target c -t db.tbl -o meta -config "$BAD_KEY_CONFIG"

# -o files: storage: must be there, its keys set, before anything connects (issue #17).
expect_usage "files without storage" "-o files needs storage: in the configuration" \
  -source a -target c -t db.tbl -o files -config "$CONFIG"
FILES_CONFIG=$WORK/files.yaml
cat "$CONFIG" >"$FILES_CONFIG"
printf 'storage:\n  source:\n    endpoint: http://192.0.2.9:9000\n    bucket: b\n    access_key_env: EXL_CLI_S3_AK\n    secret_key_env: EXL_CLI_S3_SK\n' >>"$FILES_CONFIG"
BAD_STORAGE=$WORK/files-bad.yaml
cat "$CONFIG" >"$BAD_STORAGE"
printf 'storage:\n  format: orc\n  source:\n    bucket: b\n    access_key_env: A\n    secret_key_env: B\n' >>"$BAD_STORAGE"
chmod 600 "$FILES_CONFIG" "$BAD_STORAGE"
expect_usage "files with its key variable unset" "storage.source.access_key_env: environment variable EXL_CLI_S3_AK is not set" \
  -source a -target c -t db.tbl -o files -config "$FILES_CONFIG"
expect_usage "files: a format storage: does not know" "storage.format: expected auto, parquet or csv" \
  -source a -target c -t db.tbl -o files -config "$BAD_STORAGE"
expect_usage "-keep-files belongs to -o files" "-keep-files only applies to -o files (got -o v2)" "${BASE[@]}" -keep-files

BASE_NI=(-source a -target c -t db.tbl -o meta -config "$CONFIG")
# The throttle's control files: accepted with every mode, refused empty, without a value, or as
# one file for both.
expect_usage "control files accepted" "-o meta needs scs.home" "${BASE_NI[@]}" \
  -pause-file "$WORK/exl.pause" --panic-file="$WORK/exl.panic"
expect_usage "empty -pause-file" "-pause-file is empty (PATH)" "${BASE[@]}" -pause-file ""
expect_usage "-panic-file without value" "-panic-file needs a value (PATH)" "${BASE[@]}" -panic-file
expect_usage "one file to pause and panic" "-pause-file and -panic-file are both" "${BASE[@]}" \
  -pause-file "$WORK/x" -panic-file "$WORK/x"
CRITICAL_LOW=$WORK/critical.yaml
printf 'clusters:\n  a: {host: 192.0.2.1, user: u}\n  c: {host: 192.0.2.3, user: u}\ndefaults:\n  max_disk_used_pct: 85\n  critical_disk_used_pct: 80\n' >"$CRITICAL_LOW"
chmod 600 "$CRITICAL_LOW"
expect_usage "critical disk limit below the pause limit" \
  "defaults.critical_disk_used_pct: must be at least max_disk_used_pct (85), got 80" \
  -source a -target c -t db.tbl -o v2 -config "$CRITICAL_LOW"
expect_usage "clean with an unknown alias" "unknown cluster alias 'nope' for -target" \
  clean -target nope -config "$CONFIG"
expect_usage "clean with an unknown source alias" "unknown cluster alias 'nope' for -source" \
  clean -target c -source nope -config "$CONFIG"

# `check`: bad input is refused before any cluster is connected to (the clusters of $CONFIG are
# unroutable TEST-NET addresses: a connection attempt would outlast the 5 s timeout).
DISK_BAD=$WORK/disk.yaml
printf 'clusters:\n  a: {host: 192.0.2.1, user: u}\ndefaults:\n  max_disk_used_pct: 120\n' >"$DISK_BAD"
chmod 600 "$DISK_BAD"
expect_usage "check without clusters" "check needs -source and/or -target" check -config "$CONFIG"
expect_usage "check unknown -source" "nosuch" check -source nosuch -config "$CONFIG"
expect_usage "check unknown -target" "nosuch" check -source a -target nosuch -config "$CONFIG"
expect_usage "check unset password variable" "EXL_CLI_TEST_UNSET" \
  check -source a -target b -config "$CONFIG"
expect_usage "check unknown flag" "not expected: -frobnicate" check -source a -frobnicate \
  -config "$CONFIG"
expect_usage "check bad disk threshold" "defaults.max_disk_used_pct" check -source a \
  -config "$DISK_BAD"
expect_usage "check missing config" "none.yaml" check -source a -config "$WORK/none.yaml"

# A password must never be echoed back, even inside an error about it.
out=$("$BIN" -source a -target nope -t d.t -o v2 -config "$CONFIG" -v 2>&1)
if [[ $out == *x-secret-1* ]]; then
  echo "FAIL: a configured password appears in the output: $out"
  failures=$((failures + 1))
fi

echo "bad_input.sh: $((total - failures))/$total cases exit 2 with one stderr line"
[[ $failures -eq 0 ]]

# history (issue #9): bad input exits 2 with one line and no state store is created or opened.
export XDG_STATE_HOME=$WORK/xdg
expect_usage "history -n 0" "--n: Value 0 not in range 1 to" history -n 0
expect_usage "history -n -1" "--n:" history -n -1
expect_usage "history -n abc" "--n: 'abc' is not a whole number" history -n abc
expect_usage "history -n without value" "-n needs a value" history -n
expect_usage "history unknown flag" "not expected: -frobnicate" history -frobnicate
expect_usage "history with a run flag" "-o does not apply to 'history'" history -o v2
expect_usage "history with -source" "-source does not apply to 'history'" history -source a
expect_usage "history with a malformed -t" "-t entry 'db..t' is malformed" history -t "db..t"
expect_usage "-n on a run" "-n only applies to 'exlSchema history'" "${BASE[@]}" -n 3
expect_usage "history with a missing -config" "(from -config) does not exist" \
  history -config "$WORK/none.yaml"
expect_usage "history -json into a missing directory" "-json $WORK/none/h.json: directory" \
  history -json "$WORK/none/h.json"
expect_usage "history -metrics" "-metrics does not apply to 'history'" history -metrics "$WORK/h.prom"
if [[ -e $WORK/xdg ]]; then
  echo "FAIL: bad history input created $WORK/xdg"
  failures=$((failures + 1))
fi
unset XDG_STATE_HOME
echo "bad_input.sh (history): $failures failure(s) in all"
[[ $failures -eq 0 ]]
