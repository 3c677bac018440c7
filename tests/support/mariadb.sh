#!/usr/bin/env bash
# Starts and stops a private MariaDB server for tests and for the srsim sandbox.
#   tests/support/mariadb.sh start DIR   -> datadir DIR/data, socket DIR/mysqld.sock, a free
#                                           loopback port; writes DIR/mariadb.env and waits until
#                                           the server answers.
#   tests/support/mariadb.sh stop DIR    -> stops the server started in DIR (removes nothing).
# The root account gets a random non-empty password (in DIR/mariadb.env, mode 600).
# Plugins load from DIR/plugin: links to every file of the system plugin directory, plus a copy of
# srsim's UDF library when $SRSIM_UDF names it (srsim creates its functions from that library and
# refuses to start without it; tests/sim/udf/srsim_udf.cpp).
set -euo pipefail

die() { echo "mariadb.sh: $*" >&2; exit 1; }

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

pick_port() {
  local p
  for _ in $(seq 1 200); do
    p=$((20000 + RANDOM % 40000))
    port_in_use "$p" || { echo "$p"; return 0; }
  done
  die "no free loopback port found"
}

mariadbd_bin() {
  command -v mariadbd 2>/dev/null || { [ -x /usr/sbin/mariadbd ] && echo /usr/sbin/mariadbd; } \
    || die "mariadbd not found (apt-get install mariadb-server)"
}

system_plugin_dir() {
  "$1" --no-defaults --verbose --help 2>/dev/null | awk '$1 == "plugin-dir" { print $2; exit }'
}

# The UDF library is copied, not linked: a rebuild must not change it under a running server.
prepare_plugin_dir() {
  local bin=$1 dir=$2 sys f
  sys=$(system_plugin_dir "$bin")
  sys=${sys%/}
  [ -n "$sys" ] && [ -d "$sys" ] || die "cannot find MariaDB's plugin directory ($bin --verbose --help)"
  rm -rf "$dir/plugin"
  mkdir -p "$dir/plugin"
  for f in "$sys"/*; do ln -s "$f" "$dir/plugin/"; done
  if [ -n "${SRSIM_UDF:-}" ]; then
    [ -f "$SRSIM_UDF" ] || die "SRSIM_UDF names no file: $SRSIM_UDF (build the srsim_udf target)"
    cp "$SRSIM_UDF" "$dir/plugin/srsim_udf.so"
  fi
}

start() {
  local dir; dir=$(mkdir -p "$1" && cd "$1" && pwd)
  [ -f "$dir/mariadbd.pid" ] && kill -0 "$(cat "$dir/mariadbd.pid")" 2>/dev/null \
    && die "a server already runs in $dir"
  local user_opt=(); [ "$(id -u)" = 0 ] && user_opt=(--user=root)
  if [ ! -d "$dir/data/mysql" ]; then
    mkdir -p "$dir/data"
    mariadb-install-db --no-defaults --datadir="$dir/data" "${user_opt[@]}" \
      --auth-root-authentication-method=normal --skip-test-db >"$dir/install.log" 2>&1 \
      || die "mariadb-install-db failed, see $dir/install.log"
  fi
  local bin port attempt
  bin=$(mariadbd_bin)
  prepare_plugin_dir "$bin" "$dir"
  # The server's own temporary files stay in DIR, not in the shared /tmp where another process's
  # clean-up could remove them under a running query.
  mkdir -p "$dir/tmp"
  for attempt in 1 2 3 4 5; do
    port=$(pick_port)
    "$bin" --no-defaults --datadir="$dir/data" --socket="$dir/mysqld.sock" --port="$port" \
      --bind-address=127.0.0.1 --pid-file="$dir/mariadbd.pid" --log-error="$dir/mariadbd.err" \
      --tmpdir="$dir/tmp" --plugin-dir="$dir/plugin" --plugin-load-add=ha_federatedx --federated=ON --max-connections=500 \
      --innodb-buffer-pool-size=64M --innodb-log-file-size=32M --skip-name-resolve \
      --character-set-server=utf8mb4 --collation-server=utf8mb4_general_ci \
      --sql-mode=STRICT_TRANS_TABLES,NO_ENGINE_SUBSTITUTION "${user_opt[@]}" \
      >/dev/null 2>&1 &
    local pid=$!
    for _ in $(seq 1 300); do
      # ping answers 0 as soon as the server is up, even when access would be denied.
      mariadb-admin --no-defaults --socket="$dir/mysqld.sock" -uroot ping >/dev/null 2>&1 && break
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -0 "$pid" 2>/dev/null && break
    [ "$attempt" = 5 ] && die "mariadbd did not start, see $dir/mariadbd.err"
  done
  if [ ! -f "$dir/mariadb.env" ]; then
    local pw; pw="pw$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
    # The statements go on stdin, not in argv, so the password never shows in `ps`.
    mariadb --no-defaults --socket="$dir/mysqld.sock" -uroot <<SQL || die "could not set the root password"
ALTER USER 'root'@'localhost' IDENTIFIED BY '$pw';
CREATE OR REPLACE USER 'root'@'127.0.0.1' IDENTIFIED BY '$pw';
GRANT ALL ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;
FLUSH PRIVILEGES;
SQL
    umask 077
    printf 'MARIADB_PASSWORD=%s\n' "$pw" >"$dir/mariadb.env"
  fi
  local pw; pw=$(. "$dir/mariadb.env"; echo "$MARIADB_PASSWORD")
  umask 077
  cat >"$dir/mariadb.env" <<ENV
MARIADB_HOST=127.0.0.1
MARIADB_PORT=$port
MARIADB_SOCKET=$dir/mysqld.sock
MARIADB_USER=root
MARIADB_PASSWORD=$pw
MARIADB_PID=$(cat "$dir/mariadbd.pid")
ENV
}

stop() {
  local dir="$1"
  [ -f "$dir/mariadbd.pid" ] || return 0
  local pid; pid=$(cat "$dir/mariadbd.pid")
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$dir/mariadbd.pid"
}

case "${1:-}" in
  start) [ $# -eq 2 ] || die "usage: mariadb.sh start DIR"; start "$2" ;;
  stop) [ $# -eq 2 ] || die "usage: mariadb.sh stop DIR"; stop "$2" ;;
  *) die "usage: mariadb.sh start|stop DIR" ;;
esac
