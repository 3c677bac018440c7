#!/usr/bin/env bash
# make_home.sh DIR BIN: lays out an scs home for the stand-in the way the real tarball
# (starrocks-cluster-sync.tar.gz) is laid out: DIR/bin/start.sh, DIR/bin/stop.sh,
# DIR/conf/sync.properties (the docs' default file, verbatim), DIR/conf/hosts.properties (the
# docs' default, one comment line), DIR/lib/scs_standin (a symlink to BIN), DIR/log/.
# Existing files in DIR are overwritten. docs/scs-standin.md.
set -euo pipefail
if [[ $# -ne 2 ]]; then
  echo "usage: $0 DIR BIN" >&2
  exit 2
fi
dir="$1"
bin="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"
src="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/home"
if [[ ! -x "$bin" ]]; then
  echo "$0: $bin is not an executable" >&2
  exit 2
fi
mkdir -p "$dir/bin" "$dir/conf" "$dir/lib" "$dir/log"
cp "$src/bin/start.sh" "$src/bin/stop.sh" "$dir/bin/"
chmod 755 "$dir/bin/start.sh" "$dir/bin/stop.sh"
cp "$src/conf/sync.properties" "$src/conf/hosts.properties" "$dir/conf/"
ln -sfn "$bin" "$dir/lib/scs_standin"
