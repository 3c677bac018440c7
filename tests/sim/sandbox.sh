#!/usr/bin/env bash
# A two-cluster StarRocks sandbox: clusters `src` and `dst`, each one MariaDB server
# (tests/support/mariadb.sh) plus one srsim on free loopback ports. Everything lives in DIR.
#   sandbox.sh up DIR [--version V] [--src-version V] [--dst-version V] [--also-dst V]...
#       starts both clusters, waits until they answer, writes DIR/sandbox.env (shell-sourceable:
#       SRC_PORT, SRC_HTTP_PORT, SRC_RPC_PORT, SRC_BE_HTTP_PORT (the simulated BE's http port,
#       where the FE's Stream Load 307 points), SRC_MARIADB_SOCKET, SRC_USER, SRC_PASSWORD,
#       SRC_VERSION, the same for DST, EXL_SRC_PASSWORD/EXL_DST_PASSWORD exported) and
#       DIR/exlSchema.yaml (both 600). Each --also-dst V adds one more target cluster of
#       StarRocks V, named dst<major><minor> (--also-dst 2.5.22 -> cluster dst25, variables
#       DST25_PORT, ...), so that tests can run the same statements against every release.
#       It also starts the test object store of -o files (tests/s3/s3rver.sh, in DIR/s3) with
#       buckets exl-src and exl-dst, and sandbox.env exports its EXL_S3_ENDPOINT,
#       EXL_S3_ACCESS_KEY, EXL_S3_SECRET_KEY (and EXL_S3_SRC_BUCKET=exl-src,
#       EXL_S3_DST_BUCKET=exl-dst).
#   sandbox.sh down DIR      stops what `up` started (by pid files); removes nothing.
#   sandbox.sh status DIR    says what runs.
# srsim binary: $SRSIM_BIN, else build/tests/sim/srsim in this repository. Its MariaDB UDF library
# (StarRocks's hash functions, tests/sim/udf): $SRSIM_UDF, else srsim_udf.so next to the binary;
# each MariaDB server gets a copy in its plugin directory (tests/support/mariadb.sh).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
mariadb_sh="$repo/tests/support/mariadb.sh"
s3rver_sh="$repo/tests/s3/s3rver.sh"
clusters=(src dst) # `up` adds the --also-dst clusters and records the list in DIR/clusters

die() { echo "sandbox.sh: $*" >&2; exit 1; }
# shellcheck source=../support/pids.sh
. "$repo/tests/support/pids.sh"
random_password() { echo "sr$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"; }

# Waits until srsim in $1 wrote its ready file (it does so once all ports listen).
wait_ready() {
  local dir=$1 pidfile=$2
  for _ in $(seq 1 200); do
    [ -f "$dir/srsim.ready" ] && return 0
    alive "$pidfile" || die "srsim exited, see $dir/srsim.log and ${dir%/srsim}/srsim.out"
    sleep 0.05
  done
  die "srsim did not become ready, see $dir/srsim.log"
}

# Sets srsim_bin and exports SRSIM_UDF (mariadb.sh reads it), or dies naming what is missing.
find_srsim() {
  srsim_bin=${SRSIM_BIN:-$repo/build/tests/sim/srsim}
  [ -x "$srsim_bin" ] || die "srsim binary not found: $srsim_bin (build it or set SRSIM_BIN)"
  export SRSIM_UDF=${SRSIM_UDF:-$(dirname "$srsim_bin")/srsim_udf.so}
  [ -f "$SRSIM_UDF" ] || die "srsim's UDF library not found: $SRSIM_UDF (build the srsim_udf target or set SRSIM_UDF)"
}

start_srsim() {
  local c=$1 version=$2 cdir="$DIR/$1"
  local bin=$srsim_bin
  umask 077
  [ -f "$cdir/root.password" ] || random_password >"$cdir/root.password"
  (. "$cdir/mariadb/mariadb.env"; printf '%s\n' "$MARIADB_PASSWORD") >"$cdir/storage.password"
  local m_port m_socket
  m_port=$(. "$cdir/mariadb/mariadb.env"; echo "$MARIADB_PORT")
  m_socket=$(. "$cdir/mariadb/mariadb.env"; echo "$MARIADB_SOCKET")
  mkdir -p "$cdir/srsim"
  rm -f "$cdir/srsim/srsim.ready"
  setsid "$bin" --name "$c" --version "$version" --data-dir "$cdir/srsim" \
    --storage-host 127.0.0.1 --storage-port "$m_port" --storage-socket "$m_socket" \
    --storage-user root --storage-password-file "$cdir/storage.password" \
    --root-password-file "$cdir/root.password" </dev/null >"$cdir/srsim.out" 2>&1 &
  echo $! >"$cdir/srsim.pid"
}

