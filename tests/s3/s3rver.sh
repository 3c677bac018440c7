#!/usr/bin/env bash
# The test object store of -o files (issue #17): one s3rver (npm, pinned in package-lock.json)
# on a free loopback port, its data in DIR.
#   s3rver.sh up DIR [--bucket NAME]...
#       starts it (buckets created at start), waits until it answers, writes DIR/s3.env
#       (shell-sourceable, 600: EXL_S3_ENDPOINT, EXL_S3_ACCESS_KEY=S3RVER, EXL_S3_SECRET_KEY=S3RVER
#       exported, s3rver's built-in key pair) and prints the endpoint.
#   s3rver.sh down DIR   stops it (by its pid file); the data stays.
#   s3rver.sh status DIR
# s3rver: $S3RVER_BIN, else tests/s3/node_modules/.bin/s3rver, installed by `npm ci` here when
# missing (scripts/setup.sh does the same). Its limits: docs/storage.md.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

die() { echo "s3rver.sh: $*" >&2; exit 1; }
# shellcheck source=../support/pids.sh
. "$here/../support/pids.sh"

find_s3rver() {
  s3rver_bin=${S3RVER_BIN:-$here/node_modules/.bin/s3rver}
  if [ -z "${S3RVER_BIN:-}" ] && [ ! -x "$s3rver_bin" ]; then
    command -v npm >/dev/null || die "npm not found (scripts/setup.sh installs nodejs and npm)"
    (cd "$here" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) ||
      die "npm ci in $here failed"
  fi
  [ -x "$s3rver_bin" ] || die "s3rver not found: $s3rver_bin"
}

up() {
  local buckets=()
  while [ $# -gt 0 ]; do
    case "$1" in
      --bucket) [ $# -ge 2 ] || die "--bucket needs a name"; buckets+=("$2"); shift 2 ;;
      *) die "unknown option $1" ;;
    esac
  done
  alive "$DIR/s3rver.pid" && die "s3rver already runs in $DIR (s3rver.sh down $DIR)"
  find_s3rver
  mkdir -p "$DIR/data"
  rm -f "$DIR/s3.env" "$DIR/s3rver.out"
  local args=(-d "$DIR/data" -a 127.0.0.1 -p 0 --silent)
  for b in "${buckets[@]}"; do args+=(--configure-bucket "$b"); done
  # --openssl-legacy-provider: s3rver's ListObjectsV2 continuation tokens use DES, which
  # OpenSSL 3 (Node >= 17) has only in its legacy provider; without it any truncated listing
  # answers 500 (docs/research/files-mode-facts.md §5).
  NODE_OPTIONS=--openssl-legacy-provider setsid "$s3rver_bin" "${args[@]}" \
    </dev/null >"$DIR/s3rver.out" 2>&1 &
  echo $! >"$DIR/s3rver.pid"
  # It prints "S3rver listening on 127.0.0.1:<port>" once it listens.
  local port=""
  for _ in $(seq 1 400); do
    port=$(sed -n 's/^S3rver listening on 127\.0\.0\.1:\([0-9][0-9]*\)$/\1/p' "$DIR/s3rver.out")
    [ -n "$port" ] && break
    alive "$DIR/s3rver.pid" || die "s3rver exited, see $DIR/s3rver.out"
    sleep 0.05
  done
  [ -n "$port" ] || die "s3rver did not start listening, see $DIR/s3rver.out"
  local endpoint="http://127.0.0.1:$port"
  # It answers a request (ListBuckets, anonymous: s3rver allows it).
  curl -sf -o /dev/null --noproxy '*' --max-time 10 "$endpoint/" ||
    die "s3rver does not answer on $endpoint"
  umask 077
  {
    echo "# written by tests/s3/s3rver.sh up; source it"
    printf 'export EXL_S3_ENDPOINT=%q EXL_S3_ACCESS_KEY=S3RVER EXL_S3_SECRET_KEY=S3RVER\n' "$endpoint"
    printf 'export EXL_S3_DATA_DIR=%q\n' "$DIR/data"
  } >"$DIR/s3.env"
  chmod 600 "$DIR/s3.env"
  echo "s3rver: pid $(cat "$DIR/s3rver.pid") $endpoint buckets: ${buckets[*]:-none}"
}

down() {
  stop_pid "$DIR/s3rver.pid"
}

status() {
  if alive "$DIR/s3rver.pid"; then
    echo "s3rver: pid $(cat "$DIR/s3rver.pid") $(. "$DIR/s3.env"; echo "$EXL_S3_ENDPOINT")"
  else
    echo "s3rver: not running"
    return 1
  fi
}

[ $# -ge 2 ] || die "usage: s3rver.sh up|down|status DIR [--bucket NAME]..."
cmd=$1
DIR=$(mkdir -p "$2" && cd "$2" && pwd)
shift 2
case "$cmd" in
  up) up "$@" ;;
  down) down ;;
  status) status ;;
  *) die "usage: s3rver.sh up|down|status DIR [--bucket NAME]..." ;;
esac
