#!/usr/bin/env bash
# The shell baselines of measurement 7 (bench/pipe.sh, issue #14): what -o pipe is compared with,
# run by bench/run.sh under /usr/bin/time so that each one's client CPU (mariadb, curl, bash) is
# counted with it. Needs the sandbox's variables in the environment (bench/.sandbox/sandbox.env:
# SRC_PORT, SRC_PASSWORD, DST_HTTP_PORT) and CURL_AUTH, a curl config file holding
# `user = "root:<dst password>"` (so that no password is on a command line).
#   pipe_baselines.sh read SELECT COUNT_OUT
#       the source read alone: mariadb --quick, rows counted by wc -l into COUNT_OUT
#   pipe_baselines.sh load FILE DB TABLE LABEL JSON_OUT
#       Stream Load alone: one tab-separated FILE, one request
#   pipe_baselines.sh load-parts DIR DB TABLE LABEL JSON_DIR
#       Stream Load alone, one request per file DIR/<partition>.tsv, one at a time, with the
#       headers exlSchema sends per partition (PART_HEADERS below)
#   pipe_baselines.sh pipeline SELECT DB TABLE LABEL JSON_OUT
#       mariadb --quick --batch ... -e SELECT | curl -T - ... : one stream for the whole table
#   pipe_baselines.sh pipeline-parts SELECT COLUMN BOUNDS DB TABLE LABEL JSON_DIR
#       the same per partition, one after the other: SELECT ... WHERE COLUMN >= lower AND
#       COLUMN < upper for each line "name lower upper" of the file BOUNDS, with the headers
#       exlSchema sends per partition (PART_HEADERS below)
# Every Stream Load answer is written as JSON (one file per request); the caller checks them.
set -euo pipefail

die() { echo "pipe_baselines.sh: $*" >&2; exit 2; }
if [ -z "${SRC_PORT:-}" ] || [ -z "${DST_HTTP_PORT:-}" ]; then die "the sandbox's variables are not set"; fi
[ -f "${CURL_AUTH:-}" ] || die "CURL_AUTH must name a curl config file with the target's user"

read_rows() { # read_rows SELECT: the rows as tab-separated text on stdout
  MYSQL_PWD="$SRC_PASSWORD" mariadb --no-defaults -h127.0.0.1 -P"$SRC_PORT" -uroot \
    --quick --batch --raw --skip-column-names -e "$1"
}

# stream_load DB TABLE LABEL SOURCE [HEADER...]: one Stream Load of SOURCE (a file, or - for
# stdin) through the FE's 307 (--location-trusted resends the credentials to the BE),
# tab-separated, as StarRocks's documentation shows it (Expect: 100-continue).
stream_load() {
  local db=$1 table=$2 label=$3 source=$4 h headers=()
  shift 4
  for h in "$@"; do headers+=(-H "$h"); done
  curl -sS --location-trusted -K "$CURL_AUTH" -H "Expect: 100-continue" -H "label: $label" \
    -H 'column_separator: \x09' "${headers[@]}" -T "$source" \
    "http://127.0.0.1:$DST_HTTP_PORT/api/$db/$table/_stream_load"
}
# What exlSchema's request for one partition says besides its format (src/modes/pipe.cpp,
# starrocks/stream_load_request.cpp): the partition, strict mode, no filtered row. `columns` is
# left out: it names every column in order, which is the default.
part_headers() { echo "partitions: $1"; echo "strict_mode: true"; echo "max_filter_ratio: 0"; }

cmd=${1:-}
shift || true
case "$cmd" in
  read)
    [ $# = 2 ] || die "usage: read SELECT COUNT_OUT"
    read_rows "$1" | wc -l >"$2"
    ;;
  load)
    [ $# = 5 ] || die "usage: load FILE DB TABLE LABEL JSON_OUT"
    stream_load "$2" "$3" "$4" "$1" >"$5"
    ;;
  load-parts)
    [ $# = 5 ] || die "usage: load-parts DIR DB TABLE LABEL JSON_DIR"
    mkdir -p "$5"
    for f in "$1"/*.tsv; do
      p=$(basename "$f" .tsv)
      mapfile -t hs < <(part_headers "$p")
      stream_load "$2" "$3" "$4_$p" "$f" "${hs[@]}" >"$5/$p.json"
    done
    ;;
  pipeline)
    [ $# = 5 ] || die "usage: pipeline SELECT DB TABLE LABEL JSON_OUT"
    read_rows "$1" | stream_load "$2" "$3" "$4" - >"$5"
    ;;
  pipeline-parts)
    [ $# = 7 ] || die "usage: pipeline-parts SELECT COLUMN BOUNDS DB TABLE LABEL JSON_DIR"
    mkdir -p "$7"
    while read -r p lower upper; do
      mapfile -t hs < <(part_headers "$p")
      read_rows "$1 WHERE $2 >= '$lower' AND $2 < '$upper'" |
        stream_load "$4" "$5" "$6_$p" - "${hs[@]}" >"$7/$p.json"
    done <"$3"
    ;;
  *) die "unknown command '$cmd' (read, load, load-parts, pipeline, pipeline-parts)" ;;
esac
