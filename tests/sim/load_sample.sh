#!/usr/bin/env bash
# Loads a sample data set into the `src` cluster of a running sandbox (tests/sim/sandbox.sh),
# through srsim's wire protocol so that the StarRocks metadata (partitions, versions) is right.
#   load_sample.sh DIR [--rows N]     DIR is the sandbox directory (DIR/sandbox.env); N rows
#                                     (default 1000000) go into demo.events.
# Creates database `demo` with: events (daily RANGE partitions, DUPLICATE KEY, 90 partitions),
# users (PRIMARY KEY), sales (AGGREGATE KEY), regions (unpartitioned), shops (LIST partitions),
# logs (expression partitioning date_trunc('day')), and the view events_per_day.
set -euo pipefail

die() { echo "load_sample.sh: $*" >&2; exit 1; }

[ $# -ge 1 ] || die "usage: load_sample.sh DIR [--rows N]"
dir=$1
shift
rows=1000000
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) rows=${2:?--rows needs a number}; shift 2 ;;
    *) die "unknown argument: $1" ;;
  esac
done
[[ "$rows" =~ ^[0-9]+$ ]] || die "--rows must be a number"
[ -f "$dir/sandbox.env" ] || die "$dir/sandbox.env not found (start the sandbox first)"
# shellcheck disable=SC1091
. "$dir/sandbox.env"

sql() {
  MYSQL_PWD="$SRC_PASSWORD" mariadb --no-defaults -h127.0.0.1 -P"$SRC_PORT" -u"$SRC_USER" \
    --batch --skip-column-names -e "$1"
}

echo "load_sample: creating demo on src (port $SRC_PORT)"
sql "DROP DATABASE IF EXISTS demo"
sql "CREATE DATABASE demo"

# A numbers table 0..9999, built from a digits table: bulk rows come from joins over it, so the
# generation runs inside the storage server instead of crossing the wire row by row.
sql "CREATE TABLE demo.digits (n INT) DUPLICATE KEY(n) DISTRIBUTED BY HASH(n) BUCKETS 1"
sql "INSERT INTO demo.digits VALUES (0),(1),(2),(3),(4),(5),(6),(7),(8),(9)"
sql "CREATE TABLE demo.seq (n INT) DUPLICATE KEY(n) DISTRIBUTED BY HASH(n) BUCKETS 1"
sql "INSERT INTO demo.seq SELECT a.n + 10 * b.n + 100 * c.n + 1000 * d.n
     FROM demo.digits a, demo.digits b, demo.digits c, demo.digits d"

sql "CREATE TABLE demo.events (
       dt DATE NOT NULL, id BIGINT NOT NULL, user_id INT, kind VARCHAR(16), amount DECIMAL(12, 2)
     ) DUPLICATE KEY(dt, id)
     PARTITION BY RANGE(dt) (
       START ('2024-01-01') END ('2024-03-31') EVERY (INTERVAL 1 DAY)
     )
     DISTRIBUTED BY HASH(id) BUCKETS 8
     PROPERTIES ('replication_num' = '1')"

# Chunks of up to 200,000 rows: id = a.n + 10000 * b.n.
chunk=20
for ((lo = 0; lo * 10000 < rows; lo += chunk)); do
  sql "INSERT INTO demo.events
       SELECT DATE_ADD('2024-01-01', INTERVAL (id % 90) DAY), id, id % 5000,
              ELT(1 + id % 4, 'view', 'click', 'cart', 'buy'), (id % 10000) / 100
       FROM (SELECT a.n + 10000 * b.n AS id FROM demo.seq a, demo.seq b
             WHERE b.n >= $lo AND b.n < $((lo + chunk))) x
       WHERE id < $rows"
done

sql "CREATE TABLE demo.users (user_id INT NOT NULL, name VARCHAR(64), city VARCHAR(32))
     PRIMARY KEY(user_id) DISTRIBUTED BY HASH(user_id) BUCKETS 4"
sql "INSERT INTO demo.users SELECT n, CONCAT('user_', n), ELT(1 + n % 3, 'LA', 'NY', 'SF')
     FROM demo.seq WHERE n < 5000"

sql "CREATE TABLE demo.sales (dt DATE NOT NULL, shop_id INT NOT NULL, total DECIMAL(18, 2) SUM,
       orders BIGINT SUM, last_order DATETIME MAX)
     AGGREGATE KEY(dt, shop_id) DISTRIBUTED BY HASH(shop_id) BUCKETS 4"
sql "INSERT INTO demo.sales SELECT dt, user_id % 20, SUM(amount), COUNT(*), MAX(dt)
     FROM demo.events WHERE dt < '2024-01-15' GROUP BY dt, user_id % 20"

sql "CREATE TABLE demo.regions (region_id INT, name VARCHAR(32)) DUPLICATE KEY(region_id)
     DISTRIBUTED BY HASH(region_id) BUCKETS 1"
sql "INSERT INTO demo.regions VALUES (1, 'west'), (2, 'east'), (3, 'north'), (4, 'south')"

sql "CREATE TABLE demo.shops (shop_id INT NOT NULL, city VARCHAR(32) NOT NULL, name VARCHAR(64))
     DUPLICATE KEY(shop_id)
     PARTITION BY LIST(city) (PARTITION pLA VALUES IN ('LA'), PARTITION pNY VALUES IN ('NY'),
                              PARTITION pSF VALUES IN ('SF'))
     DISTRIBUTED BY HASH(shop_id) BUCKETS 2"
sql "INSERT INTO demo.shops SELECT n, ELT(1 + n % 3, 'LA', 'NY', 'SF'), CONCAT('shop_', n)
     FROM demo.seq WHERE n < 20"

sql "CREATE TABLE demo.logs (ts DATETIME NOT NULL, level VARCHAR(8), message VARCHAR(256))
     DUPLICATE KEY(ts) PARTITION BY date_trunc('day', ts) DISTRIBUTED BY RANDOM"
sql "INSERT INTO demo.logs SELECT DATE_ADD('2024-02-01 00:00:00', INTERVAL n * 7 MINUTE),
       ELT(1 + n % 3, 'INFO', 'WARN', 'ERROR'), CONCAT('message ', n)
     FROM demo.seq WHERE n < 3000"

sql "CREATE VIEW demo.events_per_day AS SELECT dt, COUNT(*) AS events FROM demo.events GROUP BY dt"

sql "DROP TABLE demo.digits"
sql "DROP TABLE demo.seq"
echo "load_sample: demo.events has $(sql 'SELECT COUNT(*) FROM demo.events') rows"