# Proves the cluster answers a real login (COM_PING through the stock client).
check_answers() {
  local c=$1 port=$2 cdir="$DIR/$1"
  MYSQL_PWD=$(cat "$cdir/root.password") mariadb-admin --no-defaults -h127.0.0.1 -P"$port" \
    -uroot ping >/dev/null 2>&1 || die "$c does not answer on port $port"
}

write_env() {
  umask 077
  {
    echo "# written by tests/sim/sandbox.sh up; source it"
    for c in "${clusters[@]}"; do
      local C; C=$(echo "$c" | tr a-z A-Z)
      local cdir="$DIR/$c" pw; pw=$(cat "$cdir/root.password")
      (
        . "$cdir/srsim/srsim.ready"
        . "$cdir/mariadb/mariadb.env"
        # %q keeps paths with spaces sourceable.
        printf 'export %s_PORT=%q %s_HTTP_PORT=%q %s_RPC_PORT=%q %s_BE_HTTP_PORT=%q\n' \
          "$C" "$PORT" "$C" "$HTTP_PORT" "$C" "$RPC_PORT" "$C" "$BE_HTTP_PORT"
        printf 'export %s_USER=root %s_PASSWORD=%q EXL_%s_PASSWORD=%q\n' "$C" "$C" "$pw" "$C" "$pw"
        printf 'export %s_MARIADB_SOCKET=%q %s_MARIADB_PORT=%q\n' \
          "$C" "$MARIADB_SOCKET" "$C" "$MARIADB_PORT"
        printf 'export %s_MARIADB_USER=%q %s_MARIADB_PASSWORD=%q\n' \
          "$C" "$MARIADB_USER" "$C" "$MARIADB_PASSWORD"
        printf 'export %s_DATA_DIR=%q %s_VERSION=%q\n' "$C" "$cdir/srsim" "$C" "$(cat "$cdir/version")"
      )
    done
    grep -v '^#' "$DIR/s3/s3.env"
    echo "export EXL_S3_SRC_BUCKET=exl-src EXL_S3_DST_BUCKET=exl-dst"
  } >"$DIR/sandbox.env"
  chmod 600 "$DIR/sandbox.env"
}

write_yaml() {
  umask 077
  {
    echo "# written by tests/sim/sandbox.sh up; passwords come from sandbox.env"
    echo "clusters:"
    for c in "${clusters[@]}"; do
      local C; C=$(echo "$c" | tr a-z A-Z)
      (
        . "$DIR/$c/srsim/srsim.ready"
        printf '  %s:\n    host: 127.0.0.1\n    port: %s\n    http_port: %s\n    rpc_port: %s\n' \
          "$c" "$PORT" "$HTTP_PORT" "$RPC_PORT"
        printf '    user: root\n    password_env: EXL_%s_PASSWORD\n' "$C"
      )
    done
  } >"$DIR/exlSchema.yaml"
  chmod 600 "$DIR/exlSchema.yaml"
}

# The clusters a sandbox in DIR has (src and dst unless `up` recorded more).
read_clusters() {
  if [ -f "$DIR/clusters" ]; then read -r -a clusters <"$DIR/clusters"; fi
}

