#!/usr/bin/env bash
# End-to-end: an alias that is not in the file is looked up in the registry table on a real
# server (a private MariaDB stands in for the registry cluster: it only answers one SELECT), with
# a password stored as TO_BASE64(AES_ENCRYPT(pw, key)) computed by that server. The run gets past
# alias resolution (a meta run without scs.home stops there, exit 2), an alias in neither place is named
# with the registry's aliases, and no password reaches the output, not even with -v.
# Usage: bash registry.sh /path/to/exlSchema
set -u
BIN=$(realpath "${1:?usage: registry.sh /path/to/exlSchema}")
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d)
DB=$WORK/mariadb
cleanup() {
  "$HERE/../support/mariadb.sh" stop "$DB" >/dev/null 2>&1
  rm -rf "$WORK"
}
trap cleanup EXIT
"$HERE/../support/mariadb.sh" start "$DB" >/dev/null || { echo "FAIL: cannot start MariaDB"; exit 1; }
# shellcheck disable=SC1091
source "$DB/mariadb.env"
export EXL_REG_PW=$MARIADB_PASSWORD EXL_REG_KEY=reg-key-2026
sql() { printf '%s;\n' "$1" | MYSQL_PWD="$MARIADB_PASSWORD" mariadb --no-defaults -h127.0.0.1 -P"$MARIADB_PORT" -u"$MARIADB_USER" -N -B; }
sql "CREATE DATABASE exl_meta; CREATE TABLE exl_meta.clusters (alias VARCHAR(64), host VARCHAR(255),
  port INT, http_port INT, rpc_port INT, user VARCHAR(64), password VARCHAR(512));
  INSERT INTO exl_meta.clusters VALUES
  ('far_a', '192.0.2.10', 9030, NULL, NULL, 'u', TO_BASE64(AES_ENCRYPT('far-secret-pw', 'reg-key-2026'))),
  ('far_b', '192.0.2.11', 9031, 8031, 9021, 'u', TO_BASE64(AES_ENCRYPT('far-other-pw', 'reg-key-2026')));" \
  || { echo "FAIL: cannot create the registry table"; exit 1; }

cat >"$WORK/exl.yaml" <<YAML
clusters:
  reg: {host: 127.0.0.1, port: $MARIADB_PORT, user: $MARIADB_USER, password_env: EXL_REG_PW}
registry:
  cluster: reg
  table: exl_meta.clusters
  password_column_key_env: EXL_REG_KEY
YAML
chmod 600 "$WORK/exl.yaml"

failures=0
check() { # what expected_code expected_text args...
  local what=$1 code=$2 text=$3
  shift 3
  local out rc
  out=$(timeout 20 "$BIN" "$@" -config "$WORK/exl.yaml" 2>&1)
  rc=$?
  if [[ $rc -ne $code || $out != *"$text"* ]]; then
    echo "FAIL: $what: exit $rc, output: $out"
    failures=$((failures + 1))
  fi
  if [[ $out == *far-secret-pw* || $out == *far-other-pw* || $out == *"$MARIADB_PASSWORD"* || $out == *reg-key-2026* ]]; then
    echo "FAIL: $what: a secret appears in the output: $out"
    failures=$((failures + 1))
  fi
}

check "aliases from the registry" 2 "-o meta needs scs.home" \
  -source far_a -target far_b -t d.t -o meta
check "verbose run shows no secret" 2 "far_a (u@192.0.2.10:9030) -> far_b (u@192.0.2.11:9031)" \
  -source far_a -target far_b -t d.t -o meta -v
check "unknown alias lists the registry" 2 "unknown cluster alias 'nope' for -target" \
  -source far_a -target nope -t d.t -o v2
check "known aliases include registry rows" 2 "reg, far_a, far_b" \
  -source far_a -target nope -t d.t -o v2
EXL_REG_KEY=wrong-key check "wrong column key" 2 "does not decrypt" \
  -source far_a -target far_b -t d.t -o v2

echo "registry.sh: $failures failure(s)"
[[ $failures -eq 0 ]]