up() {
  local version=3.3.5 src_version="" dst_version="" also=()
  while [ $# -gt 0 ]; do
    case "$1" in
      --version) version=$2; shift 2 ;;
      --src-version) src_version=$2; shift 2 ;;
      --dst-version) dst_version=$2; shift 2 ;;
      --also-dst) also+=("$2"); shift 2 ;;
      *) die "unknown option $1" ;;
    esac
  done
  find_srsim
  mkdir -p "$DIR"
  read_clusters
  for c in "${clusters[@]}"; do
    alive "$DIR/$c/srsim.pid" && die "a sandbox already runs in $DIR (sandbox.sh down $DIR)"
  done
  alive "$DIR/s3/s3rver.pid" && die "a sandbox already runs in $DIR (sandbox.sh down $DIR)"
  clusters=(src dst)
  for v in "${also[@]}"; do
    [[ $v =~ ^([0-9]+)\.([0-9]+)\.[0-9]+$ ]] || die "--also-dst needs MAJOR.MINOR.PATCH, got $v"
    clusters+=("dst${BASH_REMATCH[1]}${BASH_REMATCH[2]}")
  done
  echo "${clusters[*]}" >"$DIR/clusters"
  for c in "${clusters[@]}"; do mkdir -p "$DIR/$c"; done
  echo "${src_version:-$version}" >"$DIR/src/version"
  echo "${dst_version:-$version}" >"$DIR/dst/version"
  local i=2
  for v in "${also[@]}"; do echo "$v" >"$DIR/${clusters[$i]}/version"; i=$((i + 1)); done
  # Both MariaDB servers start in parallel: that is most of the start-up time.
  local pids=()
  for c in "${clusters[@]}"; do
    # A private TMPDIR: concurrent mariadb-install-db runs collide in a shared /tmp.
    mkdir -p "$DIR/$c/tmp"
    TMPDIR="$DIR/$c/tmp" "$mariadb_sh" start "$DIR/$c/mariadb" & pids+=($!)
  done
  # The object store starts meanwhile.
  "$s3rver_sh" up "$DIR/s3" --bucket exl-src --bucket exl-dst >/dev/null & local s3_pid=$!
  for p in "${pids[@]}"; do wait "$p" || die "a MariaDB server did not start (see $DIR/*/mariadb)"; done
  wait "$s3_pid" || die "the object store did not start (see $DIR/s3/s3rver.out)"
  for c in "${clusters[@]}"; do start_srsim "$c" "$(cat "$DIR/$c/version")"; done
  for c in "${clusters[@]}"; do
    wait_ready "$DIR/$c/srsim" "$DIR/$c/srsim.pid"
    check_answers "$c" "$(. "$DIR/$c/srsim/srsim.ready"; echo "$PORT")"
  done
  write_env
  write_yaml
  summary
}

summary() {
  for c in "${clusters[@]}"; do
    if alive "$DIR/$c/srsim.pid" && [ -f "$DIR/$c/srsim/srsim.ready" ]; then
      (. "$DIR/$c/srsim/srsim.ready"
       echo "$c: StarRocks $(cat "$DIR/$c/version") (srsim pid $PID) port $PORT http $HTTP_PORT rpc $RPC_PORT be_http $BE_HTTP_PORT")
    else
      echo "$c: not running"
    fi
  done
  "$s3rver_sh" status "$DIR/s3" 2>/dev/null || true
  echo "env: source $DIR/sandbox.env; config: $DIR/exlSchema.yaml"
}

down() {
  local pids=()
  for c in "${clusters[@]}"; do
    [ -d "$DIR/$c" ] || continue
    stop_pid "$DIR/$c/srsim.pid"
    "$mariadb_sh" stop "$DIR/$c/mariadb" & pids+=($!)
  done
  [ -d "$DIR/s3" ] && "$s3rver_sh" down "$DIR/s3"
  for p in "${pids[@]}"; do wait "$p" || true; done
}

status() {
  local rc=0
  for c in "${clusters[@]}"; do
    alive "$DIR/$c/srsim.pid" || rc=1
    alive "$DIR/$c/mariadb/mariadbd.pid" || rc=1
  done
  alive "$DIR/s3/s3rver.pid" || rc=1
  summary
  return $rc
}

[ $# -ge 2 ] || die "usage: sandbox.sh up|down|status DIR [--version V]"
cmd=$1
DIR=$(mkdir -p "$2" && cd "$2" && pwd)
shift 2
case "$cmd" in
  up) up "$@" ;;
  down) read_clusters; down ;;
  status) read_clusters; status ;;
  *) die "usage: sandbox.sh up|down|status DIR [--version V]" ;;
esac
